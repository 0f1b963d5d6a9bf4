package dev.mpesa.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpesa.internal.Errors;
import dev.mpesa.result.DarajaError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every exception's {@code hint()} links an entry that exists in docs/TROUBLESHOOTING.md. */
class TroubleshootingLinksTest {

  private static List<MpesaException> everyKind() {
    List<MpesaException> all = new ArrayList<>();
    for (DarajaError error : DarajaError.values()) {
      all.add(Errors.api("stk.push", 500, "x", "m", null, error, null, null));
    }
    all.add(new MpesaNetworkException("stk.query", "reset", null));
    all.add(new OutcomeUnknownException("stk.push", "reset", Map.of(), Instant.EPOCH, null));
    all.add(new CircuitOpenException("stk.push", "open", null));
    all.add(new CallbackParseException("bad", null));
    all.add(
        new CallbackVerificationException(
            CallbackVerificationException.Reason.EXPIRED, "old", null, null));
    all.add(new MpesaException("x", "y", null));
    return all;
  }

  @Test
  void everyHint_linksAnAnchorOfTheTroubleshootingGuide() throws Exception {
    String guide =
        Files.readString(Path.of("..", "docs", "TROUBLESHOOTING.md"), StandardCharsets.UTF_8);

    for (MpesaException e : everyKind()) {
      String url = e.troubleshootingUrl();
      String anchor = url.substring(url.indexOf('#') + 1);
      assertThat(e.hint()).endsWith("See " + url);
      assertThat(guide)
          .as("%s links #%s", e.getClass().getSimpleName(), anchor)
          .contains("<a id=\"" + anchor + "\"></a>");
    }
  }
}
