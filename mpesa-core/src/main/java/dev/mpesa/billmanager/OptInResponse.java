package dev.mpesa.billmanager;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Bill Manager's answer to an opt-in: the short code is now a biller.
 *
 * <p>{@code app_key} identifies the biller to Bill Manager; its documentation says it belongs in
 * the header of later requests, without naming the header, so the SDK does not send it. Treat it as
 * a credential: {@link #toString()} does not print it.
 *
 * @param appKey {@code app_key}
 * @param responseMessage {@code resmsg}, such as {@code "Success"}
 * @param responseCode {@code rescode}, {@code "200"}
 */
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record OptInResponse(
    @JsonProperty("app_key") String appKey,
    @JsonProperty("resmsg") String responseMessage,
    @JsonProperty("rescode") String responseCode) {

  @Override
  public String toString() {
    return "OptInResponse[appKey="
        + (appKey == null ? "null" : "[redacted]")
        + ", responseMessage="
        + responseMessage
        + ", responseCode="
        + responseCode
        + "]";
  }
}
