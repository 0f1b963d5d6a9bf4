package dev.mpesa.ratiba;

import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.MpesaClient;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.result.DarajaError;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** M-Pesa Ratiba against the golden payloads of API.md §5.15. */
class RatibaServiceTest {
  static final String PATH = "/standingorder/v1/createStandingOrderExternal";

  /** 2024-09-01 12:00 in Nairobi: before the sample's start date, 2024-09-05. */
  static final Instant NOW = Instant.parse("2024-09-01T09:00:00Z");

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

  /** The request of API.md §5.15, field for field. */
  static StandingOrderRequest.Builder sampleRequest() {
    return StandingOrderRequest.builder()
        .standingOrderName("Test Standing Order")
        .startDate(LocalDate.of(2024, 9, 5))
        .endDate(LocalDate.of(2025, 9, 5))
        .amount(4500)
        .phoneNumber("254708374149")
        .callbackUrl("https://mydomain.com/pat")
        .accountReference("Test")
        .description("Test")
        .frequency(Frequency.DAILY);
  }

  JsonNode body(RecordedRequest r) throws Exception {
    return mapper.readTree(r.getBody().utf8());
  }

  JsonNode sentBody() throws Exception {
    return body(daraja.businessRequests().get(0));
  }

  void answer(String fixture) {
    daraja.handler(r -> json(200, Fixtures.read(fixture)));
  }

  @Test
  void createStandingOrder_sampleRequest_sendsTheGoldenPayloadOfApiMd() throws Exception {
    answer("ratiba/create-response.json");

    mpesa.ratiba().createStandingOrder(sampleRequest().build());

    RecordedRequest r = daraja.businessRequests().get(0);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo(PATH);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok1");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
    // Every field and its type: all strings, as in the docs; no CustomStoId unless set.
    assertThat(body(r)).isEqualTo(mapper.readTree(Fixtures.read("ratiba/create-request.json")));
  }

  @Test
  void createStandingOrder_sampleAnswer_isParsed() {
    answer("ratiba/create-response.json");

    StandingOrderResponse ack = mpesa.ratiba().createStandingOrder(sampleRequest().build());

    assertThat(ack.responseRefId()).isEqualTo("4dd9b5d9-d738-42ba-9326-2cc99e966000");
    assertThat(ack.responseCode()).isEqualTo("200");
    assertThat(ack.responseDescription()).isEqualTo("Request accepted for processing");
    assertThat(ack.header().resultDescription())
        .isEqualTo("The service request is processed successfully.");
    assertThat(ack.body().responseCode()).isEqualTo("200");
  }

  /** API.md §10 item 7: envelope and field casing vary; codes may be numbers. */
  @Test
  void createStandingOrder_camelCaseEnvelopeAndNumericCode_isAccepted() {
    answer("ratiba/create-response-camelcase.json");

    StandingOrderResponse ack = mpesa.ratiba().createStandingOrder(sampleRequest().build());

    assertThat(ack.responseRefId()).isEqualTo("0acc0239-20fa-4a52-8b9d-9bd64c0465c3");
    assertThat(ack.header().requestRefId()).isEqualTo("0acc0239-20fa-4a52-8b9d-9bd64c0465c3");
    assertThat(ack.responseCode()).isEqualTo("200");
    assertThat(ack.body().responseDescription()).isEqualTo("Request accepted for processing");
  }

  @Test
  void createStandingOrder_payBillShortCode_isTheBusinessShortCode() throws Exception {
    answer("ratiba/create-response.json");

    mpesa.ratiba().createStandingOrder(sampleRequest().payBill("600977").build());

    JsonNode body = sentBody();
    assertThat(body.get("BusinessShortCode").asText()).isEqualTo("600977");
    assertThat(body.get("ReceiverPartyIdentifierType").asText()).isEqualTo("4");
  }

  @Test
  void createStandingOrder_buyGoods_sendsTillMerchantTypeAndIdentifier2() throws Exception {
    answer("ratiba/create-response.json");

    mpesa.ratiba().createStandingOrder(sampleRequest().buyGoods("5123456").build());

    JsonNode body = sentBody();
    assertThat(body.get("BusinessShortCode").asText()).isEqualTo("5123456");
    assertThat(body.get("TransactionType").asText())
        .isEqualTo("Standing Order Customer Pay Merchant");
    assertThat(body.get("ReceiverPartyIdentifierType").asText()).isEqualTo("2");
  }

  /** API.md §11: the other TransactionType spelling, chosen once per client. */
  @Test
  void createStandingOrder_externalThirdPartyNaming_sendsThoseTransactionTypes() throws Exception {
    mpesa.close();
    mpesa =
        TestClients.sandbox(server)
            .clock(clock)
            .ratibaSettings(
                RatibaSettings.builder()
                    .transactionTypeNaming(TransactionTypeNaming.EXTERNAL_THIRD_PARTY)
                    .build())
            .build();
    answer("ratiba/create-response.json");

    mpesa.ratiba().createStandingOrder(sampleRequest().build());
    mpesa.ratiba().createStandingOrder(sampleRequest().buyGoods("5123456").build());

    assertThat(body(daraja.businessRequests().get(0)).get("TransactionType").asText())
        .isEqualTo("Standing Order Pay Bill External Third Party");
    assertThat(body(daraja.businessRequests().get(1)).get("TransactionType").asText())
        .isEqualTo("Standing Order Pay Merchant External Third Party");
  }

  @Test
  void createStandingOrder_defaultFrequencies_sendPortalCodes() throws Exception {
    answer("ratiba/create-response.json");

    mpesa.ratiba().createStandingOrder(sampleRequest().frequency(Frequency.MONTHLY).build());
    mpesa.ratiba().createStandingOrder(sampleRequest().frequency(Frequency.YEARLY).build());

    assertThat(body(daraja.businessRequests().get(0)).get("Frequency").asText()).isEqualTo("4");
    assertThat(body(daraja.businessRequests().get(1)).get("Frequency").asText()).isEqualTo("8");
  }

  /** API.md §11: the 1-9 numbering of another source, configured as a whole. */
  @Test
  void createStandingOrder_remappedFrequencies_sendConfiguredCodes() throws Exception {
    mpesa.close();
    mpesa =
        TestClients.sandbox(server)
            .clock(clock)
            .ratibaSettings(
                RatibaSettings.builder()
                    .frequencyCode(Frequency.BI_WEEKLY, "4")
                    .frequencyCode(Frequency.MONTHLY, "5")
                    .frequencyCode(Frequency.BI_MONTHLY, "6")
                    .frequencyCode(Frequency.QUARTERLY, "7")
                    .frequencyCode(Frequency.HALF_YEARLY, "8")
                    .frequencyCode(Frequency.YEARLY, "9")
                    .build())
            .build();
    answer("ratiba/create-response.json");

    mpesa.ratiba().createStandingOrder(sampleRequest().frequency(Frequency.MONTHLY).build());
    mpesa.ratiba().createStandingOrder(sampleRequest().frequency(Frequency.BI_WEEKLY).build());
    mpesa.ratiba().createStandingOrder(sampleRequest().frequency(Frequency.DAILY).build());

    assertThat(body(daraja.businessRequests().get(0)).get("Frequency").asText()).isEqualTo("5");
    assertThat(body(daraja.businessRequests().get(1)).get("Frequency").asText()).isEqualTo("4");
    assertThat(body(daraja.businessRequests().get(2)).get("Frequency").asText()).isEqualTo("2");
  }

  @Test
  void createStandingOrder_customStandingOrderId_isSentAsCustomStoId() throws Exception {
    answer("ratiba/create-response.json");

    mpesa
        .ratiba()
        .createStandingOrder(
            sampleRequest().customStandingOrderId("3f1e2d4c-5b6a-4789-8abc-def012345678").build());

    assertThat(sentBody().get("CustomStoId").asText())
        .isEqualTo("3f1e2d4c-5b6a-4789-8abc-def012345678");
  }

  @Test
  void createStandingOrder_invalidField_raisesInvalidRequestKeepingTheMessage() {
    daraja.handler(r -> json(400, Fixtures.read("ratiba/error-invalid-field.json")));

    assertThatThrownBy(() -> mpesa.ratiba().createStandingOrder(sampleRequest().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.INVALID_FIELD);
              assertThat(e.errorCode()).isEqualTo("400.002.02");
              assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid BusinessShortCode");
              assertThat(e.requestId()).isEqualTo("1c5b-4ba8-815c-ac45c57a3db01495926");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** R9: an unexplained server error on a money call is an unknown outcome, sent once. */
  @Test
  void createStandingOrder_internalServerError_raisesOutcomeUnknownAndSendsOnce() {
    daraja.handler(r -> json(500, Fixtures.read("ratiba/error-internal.json")));

    assertThatThrownBy(() -> mpesa.ratiba().createStandingOrder(sampleRequest().build()))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e -> {
              assertThat(e.references())
                  .containsEntry("standingOrderName", "Test Standing Order")
                  .containsEntry("amount", "4500")
                  .containsEntry("phoneNumber", "2547******49")
                  .containsEntry("shortCode", "174379");
              assertThat(e.getMessage()).doesNotContain("254708374149");
              assertThat(e.sentAt()).isEqualTo(NOW);
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void createStandingOrder_readTimeout_raisesOutcomeUnknownAndSendsOnce() {
    mpesa.close();
    mpesa = TestClients.sandbox(server).clock(clock).readTimeout(Duration.ofMillis(300)).build();
    daraja.handler(
        r ->
            new MockResponse.Builder()
                .headersDelay(2, TimeUnit.SECONDS)
                .body(Fixtures.read("ratiba/create-response.json"))
                .build());

    assertThatThrownBy(() -> mpesa.ratiba().createStandingOrder(sampleRequest().build()))
        .isInstanceOf(OutcomeUnknownException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** Gateway throttling is refused before processing: the one failure a money call may retry. */
  @Test
  void createStandingOrder_spikeArrestThenAccepted_isRetried() {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    daraja.handler(
        r ->
            calls.incrementAndGet() == 1
                ? json(500, Fixtures.read("ratiba/error-spike-arrest.json"))
                : json(200, Fixtures.read("ratiba/create-response.json")));

    StandingOrderResponse ack = mpesa.ratiba().createStandingOrder(sampleRequest().build());

    assertThat(ack.responseCode()).isEqualTo("200");
    assertThat(daraja.businessCount()).isEqualTo(2);
  }

  @Test
  void createStandingOrder_responseCode500InTheEnvelope_raisesOutcomeUnknown() {
    answer("ratiba/create-response-system-failure.json");

    assertThatThrownBy(() -> mpesa.ratiba().createStandingOrder(sampleRequest().build()))
        .isInstanceOf(OutcomeUnknownException.class)
        .hasMessageContaining("System failure");
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void createStandingOrder_answerWithoutResponseCode_raisesOutcomeUnknown() {
    daraja.handler(r -> json(200, "{\"ResponseHeader\":{\"responseRefID\":\"x\"}}"));

    assertThatThrownBy(() -> mpesa.ratiba().createStandingOrder(sampleRequest().build()))
        .isInstanceOf(OutcomeUnknownException.class)
        .hasMessageContaining("without a responseCode");
  }

  /** The standard Daraja acknowledgement is not Ratiba's: nothing in it proves acceptance. */
  @Test
  void createStandingOrder_standardAcknowledgementShape_raisesOutcomeUnknown() {
    daraja.handler(r -> json(200, "{\"ResponseCode\":\"0\",\"ResponseDescription\":\"ok\"}"));

    assertThatThrownBy(() -> mpesa.ratiba().createStandingOrder(sampleRequest().build()))
        .isInstanceOf(OutcomeUnknownException.class);
  }

  @Test
  void createStandingOrder_duplicateName1050_raisesDuplicateRequest() {
    answer("ratiba/create-response-duplicate-name.json");

    assertThatThrownBy(() -> mpesa.ratiba().createStandingOrder(sampleRequest().build()))
        .isInstanceOfSatisfying(
            DuplicateRequestException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("1050");
              assertThat(e.requestId()).isEqualTo("7f1c0d2e-5b9a-4c1e-8d3f-2a6b9e0c4d11");
              assertThat(e.errorMessage()).contains("already exists");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void createStandingOrder_responseCode401InTheEnvelope_raisesAuthentication() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"ResponseHeader\":{\"responseRefID\":\"r1\",\"responseCode\":\"401\","
                    + "\"responseDescription\":\"Unauthorized\"}}"));

    assertThatThrownBy(() -> mpesa.ratiba().createStandingOrder(sampleRequest().build()))
        .isInstanceOfSatisfying(
            AuthenticationException.class,
            e -> assertThat(e.error()).isEqualTo(DarajaError.PRODUCT_NOT_ENABLED));
  }

  @Test
  void createStandingOrder_unknownCodeInTheEnvelope_raisesApiErrorWithTheCode() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"ResponseHeader\":{\"responseRefID\":\"r1\",\"responseCode\":\"3001\","
                    + "\"responseDescription\":\"Rejected 0712345678\"}}"));

    assertThatThrownBy(() -> mpesa.ratiba().createStandingOrder(sampleRequest().build()))
        .isInstanceOfSatisfying(
            MpesaApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("3001");
              assertThat(e.errorMessage()).doesNotContain("0712345678");
            });
  }

  @Test
  void request_toString_masksThePhoneNumber() {
    assertThat(sampleRequest().build().toString())
        .contains("2547******49")
        .doesNotContain("254708374149")
        .doesNotContain("/pat");
  }
}
