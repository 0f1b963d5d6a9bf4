package dev.mpesa.stk;

import static dev.mpesa.testing.DarajaStub.error;
import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.MpesaClient;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.RecordingSleeper;
import dev.mpesa.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code await}: polling schedule, deadline and error handling, with injected time (A.8). */
class StkAwaitTest {
  static final String PAID = Fixtures.read("stk/query-response.json");
  static final String CANCELLED = Fixtures.read("stk/query-cancelled.json");

  final DarajaStub daraja = new DarajaStub();
  final FakeClock clock = new FakeClock(Instant.parse("2026-05-01T09:00:00Z"));
  final RecordingSleeper sleeper = new RecordingSleeper(clock);
  MockWebServer server;
  MpesaClient mpesa;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(daraja);
    server.start();
    // The polling schedule alone: each query is one attempt here (retries: ResilienceRetryTest).
    mpesa =
        TestClients.sandbox(server)
            .clock(clock)
            .sleeper(sleeper)
            .retry(dev.mpesa.RetrySettings.disabled())
            .build();
  }

  @AfterEach
  void stop() {
    mpesa.close();
    server.close();
  }

  /** Answers "being processed" for the first {@code pending} queries, then {@code last}. */
  void pendingThen(int pending, MockResponse last) {
    AtomicInteger n = new AtomicInteger();
    daraja.handler(
        (RecordedRequest r) ->
            n.incrementAndGet() <= pending
                ? json(500, Fixtures.read("stk/query-pending.json"))
                : last);
  }

  @Test
  void await_pendingThenPaid_returnsCompletedAfterScheduledPolls() {
    pendingThen(3, json(200, PAID));

    StkQueryResponse result = mpesa.stk().await("ws_CO_1", Duration.ofMinutes(3));

    assertThat(result.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(daraja.businessCount()).isEqualTo(4);
    List<Duration> sleeps = sleeper.sleeps();
    assertThat(sleeps).hasSize(4);
    assertThat(sleeps.get(0)).isEqualTo(Duration.ofSeconds(15));
    // 5 s, 7.5 s, 11.25 s, each with +-20% jitter.
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(4000), Duration.ofMillis(6000));
    assertThat(sleeps.get(2)).isBetween(Duration.ofMillis(6000), Duration.ofMillis(9000));
    assertThat(sleeps.get(3)).isBetween(Duration.ofMillis(9000), Duration.ofMillis(13500));
  }

  @Test
  void await_cancelled_returnsAtOnceWithoutFurtherPolls() {
    pendingThen(0, json(200, CANCELLED));

    StkQueryResponse result = mpesa.stk().await("ws_CO_1", Duration.ofMinutes(3));

    assertThat(result.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void await_neverAnswered_returnsLastPendingAtDeadlineWithoutOvershooting() {
    pendingThen(Integer.MAX_VALUE, json(200, PAID));

    StkQueryResponse result = mpesa.stk().await("ws_CO_1", Duration.ofMinutes(2));

    assertThat(result.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(sleeper.total()).isEqualTo(Duration.ofMinutes(2));
    assertThat(sleeper.sleeps()).allMatch(d -> d.compareTo(Duration.ofMillis(18_000)) <= 0);
    // 2 minutes at 15 s, then 5 s growing to 15 s: about ten polls, not hundreds.
    assertThat(daraja.businessCount()).isBetween(7, 13);
  }

  @Test
  void await_timeoutShorterThanFirstDelay_pollsOnceAtTheDeadline() {
    pendingThen(Integer.MAX_VALUE, json(200, PAID));

    StkQueryResponse result = mpesa.stk().await("ws_CO_1", Duration.ofSeconds(5));

    assertThat(result.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void await_transientFailuresThenPaid_ridesThemOut() {
    AtomicInteger n = new AtomicInteger();
    daraja.handler(
        r ->
            switch (n.incrementAndGet()) {
              case 1 -> error(500, "500.003.02", "Spike Arrest Violation");
              case 2 -> error(500, "500.001.1001", "The transaction does not Exist");
              case 3 -> error(500, "500.001.1001", "");
              default -> json(200, PAID);
            });

    assertThat(mpesa.stk().await("ws_CO_1", Duration.ofMinutes(3)).isPaid()).isTrue();
    assertThat(daraja.businessCount()).isEqualTo(4);
  }

  @Test
  void await_onlyFailuresUntilDeadline_throwsTheLastFailure() {
    daraja.handler(r -> error(500, "500.003.02", "Spike Arrest Violation"));

    assertThatThrownBy(() -> mpesa.stk().await("ws_CO_1", Duration.ofSeconds(40)))
        .isInstanceOf(MpesaApiException.class)
        .hasMessageContaining("500.003.02");
  }

  @Test
  void await_authenticationFailure_isThrownAtOnce() {
    daraja.handler(r -> error(404, "404.001.03", "Invalid Access Token"));

    assertThatThrownBy(() -> mpesa.stk().await("ws_CO_1", Duration.ofMinutes(3)))
        .isInstanceOf(AuthenticationException.class);
    assertThat(sleeper.sleeps()).hasSize(1);
  }

  @Test
  void await_nonPositiveTimeout_isRejected() {
    assertThatThrownBy(() -> mpesa.stk().await("ws_CO_1", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void await_interrupted_restoresFlagAndStops() {
    MpesaClient interrupting =
        TestClients.sandbox(server)
            .sleeper(
                d -> {
                  throw new InterruptedException();
                })
            .build();
    try {
      assertThatThrownBy(() -> interrupting.stk().await("ws_CO_1", Duration.ofMinutes(1)))
          .hasMessageContaining("interrupted");
      assertThat(Thread.interrupted()).isTrue();
    } finally {
      interrupting.close();
    }
  }
}
