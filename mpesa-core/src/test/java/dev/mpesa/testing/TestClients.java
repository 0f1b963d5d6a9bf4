package dev.mpesa.testing;

import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.Sleeper;
import mockwebserver3.MockWebServer;

/** Client builders pointed at a test server, with the settings most tests share. */
public final class TestClients {
  /** The public sandbox passkey of short code 174379 (API.md §9.1). */
  public static final String SANDBOX_PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

  private TestClients() {}

  /** Never sleeps: retries and polls run at once in tests. */
  public static final Sleeper NO_SLEEP = d -> {};

  /**
   * Sandbox, {@code server} as base URL, key/secret, short code 174379 and its passkey, and a
   * sleeper that does not sleep.
   */
  public static MpesaClient.Builder sandbox(MockWebServer server) {
    return MpesaClient.builder()
        .sleeper(NO_SLEEP)
        .environment(Environment.SANDBOX)
        .baseUrl(server.url("/").toString())
        .consumerKey("key")
        .consumerSecret("secret")
        .shortCode("174379")
        .passkey(SANDBOX_PASSKEY);
  }
}
