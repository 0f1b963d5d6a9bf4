package dev.mpesa.billmanager;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Bill Manager's answer: {@code rescode} {@code "200"} means done. The SDK returns this record only
 * for {@code "200"}; any other code is raised as an exception.
 *
 * @param responseCode {@code rescode}, {@code "200"}
 * @param responseMessage {@code resmsg}, such as {@code "Success"}
 * @param statusMessage {@code Status_Message}, such as {@code "Invoice sent successfully"}; null
 *     where Bill Manager sends none
 * @param errors {@code errors}, as Bill Manager sent them (strings, maps or lists; their shape is
 *     not documented); empty when absent. Check it after a bulk cancellation
 */
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record BillManagerResponse(
    @JsonProperty("rescode") String responseCode,
    @JsonProperty("resmsg") String responseMessage,
    @JsonProperty("Status_Message") String statusMessage,
    @JsonProperty("errors") List<Object> errors) {

  /** Normalises {@code errors} to an unmodifiable list, empty when absent. */
  public BillManagerResponse {
    errors = errors == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(errors));
  }
}
