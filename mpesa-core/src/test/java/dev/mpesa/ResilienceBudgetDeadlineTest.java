package dev.mpesa;

import static dev.mpesa.testing.DarajaStub.error;
import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mpesa.ResilienceRetryTest.RecordingListener;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.MpesaNetworkException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.error.ThrottledException;
import dev.mpesa.result.DarajaError;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.RecordingSleeper;
import dev.mpesa.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The limits around retries, end to end through {@link MpesaClient} and a local fake Daraja: the
 * shared retry budget (R15) and the per-call deadline, sleeps and token refresh included (R16).
 * Most tests wait through a {@link RecordingSleeper} on a {@link FakeClock}; the three that check
 * the deadline against a slow server use the system clock and wait at most about one second.
 */
class ResilienceBudgetDeadlineTest {
  static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
  static final String QUERY_OK = Fixtures.read("stk/query-response.json");
  static final String PUSH_OK = Fixtures.read("stk/push-response.json");

  /** Generous slack over a 1 s deadline for a loaded CI machine; the server answers after 2 s. */
  static final Duration ONE_SECOND_PLUS_EPSILON = Duration.ofMillis(1800);

  final DarajaStub daraja = new DarajaStub().handler(r -> json(200, QUERY_OK));
  final FakeClock clock = new FakeClock(START);
  final RecordingSleeper sleeper = new RecordingSleeper(clock);
  final RecordingListener listener = new RecordingListener();
  final List<MpesaClient> clients = new ArrayList<>();
  MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(daraja);
    server.start();
  }

  @AfterEach
  void stop() {
    clients.forEach(MpesaClient::close);
    server.close();
  }

  MpesaClient build(MpesaClient.Builder builder) {
    MpesaClient client = builder.build();
    clients.add(client);
    return client;
  }

  /** Fake clock and recording sleeper; breakers off, so only the retry settings decide. */
  MpesaClient fakeTimeClient(RetrySettings retry) {
    return build(
        TestClients.sandbox(server)
            .clock(clock)
            .sleeper(sleeper)
            .listener(listener)
            .retry(retry)
            .circuitBreaker(CircuitBreakerSettings.disabled()));
  }

  /**
   * The system clock and a sleeper that returns at once (nothing here reaches a backoff), long HTTP
   * timeouts, and a 1 s deadline: only the deadline can end a call early.
   */
  MpesaClient oneSecondDeadlineClient() {
    return build(
        TestClients.sandbox(server)
            .listener(listener)
            .readTimeout(Duration.ofSeconds(30))
            .callTimeout(Duration.ofSeconds(30))
            .retry(RetrySettings.builder().deadline(Duration.ofSeconds(1)).build())
            .circuitBreaker(CircuitBreakerSettings.disabled()));
  }

  static MockResponse unavailable() {
    return error(503, "500.003.1001", "Service is currently unreachable. Please try again later.");
  }

  static MockResponse slow(String body) {
    return new MockResponse.Builder()
        .headersDelay(2, TimeUnit.SECONDS)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static StkPushRequest pushRequest() {
    return StkPushRequest.builder()
        .phoneNumber("254712345678")
        .amount(10)
        .accountReference("ORD-1")
        .callbackUrl("https://shop.example/mpesa/stk")
        .build();
  }

  /** Runs {@code call} on {@code n} threads released together; returns what each threw. */
  static List<Throwable> runConcurrently(int n, ThrowingCallable call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Throwable>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return catchThrowable(call);
                }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<Throwable> thrown = new ArrayList<>();
      for (Future<Throwable> f : futures) {
        thrown.add(f.get(60, TimeUnit.SECONDS));
      }
      return thrown;
    } finally {
      pool.shutdownNow();
    }
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  // ---------------------------------------------------------------------------------------------
  // R15: the retry budget.
  // ---------------------------------------------------------------------------------------------

  @Test
  @DisplayName("R15: 100 concurrent failing calls retry only what the shared budget pays for")
  void query_hundredConcurrentTransientFailures_retriesCappedBySharedBudget() throws Exception {
    daraja.handler(r -> unavailable());
    // 20 tokens pay for 4 retries of 5 tokens; maxAttempts alone would allow 200.
    MpesaClient mpesa =
        build(
            TestClients.sandbox(server)
                .listener(listener)
                .retry(RetrySettings.builder().maxAttempts(3).budget(20).build())
                .circuitBreaker(CircuitBreakerSettings.disabled()));

    List<Throwable> thrown = runConcurrently(100, () -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .hasSize(100)
        .allSatisfy(
            t ->
                assertThat(t)
                    .isInstanceOfSatisfying(
                        MpesaApiException.class,
                        e -> assertThat(e.error()).isEqualTo(DarajaError.SERVICE_UNAVAILABLE)));
    assertThat(listener.firstAttempts("stk.query")).isEqualTo(100);
    assertThat(daraja.businessCount()).isEqualTo(100 + 4);
    assertThat(listener.retries()).hasSize(4);
    assertThat(mpesa.resilience().budgetAvailable()).isLessThan(5);
    assertThat(daraja.oauthCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("R15: with the budget spent, first attempts still go out (never blocked)")
  void query_budgetSpent_firstAttemptsStillSent() throws Exception {
    daraja.handler(r -> unavailable());
    MpesaClient mpesa =
        build(
            TestClients.sandbox(server)
                .listener(listener)
                .retry(RetrySettings.builder().maxAttempts(3).budget(10).build())
                .circuitBreaker(CircuitBreakerSettings.disabled()));
    catchThrowable(() -> mpesa.stk().query("ws_CO_1")); // 3 requests: spends all 10 tokens
    assertThat(mpesa.resilience().budgetAvailable()).isZero();
    int before = daraja.businessCount();

    List<Throwable> thrown = runConcurrently(30, () -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown).hasSize(30).allMatch(t -> t instanceof MpesaApiException);
    assertThat(before).isEqualTo(3);
    assertThat(daraja.businessCount() - before).isEqualTo(30);
    assertThat(listener.firstAttempts("stk.query")).isEqualTo(31);
  }

  @Test
  @DisplayName("R15: a retry costs 5, a first-try success returns 1, a success after retry 5")
  void query_budgetAccounting_retryCostsFiveSuccessesRefund() {
    MpesaClient mpesa = fakeTimeClient(RetrySettings.builder().maxAttempts(3).budget(15).build());

    // A: fails three times: two retries, 15 -> 5.
    daraja.handler(r -> unavailable());
    catchThrowable(() -> mpesa.stk().query("ws_CO_1"));
    assertThat(daraja.businessCount()).isEqualTo(3);
    assertThat(mpesa.resilience().budgetAvailable()).isEqualTo(5);

    // B: fails once, then succeeds: the retry costs 5, the success after it returns 5.
    AtomicInteger b = new AtomicInteger();
    daraja.handler(r -> b.incrementAndGet() == 1 ? unavailable() : json(200, QUERY_OK));
    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();
    assertThat(daraja.businessCount()).isEqualTo(3 + 2);
    assertThat(mpesa.resilience().budgetAvailable()).isEqualTo(5);

    // C: fails every time: one retry is paid (5 -> 0), then the budget stops it.
    daraja.handler(r -> unavailable());
    catchThrowable(() -> mpesa.stk().query("ws_CO_1"));
    assertThat(daraja.businessCount()).isEqualTo(5 + 2);
    assertThat(mpesa.resilience().budgetAvailable()).isZero();

    // D: an empty budget: the first attempt only.
    catchThrowable(() -> mpesa.stk().query("ws_CO_1"));
    assertThat(daraja.businessCount()).isEqualTo(7 + 1);

    // Five first-try successes return one token each: enough for one retry again.
    daraja.handler(r -> json(200, QUERY_OK));
    for (int i = 0; i < 5; i++) {
      mpesa.stk().query("ws_CO_1");
    }
    assertThat(mpesa.resilience().budgetAvailable()).isEqualTo(5);
    daraja.handler(r -> unavailable());
    catchThrowable(() -> mpesa.stk().query("ws_CO_1"));
    assertThat(daraja.businessCount()).isEqualTo(8 + 5 + 2);
    assertThat(mpesa.resilience().budgetAvailable()).isZero();
  }

  @Test
  @DisplayName("R15: successes never fill the budget above its capacity")
  void query_manySuccesses_budgetStaysAtCapacity() {
    MpesaClient mpesa = fakeTimeClient(RetrySettings.builder().budget(10).build());

    for (int i = 0; i < 5; i++) {
      mpesa.stk().query("ws_CO_1");
    }

    assertThat(mpesa.resilience().budgetAvailable()).isEqualTo(10);
  }

  @Test
  @DisplayName("R15: noBudget() bounds retries per call only")
  void query_noBudget_everyCallRetriesUpToMaxAttempts() {
    daraja.handler(r -> unavailable());
    MpesaClient mpesa = fakeTimeClient(RetrySettings.builder().maxAttempts(2).noBudget().build());

    for (int i = 0; i < 4; i++) {
      catchThrowable(() -> mpesa.stk().query("ws_CO_1"));
    }

    assertThat(daraja.businessCount()).isEqualTo(4 * 2);
    assertThat(mpesa.resilience().budgetAvailable()).isEqualTo(-1);
  }

  // ---------------------------------------------------------------------------------------------
  // R16: the deadline.
  // ---------------------------------------------------------------------------------------------

  @RepeatedTest(value = 5, name = "{displayName} #{currentRepetition}")
  @DisplayName("R16: backoff sleeps of an always-failing call stay within the deadline")
  void query_alwaysFailing_sleepsStayWithinDeadline() {
    daraja.handler(r -> unavailable());
    Duration deadline = Duration.ofSeconds(10);
    MpesaClient mpesa =
        fakeTimeClient(
            RetrySettings.builder()
                .maxAttempts(10)
                .backoff(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(8))
                .deadline(deadline)
                .noBudget()
                .build());

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    // The last attempt may get only a sliver of the deadline as its (real) HTTP timeout: then it
    // ends as a network error rather than Daraja's 503. Either way the deadline held.
    assertThat(thrown).isInstanceOf(MpesaException.class);
    assertThat(sleeper.total()).isLessThan(deadline);
    // Waits of [2,4] then [4,8] s: the deadline, not maxAttempts (10), stopped the call.
    assertThat(sleeper.sleeps()).hasSizeBetween(1, 2);
    assertThat(daraja.businessCount()).isBetween(sleeper.sleeps().size(), 3);
    assertThat(Duration.between(START, clock.instant())).isLessThan(deadline);
  }

  @RepeatedTest(value = 5, name = "{displayName} #{currentRepetition}")
  @DisplayName("R16: OAuth retries and the call's own retries share one deadline")
  void query_oauthRetriedThenQueryFailing_allSleepsWithinOneDeadline() {
    daraja.oauth(n -> n == 1 ? unavailable() : DarajaStub.token(n));
    daraja.handler(r -> unavailable());
    Duration deadline = Duration.ofSeconds(10);
    MpesaClient mpesa =
        fakeTimeClient(
            RetrySettings.builder()
                .maxAttempts(10)
                .backoff(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(8))
                .deadline(deadline)
                .noBudget()
                .build());

    assertThat(catchThrowable(() -> mpesa.stk().query("ws_CO_1")))
        .isInstanceOf(MpesaException.class);

    assertThat(listener.retries()).startsWith("oauth 2");
    assertThat(daraja.oauthCount()).isEqualTo(2);
    assertThat(sleeper.total()).isLessThan(deadline);
    // OAuth's wait of [2,4] s leaves room for the query's first wait of [2,4] s, and for its
    // second of [4,8] s only if the waits so far were short.
    assertThat(daraja.businessCount()).isBetween(2, 3);
  }

  @RepeatedTest(value = 5, name = "{displayName} #{currentRepetition}")
  @DisplayName("R16: an OAuth outage alone cannot outlast the call's deadline")
  void query_oauthAlwaysFailing_sleepsStayWithinDeadline() {
    daraja.oauth(n -> unavailable());
    Duration deadline = Duration.ofSeconds(10);
    MpesaClient mpesa =
        fakeTimeClient(
            RetrySettings.builder()
                .maxAttempts(10)
                .backoff(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(8))
                .deadline(deadline)
                .noBudget()
                .build());

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            MpesaApiException.class, e -> assertThat(e.operation()).isEqualTo("oauth"));
    assertThat(sleeper.total()).isLessThan(deadline);
    assertThat(daraja.oauthCount()).isBetween(2, 3);
    assertThat(daraja.businessCount()).isZero();
  }

  @Test
  @DisplayName("R16: a Retry-After that would pass the deadline ends the retries at once")
  void query_retryAfterBeyondDeadline_raisesThrottledWithoutWaiting() {
    daraja.handler(
        r ->
            new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "6")
                .body("Too Many Requests")
                .build());
    MpesaClient mpesa =
        fakeTimeClient(RetrySettings.builder().deadline(Duration.ofSeconds(5)).build());

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(6)));
    assertThat(daraja.businessCount()).isEqualTo(1);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  @DisplayName("R16: an interrupted backoff ends the call at once with the failure it followed")
  void query_interruptedDuringBackoff_stopsWithoutAnotherRequest() {
    daraja.handler(r -> unavailable());
    MpesaClient mpesa =
        build(
            TestClients.sandbox(server)
                .clock(clock)
                .sleeper(
                    d -> {
                      throw new InterruptedException("test");
                    })
                .circuitBreaker(CircuitBreakerSettings.disabled()));

    Throwable thrown;
    boolean interrupted;
    try {
      thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));
    } finally {
      interrupted = Thread.interrupted(); // clears the flag for the rest of the test run
    }

    assertThat(thrown)
        .isInstanceOfSatisfying(
            MpesaApiException.class,
            e -> assertThat(e.error()).isEqualTo(DarajaError.SERVICE_UNAVAILABLE));
    assertThat(thrown.getSuppressed()).hasAtLeastOneElementOfType(InterruptedException.class);
    assertThat(interrupted).as("the interrupt flag is restored").isTrue();
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("R16: a query to a server answering after 2 s fails at the 1 s deadline")
  void query_slowServer_failsAtDeadlineNotAtReadTimeout() {
    daraja.handler(r -> slow(QUERY_OK));
    MpesaClient mpesa = oneSecondDeadlineClient();

    long started = System.nanoTime();
    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));
    Duration took = since(started);

    assertThat(thrown)
        .isInstanceOfSatisfying(
            MpesaNetworkException.class, e -> assertThat(e.operation()).isEqualTo("stk.query"));
    assertThat(took).isLessThan(ONE_SECOND_PLUS_EPSILON);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("R16: a slow OAuth counts against the business call's 1 s deadline")
  void query_slowOauth_failsAtDeadline() {
    daraja.oauth(n -> slow("{\"access_token\":\"late\",\"expires_in\":\"3599\"}"));
    MpesaClient mpesa = oneSecondDeadlineClient();

    long started = System.nanoTime();
    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));
    Duration took = since(started);

    assertThat(thrown)
        .isInstanceOfSatisfying(
            MpesaNetworkException.class, e -> assertThat(e.operation()).isEqualTo("oauth"));
    assertThat(took).isLessThan(ONE_SECOND_PLUS_EPSILON);
    assertThat(daraja.oauthCount()).isEqualTo(1);
    assertThat(daraja.businessCount()).isZero();
  }

  @Test
  @DisplayName("R16/R9: a push to a server answering after 2 s is unknown at the 1 s deadline")
  void push_slowServer_outcomeUnknownAtDeadline() {
    daraja.handler(r -> slow(PUSH_OK));
    MpesaClient mpesa = oneSecondDeadlineClient();

    long started = System.nanoTime();
    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));
    Duration took = since(started);

    assertThat(thrown).isInstanceOf(OutcomeUnknownException.class);
    assertThat(took).isLessThan(ONE_SECOND_PLUS_EPSILON);
    assertThat(daraja.businessCount()).isEqualTo(1);
    assertThat(listener.unknownOutcomes()).containsExactly(thrown);
  }
}
