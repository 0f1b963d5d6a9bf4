package dev.mpesa;

import static dev.mpesa.testing.DarajaStub.error;
import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * R8: with every SDK logger at TRACE, through success, errors, token recovery and timeouts, no log
 * line and no exception message carries a secret, a token, the STK password or a full phone.
 */
class NoSecretsInLogsTest {
  static final String SECRET = "consumer-secret-Zq81";
  static final String PASSKEY = "passkey-9d8f7e6a5b4c";
  static final String PHONE = "254712345678";

  @Test
  void everyPath_atTrace_logsNoSecret() throws Exception {
    AtomicInteger call = new AtomicInteger();
    DarajaStub daraja =
        new DarajaStub()
            .oauth(
                n -> json(200, "{\"access_token\":\"SeCrEtToKeN" + n + "\",\"expires_in\":3599}"))
            .handler(
                r ->
                    switch (call.incrementAndGet()) {
                      case 1 -> json(200, Fixtures.read("stk/push-response.json"));
                      case 2 ->
                          error(
                              401,
                              "401.002.01",
                              "Error Occurred - Invalid Access Token - SeCrEtToKeN1");
                      case 3 -> json(200, Fixtures.read("stk/query-response.json"));
                      case 4 -> json(400, Fixtures.read("stk/push-invalid-phone.json"));
                      case 5 ->
                          new MockResponse.Builder()
                              .code(502)
                              .body("<html>Bad gateway for " + PHONE + "</html>")
                              .build();
                      default ->
                          new MockResponse.Builder()
                              .headersDelay(2, TimeUnit.SECONDS)
                              .body("{}")
                              .build();
                    });
    List<String> exceptionTexts = new ArrayList<>();
    List<String> lines;
    try (MockWebServer server = new MockWebServer();
        LogCapture logs = new LogCapture()) {
      server.setDispatcher(daraja);
      server.start();
      try (MpesaClient mpesa =
          MpesaClient.builder()
              .environment(Environment.SANDBOX)
              .baseUrl(server.url("/").toString())
              .consumerKey("consumer-key")
              .consumerSecret(SECRET)
              .shortCode("174379")
              .passkey(PASSKEY)
              .initiator("testapi", "Initiator-Pass-123")
              .readTimeout(Duration.ofMillis(300))
              .build()) {
        StkPushRequest push =
            StkPushRequest.builder()
                .phoneNumber(PHONE)
                .amount(10)
                .accountReference("ORD1")
                .callbackUrl("https://shop.example/cb")
                .build();
        mpesa.stk().push(push); // 1: accepted
        mpesa.stk().query("ws_CO_1"); // 2: invalid token, 3: replayed
        exceptionTexts.add(text(catchThrowable(() -> mpesa.stk().push(push)))); // 4
        exceptionTexts.add(text(catchThrowable(() -> mpesa.stk().push(push)))); // 5
        exceptionTexts.add(text(catchThrowable(() -> mpesa.stk().push(push)))); // 6: timeout
        exceptionTexts.add(push.toString());
        exceptionTexts.add(mpesa.toString());
      }
      lines = logs.lines();
    }

    assertThat(lines).isNotEmpty();
    List<String> everything = new ArrayList<>(lines);
    everything.addAll(exceptionTexts);
    String basic = Base64.getEncoder().encodeToString(("consumer-key:" + SECRET).getBytes());
    for (String line : everything) {
      assertThat(line)
          .doesNotContain(SECRET)
          .doesNotContain(basic)
          .doesNotContain(PASSKEY)
          .doesNotContain("SeCrEtToKeN")
          .doesNotContain("Initiator-Pass-123")
          .doesNotContain(PHONE)
          .doesNotContain("MTc0Mzc5"); // base64 of "174379...": the STK password
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
