package dev.mpesa;

import static dev.mpesa.testing.DarajaStub.error;
import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.auth.AccessToken;
import dev.mpesa.auth.TokenStore;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaNetworkException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.result.DarajaError;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.stk.StkPushResponse;
import dev.mpesa.stk.StkQueryResponse;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.RecordingSleeper;
import dev.mpesa.testing.TestClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ServerSocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP layer end to end, through {@link MpesaClient} and a local fake Daraja: client-side
 * smoothing (R22), finite timeouts (R23), connection reuse without leaks (R24) and stale keep-alive
 * connections (R25). Only the timeout and stale-connection tests wait for real, briefly.
 */
class HttpLayerTest {
  static final String QUERY_PATH = "/mpesa/stkpushquery/v1/query";
  static final String PUSH_PATH = "/mpesa/stkpush/v1/processrequest";
  static final String QUERY_OK =
      "{\"ResponseCode\":\"0\",\"ResponseDescription\":\"accepted\","
          + "\"MerchantRequestID\":\"22205-34066-1\",\"CheckoutRequestID\":\"ws_CO_1\","
          + "\"ResultCode\":\"0\",\"ResultDesc\":\"processed successfully\"}";

  /** Generous allowance over a configured timeout for scheduling on a busy machine. */
  static final Duration EPSILON = Duration.ofMillis(2_000);

  final DarajaStub daraja = new DarajaStub();
  final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T08:00:00Z"));
  final List<MpesaClient> clients = new ArrayList<>();
  final List<OkHttpClient> callerClients = new ArrayList<>();

  /** What the business endpoints answer; tests switch it between phases. */
  volatile Function<RecordedRequest, MockResponse> answer = r -> ok(r);

  MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    daraja.handler(r -> answer.apply(r));
    server = new MockWebServer();
    // Small responses otherwise wait for delayed ACKs (Nagle); R24 sends a thousand of them.
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(daraja);
    server.start();
  }

  @AfterEach
  void stop() {
    clients.forEach(MpesaClient::close);
    server.close();
    for (OkHttpClient c : callerClients) {
      c.dispatcher().executorService().shutdown();
      c.connectionPool().evictAll();
    }
  }

  MpesaClient track(MpesaClient c) {
    clients.add(c);
    return c;
  }

  OkHttpClient callerClient(OkHttpClient c) {
    callerClients.add(c);
    return c;
  }

  static MockResponse ok(RecordedRequest r) {
    return r.getUrl().encodedPath().equals(PUSH_PATH)
        ? json(200, Fixtures.read("stk/push-response.json"))
        : json(200, QUERY_OK);
  }

  static MockResponse stall() {
    return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
  }

  static StkPushRequest push(String accountReference) {
    return StkPushRequest.builder()
        .phoneNumber("254708374149")
        .amount(1)
        .accountReference(accountReference)
        .description("Order")
        .callbackUrl("https://mydomain.com/path")
        .build();
  }

  List<RecordedRequest> requestsTo(String path) {
    return daraja.businessRequests().stream()
        .filter(r -> r.getUrl().encodedPath().equals(path))
        .toList();
  }

  /** The largest number of instants in any window {@code [t, t + width)}. */
  static int maxInAnyWindow(Collection<Instant> instants, Duration width) {
    List<Instant> sorted = instants.stream().sorted().toList();
    int max = 0;
    int end = 0;
    for (int start = 0; start < sorted.size(); start++) {
      Instant limit = sorted.get(start).plus(width);
      while (end < sorted.size() && sorted.get(end).isBefore(limit)) {
        end++;
      }
      max = Math.max(max, end - start);
    }
    return max;
  }

  // ---------------------------------------------------------------------------------------------
  // R22: client-side smoothing

  @ParameterizedTest(name = "{0} per second")
  @ValueSource(ints = {1, 5, 20})
  @DisplayName("R22: a burst of 10·N sequential calls reaches Daraja at most N per second")
  void query_sequentialBurstOfTenTimesLimit_reachesServerAtMostLimitPerSecond(int limit) {
    List<Instant> arrivals = new CopyOnWriteArrayList<>();
    answer =
        r -> {
          arrivals.add(clock.instant());
          return ok(r);
        };
    RecordingSleeper sleeper = new RecordingSleeper(clock);
    MpesaClient mpesa =
        track(
            TestClients.sandbox(server)
                .clock(clock)
                .sleeper(sleeper)
                .retry(RetrySettings.disabled())
                .rateLimit(limit)
                .build());

    int calls = 10 * limit;
    for (int i = 0; i < calls; i++) {
      assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();
    }

    assertThat(arrivals).hasSize(calls);
    assertThat(maxInAnyWindow(arrivals, Duration.ofSeconds(1))).isLessThanOrEqualTo(limit + 1);
    // Spread evenly, not bunched at the start of each second.
    assertThat(maxInAnyWindow(arrivals, Duration.ofMillis(1000 / limit))).isEqualTo(1);
    Duration span = Duration.between(arrivals.get(0), arrivals.get(calls - 1));
    assertThat(span).isGreaterThanOrEqualTo(Duration.ofMillis((calls - 1) * 1000L / limit));
    // Waited through the sleeper (never for real), in slots of 1/N s.
    assertThat(sleeper.sleeps()).hasSize(calls - 1).containsOnly(Duration.ofMillis(1000 / limit));
  }

  @Test
  @DisplayName("R22: concurrent callers are given distinct slots, at most N per second")
  void query_concurrentBurstOfTenTimesLimit_getsDistinctSlotsAtMostLimitPerSecond()
      throws Exception {
    int limit = 10;
    int calls = 10 * limit;
    // The clock stands still; each thread's send time is now + what it was told to wait.
    ThreadLocal<Duration> waited = ThreadLocal.withInitial(() -> Duration.ZERO);
    List<Instant> sendTimes = new CopyOnWriteArrayList<>();
    MpesaListener listener =
        new MpesaListener() {
          @Override
          public void onAttempt(
              String operation, int attempt, int httpStatus, Duration latency, String requestId) {
            if (operation.equals("stk.query")) {
              sendTimes.add(clock.instant().plus(waited.get()));
            }
          }
        };
    MpesaClient mpesa =
        track(
            TestClients.sandbox(server)
                .clock(clock)
                .sleeper(d -> waited.set(waited.get().plus(d)))
                .listener(listener)
                .retry(RetrySettings.disabled())
                .rateLimit(limit)
                .build());

    List<Future<StkQueryResponse>> results =
        runConcurrently(
            20,
            calls,
            () -> {
              waited.set(Duration.ZERO);
              return mpesa.stk().query("ws_CO_1");
            });

    for (Future<StkQueryResponse> f : results) {
      assertThat(f.get().isPaid()).isTrue();
    }
    assertThat(requestsTo(QUERY_PATH)).hasSize(calls);
    assertThat(sendTimes).hasSize(calls).doesNotHaveDuplicates();
    assertThat(maxInAnyWindow(sendTimes, Duration.ofSeconds(1))).isLessThanOrEqualTo(limit + 1);
    Instant start = clock.instant();
    assertThat(sendTimes.stream().map(t -> Duration.between(start, t).toMillis()).sorted())
        .containsExactlyElementsOf(
            java.util.stream.LongStream.range(0, calls)
                .map(k -> k * 1000 / limit)
                .boxed()
                .toList());
  }

  @Test
  @DisplayName("R22: each operation group has its own limiter")
  void post_rateLimitPerGroup_otherGroupsDoNotWait() {
    List<Duration> sleeps = new CopyOnWriteArrayList<>();
    MpesaClient mpesa =
        track(
            TestClients.sandbox(server)
                .clock(clock)
                .sleeper(sleeps::add)
                .retry(RetrySettings.disabled())
                .rateLimit(1)
                .build());
    Operation b2c =
        new Operation("b2c.pay", "/mpesa/b2c/v3/paymentrequest", IdempotencyClass.SAFE, "b2c");

    // The token (group oauth) and the first query (group stk) both take their group's first slot.
    mpesa.stk().query("ws_CO_1");
    assertThat(sleeps).isEmpty();
    // A B2C call right after has a slot of its own...
    mpesa.pipeline().post(b2c, Map.of("a", "b"), JsonNode.class, Map.of());
    assertThat(sleeps).isEmpty();
    // ...while a second query waits for the next stk slot, one second on.
    mpesa.stk().query("ws_CO_1");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    assertThat(daraja.oauthCount()).isEqualTo(1);
  }

  static <T> List<Future<T>> runConcurrently(int threads, int tasks, Callable<T> task)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < tasks; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return task.call();
                }));
      }
      go.countDown();
      for (Future<T> f : futures) {
        try {
          f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException ignored) {
          // inspected by the caller
        }
      }
      return futures;
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // R23: timeouts (real, short waits)

  static Duration timeCall(Runnable call) {
    long start = System.nanoTime();
    call.run();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  @DisplayName("R23: a server that accepts but never answers hits the read timeout")
  void query_serverNeverAnswers_failsWithinReadTimeout() {
    Duration readTimeout = Duration.ofMillis(200);
    MpesaClient mpesa =
        track(
            TestClients.sandbox(server)
                .readTimeout(readTimeout)
                .retry(RetrySettings.disabled())
                .build());
    mpesa.stk().query("ws_CO_1"); // the token, answered at once
    answer = r -> stall();

    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Duration took = timeCall(() -> thrown.set(catchThrowable(() -> mpesa.stk().query("ws_CO_1"))));

    assertThat(thrown.get()).isInstanceOf(MpesaNetworkException.class);
    assertThat(took).isGreaterThanOrEqualTo(readTimeout.minusMillis(20));
    assertThat(took).isLessThan(readTimeout.plus(EPSILON));
  }

  @Test
  @DisplayName("R23: headers then a stalled body also hit the read timeout")
  void query_bodyStalls_failsWithinReadTimeout() {
    Duration readTimeout = Duration.ofMillis(200);
    MpesaClient mpesa =
        track(
            TestClients.sandbox(server)
                .readTimeout(readTimeout)
                .retry(RetrySettings.disabled())
                .build());
    mpesa.stk().query("ws_CO_1");
    answer =
        r ->
            new MockResponse.Builder()
                .addHeader("Content-Type", "application/json")
                .body(QUERY_OK)
                .onResponseBody(SocketEffect.Stall.INSTANCE)
                .build();

    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Duration took = timeCall(() -> thrown.set(catchThrowable(() -> mpesa.stk().query("ws_CO_1"))));

    assertThat(thrown.get()).isInstanceOf(MpesaNetworkException.class);
    assertThat(took).isLessThan(readTimeout.plus(EPSILON));
  }

  @Test
  @DisplayName("R23: the call timeout bounds a push whose answer never comes; sent once")
  void push_serverNeverAnswers_failsWithinCallTimeoutAsOutcomeUnknown() {
    Duration callTimeout = Duration.ofMillis(300);
    MpesaClient mpesa =
        track(
            TestClients.sandbox(server)
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(callTimeout)
                .build());
    mpesa.stk().query("ws_CO_1");
    answer = r -> stall();

    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Duration took =
        timeCall(() -> thrown.set(catchThrowable(() -> mpesa.stk().push(push("ORD-1")))));

    assertThat(thrown.get()).isInstanceOf(OutcomeUnknownException.class);
    assertThat(took).isLessThan(callTimeout.plus(EPSILON));
    assertThat(requestsTo(PUSH_PATH)).hasSize(1);
  }

  @Test
  @DisplayName("R23: the call's deadline caps the HTTP exchange even with long timeouts")
  void query_deadlineShorterThanTimeouts_failsWithinDeadline() {
    Duration deadline = Duration.ofMillis(300);
    MpesaClient mpesa =
        track(
            TestClients.sandbox(server)
                .retry(RetrySettings.builder().maxAttempts(1).deadline(deadline).build())
                .build());
    answer = r -> stall();

    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Duration took = timeCall(() -> thrown.set(catchThrowable(() -> mpesa.stk().query("ws_CO_1"))));

    assertThat(thrown.get()).isInstanceOf(MpesaNetworkException.class);
    assertThat(took).isLessThan(deadline.plus(EPSILON));
  }

  /**
   * A loopback port whose accept queue is full: the kernel drops further SYNs, so a connect neither
   * succeeds nor is refused until the client's connect timeout.
   */
  static final class UnacceptingPort implements AutoCloseable {
    final ServerSocket listener;
    final List<Socket> queued = new ArrayList<>();

    UnacceptingPort() throws IOException {
      listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
      for (int i = 0; i < 10; i++) {
        Socket s = new Socket();
        try {
          s.connect(listener.getLocalSocketAddress(), 200);
          queued.add(s);
        } catch (SocketTimeoutException full) {
          s.close();
          return;
        }
      }
      throw new IllegalStateException("the accept queue never filled up");
    }

    String url() {
      return "http://127.0.0.1:" + listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      for (Socket s : queued) {
        s.close();
      }
      listener.close();
    }
  }

  /** A store that already holds a valid token, so no OAuth call is needed. */
  static TokenStore storeWithToken() {
    AccessToken token = new AccessToken("tok0", Instant.now().plus(Duration.ofHours(1)));
    return new TokenStore() {
      @Override
      public Optional<AccessToken> get(String key) {
        return Optional.of(token);
      }

      @Override
      public void put(String key, AccessToken t) {}

      @Override
      public void remove(String key, AccessToken t) {}
    };
  }

  @Test
  @DisplayName("R23: a connect that never completes fails within the connect timeout")
  void query_connectNeverCompletes_failsWithinConnectTimeout() throws Exception {
    Duration connectTimeout = Duration.ofMillis(200);
    try (UnacceptingPort port = new UnacceptingPort()) {
      MpesaClient mpesa =
          track(
              TestClients.sandbox(server)
                  .baseUrl(port.url())
                  .tokenStore(storeWithToken())
                  .connectTimeout(connectTimeout)
                  .retry(RetrySettings.disabled())
                  .build());

      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Duration took =
          timeCall(() -> thrown.set(catchThrowable(() -> mpesa.stk().query("ws_CO_1"))));

      assertThat(thrown.get()).isInstanceOf(MpesaNetworkException.class);
      assertThat(took).isLessThan(connectTimeout.plus(EPSILON));
    }
  }

  @Test
  @DisplayName("R23: a push whose connect timed out fails in time and says nothing was sent")
  void push_connectNeverCompletes_failsWithinConnectTimeoutAndNothingSent() throws Exception {
    Duration connectTimeout = Duration.ofMillis(200);
    try (UnacceptingPort port = new UnacceptingPort()) {
      MpesaClient mpesa =
          track(
              TestClients.sandbox(server)
                  .baseUrl(port.url())
                  .tokenStore(storeWithToken())
                  .connectTimeout(connectTimeout)
                  .retry(RetrySettings.disabled())
                  .build());

      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Duration took =
          timeCall(() -> thrown.set(catchThrowable(() -> mpesa.stk().push(push("ORD-1")))));

      assertThat(took).isLessThan(connectTimeout.plus(EPSILON));
      // No connection, so no byte left the client: not an unknown outcome, and safe to resend.
      assertThat(thrown.get())
          .isInstanceOf(MpesaNetworkException.class)
          .isNotInstanceOf(OutcomeUnknownException.class)
          .hasMessageContaining("nothing was sent");
    }
  }

  @Test
  @DisplayName("R23: default timeouts are finite and positive")
  void defaults_timeouts_areFinite() {
    for (Duration d :
        List.of(
            MpesaClient.DEFAULT_CONNECT_TIMEOUT,
            MpesaClient.DEFAULT_READ_TIMEOUT,
            MpesaClient.DEFAULT_CALL_TIMEOUT)) {
      assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
    }
    assertThat(RetrySettings.defaults().deadline()).isPositive();

    MpesaClient mpesa = track(TestClients.sandbox(server).build());
    OkHttpClient http = mpesa.pipeline().transport().httpClient();
    assertThat(http.connectTimeoutMillis())
        .isEqualTo(MpesaClient.DEFAULT_CONNECT_TIMEOUT.toMillis());
    assertThat(http.readTimeoutMillis()).isEqualTo(MpesaClient.DEFAULT_READ_TIMEOUT.toMillis());
    assertThat(http.writeTimeoutMillis()).isPositive();
    assertThat(http.callTimeoutMillis()).isEqualTo(MpesaClient.DEFAULT_CALL_TIMEOUT.toMillis());
  }

  @Test
  @DisplayName("R23: a caller's OkHttpClient with infinite timeouts gets finite ones")
  void build_callerClientWithoutTimeouts_getsFiniteTimeouts() {
    OkHttpClient infinite =
        callerClient(
            new OkHttpClient.Builder()
                .connectTimeout(Duration.ZERO)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .build());
    MpesaClient mpesa = track(TestClients.sandbox(server).httpClient(infinite).build());

    OkHttpClient http = mpesa.pipeline().transport().httpClient();
    assertThat(http.connectTimeoutMillis())
        .isEqualTo(MpesaClient.DEFAULT_CONNECT_TIMEOUT.toMillis());
    assertThat(http.readTimeoutMillis()).isEqualTo(MpesaClient.DEFAULT_READ_TIMEOUT.toMillis());
    assertThat(http.writeTimeoutMillis()).isPositive();
    assertThat(http.callTimeoutMillis()).isEqualTo(MpesaClient.DEFAULT_CALL_TIMEOUT.toMillis());
  }

  @Test
  @DisplayName("R23: a caller's infinite timeouts do not make a stalled call hang")
  void query_callerClientWithoutTimeouts_stillTimesOut() {
    OkHttpClient infinite =
        callerClient(
            new OkHttpClient.Builder()
                .readTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .build());
    Duration readTimeout = Duration.ofMillis(200);
    MpesaClient mpesa =
        track(
            TestClients.sandbox(server)
                .httpClient(infinite)
                .readTimeout(readTimeout)
                .retry(RetrySettings.disabled())
                .build());
    answer = r -> stall();

    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Duration took = timeCall(() -> thrown.set(catchThrowable(() -> mpesa.stk().query("ws_CO_1"))));

    assertThat(thrown.get()).isInstanceOf(MpesaNetworkException.class);
    assertThat(took).isLessThan(readTimeout.plus(EPSILON));
  }

  @Test
  @DisplayName("R23: a zero or negative timeout is refused: timeouts are never infinite")
  void build_zeroOrNegativeTimeout_isRefused() {
    for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
      assertThatThrownBy(() -> TestClients.sandbox(server).connectTimeout(bad).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("connectTimeout");
      assertThatThrownBy(() -> TestClients.sandbox(server).readTimeout(bad).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("readTimeout");
      assertThatThrownBy(() -> TestClients.sandbox(server).callTimeout(bad).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("callTimeout");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // R24: connection reuse and no leaks

  @Test
  @DisplayName("R24: 1,000 calls with 4xx/5xx/HTML answers reuse connections and leak none")
  void calls_thousandMixedAnswers_reuseConnectionsAndLeakNone() {
    OkHttpClient mine = callerClient(new OkHttpClient());
    MpesaClient mpesa =
        track(
            TestClients.sandbox(server)
                .httpClient(mine)
                .retry(RetrySettings.disabled())
                .circuitBreaker(CircuitBreakerSettings.disabled())
                .build());
    AtomicReference<MockResponse> next = new AtomicReference<>();
    answer = r -> next.get();
    MockResponse html502 =
        new MockResponse.Builder()
            .code(502)
            .addHeader("Content-Type", "text/html")
            .body("<html><body>" + "Bad Gateway ".repeat(200) + "</body></html>")
            .build();

    int calls = 1_000;
    for (int i = 0; i < calls; i++) {
      int kind = i % 6;
      String ref = "ORD-" + i;
      boolean asQuery = (i / 6) % 2 == 0;
      switch (kind) {
        case 0 -> {
          next.set(json(200, QUERY_OK));
          assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();
        }
        case 1 -> {
          next.set(json(200, Fixtures.read("stk/push-response.json")));
          assertThat(mpesa.stk().push(push(ref)).checkoutRequestId()).isNotBlank();
        }
        case 2 -> {
          next.set(error(400, "400.002.02", "Bad Request - Invalid CheckoutRequestID"));
          assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
              .isInstanceOf(InvalidRequestException.class);
        }
        case 3 -> {
          next.set(json(400, Fixtures.read("stk/push-invalid-phone.json")));
          assertThatThrownBy(() -> mpesa.stk().push(push(ref)))
              .isInstanceOf(InvalidRequestException.class);
        }
        case 4 -> {
          next.set(error(500, "500.003.1001", "Internal Server Error"));
          assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
              .isInstanceOfSatisfying(
                  MpesaApiException.class,
                  e -> assertThat(e.error()).isEqualTo(DarajaError.SERVICE_UNAVAILABLE));
        }
        default -> {
          next.set(html502);
          if (asQuery) {
            assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
                .isInstanceOfSatisfying(
                    MpesaApiException.class,
                    e -> assertThat(e.error()).isEqualTo(DarajaError.NON_JSON_RESPONSE));
          } else {
            assertThatThrownBy(() -> mpesa.stk().push(push(ref)))
                .isInstanceOf(OutcomeUnknownException.class);
          }
        }
      }
    }

    List<RecordedRequest> seen = daraja.businessRequests();
    assertThat(seen).hasSize(calls);
    // One client for the SDK instance: it shares the caller's pool.
    assertThat(mpesa.pipeline().transport().httpClient().connectionPool())
        .isSameAs(mine.connectionPool());
    assertThat(mine.connectionPool().connectionCount()).isBetween(1, 2);
    assertThat(mine.connectionPool().idleConnectionCount())
        .isEqualTo(mine.connectionPool().connectionCount());
    Map<Integer, Long> perConnection =
        seen.stream()
            .collect(
                Collectors.groupingBy(RecordedRequest::getConnectionIndex, Collectors.counting()));
    assertThat(perConnection.size()).isLessThanOrEqualTo(2);
    long reused = seen.stream().filter(r -> r.getExchangeIndex() > 0).count();
    assertThat(reused).isGreaterThanOrEqualTo(calls - 2);
    // The caller's client is theirs: closing the SDK leaves it working.
    mpesa.close();
    assertThat(mine.dispatcher().executorService().isShutdown()).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // R25: stale keep-alive connections

  /** Answers normally, then closes the connection behind the client's back. */
  static MockResponse thenClose(MockResponse response) {
    return new MockResponse.Builder(response)
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
        .build();
  }

  @Test
  @DisplayName("R25: a query after the server dropped the pooled connection succeeds")
  void query_afterServerClosedPooledConnection_succeedsTransparently() throws Exception {
    MpesaClient mpesa = track(TestClients.sandbox(server).retry(RetrySettings.disabled()).build());
    answer = r -> thenClose(ok(r));

    for (int i = 0; i < 20; i++) {
      assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();
      // Let the server's close reach the client, so the next call finds a stale connection.
      Thread.sleep(20);
    }
    assertThat(requestsTo(QUERY_PATH)).hasSize(20);
  }

  @Test
  @DisplayName("R25: a push after the server dropped the pooled connection is never sent twice")
  void push_afterServerClosedPooledConnection_isSentAtMostOnce() throws Exception {
    MpesaClient mpesa =
        track(
            TestClients.sandbox(server).circuitBreaker(CircuitBreakerSettings.disabled()).build());
    answer = r -> thenClose(ok(r));
    mpesa.stk().query("ws_CO_1");

    int pushes = 20;
    List<String> succeeded = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < pushes; i++) {
      Thread.sleep(20);
      String ref = "ORD-" + i;
      try {
        StkPushResponse ack = mpesa.stk().push(push(ref));
        assertThat(ack.checkoutRequestId()).isNotBlank();
        succeeded.add(ref);
      } catch (OutcomeUnknownException e) {
        assertThat(e.references()).containsEntry("accountReference", ref);
        unknown.add(ref);
      }
    }

    Map<String, Long> perReference =
        requestsTo(PUSH_PATH).stream()
            .collect(Collectors.groupingBy(r -> accountReference(r), Collectors.counting()));
    assertThat(perReference.values()).allMatch(n -> n == 1);
    assertThat(perReference.keySet()).containsAll(succeeded);
    assertThat(succeeded.size() + unknown.size()).isEqualTo(pushes);
  }

  @Test
  @DisplayName("R25: a reused connection dropped after the push arrived: sent once, unknown")
  void push_reusedConnectionDroppedAfterRequestArrived_sentOnceAndOutcomeUnknown() {
    MpesaClient mpesa = track(TestClients.sandbox(server).build());
    mpesa.stk().query("ws_CO_1"); // opens the connection the push will reuse
    answer =
        r ->
            r.getUrl().encodedPath().equals(PUSH_PATH)
                ? new MockResponse.Builder()
                    .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                    .build()
                : ok(r);

    assertThatThrownBy(() -> mpesa.stk().push(push("ORD-1")))
        .isInstanceOf(OutcomeUnknownException.class);

    List<RecordedRequest> pushes = requestsTo(PUSH_PATH);
    assertThat(pushes).hasSize(1);
    assertThat(pushes.get(0).getExchangeIndex()).isPositive();
  }

  @Test
  @DisplayName("R25: a reused connection dropped after a query arrived: the query is resent")
  void query_reusedConnectionDroppedAfterRequestArrived_isResentAndSucceeds() {
    MpesaClient mpesa = track(TestClients.sandbox(server).retry(RetrySettings.disabled()).build());
    mpesa.stk().query("ws_CO_1");
    AtomicReference<Boolean> dropped = new AtomicReference<>(false);
    answer =
        r -> {
          if (!dropped.getAndSet(true)) {
            return new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build();
          }
          return ok(r);
        };

    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();
    List<RecordedRequest> queries = requestsTo(QUERY_PATH);
    assertThat(queries).hasSize(1 + 2);
    assertThat(queries.get(1).getExchangeIndex()).isPositive();
  }

  static String accountReference(RecordedRequest r) {
    String body = r.getBody() == null ? "" : r.getBody().utf8();
    int at = body.indexOf("\"AccountReference\":\"");
    if (at < 0) {
      return "?";
    }
    int from = at + "\"AccountReference\":\"".length();
    return body.substring(from, body.indexOf('"', from));
  }

  /** Accepted sockets send small writes at once instead of waiting for delayed ACKs. */
  static final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new NoDelayServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      ServerSocket s = new NoDelayServerSocket();
      s.bind(new InetSocketAddress(port));
      return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      ServerSocket s = new NoDelayServerSocket();
      s.bind(new InetSocketAddress(port), backlog);
      return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      ServerSocket s = new NoDelayServerSocket();
      s.bind(new InetSocketAddress(address, port), backlog);
      return s;
    }
  }

  static final class NoDelayServerSocket extends ServerSocket {
    NoDelayServerSocket() throws IOException {
      super();
    }

    @Override
    public Socket accept() throws IOException {
      Socket s = super.accept();
      s.setTcpNoDelay(true);
      return s;
    }
  }
}
