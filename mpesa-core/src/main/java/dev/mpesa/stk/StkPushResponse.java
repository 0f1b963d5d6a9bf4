package dev.mpesa.stk;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Daraja's acknowledgement of an STK push: the prompt is on its way. The payment's outcome comes
 * later, in the callback (or from {@link StkService#query(String)}).
 *
 * @param merchantRequestId {@code MerchantRequestID}
 * @param checkoutRequestId {@code CheckoutRequestID}: keep it, to query and to match the callback
 * @param responseCode {@code ResponseCode}, {@code "0"} when accepted
 * @param responseDescription {@code ResponseDescription}
 * @param customerMessage {@code CustomerMessage}
 */
public record StkPushResponse(
    @JsonProperty("MerchantRequestID") String merchantRequestId,
    @JsonProperty("CheckoutRequestID") String checkoutRequestId,
    @JsonProperty("ResponseCode") String responseCode,
    @JsonProperty("ResponseDescription") String responseDescription,
    @JsonProperty("CustomerMessage") String customerMessage) {}
