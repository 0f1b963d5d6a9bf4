package dev.mpesa.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.security.CallbackUrlCheck.Problem;
import java.net.URI;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CallbackUrlCheck} against a local endpoint: a loopback http server is never a valid
 * production callback URL, so those two problems are always reported; the rest depends on the
 * answer. RELIABILITY.md: R36 (URL rules), A.5 (callbacks that never arrive).
 */
class CallbackUrlCheckTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse reply(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void acknowledgingEndpoint_onLoopbackHttp_isReportedOnlyForWhereItIs() throws Exception {
    server.enqueue(reply(200, "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}"));

    CallbackUrlCheck.Report report =
        CallbackUrlCheck.check(server.url("/payments/stk").uri(), Duration.ofSeconds(5));

    assertThat(report.findings())
        .extracting(CallbackUrlCheck.Finding::problem)
        .containsExactlyInAnyOrder(Problem.NOT_HTTPS, Problem.NOT_PUBLIC);
    assertThat(report.httpStatus()).isEqualTo(200);
    RecordedRequest sample = server.takeRequest();
    assertThat(sample.getMethod()).isEqualTo("POST");
    assertThat(sample.getBody().utf8())
        .contains(CallbackUrlCheck.SAMPLE_CHECKOUT_REQUEST_ID)
        .contains("\"ResultCode\":1032"); // a cancellation: nothing can be marked paid with it
  }

  @Test
  void wrongStatusOrReply_andBannedWords_areReported() {
    server.enqueue(reply(403, "{}"));
    CallbackUrlCheck.Report forbidden =
        CallbackUrlCheck.check(server.url("/mpesa/stk").uri(), Duration.ofSeconds(5));
    assertThat(forbidden.has(Problem.BAD_STATUS)).isTrue();
    assertThat(forbidden.has(Problem.BANNED_WORD)).isTrue();
    assertThat(forbidden.toString()).contains("BAD_STATUS").contains("sign the URL");

    server.enqueue(reply(200, "OK"));
    assertThat(
            CallbackUrlCheck.check(server.url("/payments/stk").uri(), Duration.ofSeconds(5))
                .has(Problem.BAD_REPLY))
        .isTrue();
  }

  @Test
  void endpointThatNeverAnswers_isNoAnswer() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    CallbackUrlCheck.Report report =
        CallbackUrlCheck.check(server.url("/payments/stk").uri(), Duration.ofMillis(300));

    assertThat(report.has(Problem.NO_ANSWER)).isTrue();
    assertThat(report.httpStatus()).isZero();
    assertThat(report.passed()).isFalse();
  }

  @Test
  void privateAndUnresolvableHosts_areReported_andBadInputIsRefused() {
    // Nothing listens on these; only the address problems matter here.
    CallbackUrlCheck.Report privateHost =
        CallbackUrlCheck.check(URI.create("https://10.255.255.1:9/cb"), Duration.ofMillis(200));
    assertThat(privateHost.has(Problem.NOT_PUBLIC)).isTrue();
    assertThat(privateHost.has(Problem.NOT_HTTPS)).isFalse();

    CallbackUrlCheck.Report unknown =
        CallbackUrlCheck.check(
            URI.create("https://no-such-host.invalid/cb"), Duration.ofMillis(200));
    assertThat(unknown.has(Problem.UNRESOLVABLE)).isTrue();

    assertThatThrownBy(() -> CallbackUrlCheck.check(URI.create("ftp://x/y")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CallbackUrlCheck.check(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
