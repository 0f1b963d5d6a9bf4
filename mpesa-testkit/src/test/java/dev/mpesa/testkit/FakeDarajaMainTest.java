package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The standalone launcher's command line. */
class FakeDarajaMainTest {
  @Test
  void parse_options_configureTheFake() {
    try (FakeDaraja fake =
        FakeDarajaMain.parse(
                new String[] {
                  "--port", "0", "--seed", "3", "--customer-delay", "5", "--external-validation"
                })
            .start()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FakeDarajaMain.describe(fake, new PrintStream(out, true, StandardCharsets.UTF_8));

      String text = out.toString(StandardCharsets.UTF_8);
      assertThat(text).contains(fake.baseUrl(), FakeDaraja.CONSUMER_KEY, SandboxNumbers.CANCELS);
    }
  }

  @Test
  void parse_badOptions_sayWhatIsWrong() {
    assertThatThrownBy(() -> FakeDarajaMain.parse(new String[] {"--port"}))
        .hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> FakeDarajaMain.parse(new String[] {"--port", "x"}))
        .hasMessageContaining("takes a number");
    assertThatThrownBy(() -> FakeDarajaMain.parse(new String[] {"--colour"}))
        .hasMessageContaining("unknown option --colour");
  }

  @Test
  void run_badOptions_printsUsageAndReturns2() throws InterruptedException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        FakeDarajaMain.run(
            new String[] {"--colour"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option", "usage:");
  }
}
