package dev.mpesa;

import static dev.mpesa.testing.DarajaStub.bearer;
import static dev.mpesa.testing.DarajaStub.error;
import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.mpesa.auth.InMemoryTokenStore;
import dev.mpesa.auth.TokenStore;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.MpesaNetworkException;
import dev.mpesa.result.DarajaError;
import dev.mpesa.stk.StkQueryResponse;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.LogCapture;
import dev.mpesa.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Access tokens end to end: single flight, leniency, invalid-token recovery (R1, R3-R7). */
class AccessTokenTest {
  static final String QUERY_OK =
      "{\"ResponseCode\":\"0\",\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":\"0\"}";

  final DarajaStub daraja = new DarajaStub().handler(r -> json(200, QUERY_OK));
  final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T08:00:00Z"));
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

  MpesaClient client() {
    return client(new InMemoryTokenStore());
  }

  MpesaClient client(TokenStore store) {
    // Token behaviour, one attempt per call: retries are covered by ResilienceRetryTest.
    MpesaClient c =
        TestClients.sandbox(server)
            .clock(clock)
            .tokenStore(store)
            .retry(RetrySettings.disabled())
            .build();
    clients.add(c);
    return c;
  }

  static <T> List<Future<T>> runConcurrently(int n, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.call();
                }));
      }
      ready.await();
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

  /** R1: 50 concurrent calls with no token make exactly one OAuth request. */
  @Test
  void query_fiftyConcurrentCallsWithoutToken_makeOneOauthRequest() throws Exception {
    daraja.oauth(
        n ->
            new MockResponse.Builder()
                .headersDelay(300, TimeUnit.MILLISECONDS)
                .addHeader("Content-Type", "application/json")
                .body("{\"access_token\":\"tok" + n + "\",\"expires_in\":\"3599\"}")
                .build());
    MpesaClient mpesa = client();

    List<Future<StkQueryResponse>> results =
        runConcurrently(50, () -> mpesa.stk().query("ws_CO_1"));

    for (Future<StkQueryResponse> f : results) {
      assertThat(f.get().isPaid()).isTrue();
    }
    assertThat(daraja.oauthCount()).isEqualTo(1);
    assertThat(daraja.businessRequests()).hasSize(50).allMatch(r -> "tok1".equals(bearer(r)));
  }

  /** R3: expires_in as a number, a numeric string, or missing (default, one WARN). */
  @ParameterizedTest
  @CsvSource({
    "'{\"access_token\":\"tok\",\"expires_in\":3599}', 3599, false",
    "'{\"access_token\":\"tok\",\"expires_in\":\"3599\"}', 3599, false",
    "'{\"access_token\":\"tok\",\"expires_in\":\" 120 \"}', 120, false",
    "'{\"access_token\":\"tok\"}', 3000, true",
    "'{\"access_token\":\"tok\",\"expires_in\":\"soon\"}', 3000, true",
    "'{\"access_token\":\"tok\",\"expires_in\":null}', 3000, true"
  })
  void token_expiresInShapes_areAccepted(String body, long seconds, boolean warns) {
    daraja.oauth(n -> json(200, body));
    MpesaClient mpesa = client();

    try (LogCapture logs = new LogCapture()) {
      mpesa.stk().query("ws_CO_1");
      assertThat(logs.lines(Level.WARN)).hasSize(warns ? 1 : 0);
    }

    // Still valid one second before the refresh margin, so no second OAuth call...
    clock.advance(Duration.ofSeconds(seconds).minusMinutes(5).minusSeconds(1));
    if (seconds > 300) {
      mpesa.stk().query("ws_CO_1");
      assertThat(daraja.oauthCount()).isEqualTo(1);
    }
    // ...and replaced once past the expiry margin.
    clock.advance(Duration.ofMinutes(5));
    mpesa.stk().query("ws_CO_1");
    assertThat(daraja.oauthCount()).isEqualTo(2);
  }

  /** R4: an invalid-token answer triggers one refresh and one replay. */
  @ParameterizedTest
  @CsvSource({
    "404, 404.001.03, Invalid Access Token",
    "400, 400.003.01, Invalid Access Token",
    "401, 401.002.01, Error Occurred - Invalid Access Token - tok1",
    "401, 401.003.01, Invalid Access Token",
    "401, 401.001, Invalid Access Token"
  })
  void query_invalidTokenOnce_refreshesAndReplaysOnce(int status, String code, String message) {
    daraja.handler(
        r -> "tok1".equals(bearer(r)) ? error(status, code, message) : json(200, QUERY_OK));
    MpesaClient mpesa = client();

    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();

    assertThat(daraja.oauthCount()).isEqualTo(2);
    assertThat(daraja.businessRequests())
        .extracting(DarajaStub::bearer)
        .containsExactly("tok1", "tok2");
  }

  /** R4: a second invalid-token answer is an AuthenticationException naming the likely causes. */
  @Test
  void query_invalidTokenTwice_raisesAuthenticationWithHint() {
    MpesaClient mpesa = client();
    mpesa.stk().query("ws_CO_1"); // warm token: 1 OAuth
    daraja.handler(r -> error(404, "404.001.03", "Invalid Access Token"));

    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
        .isInstanceOfSatisfying(
            AuthenticationException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.INVALID_ACCESS_TOKEN);
              assertThat(e.hint()).contains("product").contains("environment");
            });
    // 2 business + 1 OAuth after the warm-up.
    assertThat(daraja.businessCount()).isEqualTo(1 + 2);
    assertThat(daraja.oauthCount()).isEqualTo(1 + 1);
  }

  /** Product not enabled: refreshing cannot help, so the SDK does not refresh. */
  @Test
  void query_productNotEnabled_raisesAuthenticationWithoutRefresh() {
    daraja.handler(
        r ->
            error(
                401,
                "401.002.01",
                "Error Occurred - Invalid Access Token - Invalid API call as no apiproduct match found"));
    MpesaClient mpesa = client();

    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
        .isInstanceOfSatisfying(
            AuthenticationException.class,
            e -> assertThat(e.error()).isEqualTo(DarajaError.PRODUCT_NOT_ENABLED));
    assertThat(daraja.oauthCount()).isEqualTo(1);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** R4: 20 concurrent calls all answered invalid-token cause one OAuth call, not 20. */
  @Test
  void query_twentyConcurrentInvalidTokenAnswers_refreshOnce() throws Exception {
    MpesaClient mpesa = client();
    mpesa.stk().query("ws_CO_1"); // tok1
    daraja.handler(
        r ->
            "tok1".equals(bearer(r))
                ? error(404, "404.001.03", "Invalid Access Token")
                : json(200, QUERY_OK));

    List<Future<StkQueryResponse>> results =
        runConcurrently(20, () -> mpesa.stk().query("ws_CO_1"));

    for (Future<StkQueryResponse> f : results) {
      assertThat(f.get().isPaid()).isTrue();
    }
    assertThat(daraja.oauthCount()).isEqualTo(2);
  }

  /** R5: OAuth 500, HTML and timeouts are transient and not cached. */
  @Test
  void query_oauthFailures_areNotCached() {
    daraja.oauth(
        n ->
            switch (n) {
              case 1 -> error(500, "500.003.1001", "Service is currently unreachable.");
              case 2 ->
                  new MockResponse.Builder()
                      .code(503)
                      .addHeader("Content-Type", "text/html")
                      .body("<html><body>Incapsula incident ID: 123</body></html>")
                      .build();
              default -> DarajaStub.token(n);
            });
    MpesaClient mpesa = client();

    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
        .isInstanceOfSatisfying(MpesaApiException.class, e -> assertThat(e.isTransient()).isTrue());
    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
        .isInstanceOfSatisfying(
            MpesaApiException.class,
            e -> assertThat(e.error()).isEqualTo(DarajaError.NON_JSON_RESPONSE));
    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();
    assertThat(daraja.oauthCount()).isEqualTo(3);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** R5: a slow failing OAuth is shared by concurrent callers: one request in flight. */
  @Test
  void query_concurrentCallersDuringFailingRefresh_shareOneOauthRequest() throws Exception {
    daraja.oauth(
        n ->
            new MockResponse.Builder()
                .code(500)
                .headersDelay(300, TimeUnit.MILLISECONDS)
                .addHeader("Content-Type", "application/json")
                .body("{\"errorCode\":\"500.003.1001\",\"errorMessage\":\"Internal Server Error\"}")
                .build());
    MpesaClient mpesa = client();

    List<Future<StkQueryResponse>> results =
        runConcurrently(10, () -> mpesa.stk().query("ws_CO_1"));

    for (Future<StkQueryResponse> f : results) {
      assertThatThrownBy(f::get).hasCauseInstanceOf(MpesaException.class);
    }
    assertThat(daraja.oauthCount()).isEqualTo(1);
    assertThat(daraja.businessCount()).isZero();
  }

  @Test
  void query_oauthTimeout_raisesNetworkErrorAndNextCallRetries() {
    daraja.oauth(
        n ->
            n == 1
                ? new MockResponse.Builder()
                    .headersDelay(3, TimeUnit.SECONDS)
                    .body("{\"access_token\":\"late\"}")
                    .build()
                : DarajaStub.token(n));
    MpesaClient mpesa =
        TestClients.sandbox(server)
            .readTimeout(Duration.ofMillis(200))
            .retry(RetrySettings.disabled())
            .build();
    clients.add(mpesa);

    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
        .isInstanceOf(MpesaNetworkException.class);
    assertThat(mpesa.stk().query("ws_CO_1").isPaid()).isTrue();
  }

  /** R6: bad consumer credentials are permanent: one OAuth request, no retry loop. */
  @ParameterizedTest
  @CsvSource({
    "400, ''",
    "400, '{\"requestId\":\"r\",\"errorCode\":\"400.008.01\",\"errorMessage\":\"Invalid authentication type passed\"}'",
    "400, '{\"requestId\":\"r\",\"errorCode\":\"400.008.02\",\"errorMessage\":\"Invalid grant type passed\"}'",
    "401, ''"
  })
  void query_badConsumerCredentials_raisesAuthenticationOnce(int status, String body) {
    daraja.oauth(n -> new MockResponse.Builder().code(status).body(body).build());
    MpesaClient mpesa = client();

    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
        .isInstanceOfSatisfying(
            AuthenticationException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.BAD_CONSUMER_CREDENTIALS);
              assertThat(e.operation()).isEqualTo("oauth");
              assertThat(e.hint()).contains("consumer key");
            });
    assertThat(daraja.oauthCount()).isEqualTo(1);
    assertThat(daraja.businessCount()).isZero();
  }

  /** R7: two clients sharing a TokenStore make one OAuth request in total. */
  @Test
  void query_twoClientsSharingStore_makeOneOauthRequest() {
    TokenStore shared = new InMemoryTokenStore();
    MpesaClient a = client(shared);
    MpesaClient b = client(shared);

    a.stk().query("ws_CO_1");
    b.stk().query("ws_CO_1");
    a.stk().query("ws_CO_1");

    assertThat(daraja.oauthCount()).isEqualTo(1);
  }

  @Test
  void query_twoClientsWithOwnStores_fetchOwnTokens() {
    client().stk().query("ws_CO_1");
    client().stk().query("ws_CO_1");

    assertThat(daraja.oauthCount()).isEqualTo(2);
  }
}
