package dev.mpesa.b2c;

import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.MpesaClient;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.LogCapture;
import dev.mpesa.testing.TestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * R8 for B2C: with every SDK logger at TRACE, through acceptance, rejection, duplicates and
 * timeouts, no log line and no exception message carries the initiator password, the
 * SecurityCredential, a token or a full phone number.
 */
class B2cLoggingTest {
  static final String PASSWORD = "Initiator-Pass-123";

  @Test
  void everyPath_atTrace_logsNoSecretAndNoFullPhone() throws Exception {
    AtomicInteger call = new AtomicInteger();
    DarajaStub daraja =
        new DarajaStub()
            .oauth(
                n -> json(200, "{\"access_token\":\"SeCrEtToKeN" + n + "\",\"expires_in\":3599}"))
            .handler(
                r ->
                    switch (call.incrementAndGet()) {
                      case 1, 4 -> json(200, Fixtures.read("b2c/pay-response.json"));
                      case 2 -> json(400, Fixtures.read("b2c/error-invalid-initiator.json"));
                      case 3 -> json(500, Fixtures.read("b2c/error-duplicate.json"));
                      default ->
                          new MockResponse.Builder()
                              .headersDelay(2, TimeUnit.SECONDS)
                              .body("{}")
                              .build();
                    });
    List<String> texts = new ArrayList<>();
    List<String> lines;
    List<RecordedRequest> sent;
    try (MockWebServer server = new MockWebServer();
        LogCapture logs = new LogCapture()) {
      server.setDispatcher(daraja);
      server.start();
      try (MpesaClient mpesa =
          TestClients.sandbox(server)
              .initiator("testapi", PASSWORD)
              .readTimeout(Duration.ofMillis(300))
              .retry(dev.mpesa.RetrySettings.disabled())
              .build()) {
        B2cPaymentRequest payment = B2cServiceTest.samplePayment().build();
        mpesa.b2c().pay(payment); // 1: accepted
        texts.add(text(catchThrowable(() -> mpesa.b2c().pay(payment)))); // 2: invalid field
        texts.add(text(catchThrowable(() -> mpesa.b2c().pay(payment)))); // 3: duplicate
        mpesa.b2c().topUp(B2cServiceTest.sampleTopUp().build()); // 4: accepted
        texts.add(text(catchThrowable(() -> mpesa.b2c().pay(payment)))); // 5: timeout
        texts.add(payment.toString());
        texts.add(B2cServiceTest.sampleTopUp().build().toString());
      }
      lines = logs.lines();
      sent = daraja.businessRequests();
    }

    String credential =
        new ObjectMapper()
            .readTree(sent.get(0).getBody().utf8())
            .get("SecurityCredential")
            .asText();
    assertThat(lines).anyMatch(l -> l.contains("b2c.pay accepted"));
    List<String> everything = new ArrayList<>(lines);
    everything.addAll(texts);
    for (String line : everything) {
      assertThat(line)
          .doesNotContain(PASSWORD)
          .doesNotContain(credential)
          .doesNotContain(credential.substring(0, 40))
          .doesNotContain("SeCrEtToKeN")
          .doesNotContain(B2cServiceTest.PHONE)
          .doesNotContain("254700000000");
    }
  }

  private static String text(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c).append(" | ");
    }
    return sb.toString();
  }
}
