package dev.mpesa.result;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Daraja's synchronous answer to an asynchronous request (B2C, B2B, tax, account balance,
 * transaction status, reversal, C2B registration...): the request was accepted for processing,
 * nothing more. The outcome arrives later at the request's {@code ResultURL} (or {@code
 * QueueTimeOutURL}); keep both ids to match it.
 *
 * <p>A non-{@code "0"} {@code ResponseCode} is never returned as an acknowledgement: the SDK raises
 * it as an error.
 *
 * @param originatorConversationId {@code OriginatorConversationID}; also read from C2B's misspelt
 *     {@code OriginatorCoversationID}
 * @param conversationId {@code ConversationID}; null where Daraja sends none (C2B registration)
 * @param responseCode {@code ResponseCode}, {@code "0"} when accepted
 * @param responseDescription {@code ResponseDescription}
 */
public record Acknowledgement(
    @JsonProperty("OriginatorConversationID") @JsonAlias("OriginatorCoversationID")
        String originatorConversationId,
    @JsonProperty("ConversationID") String conversationId,
    @JsonProperty("ResponseCode") String responseCode,
    @JsonProperty("ResponseDescription") String responseDescription) {}
