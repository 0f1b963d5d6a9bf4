package dev.mpesa.auth;

import dev.mpesa.internal.Checks;
import java.time.Instant;

/**
 * A Daraja OAuth access token and the instant it stops being valid.
 *
 * <p>{@link #toString()} never prints the token itself.
 *
 * @param value the bearer token
 * @param expiresAt when Daraja stops accepting it (issue time plus {@code expires_in})
 */
public record AccessToken(String value, Instant expiresAt) {

  /** Checks that both parts are present. */
  public AccessToken {
    Checks.required(value, "value");
    Checks.required(expiresAt, "expiresAt");
    if (value.isBlank()) {
      throw new IllegalArgumentException("an access token cannot be blank");
    }
  }

  @Override
  public String toString() {
    return "AccessToken[value=<redacted, "
        + value.length()
        + " chars>, expiresAt="
        + expiresAt
        + "]";
  }
}
