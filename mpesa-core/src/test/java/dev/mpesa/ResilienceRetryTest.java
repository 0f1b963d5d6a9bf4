package dev.mpesa;

import static dev.mpesa.testing.DarajaStub.error;
import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mpesa.auth.AccessToken;
import dev.mpesa.auth.InMemoryTokenStore;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.MpesaNetworkException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.error.SubscriberBusyException;
import dev.mpesa.error.ThrottledException;
import dev.mpesa.result.DarajaError;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.stk.StkPushResponse;
import dev.mpesa.stk.StkQueryResponse;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.RecordingSleeper;
import dev.mpesa.testing.TestClients;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retries by idempotency class, end to end through {@link MpesaClient} and a local fake Daraja: R9
 * (a push that may have arrived is sent once), R10 (safe retries happen), R11 (backoff, jitter and
 * {@code Retry-After}), R13 (permanent errors are sent once), R14 (subscriber busy) and the
 * listener's view of all that (R37, partly). Waits go through a {@link RecordingSleeper} that
 * advances a {@link FakeClock}: nothing here sleeps, except the read timeouts of R9/R10 (200 ms).
 */
class ResilienceRetryTest {
  static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
  static final String FULL_PHONE = "254712345678";
  static final String MASKED_PHONE = "2547******78";
  static final String PUSH_PATH = "/mpesa/stkpush/v1/processrequest";
  static final String QUERY_PATH = "/mpesa/stkpushquery/v1/query";
  static final String PUSH_OK = Fixtures.read("stk/push-response.json");
  static final String QUERY_OK = Fixtures.read("stk/query-response.json");

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

  /** A client on the fake Daraja with the fake clock, the recording sleeper and listener. */
  MpesaClient.Builder builder() {
    return TestClients.sandbox(server).clock(clock).sleeper(sleeper).listener(listener);
  }

  MpesaClient build(MpesaClient.Builder builder) {
    MpesaClient client = builder.build();
    clients.add(client);
    return client;
  }

  /** Default retries (3 attempts in all); breakers off so repeated failures cannot open one. */
  MpesaClient client() {
    return client(RetrySettings.defaults());
  }

  MpesaClient client(RetrySettings retry) {
    return build(builder().retry(retry).circuitBreaker(CircuitBreakerSettings.disabled()));
  }

  /** Answers the n-th business request (1-based) with {@code script.apply(n)}. */
  void script(IntFunction<MockResponse> script) {
    AtomicInteger n = new AtomicInteger();
    daraja.handler(r -> script.apply(n.incrementAndGet()));
  }

  static StkPushRequest pushRequest() {
    return StkPushRequest.builder()
        .phoneNumber("0712 345 678")
        .amount(10)
        .accountReference("ORD-1")
        .description("Order 1")
        .callbackUrl("https://shop.example/mpesa/stk")
        .build();
  }

  static MockResponse html(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "text/html; charset=UTF-8")
        .body(body)
        .build();
  }

  static MockResponse spikeArrest() {
    return error(500, "500.003.02", "Error Occurred: Spike Arrest Violation");
  }

  static MockResponse quota() {
    return error(500, "500.003.03", "Quota Violation");
  }

  static MockResponse unavailable() {
    return error(503, "500.003.1001", "Service is currently unreachable. Please try again later.");
  }

  static MockResponse tooManyRequests(String retryAfter) {
    MockResponse.Builder b =
        new MockResponse.Builder()
            .code(429)
            .addHeader("Content-Type", "text/plain")
            .body("Too Many Requests");
    if (retryAfter != null) {
      b.addHeader("Retry-After", retryAfter);
    }
    return b.build();
  }

  static MockResponse delayed(long seconds, String body) {
    return new MockResponse.Builder()
        .headersDelay(seconds, TimeUnit.SECONDS)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** The wait before retry {@code k} must lie in [c/2, c], c = min(max, base * 2^(k-1)). */
  static void assertWithinBackoff(Duration wait, int k, Duration base, Duration max) {
    long ceiling = Math.min(max.toMillis(), base.toMillis() << (k - 1));
    assertThat(wait.toMillis())
        .as("wait before retry %d (base %s, cap %s)", k, base, max)
        .isBetween(ceiling / 2, ceiling);
  }

  static void assertOutcomeUnknownForPush(Throwable thrown) {
    assertThat(thrown).isInstanceOf(OutcomeUnknownException.class);
    OutcomeUnknownException e = (OutcomeUnknownException) thrown;
    assertThat(e.operation()).isEqualTo("stk.push");
    assertThat(e.references())
        .containsEntry("accountReference", "ORD-1")
        .containsEntry("amount", "10")
        .containsEntry("phoneNumber", MASKED_PHONE)
        .containsEntry("shortCode", "174379");
    assertThat(e.references().values()).noneMatch(v -> v.contains(FULL_PHONE));
    assertThat(e.getMessage()).contains(MASKED_PHONE).doesNotContain(FULL_PHONE);
    assertThat(e.sentAt()).isEqualTo(START);
  }

  /** A port nothing listens on: connecting to it is refused, so nothing is ever sent. */
  static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The key MpesaClient stores its token under: base URL, '#', 16 bytes of SHA-256(key). */
  static String tokenKey(String baseUrl, String consumerKey) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(consumerKey.getBytes(StandardCharsets.UTF_8));
    return baseUrl + "#" + HexFormat.of().formatHex(digest, 0, 16);
  }

  /** A client whose base URL refuses connections; with a token stored, OAuth is skipped. */
  MpesaClient refusingClient(boolean withToken) throws Exception {
    InMemoryTokenStore store = new InMemoryTokenStore();
    MpesaClient client =
        build(
            builder()
                .baseUrl("http://127.0.0.1:" + closedPort())
                .tokenStore(store)
                .circuitBreaker(CircuitBreakerSettings.disabled()));
    if (withToken) {
      store.put(
          tokenKey(client.baseUrl(), "key"), new AccessToken("tokX", START.plusSeconds(3599)));
    }
    return client;
  }

  // ---------------------------------------------------------------------------------------------
  // R9: no blind retry of a push that may have arrived.
  // ---------------------------------------------------------------------------------------------

  @Test
  @DisplayName("R9: a push answered by a read timeout is sent once and its outcome is unknown")
  void push_readTimeout_raisesOutcomeUnknownAfterOneRequest() {
    daraja.handler(r -> delayed(2, PUSH_OK));
    MpesaClient mpesa =
        build(
            builder()
                .readTimeout(Duration.ofMillis(200))
                .circuitBreaker(CircuitBreakerSettings.disabled()));

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertOutcomeUnknownForPush(thrown);
    assertThat(thrown).isNotInstanceOf(MpesaNetworkException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
    assertThat(daraja.businessRequests().get(0).getUrl().encodedPath()).isEqualTo(PUSH_PATH);
    assertThat(sleeper.sleeps()).isEmpty();
    assertThat(listener.retries()).isEmpty();
  }

  static Stream<Arguments> disconnects() {
    return Stream.of(
        Arguments.of(
            "reset before the status line",
            (Supplier<MockResponse>)
                () ->
                    new MockResponse.Builder()
                        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                        .body(PUSH_OK)
                        .build()),
        Arguments.of(
            "connection shut during the body",
            (Supplier<MockResponse>)
                () ->
                    new MockResponse.Builder()
                        .addHeader("Content-Type", "application/json")
                        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                        .body(PUSH_OK)
                        .build()),
        Arguments.of(
            "socket closed during the body",
            (Supplier<MockResponse>)
                () ->
                    new MockResponse.Builder()
                        .addHeader("Content-Type", "application/json")
                        .onResponseBody(new SocketEffect.CloseSocket())
                        .body(PUSH_OK)
                        .build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("disconnects")
  @DisplayName("R9: a push cut off mid-response is sent once and its outcome is unknown")
  void push_midResponseDisconnect_raisesOutcomeUnknownAfterOneRequest(
      String what, Supplier<MockResponse> answer) {
    daraja.handler(r -> answer.get());
    MpesaClient mpesa = client();

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertOutcomeUnknownForPush(thrown);
    assertThat(daraja.businessCount()).as(what).isEqualTo(1);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  static Stream<Arguments> nonThrottling5xx() {
    return Stream.of(
        Arguments.of(
            "500.003.1001 JSON",
            (Supplier<MockResponse>)
                () -> error(500, "500.003.1001", "Service is currently unreachable.")),
        Arguments.of(
            "HTML 502",
            (Supplier<MockResponse>)
                () -> html(502, "<html><body><h1>502 Bad Gateway</h1></body></html>")),
        Arguments.of(
            "HTML 503",
            (Supplier<MockResponse>)
                () -> html(503, "<html><body>Service Unavailable</body></html>")),
        Arguments.of(
            "empty 500",
            (Supplier<MockResponse>) () -> new MockResponse.Builder().code(500).build()),
        Arguments.of(
            "JSON 504 without a code",
            (Supplier<MockResponse>) () -> json(504, "{\"message\":\"Gateway Timeout\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonThrottling5xx")
  @DisplayName("R9: a push answered by a non-throttling 5xx is sent once, outcome unknown")
  void push_nonThrottling5xx_raisesOutcomeUnknownAfterOneRequest(
      String what, Supplier<MockResponse> answer) {
    daraja.handler(r -> answer.get());
    MpesaClient mpesa = client();

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertOutcomeUnknownForPush(thrown);
    assertThat(thrown.getCause())
        .isInstanceOfSatisfying(
            MpesaApiException.class, cause -> assertThat(cause.isTransient()).isTrue());
    assertThat(daraja.businessCount()).as(what).isEqualTo(1);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  @DisplayName("R9/R11: a push answered spike arrest three times is sent three times, then throws")
  void push_spikeArrestEveryTime_retriedThenRaisesThrottled() {
    daraja.handler(r -> spikeArrest());
    MpesaClient mpesa = client();

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.SPIKE_ARREST);
              assertThat(e.operation()).isEqualTo("stk.push");
            });
    assertThat(daraja.businessCount()).isEqualTo(3);
    assertThat(daraja.businessRequests()).allMatch(r -> r.getUrl().encodedPath().equals(PUSH_PATH));
    RetrySettings defaults = RetrySettings.defaults();
    assertThat(sleeper.sleeps()).hasSize(2);
    for (int k = 1; k <= 2; k++) {
      assertWithinBackoff(
          sleeper.sleeps().get(k - 1), k, defaults.throttledBackoff(), defaults.maxBackoff());
    }
  }

  static Stream<Arguments> throttling() {
    return Stream.of(
        Arguments.of("500.003.02 spike arrest", (Supplier<MockResponse>) () -> spikeArrest()),
        Arguments.of("500.003.03 quota", (Supplier<MockResponse>) () -> quota()),
        Arguments.of("HTTP 429", (Supplier<MockResponse>) () -> tooManyRequests(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("throttling")
  @DisplayName("R9/R11: a push refused by the gateway's rate limit is resent and can succeed")
  void push_throttledOnce_retriedAndSucceeds(String what, Supplier<MockResponse> refusal) {
    script(n -> n == 1 ? refusal.get() : json(200, PUSH_OK));
    MpesaClient mpesa = client();

    StkPushResponse ack = mpesa.stk().push(pushRequest());

    assertThat(ack.checkoutRequestId()).isEqualTo("ws_CO_1007202409152617172396192");
    assertThat(daraja.businessCount()).as(what).isEqualTo(2);
    assertThat(sleeper.sleeps()).hasSize(1);
    assertWithinBackoff(
        sleeper.sleeps().get(0),
        1,
        RetrySettings.defaults().throttledBackoff(),
        RetrySettings.defaults().maxBackoff());
  }

  @Test
  @DisplayName("R9/R11: a push answered 429 with Retry-After: 2 is resent after at least 2 s")
  void push_429WithRetryAfter_retriedAfterThatWait() {
    script(n -> n == 1 ? tooManyRequests("2") : json(200, PUSH_OK));
    MpesaClient mpesa = client();

    mpesa.stk().push(pushRequest());

    assertThat(daraja.businessCount()).isEqualTo(2);
    assertThat(sleeper.sleeps()).hasSize(1);
    assertThat(sleeper.sleeps().get(0))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2))
        .isLessThanOrEqualTo(RetrySettings.defaults().maxBackoff());
  }

  // ---------------------------------------------------------------------------------------------
  // R10: safe retries happen.
  // ---------------------------------------------------------------------------------------------

  @Test
  @DisplayName("R10: a push whose connection is refused was never sent, so it is retried")
  void push_connectionRefused_retriedUpToMaxAttemptsThenLastErrorSurfaces() throws Exception {
    MpesaClient mpesa = refusingClient(true);

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertThat(thrown).isExactlyInstanceOf(MpesaNetworkException.class);
    MpesaNetworkException e = (MpesaNetworkException) thrown;
    assertThat(e.operation()).isEqualTo("stk.push");
    assertThat(e.getMessage()).contains("nothing was sent");
    assertThat(listener.attempts("stk.push")).containsExactly("1:0", "2:0", "3:0");
    assertThat(sleeper.sleeps()).hasSize(2);
    assertThat(listener.unknownOutcomes()).isEmpty();
  }

  @Test
  @DisplayName("R10: an STK query whose connection is refused is retried up to maxAttempts")
  void query_connectionRefused_retriedUpToMaxAttemptsThenLastErrorSurfaces() throws Exception {
    MpesaClient mpesa = refusingClient(true);

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .isExactlyInstanceOf(MpesaNetworkException.class)
        .hasMessageContaining("stk.query")
        .hasMessageContaining("nothing was sent");
    assertThat(listener.attempts("stk.query")).containsExactly("1:0", "2:0", "3:0");
    assertThat(sleeper.sleeps()).hasSize(2);
  }

  @Test
  @DisplayName("R10: an OAuth request whose connection is refused is retried up to maxAttempts")
  void oauth_connectionRefused_retriedUpToMaxAttemptsThenLastErrorSurfaces() throws Exception {
    MpesaClient mpesa = refusingClient(false);

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            MpesaNetworkException.class, e -> assertThat(e.operation()).isEqualTo("oauth"));
    assertThat(listener.attempts("oauth")).containsExactly("1:0", "2:0", "3:0");
    // The token failure is OAuth's; the query does not retry it a second time round.
    assertThat(listener.attempts("stk.query")).isEmpty();
    assertThat(sleeper.sleeps()).hasSize(2);
  }

  @Test
  @DisplayName("R10: OAuth 500 and an HTML 503 are retried and the call then succeeds")
  void query_oauthTransientFailures_retriedThenSucceeds() {
    daraja.oauth(
        n ->
            switch (n) {
              case 1 -> error(500, "500.003.1001", "Service is currently unreachable.");
              case 2 -> html(503, "<html><body>Incapsula incident ID: 123</body></html>");
              default -> DarajaStub.token(n);
            });
    MpesaClient mpesa = client();

    StkQueryResponse q = mpesa.stk().query("ws_CO_1");

    assertThat(q.isPaid()).isTrue();
    assertThat(daraja.oauthCount()).isEqualTo(3);
    assertThat(daraja.businessCount()).isEqualTo(1);
    assertThat(DarajaStub.bearer(daraja.businessRequests().get(0))).isEqualTo("tok3");
    assertThat(sleeper.sleeps()).hasSize(2);
  }

  @Test
  @DisplayName("R10: OAuth failing every time is tried maxAttempts times, the last error surfaces")
  void query_oauthAlwaysFailing_triedMaxAttemptsThenLastErrorSurfaces() {
    daraja.oauth(
        n ->
            n < 3
                ? error(500, "500.003.1001", "Service is currently unreachable.")
                : html(503, "<html><body>Service Unavailable</body></html>"));
    MpesaClient mpesa = client();

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            MpesaApiException.class,
            e -> {
              assertThat(e.operation()).isEqualTo("oauth");
              assertThat(e.error()).isEqualTo(DarajaError.NON_JSON_RESPONSE);
              assertThat(e.httpStatus()).isEqualTo(503);
            });
    assertThat(daraja.oauthCount()).isEqualTo(3);
    assertThat(daraja.businessCount()).isZero();
  }

  @Test
  @DisplayName("R10: an STK query failing twice transiently is retried and then succeeds")
  void query_twoTransientFailures_retriedThenSucceeds() {
    script(
        n ->
            switch (n) {
              case 1 -> html(503, "<html><body>Service Unavailable</body></html>");
              case 2 -> spikeArrest();
              default -> json(200, QUERY_OK);
            });
    MpesaClient mpesa = client();

    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();

    assertThat(daraja.businessCount()).isEqualTo(3);
    assertThat(daraja.businessRequests())
        .allMatch(r -> r.getUrl().encodedPath().equals(QUERY_PATH));
    assertThat(sleeper.sleeps()).hasSize(2);
  }

  @Test
  @DisplayName("R10: an STK query failing every time is sent maxAttempts times, last error wins")
  void query_alwaysFailing_sentMaxAttemptsTimesThenLastErrorSurfaces() {
    script(
        n ->
            json(
                503,
                "{\"requestId\":\"req-"
                    + n
                    + "\",\"errorCode\":\"500.003.1001\","
                    + "\"errorMessage\":\"Service is currently unreachable.\"}"));
    MpesaClient mpesa = client(RetrySettings.builder().maxAttempts(4).build());

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            MpesaApiException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.SERVICE_UNAVAILABLE);
              assertThat(e.requestId()).isEqualTo("req-4");
            });
    assertThat(daraja.businessCount()).isEqualTo(4);
    assertThat(sleeper.sleeps()).hasSize(3);
  }

  @Test
  @DisplayName("R10: an STK query that timed out is read-only, so it is retried")
  void query_readTimeout_retriedThenSucceeds() {
    script(n -> n == 1 ? delayed(2, QUERY_OK) : json(200, QUERY_OK));
    MpesaClient mpesa =
        build(
            builder()
                .readTimeout(Duration.ofMillis(200))
                .circuitBreaker(CircuitBreakerSettings.disabled()));

    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();

    assertThat(daraja.businessCount()).isEqualTo(2);
    assertThat(listener.attempts("stk.query")).containsExactly("1:0", "2:200");
  }

  @Test
  @DisplayName("R10: an STK query cut off mid-response is retried and then succeeds")
  void query_midResponseDisconnect_retriedThenSucceeds() {
    script(
        n ->
            n == 1
                ? new MockResponse.Builder()
                    .addHeader("Content-Type", "application/json")
                    .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                    .body(QUERY_OK)
                    .build()
                : json(200, QUERY_OK));
    MpesaClient mpesa = client();

    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();

    assertThat(daraja.businessCount()).isEqualTo(2);
  }

  @Test
  @DisplayName("R10: maxAttempts(1) turns retries off for safe calls too")
  void query_retriesDisabled_sentOnce() {
    daraja.handler(r -> unavailable());
    MpesaClient mpesa = client(RetrySettings.disabled());

    assertThat(catchThrowable(() -> mpesa.stk().query("ws_CO_1")))
        .isInstanceOf(MpesaApiException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // R11: throttling retries, backoff with jitter, Retry-After.
  // ---------------------------------------------------------------------------------------------

  static final Duration INITIAL = Duration.ofMillis(100);
  static final Duration THROTTLED = Duration.ofMillis(400);
  static final Duration MAX = Duration.ofMillis(600);

  static Stream<Arguments> transientFailures() {
    return Stream.of(
        Arguments.of("500.003.02 spike arrest", (Supplier<MockResponse>) () -> spikeArrest(), true),
        Arguments.of("500.003.03 quota", (Supplier<MockResponse>) () -> quota(), true),
        Arguments.of("HTTP 429", (Supplier<MockResponse>) () -> tooManyRequests(null), true),
        Arguments.of("503 500.003.1001", (Supplier<MockResponse>) () -> unavailable(), false),
        Arguments.of(
            "HTML 503",
            (Supplier<MockResponse>) () -> html(503, "<html>Service Unavailable</html>"),
            false),
        Arguments.of(
            "HTML 502",
            (Supplier<MockResponse>) () -> html(502, "<html>Bad Gateway</html>"),
            false),
        Arguments.of(
            "HTML 200 gateway page",
            (Supplier<MockResponse>)
                () -> html(200, "<html><title>Apigee SPA Proxy</title></html>"),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transientFailures")
  @DisplayName("R11: every wait lies in [c/2, c], c = min(max, base * 2^(k-1)), base by the error")
  void query_transientFailures_waitsFollowJitteredExponentialBackoff(
      String what, Supplier<MockResponse> failure, boolean throttled) {
    daraja.handler(r -> failure.get());
    int attempts = 5;
    MpesaClient mpesa =
        client(
            RetrySettings.builder()
                .maxAttempts(attempts)
                .backoff(INITIAL, THROTTLED, MAX)
                .noBudget()
                .build());
    // Few calls: every local POST costs tens of milliseconds; 12 waits per case suffice.
    int calls = 3;

    for (int i = 0; i < calls; i++) {
      assertThat(catchThrowable(() -> mpesa.stk().query("ws_CO_1")))
          .as(what)
          .isInstanceOf(MpesaApiException.class);
    }

    assertThat(daraja.businessCount()).isEqualTo(calls * attempts);
    List<Duration> sleeps = sleeper.sleeps();
    assertThat(sleeps).hasSize(calls * (attempts - 1));
    Duration base = throttled ? THROTTLED : INITIAL;
    for (int i = 0; i < sleeps.size(); i++) {
      assertWithinBackoff(sleeps.get(i), i % (attempts - 1) + 1, base, MAX);
    }
    // Jitter: the waits of one retry number are not all the same.
    // Jitter: the waits are drawn, not fixed.
    assertThat(sleeps.stream().distinct().count()).isGreaterThan(attempts - 1);
    assertThat(listener.retryWaits()).isEqualTo(sleeps);
  }

  @Test
  @DisplayName("R11: a Retry-After in seconds longer than the backoff lengthens the wait to it")
  void query_retryAfterSeconds_lengthensTheWait() {
    script(n -> n == 1 ? tooManyRequests("3") : json(200, QUERY_OK));
    MpesaClient mpesa =
        client(
            RetrySettings.builder()
                .backoff(INITIAL, Duration.ofMillis(200), Duration.ofSeconds(8))
                .build());

    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();

    assertThat(daraja.businessCount()).isEqualTo(2);
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  @DisplayName("R11: a Retry-After HTTP date is read against the client's clock")
  void query_retryAfterHttpDate_waitsUntilThatDateByTheClientClock() {
    String inFiveSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plusSeconds(5).atZone(ZoneOffset.UTC));
    script(n -> n == 1 ? tooManyRequests(inFiveSeconds) : json(200, QUERY_OK));
    MpesaClient mpesa =
        client(
            RetrySettings.builder()
                .backoff(INITIAL, Duration.ofMillis(200), Duration.ofSeconds(8))
                .build());

    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @CsvSource({"0", "'Sun, 01 Mar 2026 07:59:00 GMT'"})
  @DisplayName("R11: a Retry-After shorter than the backoff (or in the past) never shortens it")
  void query_retryAfterShorterThanBackoff_keepsTheBackoff(String retryAfter) {
    script(n -> n <= 2 ? tooManyRequests(retryAfter) : json(200, QUERY_OK));
    MpesaClient mpesa =
        client(
            RetrySettings.builder()
                .backoff(INITIAL, Duration.ofSeconds(1), Duration.ofSeconds(8))
                .build());

    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();

    assertThat(sleeper.sleeps()).hasSize(2);
    assertWithinBackoff(sleeper.sleeps().get(0), 1, Duration.ofSeconds(1), Duration.ofSeconds(8));
    assertWithinBackoff(sleeper.sleeps().get(1), 2, Duration.ofSeconds(1), Duration.ofSeconds(8));
  }

  @Test
  @DisplayName("R11: a Retry-After above the max backoff ends the retries and is reported")
  void query_retryAfterAboveMaxBackoff_raisesThrottledWithoutRetry() {
    daraja.handler(r -> tooManyRequests("30"));
    MpesaClient mpesa = client(); // max backoff 8 s

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
    assertThat(daraja.businessCount()).isEqualTo(1);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  @DisplayName("R11: a push answered 429 with a Retry-After above the cap is not resent")
  void push_retryAfterAboveMaxBackoff_raisesThrottledWithoutRetry() {
    daraja.handler(r -> tooManyRequests("60"));
    MpesaClient mpesa = client();

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(60)));
    assertThat(daraja.businessCount()).isEqualTo(1);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  @DisplayName("R11: a Retry-After on an HTTP 503 lengthens the wait of a safe retry too")
  void query_503WithRetryAfter_waitsAtLeastRetryAfter() {
    script(
        n ->
            n == 1
                ? new MockResponse.Builder()
                    .code(503)
                    .addHeader("Retry-After", "3")
                    .addHeader("Content-Type", "text/html")
                    .body("<html>Service Unavailable</html>")
                    .build()
                : json(200, QUERY_OK));
    MpesaClient mpesa = client(); // initial backoff 500 ms, cap 8 s

    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();

    assertThat(daraja.businessCount()).isEqualTo(2);
    assertThat(sleeper.sleeps()).hasSize(1);
    assertThat(sleeper.sleeps().get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  // ---------------------------------------------------------------------------------------------
  // R13: permanent errors are never retried. R14: subscriber busy.
  // ---------------------------------------------------------------------------------------------

  static final String PERMANENT_ERRORS =
      """
      400, 400.002.02,   Bad Request - Invalid BusinessShortCode
      400, 400.002.05,   Invalid Request Payload
      404, 404.001.04,   Invalid Authentication Header
      404, 404.001.01,   Resource not found
      500, 500.001.1001, Merchant does not exist
      500, 500.001.1001, Wrong credentials
      """;

  @ParameterizedTest
  @CsvSource(textBlock = PERMANENT_ERRORS)
  @DisplayName("R13: a permanent error on an STK query is sent once, never retried")
  void query_permanentError_sentOnceWithoutRetry(int status, String code, String message) {
    daraja.handler(r -> error(status, code, message));
    MpesaClient mpesa = client();

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(code);
              assertThat(e.isTransient()).isFalse();
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
    assertThat(sleeper.sleeps()).isEmpty();
    assertThat(listener.retries()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(textBlock = PERMANENT_ERRORS)
  @DisplayName("R13: a permanent error on a push is sent once, never retried, not unknown")
  void push_permanentError_sentOnceWithoutRetry(int status, String code, String message) {
    daraja.handler(r -> error(status, code, message));
    MpesaClient mpesa = client();

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(code);
              assertThat(e.operation()).isEqualTo("stk.push");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
    assertThat(sleeper.sleeps()).isEmpty();
    assertThat(listener.unknownOutcomes()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "400.008.01, Invalid authentication type passed",
    "400.008.02, Invalid grant type passed"
  })
  @DisplayName("R13: bad consumer credentials are sent once to OAuth even with retries on")
  void query_badConsumerCredentials_oneOauthRequestWithRetriesOn(String code, String message) {
    daraja.oauth(n -> error(400, code, message));
    MpesaClient mpesa = client();

    assertThat(catchThrowable(() -> mpesa.stk().query("ws_CO_1")))
        .isInstanceOf(AuthenticationException.class);
    assertThat(daraja.oauthCount()).isEqualTo(1);
    assertThat(daraja.businessCount()).isZero();
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  @DisplayName("R14: subscriber busy is one request, SubscriberBusyException (>= 60 s), no retry")
  void push_subscriberBusy_sentOnceNeverRetried() {
    daraja.handler(r -> json(500, Fixtures.read("stk/push-subscriber-busy.json")));
    MpesaClient mpesa = client();

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            SubscriberBusyException.class,
            e -> {
              assertThat(e.suggestedWait()).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
              assertThat(e.errorCode()).isEqualTo("500.001.1001");
              assertThat(e.error()).isEqualTo(DarajaError.SUBSCRIBER_BUSY);
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
    assertThat(sleeper.sleeps()).isEmpty();
    assertThat(listener.retries()).isEmpty();
    assertThat(listener.unknownOutcomes()).isEmpty();
  }

  @Test
  @DisplayName("R14: subscriber busy never opens the circuit breaker")
  void push_subscriberBusyRepeatedly_breakerStaysClosed() {
    daraja.handler(r -> json(500, Fixtures.read("stk/push-subscriber-busy.json")));
    MpesaClient mpesa =
        build(
            builder()
                .circuitBreaker(
                    CircuitBreakerSettings.builder()
                        .minimumCalls(5)
                        .failureRateThreshold(50)
                        .build()));

    for (int i = 0; i < 12; i++) {
      assertThat(catchThrowable(() -> mpesa.stk().push(pushRequest())))
          .isInstanceOf(SubscriberBusyException.class);
    }

    assertThat(mpesa.resilience().circuitState("stk")).isEqualTo("CLOSED");
    assertThat(daraja.businessCount()).isEqualTo(12);
    assertThat(listener.events()).noneMatch(e -> e.startsWith("breaker"));
  }

  // ---------------------------------------------------------------------------------------------
  // R37 (partly): the listener sees what the server saw.
  // ---------------------------------------------------------------------------------------------

  @Test
  @DisplayName("R37/R10: onAttempt per request, onRetry (with the slept wait) before each retry")
  void query_retriesOnOauthAndQuery_listenerSeesEveryAttemptAndRetry() {
    daraja.oauth(n -> n == 1 ? unavailable() : DarajaStub.token(n));
    script(
        n ->
            switch (n) {
              case 1 -> unavailable();
              case 2 -> spikeArrest();
              default -> json(200, QUERY_OK);
            });
    MpesaClient mpesa = client();

    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();

    assertThat(listener.attemptCount()).isEqualTo(server.getRequestCount()).isEqualTo(5);
    List<Duration> waits = listener.retryWaits();
    assertThat(waits).isEqualTo(sleeper.sleeps()).hasSize(3);
    assertThat(listener.events())
        .containsExactly(
            "attempt oauth 1 503 req-1",
            "retry oauth 2 " + waits.get(0).toMillis(),
            "attempt oauth 2 200 null",
            "token",
            "attempt stk.query 1 503 req-1",
            "retry stk.query 2 " + waits.get(1).toMillis(),
            "attempt stk.query 2 500 req-1",
            "retry stk.query 3 " + waits.get(2).toMillis(),
            "attempt stk.query 3 200 null");
  }

  @Test
  @DisplayName("R37/R9: an unknown push outcome is reported to the listener exactly once")
  void push_readTimeout_listenerToldOutcomeUnknownOnce() {
    daraja.handler(r -> delayed(2, PUSH_OK));
    MpesaClient mpesa =
        build(
            builder()
                .readTimeout(Duration.ofMillis(200))
                .circuitBreaker(CircuitBreakerSettings.disabled()));

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertThat(listener.unknownOutcomes()).hasSize(1).containsExactly(thrown);
    assertThat(listener.attempts("stk.push")).containsExactly("1:0");
    assertThat(listener.retries()).isEmpty();
  }

  @Test
  @DisplayName("R37/R9: a non-throttling 5xx push is reported to the listener as unknown once")
  void push_serviceUnavailable_listenerToldOutcomeUnknownOnce() {
    daraja.handler(r -> unavailable());
    MpesaClient mpesa = client();

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertThat(thrown).isInstanceOf(OutcomeUnknownException.class);
    assertThat(listener.unknownOutcomes()).containsExactly(thrown);
    assertThat(listener.attempts("stk.push")).containsExactly("1:503");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"{}", "{\"ResponseCode\":{\"a\":1}}", "{\"ResponseCode\":\"0\"}"})
  @DisplayName("R37/R9: a 2xx push answer that proves nothing is unknown, and the listener is told")
  void push_unprovable2xxAnswer_listenerToldOutcomeUnknown(String body) {
    daraja.handler(r -> json(200, body));
    MpesaClient mpesa = client();

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertThat(thrown).isInstanceOf(OutcomeUnknownException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
    assertThat(listener.unknownOutcomes()).containsExactly(thrown);
  }

  @Test
  @DisplayName("R37: a failed query is not an unknown outcome (only money-moving calls are)")
  void query_serviceUnavailable_listenerNotToldOutcomeUnknown() {
    daraja.handler(r -> unavailable());
    MpesaClient mpesa = client();

    assertThat(catchThrowable(() -> mpesa.stk().query("ws_CO_1")))
        .isNotInstanceOf(OutcomeUnknownException.class);
    assertThat(listener.unknownOutcomes()).isEmpty();
    assertThat(listener.attempts("stk.query")).containsExactly("1:503", "2:503", "3:503");
    assertThat(listener.retries()).containsExactly("stk.query 2", "stk.query 3");
  }

  /** Records what the client reports, in order. Thread-safe. */
  static final class RecordingListener implements MpesaListener {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final List<String> retries = new CopyOnWriteArrayList<>();
    private final List<Duration> retryWaits = new CopyOnWriteArrayList<>();
    private final List<OutcomeUnknownException> unknown = new CopyOnWriteArrayList<>();

    @Override
    public void onAttempt(
        String operation, int attempt, int httpStatus, Duration latency, String requestId) {
      attempts.add(operation + " " + attempt + ":" + httpStatus);
      events.add("attempt " + operation + " " + attempt + " " + httpStatus + " " + requestId);
    }

    @Override
    public void onRetry(String operation, int nextAttempt, Duration wait, MpesaException cause) {
      retries.add(operation + " " + nextAttempt);
      retryWaits.add(wait);
      events.add("retry " + operation + " " + nextAttempt + " " + wait.toMillis());
    }

    @Override
    public void onCircuitStateChange(String group, String from, String to) {
      events.add("breaker " + group + " " + from + " " + to);
    }

    @Override
    public void onTokenRefreshed(Instant expiresAt) {
      events.add("token");
    }

    @Override
    public void onOutcomeUnknown(OutcomeUnknownException exception) {
      unknown.add(exception);
      events.add("unknown " + exception.operation());
    }

    List<String> events() {
      return List.copyOf(events);
    }

    /** "attempt:status" of each attempt of {@code operation}, in order. */
    List<String> attempts(String operation) {
      return attempts.stream()
          .filter(a -> a.startsWith(operation + " "))
          .map(a -> a.substring(operation.length() + 1))
          .toList();
    }

    int attemptCount() {
      return attempts.size();
    }

    /** How many first attempts of {@code operation} were made. */
    long firstAttempts(String operation) {
      return attempts.stream().filter(a -> a.startsWith(operation + " 1:")).count();
    }

    List<String> retries() {
      return List.copyOf(retries);
    }

    List<Duration> retryWaits() {
      return List.copyOf(retryWaits);
    }

    List<Throwable> unknownOutcomes() {
      return List.<Throwable>copyOf(unknown);
    }
  }
}
