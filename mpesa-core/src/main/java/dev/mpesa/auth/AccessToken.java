package dev.mpesa.auth;

import java.time.Instant;
import java.util.Objects;

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
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expiresAt, "expiresAt");
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
