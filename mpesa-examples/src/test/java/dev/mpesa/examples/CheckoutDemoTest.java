package dev.mpesa.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpesa.testkit.SandboxNumbers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's demo, run in-process. */
class CheckoutDemoTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String transcript() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void run_offline_everyOrderReachesItsOutcome_returnsZero() {
    int code = CheckoutDemo.run(Map.of(), out);

    assertThat(code).as(transcript()).isEqualTo(CheckoutDemo.OK);
    assertThat(transcript())
        .contains("ORD-1001  as expected: completed, receipt ")
        .contains("ORD-1002  as expected: cancelled (1032 ")
        .contains("ORD-1003  as expected: failed (1 ")
        .contains("All 3 orders reached the expected outcome")
        .contains("2547******49", "2547******51", "2547******50")
        .doesNotContain(
            SandboxNumbers.PAYS, SandboxNumbers.CANCELS, SandboxNumbers.INSUFFICIENT_FUNDS)
        .doesNotContain("Exception");
  }

  @Test
  void run_sandboxWithoutCallbackUrl_returnsConfigurationError() {
    int code =
        CheckoutDemo.run(
            Map.of("MPESA_CONSUMER_KEY", "key", "MPESA_CONSUMER_SECRET", "s3cret-value"), out);

    assertThat(code).isEqualTo(CheckoutDemo.CONFIGURATION_ERROR);
    assertThat(transcript()).contains("MPESA_CALLBACK_BASE_URL").doesNotContain("s3cret-value");
  }

  @Test
  void run_sandboxWithInvalidPhone_returnsConfigurationErrorWithPhoneMasked() {
    int code =
        CheckoutDemo.run(
            Map.of(
                "MPESA_CONSUMER_KEY", "key",
                "MPESA_CONSUMER_SECRET", "s3cret-value",
                "MPESA_CALLBACK_BASE_URL", "https://shop.example",
                "MPESA_PHONE_PAYS", "0812345678"),
            out);

    assertThat(code).isEqualTo(CheckoutDemo.CONFIGURATION_ERROR);
    assertThat(transcript()).contains("Bad setting for ORD-1001").doesNotContain("0812345678");
  }

  /**
   * API.md 9.2: Daraja refuses callback URLs with words such as "mpesa"; caught before any call.
   */
  @Test
  void run_sandboxWithBannedWordInCallbackUrl_returnsConfigurationError() {
    int code =
        CheckoutDemo.run(
            Map.of(
                "MPESA_CONSUMER_KEY", "key",
                "MPESA_CONSUMER_SECRET", "s3cret-value",
                "MPESA_CALLBACK_BASE_URL", "https://mpesa-shop.example",
                "CHECKOUT_PORT", "0"),
            out);

    assertThat(code).isEqualTo(CheckoutDemo.CONFIGURATION_ERROR);
    assertThat(transcript()).contains("Bad setting").doesNotContain("Exception");
  }
}
