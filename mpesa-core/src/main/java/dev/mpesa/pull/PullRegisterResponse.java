package dev.mpesa.pull;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Daraja's answer to a Pull Transactions registration. Only accepted answers are returned: {@code
 * ResponseStatus} {@code 1000} (registered now) or {@code 1001} (registered before); anything else
 * is raised as an error.
 *
 * @param responseRefId {@code ResponseRefID}, Daraja's reference of this answer
 * @param responseStatus {@code ResponseStatus}: {@code "1000"} or {@code "1001"}
 * @param shortCode {@code ShortCode}, the registered short code
 * @param responseDescription {@code ResponseDescription}, such as "Shortcode Registered
 *     Successfully"
 */
public record PullRegisterResponse(
    @JsonProperty("ResponseRefID") String responseRefId,
    @JsonProperty("ResponseStatus") String responseStatus,
    @JsonProperty("ShortCode") String shortCode,
    @JsonProperty("ResponseDescription") String responseDescription) {

  /** {@code ResponseStatus} of a registration made now. */
  public static final String REGISTERED = "1000";

  /** {@code ResponseStatus} of a short code that was registered before. */
  public static final String ALREADY_REGISTERED = "1001";

  /** Whether the short code had been registered before this call ({@code 1001}). */
  public boolean wasAlreadyRegistered() {
    return ALREADY_REGISTERED.equals(responseStatus == null ? null : responseStatus.strip());
  }
}
