package dev.mpesa.ratiba;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Daraja's synchronous answer to a standing-order request: accepted for processing, nothing more.
 * The customer still has to confirm with a PIN; the outcome (with the M-Pesa {@code TransactionID})
 * arrives at the request's {@code CallBackURL}.
 *
 * <p>Ratiba has its own envelope, {@code ResponseHeader} and {@code ResponseBody}, not the {@code
 * ResponseCode} of the other APIs, and its key casing varies ({@code ResponseHeader} in the
 * acknowledgement sample, {@code responseHeader} in callbacks): every key is read
 * case-insensitively. {@code responseCode} is HTTP-like ({@code "200"} accepted) here and {@code
 * "0"} in the callback. The SDK returns this record only for an accepted request.
 *
 * @param header {@code ResponseHeader}; null if the answer had none
 * @param body {@code ResponseBody}; null if the answer had none
 */
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record StandingOrderResponse(
    @JsonProperty("ResponseHeader") Header header, @JsonProperty("ResponseBody") Body body) {

  /**
   * {@code responseRefID}: Daraja's id of this request, unique per request; keep it to trace the
   * request with Safaricom.
   */
  public String responseRefId() {
    return header == null ? null : header.responseRefId();
  }

  /** {@code responseCode} of the header, or of the body if the header has none. */
  public String responseCode() {
    if (header != null && header.responseCode() != null) {
      return header.responseCode();
    }
    return body == null ? null : body.responseCode();
  }

  /** {@code responseDescription} of the header, or of the body if the header has none. */
  public String responseDescription() {
    if (header != null && header.responseDescription() != null) {
      return header.responseDescription();
    }
    return body == null ? null : body.responseDescription();
  }

  /**
   * The header of the answer.
   *
   * @param responseRefId {@code responseRefID}
   * @param requestRefId {@code requestRefID}, where Daraja sends it
   * @param responseCode {@code responseCode}, {@code "200"} when accepted
   * @param responseDescription {@code responseDescription}
   * @param resultDescription {@code ResultDesc}
   */
  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  public record Header(
      @JsonProperty("responseRefID") String responseRefId,
      @JsonProperty("requestRefID") String requestRefId,
      @JsonProperty("responseCode") String responseCode,
      @JsonProperty("responseDescription") String responseDescription,
      @JsonProperty("ResultDesc") String resultDescription) {}

  /**
   * The body of the answer.
   *
   * @param responseCode {@code responseCode}
   * @param responseDescription {@code responseDescription}
   */
  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  public record Body(
      @JsonProperty("responseCode") String responseCode,
      @JsonProperty("responseDescription") String responseDescription) {}
}
