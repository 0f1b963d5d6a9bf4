package dev.mpesa.c2b;

import static dev.mpesa.testing.DarajaStub.error;
import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.MpesaClient;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.error.ThrottledException;
import dev.mpesa.result.Acknowledgement;
import dev.mpesa.result.DarajaError;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.LogCapture;
import dev.mpesa.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** C2B URL registration and simulation against the golden payloads of API.md §5.3 and §5.4. */
class C2bServiceTest {
  static final Instant NOW = Instant.parse("2024-07-06T09:00:00Z");

  final ObjectMapper mapper = new ObjectMapper();
  final DarajaStub daraja = new DarajaStub();
  final FakeClock clock = new FakeClock(NOW);
  MockWebServer server;
  MpesaClient mpesa;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(daraja);
    server.start();
    mpesa = TestClients.sandbox(server).clock(clock).build();
  }

  @AfterEach
  void stop() {
    mpesa.close();
    server.close();
  }

  /** The request of API.md §5.3. */
  static C2bRegisterUrlRequest.Builder sampleRegistration() {
    return C2bRegisterUrlRequest.builder()
        .shortCode("600984")
        .responseType(ResponseType.COMPLETED)
        .confirmationUrl("https://example.com/c2b/confirm")
        .validationUrl("https://example.com/c2b/validate");
  }

  /** The request of API.md §5.4. */
  static C2bSimulateRequest.Builder sampleSimulation() {
    return C2bSimulateRequest.builder()
        .shortCode("600984")
        .amount(1)
        .phoneNumber("254708374149")
        .billRefNumber("Test Ref");
  }

  JsonNode body(RecordedRequest r) throws Exception {
    return mapper.readTree(r.getBody().utf8());
  }

  void assertPostedJson(RecordedRequest r, String path) {
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo(path);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok1");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
  }

  MpesaClient v1Client() {
    mpesa.close();
    return TestClients.sandbox(server).clock(clock).c2bVersion(C2bVersion.V1).build();
  }

  // ---- registerUrls ----

  @Test
  void registerUrls_sampleRequest_sendsTheGoldenPayloadToV2() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("c2b/register-response.json")));

    mpesa.c2b().registerUrls(sampleRegistration().build());

    RecordedRequest r = daraja.businessRequests().get(0);
    assertPostedJson(r, "/mpesa/c2b/v2/registerurl");
    assertThat(body(r)).isEqualTo(mapper.readTree(Fixtures.read("c2b/register-request.json")));
    assertThat(mpesa.c2b().version()).isEqualTo(C2bVersion.V2);
  }

  @Test
  void registerUrls_sampleAnswer_readsMisspeltOriginatorCoversationId() {
    daraja.handler(r -> json(200, Fixtures.read("c2b/register-response.json")));

    Acknowledgement ack = mpesa.c2b().registerUrls(sampleRegistration().build());

    assertThat(ack.originatorConversationId()).isEqualTo("7619-37765134-1");
    assertThat(ack.conversationId()).isNull();
    assertThat(ack.responseCode()).isEqualTo("0");
    assertThat(ack.responseDescription()).isEqualTo("success");
  }

  @Test
  void registerUrls_answerWithCorrectSpellingAndConversationId_readsBoth() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"OriginatorConversationID\":\"7619-1\",\"ConversationID\":\"AG_1\","
                    + "\"ResponseCode\":\"0\",\"ResponseDescription\":\"success\"}"));

    Acknowledgement ack = mpesa.c2b().registerUrls(sampleRegistration().build());

    assertThat(ack.originatorConversationId()).isEqualTo("7619-1");
    assertThat(ack.conversationId()).isEqualTo("AG_1");
  }

  @Test
  void registerUrls_v1Client_sendsTheSameBodyToV1() throws Exception {
    mpesa = v1Client();
    daraja.handler(r -> json(200, Fixtures.read("c2b/register-response.json")));

    mpesa.c2b().registerUrls(sampleRegistration().build());

    RecordedRequest r = daraja.businessRequests().get(0);
    assertPostedJson(r, "/mpesa/c2b/v1/registerurl");
    assertThat(body(r)).isEqualTo(mapper.readTree(Fixtures.read("c2b/register-request.json")));
    assertThat(mpesa.c2b().version()).isEqualTo(C2bVersion.V1);
  }

  @Test
  void registerUrls_cancelled_sendsCancelledInSentenceCase() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("c2b/register-response.json")));

    mpesa.c2b().registerUrls(sampleRegistration().responseType("Cancelled").build());

    assertThat(body(daraja.businessRequests().get(0)).get("ResponseType").textValue())
        .isEqualTo("Cancelled");
  }

  @Test
  void registerUrls_responseCodeEightZeros_isAccepted() {
    daraja.handler(r -> json(200, Fixtures.read("c2b/register-response-eight-zeros.json")));

    Acknowledgement ack = mpesa.c2b().registerUrls(sampleRegistration().build());

    assertThat(ack.responseCode()).isEqualTo("00000000");
    assertThat(ack.originatorConversationId()).isEqualTo("7619-37765134-1");
  }

  @Test
  void registerUrls_successDescriptionWithoutCode_isAccepted() {
    daraja.handler(r -> json(200, Fixtures.read("c2b/register-response-description-only.json")));

    Acknowledgement ack = mpesa.c2b().registerUrls(sampleRegistration().build());

    assertThat(ack.responseCode()).isNull();
    assertThat(ack.responseDescription()).isEqualTo("Success");
  }

  @Test
  void registerUrls_otherDescriptionWithoutCode_raisesOutcomeUnknown() {
    // Neither a code nor "Success": the URLs may or may not be registered.
    daraja.handler(r -> json(200, "{\"ResponseDescription\":\"Pending\"}"));

    assertThatThrownBy(() -> mpesa.c2b().registerUrls(sampleRegistration().build()))
        .isInstanceOf(OutcomeUnknownException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void registerUrls_http200WithNonZeroResponseCode_raisesApiError() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"OriginatorCoversationID\":\"1\",\"ResponseCode\":\"1\","
                    + "\"ResponseDescription\":\"Failed\"}"));

    assertThatThrownBy(() -> mpesa.c2b().registerUrls(sampleRegistration().build()))
        .isInstanceOfSatisfying(
            MpesaApiException.class, e -> assertThat(e.errorCode()).isEqualTo("1"));
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void registerUrls_invalidShortCodeAnswer_raisesInvalidRequestKeepingTheMessage() {
    daraja.handler(r -> json(400, Fixtures.read("c2b/invalid-short-code.json")));

    assertThatThrownBy(() -> mpesa.c2b().registerUrls(sampleRegistration().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.INVALID_FIELD);
              assertThat(e.errorCode()).isEqualTo("400.002.02");
              assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid ShortCode");
              assertThat(e.requestId()).isEqualTo("1c5b-4ba8-815c-ac45c57a3db01495926");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** A.14: production registration is one-time; the second one is a typed, permanent error. */
  @Test
  void registerUrls_urlsAlreadyRegistered_raisesInvalidRequestAndSendsOnce() {
    daraja.handler(r -> json(500, Fixtures.read("c2b/register-already-registered.json")));

    assertThatThrownBy(() -> mpesa.c2b().registerUrls(sampleRegistration().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.URLS_ALREADY_REGISTERED);
              assertThat(e.errorCode()).isEqualTo("500.003.1001");
              assertThat(e.errorMessage()).isEqualTo("Urls are already registered");
              assertThat(e.hint()).contains("URL Management");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void registerUrls_duplicateNotificationInfo_raisesUrlsAlreadyRegistered() {
    daraja.handler(r -> json(500, Fixtures.read("c2b/register-duplicate-notification.json")));

    assertThatThrownBy(() -> mpesa.c2b().registerUrls(sampleRegistration().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.error()).isEqualTo(DarajaError.URLS_ALREADY_REGISTERED));
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** R9: a registration answered by an unexplained 5xx is never resent; its outcome is unknown. */
  @Test
  void registerUrls_internalServerError_raisesOutcomeUnknownAndSendsOnce() {
    daraja.handler(r -> json(500, Fixtures.read("c2b/internal-server-error.json")));

    assertThatThrownBy(() -> mpesa.c2b().registerUrls(sampleRegistration().build()))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e -> {
              assertThat(e.operation()).isEqualTo("c2b.register.v2");
              assertThat(e.references())
                  .containsEntry("shortCode", "600984")
                  .containsEntry("responseType", "Completed")
                  .containsEntry("version", "V2");
              assertThat(e.sentAt()).isEqualTo(NOW);
              assertThat(e.getMessage()).contains("HTTP 500", "do not resend");
              assertThat(e.getCause())
                  .isInstanceOfSatisfying(
                      MpesaApiException.class,
                      c -> {
                        assertThat(c.error()).isEqualTo(DarajaError.SERVICE_UNAVAILABLE);
                        assertThat(c.errorCode()).isEqualTo("500.003.1001");
                      });
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** R9: a registration whose answer timed out is never resent. */
  @Test
  void registerUrls_readTimeout_raisesOutcomeUnknownAndSendsOnce() {
    mpesa.close();
    mpesa = TestClients.sandbox(server).clock(clock).readTimeout(Duration.ofMillis(300)).build();
    daraja.handler(
        r ->
            new MockResponse.Builder()
                .headersDelay(2, TimeUnit.SECONDS)
                .body(Fixtures.read("c2b/register-response.json"))
                .build());

    assertThatThrownBy(() -> mpesa.c2b().registerUrls(sampleRegistration().build()))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e -> {
              assertThat(e.references()).containsEntry("shortCode", "600984");
              assertThat(e.getMessage()).contains("SocketTimeoutException");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** ONCE is never retried, not even after throttling. */
  @Test
  void registerUrls_spikeArrest_raisesThrottledAndSendsOnce() {
    daraja.handler(r -> error(500, "500.003.02", "Error Occurred: Spike Arrest Violation"));

    assertThatThrownBy(() -> mpesa.c2b().registerUrls(sampleRegistration().build()))
        .isInstanceOf(ThrottledException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  // ---- simulate ----

  @Test
  void simulate_sampleRequest_sendsTheGoldenPayloadWithNumbersToV2() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("c2b/simulate-response.json")));

    mpesa.c2b().simulate(sampleSimulation().build());

    RecordedRequest r = daraja.businessRequests().get(0);
    assertPostedJson(r, "/mpesa/c2b/v2/simulate");
    JsonNode body = body(r);
    // Compared as trees: 600984, 1 and 254708374149 must be JSON numbers, as in API.md §5.4.
    assertThat(body).isEqualTo(mapper.readTree(Fixtures.read("c2b/simulate-request.json")));
    assertThat(body.get("ShortCode").isNumber()).isTrue();
    assertThat(body.get("Amount").isNumber()).isTrue();
    assertThat(body.get("Msisdn").isNumber()).isTrue();
    assertThat(body.has("MSISDN")).isFalse();
  }

  @Test
  void simulate_sampleAnswer_isParsed() {
    daraja.handler(r -> json(200, Fixtures.read("c2b/simulate-response.json")));

    Acknowledgement ack = mpesa.c2b().simulate(sampleSimulation().build());

    assertThat(ack.originatorConversationId()).isEqualTo("53e3-4aa8-9fe0-8fb5e4092cdd3405976");
    assertThat(ack.responseCode()).isEqualTo("0");
    assertThat(ack.responseDescription()).isEqualTo("Accept the service request successfully.");
  }

  @Test
  void simulate_v1Client_sendsTheSameBodyToV1() throws Exception {
    mpesa = v1Client();
    daraja.handler(r -> json(200, Fixtures.read("c2b/simulate-response.json")));

    mpesa.c2b().simulate(sampleSimulation().build());

    RecordedRequest r = daraja.businessRequests().get(0);
    assertPostedJson(r, "/mpesa/c2b/v1/simulate");
    assertThat(body(r)).isEqualTo(mapper.readTree(Fixtures.read("c2b/simulate-request.json")));
  }

  @Test
  void simulate_buyGoods_sendsBuyGoodsCommandAndNullBillRefNumber() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("c2b/simulate-response.json")));

    mpesa.c2b().simulate(sampleSimulation().shortCode("5123456").amount(250).buyGoods().build());

    JsonNode body = body(daraja.businessRequests().get(0));
    assertThat(body.get("CommandID").textValue()).isEqualTo("CustomerBuyGoodsOnline");
    assertThat(body.get("ShortCode").longValue()).isEqualTo(5123456L);
    assertThat(body.get("Amount").longValue()).isEqualTo(250L);
    assertThat(body.has("BillRefNumber")).isTrue();
    assertThat(body.get("BillRefNumber").isNull()).isTrue();
  }

  @Test
  void simulate_localPhoneForm_sendsTheTwelveDigitNumber() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("c2b/simulate-response.json")));

    mpesa.c2b().simulate(sampleSimulation().phoneNumber("0708 374 149").build());

    assertThat(body(daraja.businessRequests().get(0)).get("Msisdn").longValue())
        .isEqualTo(254708374149L);
  }

  @Test
  void simulate_invalidShortCodeAnswer_raisesInvalidRequestKeepingTheMessage() {
    daraja.handler(r -> json(400, Fixtures.read("c2b/invalid-short-code.json")));

    assertThatThrownBy(() -> mpesa.c2b().simulate(sampleSimulation().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.INVALID_FIELD);
              assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid ShortCode");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** A simulated payment is a payment: an unexplained 5xx is an unknown outcome, sent once. */
  @Test
  void simulate_internalServerError_raisesOutcomeUnknownAndSendsOnce() {
    daraja.handler(r -> json(500, Fixtures.read("c2b/internal-server-error.json")));

    assertThatThrownBy(() -> mpesa.c2b().simulate(sampleSimulation().build()))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e -> {
              assertThat(e.references())
                  .containsEntry("shortCode", "600984")
                  .containsEntry("amount", "1")
                  .containsEntry("commandId", "CustomerPayBillOnline")
                  .containsEntry("billRefNumber", "Test Ref")
                  .containsEntry("phoneNumber", "2547******49");
              assertThat(e.getMessage()).doesNotContain("254708374149");
              assertThat(e.sentAt()).isEqualTo(NOW);
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void simulate_readTimeout_raisesOutcomeUnknownAndSendsOnce() {
    mpesa.close();
    mpesa = TestClients.sandbox(server).clock(clock).readTimeout(Duration.ofMillis(300)).build();
    daraja.handler(
        r ->
            new MockResponse.Builder()
                .headersDelay(2, TimeUnit.SECONDS)
                .body(Fixtures.read("c2b/simulate-response.json"))
                .build());

    assertThatThrownBy(() -> mpesa.c2b().simulate(sampleSimulation().build()))
        .isInstanceOf(OutcomeUnknownException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void simulate_answerWithoutResponseCode_raisesOutcomeUnknown() {
    daraja.handler(r -> json(200, "{\"ResponseDescription\":\"Success\"}"));

    assertThatThrownBy(() -> mpesa.c2b().simulate(sampleSimulation().build()))
        .isInstanceOf(OutcomeUnknownException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void simulate_http200WithNonZeroResponseCode_raisesApiError() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"OriginatorCoversationID\":\"1\",\"ResponseCode\":\"1\","
                    + "\"ResponseDescription\":\"Rejected\"}"));

    assertThatThrownBy(() -> mpesa.c2b().simulate(sampleSimulation().build()))
        .isInstanceOf(MpesaApiException.class)
        .isNotInstanceOf(OutcomeUnknownException.class);
  }

  /** R8: the debug lines name the ids, never the full phone number. */
  @Test
  void simulate_atTrace_logsTheIdsAndAMaskedPhone() {
    daraja.handler(r -> json(200, Fixtures.read("c2b/simulate-response.json")));
    try (LogCapture logs = new LogCapture()) {
      mpesa.c2b().simulate(sampleSimulation().build());

      assertThat(logs.lines())
          .anyMatch(l -> l.contains("53e3-4aa8-9fe0-8fb5e4092cdd3405976"))
          .noneMatch(l -> l.contains("254708374149"));
    }
  }
}
