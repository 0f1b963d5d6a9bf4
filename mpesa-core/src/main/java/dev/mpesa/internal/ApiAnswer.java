package dev.mpesa.internal;

import dev.mpesa.result.DarajaError;
import java.time.Duration;

/**
 * What Daraja answered when it answered with an error, as the SDK read it: what an {@code
 * MpesaApiException} carries.
 *
 * @param operation the SDK operation, such as {@code stk.push}
 * @param httpStatus the HTTP status of the answer
 * @param errorCode Daraja's {@code errorCode}, or null
 * @param errorMessage Daraja's {@code errorMessage} (redacted), or null
 * @param requestId Daraja's {@code requestId}, or null
 * @param error the SDK's classification
 * @param retryAfter the answer's {@code Retry-After}, or null
 */
public record ApiAnswer(
    String operation,
    int httpStatus,
    String errorCode,
    String errorMessage,
    String requestId,
    DarajaError error,
    Duration retryAfter) {}
