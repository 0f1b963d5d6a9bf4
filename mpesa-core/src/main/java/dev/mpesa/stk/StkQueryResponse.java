package dev.mpesa.stk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ResultCode;

/**
 * What Daraja says about an STK push when queried.
 *
 * <p>While the customer has not answered, Daraja replies with an error ({@code 500.001.1001 The
 * transaction is being processed}); the SDK turns that into a response whose {@link #status()} is
 * {@link PaymentStatus#PENDING} and whose {@link #resultCode()} is null. The query never carries
 * the amount or the receipt number: those come in the callback.
 *
 * @param responseCode {@code ResponseCode} ({@code "0"}: the query itself was accepted); null when
 *     pending
 * @param responseDescription {@code ResponseDescription}, or Daraja's message when pending
 * @param merchantRequestId {@code MerchantRequestID}; null when pending
 * @param checkoutRequestId {@code CheckoutRequestID}
 * @param resultCode the payment's {@code ResultCode}, or null while pending
 * @param resultDesc {@code ResultDesc}
 */
public record StkQueryResponse(
    String responseCode,
    String responseDescription,
    String merchantRequestId,
    String checkoutRequestId,
    ResultCode resultCode,
    String resultDesc) {

  @JsonCreator
  static StkQueryResponse fromJson(
      @JsonProperty("ResponseCode") String responseCode,
      @JsonProperty("ResponseDescription") String responseDescription,
      @JsonProperty("MerchantRequestID") String merchantRequestId,
      @JsonProperty("CheckoutRequestID") String checkoutRequestId,
      @JsonProperty("ResultCode") String resultCode,
      @JsonProperty("ResultDesc") String resultDesc) {
    return new StkQueryResponse(
        responseCode,
        responseDescription,
        merchantRequestId,
        checkoutRequestId,
        resultCode == null || resultCode.isBlank() ? null : new ResultCode(resultCode),
        resultDesc);
  }

  static StkQueryResponse pending(String checkoutRequestId, String message) {
    return new StkQueryResponse(null, message, null, checkoutRequestId, null, null);
  }

  /**
   * Where the payment stands: {@link PaymentStatus#PENDING} while the customer has not answered
   * (and for {@code 4999}), else the meaning of {@link #resultCode()}.
   */
  public PaymentStatus status() {
    return resultCode == null ? PaymentStatus.PENDING : resultCode.stk().status();
  }

  /** Whether the payment went through ({@code ResultCode} 0). */
  public boolean isPaid() {
    return resultCode != null && resultCode.isSuccess();
  }
}
