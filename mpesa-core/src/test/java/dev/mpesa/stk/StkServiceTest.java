package dev.mpesa.stk;

import static dev.mpesa.testing.DarajaStub.error;
import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.error.SubscriberBusyException;
import dev.mpesa.result.DarajaError;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.TimeZone;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** M-Pesa Express push and query against golden payloads of API.md §5.1, §5.2. */
class StkServiceTest {
  static final String PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

  /** 2021-06-28 09:24:08 in Nairobi, the time of the sample in API.md §5.1. */
  static final Instant SAMPLE_TIME = Instant.parse("2021-06-28T06:24:08Z");

  final ObjectMapper mapper = new ObjectMapper();
  final DarajaStub daraja = new DarajaStub();
  final FakeClock clock = new FakeClock(SAMPLE_TIME);
  MockWebServer server;
  MpesaClient mpesa;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(daraja);
    server.start();
    mpesa = client(Environment.SANDBOX);
  }

  MpesaClient client(Environment environment) {
    return MpesaClient.builder()
        .sleeper(TestClients.NO_SLEEP)
        .environment(environment)
        .baseUrl(server.url("/").toString())
        .consumerKey("key")
        .consumerSecret("secret")
        .shortCode("174379")
        .passkey(PASSKEY)
        .clock(clock)
        .build();
  }

  @AfterEach
  void stop() {
    mpesa.close();
    server.close();
  }

  static StkPushRequest.Builder sampleRequest() {
    return StkPushRequest.builder()
        .phoneNumber("254722000000")
        .amount(1)
        .accountReference("accountref")
        .description("txndesc")
        .callbackUrl("https://mydomain.com/path");
  }

  JsonNode body(RecordedRequest r) throws Exception {
    return mapper.readTree(r.getBody().utf8());
  }

  @Test
  void push_sampleRequest_sendsTheGoldenPayloadOfApiMd() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("stk/push-response.json")));

    StkPushResponse ack = mpesa.stk().push(sampleRequest().build());

    RecordedRequest r = daraja.businessRequests().get(0);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/mpesa/stkpush/v1/processrequest");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok1");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
    // Every field, its type (all strings, as in the docs) and the password of API.md §4.1.
    assertThat(body(r)).isEqualTo(mapper.readTree(Fixtures.read("stk/push-request.json")));
    assertThat(ack.checkoutRequestId()).isEqualTo("ws_CO_1007202409152617172396192");
    assertThat(ack.merchantRequestId()).isEqualTo("2654-4b64-97ff-b827b542881d3130");
    assertThat(ack.responseCode()).isEqualTo("0");
    assertThat(ack.customerMessage()).isEqualTo("Success. Request accepted for processing");
  }

  @Test
  void push_oauth_usesBasicAuthAndGet() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("stk/push-response.json")));

    mpesa.stk().push(sampleRequest().build());

    RecordedRequest oauth = server.takeRequest();
    assertThat(oauth.getMethod()).isEqualTo("GET");
    assertThat(oauth.getTarget()).isEqualTo("/oauth/v1/generate?grant_type=client_credentials");
    assertThat(oauth.getHeaders().get("Authorization")).isEqualTo("Basic a2V5OnNlY3JldA==");
  }

  @Test
  void push_buyGoods_sendsTillAsPartyBAndBuyGoodsType() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("stk/push-response.json")));

    mpesa.stk().push(sampleRequest().buyGoods("5123456").build());

    JsonNode body = body(daraja.businessRequests().get(0));
    assertThat(body.get("TransactionType").asText()).isEqualTo("CustomerBuyGoodsOnline");
    assertThat(body.get("PartyB").asText()).isEqualTo("5123456");
    assertThat(body.get("BusinessShortCode").asText()).isEqualTo("174379");
  }

  @Test
  void push_withoutDescription_omitsTransactionDesc() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("stk/push-response.json")));

    mpesa.stk().push(sampleRequest().description(null).build());

    assertThat(body(daraja.businessRequests().get(0)).has("TransactionDesc")).isFalse();
  }

  /** R35: the timestamp is Nairobi time whatever the JVM's zone, and the same in the password. */
  @ParameterizedTest
  @ValueSource(strings = {"UTC", "America/Los_Angeles", "Africa/Nairobi", "Asia/Tokyo"})
  void push_anyJvmZone_timestampIsNairobiTimeAndMatchesPassword(String zone) throws Exception {
    TimeZone original = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
    try {
      daraja.handler(r -> json(200, Fixtures.read("stk/push-response.json")));
      mpesa.stk().push(sampleRequest().build());
      mpesa.stk().query("ws_CO_1");
    } finally {
      TimeZone.setDefault(original);
    }
    for (RecordedRequest r : daraja.businessRequests()) {
      JsonNode body = body(r);
      assertThat(body.get("Timestamp").asText()).isEqualTo("20210628092408");
      String decoded =
          new String(java.util.Base64.getDecoder().decode(body.get("Password").asText()));
      assertThat(decoded).isEqualTo("174379" + PASSKEY + "20210628092408");
    }
  }

  @Test
  void query_sampleRequest_sendsTheGoldenPayload() throws Exception {
    clock.set(Instant.parse("2016-02-16T13:56:27Z")); // 16:56:27 in Nairobi
    daraja.handler(r -> json(200, Fixtures.read("stk/query-response.json")));

    StkQueryResponse q = mpesa.stk().query("ws_CO_260520211133524545");

    RecordedRequest r = daraja.businessRequests().get(0);
    assertThat(r.getUrl().encodedPath()).isEqualTo("/mpesa/stkpushquery/v1/query");
    assertThat(body(r)).isEqualTo(mapper.readTree(Fixtures.read("stk/query-request.json")));
    assertThat(q.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(q.isPaid()).isTrue();
    assertThat(q.resultCode().value()).isEqualTo("0");
    assertThat(q.merchantRequestId()).isEqualTo("22205-34066-1");
  }

  @Test
  void query_resultCodeAsNumber_isReadAsString() {
    daraja.handler(r -> json(200, Fixtures.read("stk/query-cancelled.json")));

    StkQueryResponse q = mpesa.stk().query("ws_CO_13012021093521236557");

    assertThat(q.resultCode().value()).isEqualTo("1032");
    assertThat(q.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(q.isPaid()).isFalse();
  }

  /** R30: "The transaction is being processed" (HTTP 500) is PENDING, not an exception. */
  @Test
  void query_beingProcessed_isPending() {
    daraja.handler(r -> json(500, Fixtures.read("stk/query-pending.json")));

    StkQueryResponse q = mpesa.stk().query("ws_CO_260520211133524545");

    assertThat(q.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(q.status().isFinal()).isFalse();
    assertThat(q.resultCode()).isNull();
    assertThat(q.checkoutRequestId()).isEqualTo("ws_CO_260520211133524545");
    assertThat(q.responseDescription()).isEqualTo("The transaction is being processed");
  }

  /** An expected outcome logs one line per attempt and no stack trace, in any library. */
  @Test
  void query_beingProcessed_logsNoStackTraceAtDebug() {
    daraja.handler(r -> json(500, Fixtures.read("stk/query-pending.json")));
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new ch.qos.logback.core.read.ListAppender<>();
    appender.start();
    ch.qos.logback.classic.Level before = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    root.addAppender(appender);
    try {
      mpesa.stk().query("ws_CO_260520211133524545");
    } finally {
      root.detachAppender(appender);
      root.setLevel(before);
    }

    assertThat(appender.list).isNotEmpty();
    assertThat(appender.list)
        .allSatisfy(
            e ->
                assertThat(e.getThrowableProxy())
                    .as("%s: %s", e.getLoggerName(), e.getFormattedMessage())
                    .isNull());
  }

  @Test
  void query_stillUnderProcessing4999_isPending() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"ResponseCode\":\"0\",\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":\"4999\","
                    + "\"ResultDesc\":\"The transaction is still under processing\"}"));

    assertThat(mpesa.stk().query("ws_CO_1").status()).isEqualTo(PaymentStatus.PENDING);
  }

  @Test
  void query_unknownCheckoutRequestId_raisesTransactionNotFound() {
    daraja.handler(r -> error(500, "500.001.1001", "The transaction does not Exist"));

    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_nope"))
        .isInstanceOfSatisfying(
            MpesaApiException.class,
            e -> assertThat(e.error()).isEqualTo(DarajaError.TRANSACTION_NOT_FOUND));
  }

  /** R14: subscriber busy is its own exception, with a wait of at least a minute. */
  @Test
  void push_subscriberBusy_raisesSubscriberBusyWithSuggestedWait() {
    daraja.handler(r -> json(500, Fixtures.read("stk/push-subscriber-busy.json")));

    assertThatThrownBy(() -> mpesa.stk().push(sampleRequest().build()))
        .isInstanceOfSatisfying(
            SubscriberBusyException.class,
            e -> {
              assertThat(e.suggestedWait()).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
              assertThat(e.errorCode()).isEqualTo("500.001.1001");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void push_invalidPhoneAnswer_raisesInvalidRequest() {
    daraja.handler(r -> json(400, Fixtures.read("stk/push-invalid-phone.json")));

    assertThatThrownBy(() -> mpesa.stk().push(sampleRequest().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.INVALID_FIELD);
              assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid PhoneNumber");
              assertThat(e.requestId()).isEqualTo("1c5b-4ba8-815c-ac45c57a3db01495926");
            });
  }

  @Test
  void push_http200WithNonZeroResponseCode_isAnError() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"MerchantRequestID\":\"m1\",\"ResponseCode\":\"1\",\"ResponseDescription\":"
                    + "\"Unable to lock subscriber, a transaction is already in process\"}"));

    assertThatThrownBy(() -> mpesa.stk().push(sampleRequest().build()))
        .isInstanceOf(SubscriberBusyException.class);
  }

  /** R9 (the part this issue builds): a push that timed out is never resent, outcome unknown. */
  @Test
  void push_readTimeout_raisesOutcomeUnknownAndSendsOnce() {
    mpesa.close();
    mpesa = TestClients.sandbox(server).clock(clock).readTimeout(Duration.ofMillis(300)).build();
    daraja.handler(
        r ->
            new MockResponse.Builder()
                .headersDelay(2, java.util.concurrent.TimeUnit.SECONDS)
                .body(Fixtures.read("stk/push-response.json"))
                .build());

    assertThatThrownBy(() -> mpesa.stk().push(sampleRequest().build()))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e -> {
              assertThat(e.references())
                  .containsEntry("accountReference", "accountref")
                  .containsEntry("amount", "1")
                  .containsEntry("phoneNumber", "2547******00");
              assertThat(e.getMessage()).doesNotContain("254722000000");
              assertThat(e.sentAt()).isEqualTo(SAMPLE_TIME);
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** A push that never reached a server is a plain network error: safe to send again. */
  @Test
  void push_connectionRefused_raisesNetworkErrorSayingNothingWasSent() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    dev.mpesa.auth.InMemoryTokenStore store = new dev.mpesa.auth.InMemoryTokenStore();
    try (MpesaClient offline =
        MpesaClient.builder()
            .environment(Environment.SANDBOX)
            .sleeper(TestClients.NO_SLEEP)
            .baseUrl("http://127.0.0.1:" + closedPort)
            .consumerKey("key")
            .consumerSecret("secret")
            .shortCode("174379")
            .passkey(PASSKEY)
            .tokenStore(store)
            .build()) {
      // A token another client stored: the push goes straight to the (closed) port.
      String key = "http://127.0.0.1:" + closedPort + "#" + sha256Prefix("key");
      store.put(key, new dev.mpesa.auth.AccessToken("tok", Instant.now().plusSeconds(3000)));

      assertThatThrownBy(() -> offline.stk().push(sampleRequest().build()))
          .isExactlyInstanceOf(dev.mpesa.error.MpesaNetworkException.class)
          .hasMessageContaining("nothing was sent");
    }
  }

  private static String sha256Prefix(String s) throws Exception {
    byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes());
    return java.util.HexFormat.of().formatHex(d, 0, 16);
  }

  /** Found by fuzzing: a number too large for BigDecimal must not escape as a runtime error. */
  @Test
  void query_answerWithHugeExponent_isAnApiErrorNotACrash() {
    daraja.handler(r -> json(200, "{\"ResponseCode\":\"0\",\"ResultCode\":1e100000000000}"));

    assertThatThrownBy(() -> mpesa.stk().query("ws_CO_1"))
        .isInstanceOfSatisfying(
            MpesaApiException.class,
            e -> assertThat(e.error()).isEqualTo(DarajaError.NON_JSON_RESPONSE));
  }
}
