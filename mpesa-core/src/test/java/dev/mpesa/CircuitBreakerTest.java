package dev.mpesa;

import static dev.mpesa.testing.DarajaStub.error;
import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.error.CircuitOpenException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.MpesaNetworkException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.error.SubscriberBusyException;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.stk.StkQueryResponse;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.RecordingSleeper;
import dev.mpesa.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Circuit breakers per operation group, end to end through {@link MpesaClient} and a local fake
 * Daraja: they open on health signals and then send nothing (R18), ignore answers that say nothing
 * about Daraja's health (R19), stop retries (R20) and are isolated per group (R21). Open-state
 * waits are driven by a {@link FakeClock}; nothing sleeps.
 */
class CircuitBreakerTest {
  static final String QUERY_PATH = "/mpesa/stkpushquery/v1/query";
  static final String PUSH_PATH = "/mpesa/stkpush/v1/processrequest";
  static final String B2C_PATH = "/mpesa/b2c/v3/paymentrequest";
  static final String QUERY_OK =
      "{\"ResponseCode\":\"0\",\"ResponseDescription\":\"accepted\","
          + "\"MerchantRequestID\":\"22205-34066-1\",\"CheckoutRequestID\":\"ws_CO_1\","
          + "\"ResultCode\":\"0\",\"ResultDesc\":\"processed successfully\"}";
  static final Duration OPEN = Duration.ofSeconds(30);

  final DarajaStub daraja = new DarajaStub();
  final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T08:00:00Z"));
  final RecordingSleeper sleeper = new RecordingSleeper(clock);
  final List<String> transitions = new CopyOnWriteArrayList<>();
  final MpesaListener listener =
      new MpesaListener() {
        @Override
        public void onCircuitStateChange(String group, String from, String to) {
          transitions.add(group + ":" + from + "->" + to);
        }
      };
  final List<MpesaClient> clients = new ArrayList<>();

  /** What the business endpoints answer; tests switch it between phases. */
  volatile Function<RecordedRequest, MockResponse> answer = r -> ok(r);

  MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    daraja.handler(r -> answer.apply(r));
    server = new MockWebServer();
    server.setServerSocketFactory(new HttpLayerTest.NoDelayServerSocketFactory());
    server.setDispatcher(daraja);
    server.start();
  }

  @AfterEach
  void stop() {
    clients.forEach(MpesaClient::close);
    server.close();
  }

  /** 50 % over a 60 s window once it holds {@code minimumCalls}; open 30 s; 2 probes. */
  static CircuitBreakerSettings breaker(int minimumCalls) {
    return CircuitBreakerSettings.builder()
        .failureRateThreshold(50)
        .minimumCalls(minimumCalls)
        .window(Duration.ofSeconds(60))
        .openDuration(OPEN)
        .halfOpenCalls(2)
        .build();
  }

  MpesaClient track(MpesaClient c) {
    clients.add(c);
    return c;
  }

  MpesaClient client(CircuitBreakerSettings breaker, RetrySettings retry) {
    return track(
        TestClients.sandbox(server)
            .clock(clock)
            .sleeper(sleeper)
            .listener(listener)
            .retry(retry)
            .circuitBreaker(breaker)
            .build());
  }

  /** One attempt per call, so every call is exactly one business request. */
  MpesaClient client(int minimumCalls) {
    return client(breaker(minimumCalls), RetrySettings.disabled());
  }

  static MockResponse ok(RecordedRequest r) {
    String path = r.getUrl().encodedPath();
    if (path.equals(PUSH_PATH)) {
      return json(200, Fixtures.read("stk/push-response.json"));
    }
    if (path.equals(B2C_PATH)) {
      return json(200, "{\"ConversationID\":\"AG_1\",\"ResponseCode\":\"0\"}");
    }
    return json(200, QUERY_OK);
  }

  static MockResponse unavailable() {
    return error(500, "500.003.1001", "Service is currently unreachable. Please try again later");
  }

  static MockResponse html(int code) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "text/html")
        .body("<html><body><h1>502 Bad Gateway</h1></body></html>")
        .build();
  }

  static StkPushRequest push(int n) {
    return StkPushRequest.builder()
        .phoneNumber("254708374149")
        .amount(1)
        .accountReference("ORD-" + n)
        .description("Order " + n)
        .callbackUrl("https://mydomain.com/path")
        .build();
  }

  long requestsTo(String path) {
    return daraja.businessRequests().stream()
        .filter(r -> r.getUrl().encodedPath().equals(path))
        .count();
  }

  void openStkBreakerWithFailedQueries(MpesaClient mpesa, int failures) {
    answer = r -> unavailable();
    for (int i = 0; i < failures; i++) {
      assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1")).isInstanceOf(MpesaApiException.class);
    }
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("OPEN");
  }

  // ---------------------------------------------------------------------------------------------
  // R18: opens and fails fast; half-open probes

  static Stream<Arguments> healthSignals() {
    return Stream.of(
        Arguments.of(
            "500.003.1001 service unreachable", (Supplier<MockResponse>) () -> unavailable()),
        Arguments.of(
            "500.003.02 spike arrest",
            (Supplier<MockResponse>) () -> error(500, "500.003.02", "Spike Arrest Violation")),
        Arguments.of(
            "500.003.03 quota",
            (Supplier<MockResponse>) () -> error(500, "500.003.03", "Quota Violation")),
        Arguments.of(
            "HTTP 429 without body",
            (Supplier<MockResponse>) () -> new MockResponse.Builder().code(429).build()),
        Arguments.of("HTML 502 gateway page", (Supplier<MockResponse>) () -> html(502)),
        Arguments.of(
            "empty 503",
            (Supplier<MockResponse>) () -> new MockResponse.Builder().code(503).build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("healthSignals")
  @DisplayName("R18: each health signal counts; the breaker opens and then sends nothing")
  void query_healthSignalAnswers_openBreakerAndFailFastWithoutRequests(
      String name, Supplier<MockResponse> failure) {
    MpesaClient mpesa = client(4);
    answer = r -> failure.get();

    for (int i = 1; i <= 3; i++) {
      assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1")).isInstanceOf(MpesaApiException.class);
      assertThat(mpesa.resilience().circuitState("stk"))
          .as("after %d failures", i)
          .isEqualTo("CLOSED");
    }
    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1")).isInstanceOf(MpesaApiException.class);
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("OPEN");
    assertThat(daraja.businessCount()).isEqualTo(4);

    answer = r -> ok(r);
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
          .isInstanceOfSatisfying(
              CircuitOpenException.class, e -> assertThat(e.operation()).isEqualTo("stk.query"));
      assertThatThrownBy(() -> mpesa.stk().push(push(1))).isInstanceOf(CircuitOpenException.class);
    }
    assertThat(daraja.businessCount()).isEqualTo(4);
    assertThat(daraja.oauthCount()).isEqualTo(1);
    assertThat(transitions).containsExactly("stk:CLOSED->OPEN");
  }

  @Test
  @DisplayName("R18: network failures (a dropped connection) count as health failures")
  void push_droppedConnections_openBreakerAndLaterPushesAreNotSent() {
    MpesaClient mpesa = client(4);
    answer =
        r ->
            new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build();

    for (int i = 1; i <= 4; i++) {
      int n = i;
      assertThatThrownBy(() -> mpesa.stk().push(push(n)))
          .isInstanceOf(OutcomeUnknownException.class);
    }
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("OPEN");
    assertThat(requestsTo(PUSH_PATH)).isEqualTo(4);

    answer = r -> ok(r);
    assertThatThrownBy(() -> mpesa.stk().push(push(5))).isInstanceOf(CircuitOpenException.class);
    assertThat(requestsTo(PUSH_PATH)).isEqualTo(4);
  }

  @Test
  @DisplayName("R18: refused until the open duration has passed on the client's clock")
  void query_beforeOpenDurationPassed_staysRefused() {
    MpesaClient mpesa = client(4);
    openStkBreakerWithFailedQueries(mpesa, 4);
    answer = r -> ok(r);

    clock.advance(OPEN.minusSeconds(1));
    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1")).isInstanceOf(CircuitOpenException.class);
    assertThat(daraja.businessCount()).isEqualTo(4);

    clock.advance(Duration.ofSeconds(2));
    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();
    assertThat(daraja.businessCount()).isEqualTo(4 + 1);
  }

  @Test
  @DisplayName("R18: after the wait only the permitted half-open probes reach Daraja")
  void query_halfOpenWithFailingProbes_letsOnlyTwoThroughAndReopens() {
    MpesaClient mpesa = client(4);
    openStkBreakerWithFailedQueries(mpesa, 4);
    assertThat(daraja.businessCount()).isEqualTo(4);

    // Still failing: two probes go out, fail, and the breaker opens again.
    clock.advance(OPEN.plusSeconds(1));
    List<Throwable> outcomes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      outcomes.add(catchThrowable(() -> mpesa.stk().query("ws_CO_1")));
    }
    assertThat(outcomes.subList(0, 2)).allMatch(t -> t instanceof MpesaApiException);
    assertThat(outcomes.subList(2, 6)).allMatch(t -> t instanceof CircuitOpenException);
    assertThat(daraja.businessCount()).isEqualTo(4 + 2);
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("OPEN");

    // Healthy again: two successful probes close the breaker; everything flows.
    answer = r -> ok(r);
    clock.advance(OPEN.plusSeconds(1));
    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("HALF_OPEN");
    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("CLOSED");
    for (int i = 0; i < 5; i++) {
      assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();
    }
    assertThat(daraja.businessCount()).isEqualTo(4 + 2 + 2 + 5);
    assertThat(transitions)
        .containsExactly(
            "stk:CLOSED->OPEN",
            "stk:OPEN->HALF_OPEN",
            "stk:HALF_OPEN->OPEN",
            "stk:OPEN->HALF_OPEN",
            "stk:HALF_OPEN->CLOSED");
  }

  @Test
  @DisplayName("R18: concurrent callers in half-open: only the permitted probes are sent")
  void query_concurrentCallersWhenHalfOpen_onlyPermittedProbesReachServer() throws Exception {
    MpesaClient mpesa = client(4);
    openStkBreakerWithFailedQueries(mpesa, 4);

    CountDownLatch probesArrived = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    answer =
        r -> {
          probesArrived.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ok(r);
        };
    clock.advance(OPEN.plusSeconds(1));

    int callers = 6;
    CountDownLatch refused = new CountDownLatch(callers - 2);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<StkQueryResponse>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < callers; i++) {
        futures.add(
            pool.submit(
                () -> {
                  try {
                    return mpesa.stk().query("ws_CO_1");
                  } catch (CircuitOpenException e) {
                    refused.countDown();
                    throw e;
                  }
                }));
      }
      assertThat(probesArrived.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(refused.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(daraja.businessCount()).isEqualTo(4 + 2);
      release.countDown();

      int succeeded = 0;
      int refusedCount = 0;
      for (Future<StkQueryResponse> f : futures) {
        try {
          assertThat(f.get(10, TimeUnit.SECONDS).isPaid()).isTrue();
          succeeded++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(CircuitOpenException.class);
          refusedCount++;
        }
      }
      assertThat(succeeded).isEqualTo(2);
      assertThat(refusedCount).isEqualTo(callers - 2);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    assertThat(daraja.businessCount()).isEqualTo(4 + 2);
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("CLOSED");
  }

  // ---------------------------------------------------------------------------------------------
  // R19: only health signals are recorded

  /** An answer that is not about Daraja's health, and how the call surfaces it. */
  record Ignored(
      String name, Function<MpesaClient, Object> call, MockResponse answer, Class<?> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Ignored> ignoredAnswers() {
    return Stream.of(
        new Ignored(
            "push 400.002.02 invalid field",
            m -> m.stk().push(push(1)),
            json(400, Fixtures.read("stk/push-invalid-phone.json")),
            InvalidRequestException.class),
        new Ignored(
            "query 400.002.02 invalid field",
            m -> m.stk().query("ws_CO_1"),
            error(400, "400.002.02", "Bad Request - Invalid CheckoutRequestID"),
            InvalidRequestException.class),
        new Ignored(
            "push 500.001.1001 subscriber busy",
            m -> m.stk().push(push(1)),
            json(500, Fixtures.read("stk/push-subscriber-busy.json")),
            SubscriberBusyException.class),
        new Ignored(
            "push 500.001.1001 wrong credentials (HTTP 500)",
            m -> m.stk().push(push(1)),
            error(500, "500.001.1001", "Wrong credentials"),
            InvalidRequestException.class),
        new Ignored(
            "push 500.001.1001 merchant does not exist (HTTP 500)",
            m -> m.stk().push(push(1)),
            error(500, "500.001.1001", "Merchant does not exist"),
            InvalidRequestException.class),
        new Ignored(
            "query 500.001.1001 being processed",
            m -> m.stk().query("ws_CO_1"),
            json(500, Fixtures.read("stk/query-pending.json")),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ignoredAnswers")
  @DisplayName("R19: non-health answers leave the breaker's metrics untouched")
  void call_manyNonHealthAnswers_neverChangeBreakerMetrics(Ignored ignored) {
    MpesaClient mpesa = client(4);
    answer = r -> ignored.answer();

    for (int i = 0; i < 20; i++) {
      if (ignored.expected() == null) {
        Object result = ignored.call().apply(mpesa);
        assertThat(((StkQueryResponse) result).status()).isEqualTo(PaymentStatus.PENDING);
      } else {
        assertThatThrownBy(() -> ignored.call().apply(mpesa)).isInstanceOf(ignored.expected());
      }
    }
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("CLOSED");
    assertThat(daraja.businessCount()).isEqualTo(20);

    // Had the 20 been counted as failures the breaker would be open; had they been counted as
    // successes, 4 failures out of 24 calls would leave it closed. It opens exactly when 4 health
    // failures alone reach the minimum: the 20 were not recorded at all.
    answer = r -> unavailable();
    for (int i = 1; i <= 3; i++) {
      assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1")).isInstanceOf(MpesaApiException.class);
      assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("CLOSED");
    }
    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1")).isInstanceOf(MpesaApiException.class);
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("OPEN");
    assertThat(transitions).containsExactly("stk:CLOSED->OPEN");
  }

  @Test
  @DisplayName("R19: a query answered with business result code 1032 is never a breaker failure")
  void query_resultCode1032Answers_neverCountAsFailures() {
    MpesaClient mpesa = client(4);
    answer = r -> json(200, Fixtures.read("stk/query-cancelled.json"));

    for (int i = 0; i < 20; i++) {
      assertThat(mpesa.stk().query("ws_CO_1").status()).isEqualTo(PaymentStatus.CANCELLED);
    }
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("CLOSED");

    // Counted as failures, the window would now hold 21 failures out of 21 calls.
    answer = r -> unavailable();
    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1")).isInstanceOf(MpesaApiException.class);
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("CLOSED");
    assertThat(transitions).isEmpty();
  }

  @Test
  @DisplayName("R19: ignored answers during half-open neither close nor reopen the breaker")
  void query_beingProcessedWhileHalfOpen_doesNotDecideTheProbe() {
    MpesaClient mpesa = client(4);
    openStkBreakerWithFailedQueries(mpesa, 4);
    clock.advance(OPEN.plusSeconds(1));

    answer = r -> json(500, Fixtures.read("stk/query-pending.json"));
    for (int i = 0; i < 5; i++) {
      assertThat(mpesa.stk().query("ws_CO_1").status()).isEqualTo(PaymentStatus.PENDING);
    }
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("HALF_OPEN");

    answer = r -> ok(r);
    mpesa.stk().query("ws_CO_1");
    mpesa.stk().query("ws_CO_1");
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("CLOSED");
  }

  @Test
  @DisplayName(
      "R19: a call refused locally (its deadline spent on the token, nothing sent) is not"
          + " an stk failure")
  void query_deadlineSpentOnTokenNothingSent_notRecordedByStkBreaker() {
    // The token would arrive only after the whole call deadline (deadlines run on real time).
    daraja.oauth(
        n ->
            n == 1
                ? new mockwebserver3.MockResponse.Builder()
                    .headersDelay(1, java.util.concurrent.TimeUnit.SECONDS)
                    .body("{\"access_token\":\"late\",\"expires_in\":3599}")
                    .build()
                : DarajaStub.token(n));
    MpesaClient mpesa =
        client(
            breaker(1),
            RetrySettings.builder().maxAttempts(1).deadline(Duration.ofMillis(300)).build());

    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
        .isInstanceOfSatisfying(
            MpesaNetworkException.class, e -> assertThat(e.operation()).isEqualTo("oauth"));
    assertThat(daraja.businessCount()).isZero();

    // Nothing reached the stk endpoints, so nothing is known about their health.
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("CLOSED");
    // The token endpoint timed out: that is OAuth's health, counted by its own breaker.
    assertThat(mpesa.resilience().circuitState("oauth")).isEqualTo("OPEN");
  }

  // ---------------------------------------------------------------------------------------------
  // R20: retry respects the breaker

  @Test
  @DisplayName("R20: an open breaker makes a retried call send nothing and sleep nothing")
  void query_breakerOpenWithRetriesEnabled_makesZeroRequests() {
    RetrySettings retries = RetrySettings.builder().maxAttempts(3).build();
    MpesaClient mpesa = client(breaker(3), retries);
    answer = r -> unavailable();

    // One call, three attempts, three recorded failures: the breaker opens.
    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1")).isInstanceOf(MpesaApiException.class);
    assertThat(daraja.businessCount()).isEqualTo(3);
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("OPEN");
    int sleeps = sleeper.sleeps().size();

    answer = r -> ok(r);
    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1")).isInstanceOf(CircuitOpenException.class);
    assertThatThrownBy(() -> mpesa.stk().push(push(1))).isInstanceOf(CircuitOpenException.class);

    assertThat(daraja.businessCount()).isEqualTo(3);
    assertThat(sleeper.sleeps()).hasSize(sleeps);
  }

  @Test
  @DisplayName("R20: a breaker that opens between attempts stops the remaining attempts")
  void query_breakerOpensMidCall_remainingAttemptsAreNotSent() {
    RetrySettings retries = RetrySettings.builder().maxAttempts(3).build();
    List<Integer> retriesAnnounced = new CopyOnWriteArrayList<>();
    MpesaClient mpesa =
        TestClients.sandbox(server)
            .clock(clock)
            .sleeper(sleeper)
            .retry(retries)
            .circuitBreaker(breaker(2))
            .listener(
                new MpesaListener() {
                  @Override
                  public void onRetry(
                      String operation, int nextAttempt, Duration wait, MpesaException cause) {
                    retriesAnnounced.add(nextAttempt);
                  }
                })
            .build();
    clients.add(mpesa);
    answer = r -> unavailable();

    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1")).isInstanceOf(CircuitOpenException.class);

    // Attempts 1 and 2 failed and opened the breaker; attempt 3 was refused, not sent or retried.
    assertThat(daraja.businessCount()).isEqualTo(2);
    assertThat(retriesAnnounced).containsExactly(2, 3);
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("OPEN");
  }

  @Test
  @DisplayName("R20: an open OAuth breaker is not retried by the business call either")
  void query_oauthBreakerOpenWithRetriesEnabled_makesZeroRequests() {
    MpesaClient mpesa = client(breaker(3), RetrySettings.builder().maxAttempts(3).build());
    daraja.oauth(n -> error(503, "503.001", "Service Unavailable"));

    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1")).isInstanceOf(MpesaApiException.class);
    assertThat(mpesa.resilience().circuitState("oauth")).isEqualTo("OPEN");
    int oauthRequests = daraja.oauthCount();

    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
        .isInstanceOfSatisfying(
            CircuitOpenException.class, e -> assertThat(e.operation()).isEqualTo("oauth"));
    assertThat(daraja.oauthCount()).isEqualTo(oauthRequests);
    assertThat(daraja.businessCount()).isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // R21: isolation per group

  @Test
  @DisplayName("R21: an OAuth outage opens only the oauth breaker, never the stk breaker")
  void query_oauthOutage_opensOnlyOauthBreaker() {
    MpesaClient mpesa = client(3);
    daraja.oauth(n -> error(503, "503.001", "Service Unavailable"));

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
          .isInstanceOfSatisfying(
              MpesaApiException.class, e -> assertThat(e.operation()).isEqualTo("oauth"));
    }
    assertThat(mpesa.resilience().circuitState("oauth")).isEqualTo("OPEN");
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
          .isInstanceOf(CircuitOpenException.class);
    }
    assertThat(daraja.oauthCount()).isEqualTo(3);
    assertThat(daraja.businessCount()).isZero();
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("CLOSED");
    assertThat(transitions).containsExactly("oauth:CLOSED->OPEN");

    // OAuth recovers; the stk window holds nothing of the outage: two stk health failures
    // (below the minimum of 3) leave it closed, the third opens it.
    daraja.oauth(DarajaStub::token);
    clock.advance(OPEN.plusSeconds(1));
    answer = r -> unavailable();
    for (int i = 1; i <= 2; i++) {
      assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
          .isInstanceOfSatisfying(
              MpesaApiException.class, e -> assertThat(e.operation()).isEqualTo("stk.query"));
      assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("CLOSED");
    }
    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1")).isInstanceOf(MpesaApiException.class);
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("OPEN");
  }

  @Test
  @DisplayName("R21: a B2C outage opens the b2c breaker and does not block STK query")
  void query_b2cOutage_stillServedWhileB2cBreakerOpen() {
    MpesaClient mpesa = client(3);
    Operation b2c = new Operation("b2c.pay", B2C_PATH, IdempotencyClass.SAFE, "b2c");
    answer = r -> r.getUrl().encodedPath().equals(B2C_PATH) ? unavailable() : ok(r);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> postB2c(mpesa, b2c)).isInstanceOf(MpesaApiException.class);
    }
    assertThat(mpesa.resilience().circuitState("b2c")).isEqualTo("OPEN");
    assertThatThrownBy(() -> postB2c(mpesa, b2c))
        .isInstanceOfSatisfying(
            CircuitOpenException.class, e -> assertThat(e.operation()).isEqualTo("b2c.pay"));
    assertThat(requestsTo(B2C_PATH)).isEqualTo(3);

    for (int i = 0; i < 5; i++) {
      assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();
    }
    assertThat(mpesa.stk().push(push(1)).checkoutRequestId()).isNotBlank();
    assertThat(requestsTo(QUERY_PATH)).isEqualTo(5);
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("CLOSED");
    assertThat(mpesa.resilience().circuitState("oauth")).isEqualTo("CLOSED");
    assertThat(mpesa.resilience().circuitState("b2c")).isEqualTo("OPEN");
    assertThat(transitions).containsExactly("b2c:CLOSED->OPEN");
  }

  @Test
  @DisplayName("R21: an open stk breaker does not block other groups")
  void post_stkBreakerOpen_b2cStillServed() {
    MpesaClient mpesa = client(3);
    Operation b2c = new Operation("b2c.pay", B2C_PATH, IdempotencyClass.SAFE, "b2c");
    openStkBreakerWithFailedQueries(mpesa, 3);

    answer = r -> ok(r);
    JsonNode ack = postB2c(mpesa, b2c);
    assertThat(ack.get("ConversationID").asText()).isEqualTo("AG_1");
    assertThat(mpesa.resilience().circuitState("b2c")).isEqualTo("CLOSED");
    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1")).isInstanceOf(CircuitOpenException.class);
  }

  static JsonNode postB2c(MpesaClient mpesa, Operation op) {
    return mpesa.pipeline().post(op, Map.of("a", "b"), JsonNode.class, Map.of());
  }

  @Test
  @DisplayName("R18: with a rate limit, an open breaker still fails fast: no wait, no slot taken")
  void query_breakerOpenWithRateLimit_failsFastWithoutWaiting() {
    MpesaClient mpesa =
        track(
            TestClients.sandbox(server)
                .clock(clock)
                .sleeper(sleeper)
                .listener(listener)
                .retry(RetrySettings.disabled())
                .circuitBreaker(breaker(4))
                .rateLimit(1)
                .build());
    openStkBreakerWithFailedQueries(mpesa, 4);
    List<Duration> waitedWhileClosed = sleeper.sleeps();

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
          .isInstanceOf(CircuitOpenException.class);
    }

    // Refused calls send nothing, so they have no reason to wait for (or use up) a send slot.
    assertThat(sleeper.sleeps()).isEqualTo(waitedWhileClosed);
    assertThat(daraja.businessCount()).isEqualTo(4);
  }

  @Test
  @DisplayName("R18: breakers can be turned off: failures never refuse a call")
  void query_breakerDisabled_neverRefuses() {
    MpesaClient mpesa = client(CircuitBreakerSettings.disabled(), RetrySettings.disabled());
    answer = r -> unavailable();
    for (int i = 0; i < 30; i++) {
      assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
          .isInstanceOf(MpesaApiException.class)
          .isNotInstanceOf(CircuitOpenException.class);
    }
    assertThat(daraja.businessCount()).isEqualTo(30);
    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("CLOSED");
  }
}
