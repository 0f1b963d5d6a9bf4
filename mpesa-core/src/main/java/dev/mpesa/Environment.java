package dev.mpesa;

/**
 * A Daraja environment: where requests go by default and which rules apply to them.
 *
 * <p>Sandbox and production credentials (consumer keys, passkeys, certificates, short codes) are
 * different and not interchangeable; a sandbox key used against production is answered "Invalid
 * Access Token".
 */
public enum Environment {
  /** {@code https://sandbox.safaricom.co.ke}: test credentials, http callback URLs allowed. */
  SANDBOX("https://sandbox.safaricom.co.ke"),
  /** {@code https://api.safaricom.co.ke}: real money; callback URLs must be public https URLs. */
  PRODUCTION("https://api.safaricom.co.ke");

  private final String baseUrl;

  Environment(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The base URL of this environment, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }
}
