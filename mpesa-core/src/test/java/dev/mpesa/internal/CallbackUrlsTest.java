package dev.mpesa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.mpesa.Environment;
import dev.mpesa.testing.LogCapture;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The one callback-URL policy every operation's URLs go through (API.md §9.2): one rule per
 * environment, one message for banned words, tokens never printed. RELIABILITY.md: R36.
 */
class CallbackUrlsTest {
  private static final URI BANNED =
      URI.create("https://shop.example/mpesa/cb/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789?k=secret");

  @Test
  @DisplayName("R36: a banned word warns once, in one wording, without the token or query")
  void check_bannedWord_warnsOnceWithoutToken() {
    try (LogCapture logs = new LogCapture()) {
      CallbackUrls.check(Environment.SANDBOX, "stk.push", "callbackUrl", BANNED);
      CallbackUrls.check(Environment.PRODUCTION, "b2c.pay", "resultUrl", BANNED);

      assertThat(logs.lines(Level.WARN))
          .hasSize(2)
          .allSatisfy(
              line ->
                  assertThat(line)
                      .contains("contains [mpesa], which Daraja bans in callback URLs")
                      .contains("https://shop.example/mpesa/cb/AbCdEf...")
                      .doesNotContain("secret")
                      .doesNotContain("AbCdEfGhIjKl"));
      assertThat(logs.lines(Level.WARN).get(0)).startsWith("stk.push callbackUrl:");
    }
  }

  @Test
  void check_production_refusesHttpAndPrivateHosts_sandboxAllowsThem() {
    URI http = URI.create("http://shop.example/payments/cb");
    URI local = URI.create("https://192.168.1.10/payments/cb");

    assertThatThrownBy(() -> CallbackUrls.check(Environment.PRODUCTION, "op", "resultUrl", http))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resultUrl must be an https URL in production");
    assertThatThrownBy(() -> CallbackUrls.check(Environment.PRODUCTION, "op", "resultUrl", local))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reachable from the internet");
    CallbackUrls.check(Environment.SANDBOX, "op", "resultUrl", http);
    CallbackUrls.check(Environment.SANDBOX, "op", "resultUrl", local);
  }

  @Test
  void refuseBannedWords_isTheSameWordingAsAnException() {
    assertThatThrownBy(() -> CallbackUrls.refuseBannedWords("confirmationUrl", BANNED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("confirmationUrl: https://shop.example/mpesa/cb/AbCdEf...")
        .hasMessageContaining("which Daraja bans in callback URLs")
        .hasMessageNotContaining("secret");
  }
}
