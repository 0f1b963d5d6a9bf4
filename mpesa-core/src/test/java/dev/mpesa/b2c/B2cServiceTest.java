package dev.mpesa.b2c;

import static dev.mpesa.testing.DarajaStub.error;
import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpesa.MpesaClient;
import dev.mpesa.RetrySettings;
import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.error.ThrottledException;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.result.Acknowledgement;
import dev.mpesa.result.DarajaError;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** B2C v3 and v1, B2Pochi and B2C account top-up against the golden payloads of API.md §5.6-5.8. */
class B2cServiceTest {
  static final String INITIATOR_PASSWORD = "Safaricom123!!";
  static final String PHONE = "254705912645";
  static final String SAMPLE_ID = "600997_Test_32et3241ed8yu";
  static final Instant NOW = Instant.parse("2024-07-06T19:48:00Z");
  static final String CREDENTIAL_PLACEHOLDER = "<base64 RSA ciphertext>";

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
    mpesa = client().build();
  }

  @AfterEach
  void stop() {
    mpesa.close();
    server.close();
  }

  MpesaClient.Builder client() {
    return TestClients.sandbox(server).initiator("testapi", INITIATOR_PASSWORD).clock(clock);
  }

  /** Replaces the client (closing the current one). */
  void use(MpesaClient.Builder builder) {
    mpesa.close();
    mpesa = builder.build();
  }

  static B2cPaymentRequest.Builder samplePayment() {
    return B2cPaymentRequest.builder()
        .originatorConversationId(SAMPLE_ID)
        .command(B2cCommand.BUSINESS_PAYMENT)
        .amount(10)
        .partyA("600992")
        .phoneNumber(PHONE)
        .remarks("remarked")
        .queueTimeoutUrl("https://mydomain.com/b2c/timedout")
        .resultUrl("https://mydomain.com/b2c/result")
        .occasion("ChristmasPay");
  }

  static B2cPaymentRequest.Builder samplePochi() {
    return B2cPaymentRequest.builder()
        .command(B2cCommand.BUSINESS_PAY_TO_POCHI)
        .originatorConversationId(SAMPLE_ID)
        .amount(10)
        .partyA("600992")
        .phoneNumber(PHONE)
        .remarks("remarked")
        .queueTimeoutUrl("https://mydomain.com/b2c/timedout")
        .resultUrl("https://mydomain.com/b2c/result")
        .occasion("ChristmasPay");
  }

  static B2cTopUpRequest.Builder sampleTopUp() {
    return B2cTopUpRequest.builder()
        .amount(239)
        .partyA("123456")
        .partyB("000000")
        .accountReference("353353")
        .requester("254700000000")
        .remarks("OK")
        .queueTimeoutUrl("https://mydomain.com/b2b/queue/")
        .resultUrl("https://mydomain.com/b2b/result/");
  }

  JsonNode body(RecordedRequest r) throws Exception {
    return mapper.readTree(r.getBody().utf8());
  }

  /**
   * The body with its SecurityCredential checked (base64 of one 2048-bit RSA block, never the
   * password) and replaced by API.md's placeholder, so the rest compares exactly.
   */
  JsonNode bodyWithCredentialChecked(RecordedRequest r) throws Exception {
    ObjectNode body = (ObjectNode) body(r);
    JsonNode credential = body.get("SecurityCredential");
    assertThat(credential.isTextual()).isTrue();
    assertThat(credential.asText()).doesNotContain(INITIATOR_PASSWORD);
    assertThat(Base64.getDecoder().decode(credential.asText())).hasSize(256);
    body.put("SecurityCredential", CREDENTIAL_PLACEHOLDER);
    return body;
  }

  void assertGolden(RecordedRequest r, String path, String fixture) throws Exception {
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo(path);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok1");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
    // Every field and its JSON type (strings stay strings), as API.md shows them.
    assertThat(bodyWithCredentialChecked(r)).isEqualTo(mapper.readTree(Fixtures.read(fixture)));
  }

  List<String> sentIds() throws Exception {
    List<RecordedRequest> requests = daraja.businessRequests();
    String[] ids = new String[requests.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = body(requests.get(i)).get("OriginatorConversationID").asText();
    }
    return List.of(ids);
  }

  static Function<RecordedRequest, MockResponse> sequence(MockResponse... answers) {
    AtomicInteger n = new AtomicInteger();
    return r -> answers[Math.min(n.getAndIncrement(), answers.length - 1)];
  }

  static MockResponse unavailable() {
    return error(503, "500.003.1001", "Service is currently unreachable. Please try again later.");
  }

  static MockResponse delayed(String body) {
    return new MockResponse.Builder()
        .headersDelay(2, TimeUnit.SECONDS)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  // ---------------------------------------------------------------- B2C v3

  @Test
  void pay_sampleRequest_sendsTheGoldenPayloadOfApiMd() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2c/pay-response.json")));

    mpesa.b2c().pay(samplePayment().build());

    assertThat(daraja.businessCount()).isEqualTo(1);
    assertGolden(
        daraja.businessRequests().get(0), "/mpesa/b2c/v3/paymentrequest", "b2c/pay-request.json");
  }

  @Test
  void pay_acceptedAnswer_returnsTheAcknowledgement() {
    daraja.handler(r -> json(200, Fixtures.read("b2c/pay-response.json")));

    Acknowledgement ack = mpesa.b2c().pay(samplePayment().build());

    assertThat(ack.conversationId()).isEqualTo("AG_20240706_20106e9209f64bebd05b");
    assertThat(ack.originatorConversationId()).isEqualTo(SAMPLE_ID);
    assertThat(ack.responseCode()).isEqualTo("0");
    assertThat(ack.responseDescription()).isEqualTo("Accept the service request successfully.");
  }

  @Test
  void pay_withoutOccasion_omitsOccassion() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2c/pay-response.json")));

    mpesa.b2c().pay(samplePayment().occasion(null).build());

    JsonNode body = body(daraja.businessRequests().get(0));
    assertThat(body.has("Occassion")).isFalse();
    assertThat(body.has("Occasion")).isFalse();
  }

  @Test
  void pay_eachCommand_sendsItsCommandId() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2c/pay-response.json")));

    for (B2cCommand command : B2cCommand.values()) {
      mpesa.b2c().pay(samplePayment().originatorConversationId(null).command(command).build());
    }

    List<RecordedRequest> sent = daraja.businessRequests();
    assertThat(body(sent.get(0)).get("CommandID").asText()).isEqualTo("SalaryPayment");
    assertThat(body(sent.get(1)).get("CommandID").asText()).isEqualTo("BusinessPayment");
    assertThat(body(sent.get(2)).get("CommandID").asText()).isEqualTo("PromotionPayment");
  }

  @Test
  void pay_generatedOriginatorConversationId_isAUuidSentOnTheWire() throws Exception {
    daraja.handler(
        r -> json(200, "{\"ConversationID\":\"AG_1\",\"ResponseCode\":\"0\"}")); // no OCID echoed
    B2cPaymentRequest request = samplePayment().originatorConversationId(null).build();

    Acknowledgement ack = mpesa.b2c().pay(request);

    String id = request.originatorConversationId();
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    assertThat(sentIds()).containsExactly(id);
    // Daraja's answer lacked the id: the acknowledgement carries the request's own.
    assertThat(ack.originatorConversationId()).isEqualTo(id);
    assertThat(ack.conversationId()).isEqualTo("AG_1");
  }

  /** R12: the body is built once, so a retry resends the same OriginatorConversationID. */
  @Test
  void pay_503Then200_resendsTheSameOriginatorConversationId() throws Exception {
    daraja.handler(sequence(unavailable(), json(200, Fixtures.read("b2c/pay-response.json"))));
    B2cPaymentRequest request = samplePayment().originatorConversationId(null).build();

    Acknowledgement ack = mpesa.b2c().pay(request);

    assertThat(daraja.businessCount()).isEqualTo(2);
    assertThat(sentIds())
        .containsExactly(request.originatorConversationId(), request.originatorConversationId());
    List<RecordedRequest> sent = daraja.businessRequests();
    assertThat(sent.get(1).getBody().utf8()).isEqualTo(sent.get(0).getBody().utf8());
    assertThat(ack.responseCode()).isEqualTo("0");
  }

  /** A read timeout on a keyed payment is retried too: Daraja de-duplicates by the id. */
  @Test
  void pay_readTimeoutThen200_resendsTheSameOriginatorConversationId() throws Exception {
    use(client().readTimeout(Duration.ofMillis(300)));
    daraja.handler(
        sequence(
            delayed(Fixtures.read("b2c/pay-response.json")),
            json(200, Fixtures.read("b2c/pay-response.json"))));

    Acknowledgement ack = mpesa.b2c().pay(samplePayment().build());

    assertThat(sentIds()).containsExactly(SAMPLE_ID, SAMPLE_ID);
    assertThat(ack.conversationId()).isEqualTo("AG_20240706_20106e9209f64bebd05b");
  }

  /**
   * R9, R12: once an attempt may have been processed, the call stays an unknown outcome even if the
   * retries then only meet the gateway's rate limit: a ThrottledException ("nothing was processed")
   * would invite the caller to resend with a new id and pay twice.
   */
  @Test
  void pay_readTimeoutThenThrottledToTheEnd_staysOutcomeUnknown() throws Exception {
    use(client().readTimeout(Duration.ofMillis(300)));
    daraja.handler(
        sequence(
            delayed(Fixtures.read("b2c/pay-response.json")),
            error(500, "500.003.02", "Spike arrest violation"),
            error(500, "500.003.02", "Spike arrest violation")));

    Throwable thrown = catchThrowable(() -> mpesa.b2c().pay(samplePayment().build()));

    assertThat(thrown).isInstanceOf(OutcomeUnknownException.class);
    assertThat(thrown.getSuppressed()).hasOnlyElementsOfType(ThrottledException.class);
    assertThat(sentIds()).containsExactly(SAMPLE_ID, SAMPLE_ID, SAMPLE_ID);
  }

  /** R12: a duplicate answer to a retry means the first attempt was accepted. */
  @Test
  void pay_503ThenDuplicate_raisesDuplicateRequestAfterSendingTheSameIdTwice() throws Exception {
    daraja.handler(sequence(unavailable(), json(500, Fixtures.read("b2c/error-duplicate.json"))));

    assertThatThrownBy(() -> mpesa.b2c().pay(samplePayment().build()))
        .isInstanceOfSatisfying(
            DuplicateRequestException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.DUPLICATE_REQUEST);
              assertThat(e.errorCode()).isEqualTo("500.002.1001");
              assertThat(e.errorMessage()).isEqualTo("Duplicate OriginatorConversationID.");
              assertThat(e.getMessage()).contains("already accepted");
            });
    assertThat(sentIds()).containsExactly(SAMPLE_ID, SAMPLE_ID);
  }

  @Test
  void pay_duplicateOriginatorConversationId_raisesDuplicateRequestWithoutRetrying() {
    daraja.handler(r -> json(500, Fixtures.read("b2c/error-duplicate.json")));

    assertThatThrownBy(() -> mpesa.b2c().pay(samplePayment().build()))
        .isInstanceOf(DuplicateRequestException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void pay_invalidInitiatorAnswer_raisesInvalidRequestKeepingTheMessage() {
    daraja.handler(r -> json(400, Fixtures.read("b2c/error-invalid-initiator.json")));

    assertThatThrownBy(() -> mpesa.b2c().pay(samplePayment().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.INVALID_FIELD);
              assertThat(e.errorCode()).isEqualTo("400.002.02");
              assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid InitiatorName");
              assertThat(e.requestId()).isEqualTo("1c5b-4ba8-815c-ac45c57a3db01495926");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** MONEY_KEYED: retried, always with the same id, then unknown (never a silent success). */
  @Test
  void pay_serverErrorEveryTime_retriesWithTheSameIdThenRaisesOutcomeUnknown() throws Exception {
    daraja.handler(r -> json(500, Fixtures.read("b2c/error-internal.json")));
    B2cPaymentRequest request = samplePayment().originatorConversationId(null).build();

    assertThatThrownBy(() -> mpesa.b2c().pay(request))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e ->
                assertThat(e.references())
                    .containsEntry("originatorConversationId", request.originatorConversationId()));
    assertThat(daraja.businessCount()).isEqualTo(RetrySettings.defaults().maxAttempts());
    assertThat(sentIds()).containsOnly(request.originatorConversationId());
  }

  @Test
  void pay_serverErrorWithRetriesOff_raisesOutcomeUnknownAfterOneRequest() {
    use(client().retry(RetrySettings.disabled()));
    daraja.handler(r -> json(500, Fixtures.read("b2c/error-internal.json")));

    assertThatThrownBy(() -> mpesa.b2c().pay(samplePayment().build()))
        .isInstanceOf(OutcomeUnknownException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void pay_readTimeoutWithRetriesOff_raisesOutcomeUnknownWithReferencesAfterOneRequest() {
    use(client().retry(RetrySettings.disabled()).readTimeout(Duration.ofMillis(300)));
    daraja.handler(r -> delayed(Fixtures.read("b2c/pay-response.json")));

    assertThatThrownBy(() -> mpesa.b2c().pay(samplePayment().build()))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e -> {
              assertThat(e.references())
                  .containsEntry("originatorConversationId", SAMPLE_ID)
                  .containsEntry("amount", "10")
                  .containsEntry("phoneNumber", "2547******45")
                  .containsEntry("partyA", "600992")
                  .containsEntry("command", "BusinessPayment");
              assertThat(e.getMessage()).doesNotContain(PHONE).contains(SAMPLE_ID);
              assertThat(e.sentAt()).isEqualTo(NOW);
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void pay_http200WithNonZeroResponseCode_isAnError() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"OriginatorConversationID\":\""
                    + SAMPLE_ID
                    + "\",\"ConversationID\":\"AG_1\",\"ResponseCode\":\"1\","
                    + "\"ResponseDescription\":\"Rejected\"}"));

    assertThatThrownBy(() -> mpesa.b2c().pay(samplePayment().build()))
        .isInstanceOf(MpesaApiException.class);
  }

  @Test
  void pay_responseCodeOfZeros_isAccepted() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"OriginatorConversationID\":\""
                    + SAMPLE_ID
                    + "\",\"ConversationID\":\"AG_1\",\"ResponseCode\":\"00000000\"}"));

    assertThat(mpesa.b2c().pay(samplePayment().build()).conversationId()).isEqualTo("AG_1");
  }

  // ---------------------------------------------------------------- B2C v1

  @Test
  void payV1_sampleRequest_sendsTheGoldenPayloadWithoutOriginatorConversationId() throws Exception {
    use(client().b2cVersion(B2cVersion.V1));
    daraja.handler(r -> json(200, Fixtures.read("b2c/acknowledgement.json")));

    assertThat(mpesa.b2c().version()).isEqualTo(B2cVersion.V1);
    mpesa.b2c().pay(samplePayment().build());

    assertGolden(
        daraja.businessRequests().get(0),
        "/mpesa/b2c/v1/paymentrequest",
        "b2c/pay-v1-request.json");
  }

  @Test
  void payV1_acceptedAnswer_returnsDarajasIds() {
    use(client().b2cVersion(B2cVersion.V1));
    daraja.handler(r -> json(200, Fixtures.read("b2c/acknowledgement.json")));

    Acknowledgement ack = mpesa.b2c().pay(samplePayment().build());

    assertThat(ack.originatorConversationId()).isEqualTo("5118-111210482-1");
    assertThat(ack.conversationId()).isEqualTo("AG_20230420_2010759fd5662ef6d054");
    assertThat(ack.responseCode()).isEqualTo("0");
  }

  @Test
  void payV1_invalidInitiatorAnswer_raisesInvalidRequestKeepingTheMessage() {
    use(client().b2cVersion(B2cVersion.V1));
    daraja.handler(r -> json(400, Fixtures.read("b2c/error-invalid-initiator.json")));

    assertThatThrownBy(() -> mpesa.b2c().pay(samplePayment().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid InitiatorName"));
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** v1 has no idempotency key: an ambiguous answer is never resent. */
  @Test
  void payV1_serverError_raisesOutcomeUnknownAfterOneRequest() {
    use(client().b2cVersion(B2cVersion.V1));
    daraja.handler(r -> json(500, Fixtures.read("b2c/error-internal.json")));

    assertThatThrownBy(() -> mpesa.b2c().pay(samplePayment().build()))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e ->
                assertThat(e.references())
                    .containsEntry("amount", "10")
                    .containsEntry("phoneNumber", "2547******45")
                    .containsEntry("partyA", "600992")
                    .containsEntry("command", "BusinessPayment")
                    .doesNotContainKey("originatorConversationId"));
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void payV1_readTimeout_raisesOutcomeUnknownAfterOneRequest() {
    use(client().b2cVersion(B2cVersion.V1).readTimeout(Duration.ofMillis(300)));
    daraja.handler(r -> delayed(Fixtures.read("b2c/acknowledgement.json")));

    assertThatThrownBy(() -> mpesa.b2c().pay(samplePayment().build()))
        .isInstanceOf(OutcomeUnknownException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** The gateway's spike arrest refuses before processing, so even v1 may be resent. */
  @Test
  void payV1_spikeArrestThen200_isRetried() {
    use(client().b2cVersion(B2cVersion.V1));
    daraja.handler(
        sequence(
            error(500, "500.003.02", "Error Occurred: Spike Arrest Violation"),
            json(200, Fixtures.read("b2c/acknowledgement.json"))));

    assertThat(mpesa.b2c().pay(samplePayment().build()).responseCode()).isEqualTo("0");
    assertThat(daraja.businessCount()).isEqualTo(2);
  }

  @Test
  void payV1_acceptedWithoutAnyId_raisesOutcomeUnknown() {
    use(client().b2cVersion(B2cVersion.V1));
    daraja.handler(r -> json(200, "{\"ResponseCode\":\"0\"}"));

    assertThatThrownBy(() -> mpesa.b2c().pay(samplePayment().build()))
        .isInstanceOf(OutcomeUnknownException.class)
        .hasMessageContaining("ConversationID");
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- B2Pochi

  @Test
  void payToPochi_sampleRequest_sendsTheGoldenPayload() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2c/pay-response.json")));

    mpesa.b2c().pay(samplePochi().build());

    assertGolden(
        daraja.businessRequests().get(0),
        "/mpesa/b2pochi/v1/paymentrequest",
        "b2c/pochi-request.json");
  }

  @Test
  void payToPochi_acceptedAnswer_returnsTheAcknowledgement() {
    daraja.handler(r -> json(200, Fixtures.read("b2c/pay-response.json")));

    Acknowledgement ack = mpesa.b2c().pay(samplePochi().build());

    assertThat(ack.conversationId()).isEqualTo("AG_20240706_20106e9209f64bebd05b");
    assertThat(ack.originatorConversationId()).isEqualTo(SAMPLE_ID);
    assertThat(ack.responseCode()).isEqualTo("0");
  }

  /** B2Pochi exists only in a keyed form: the v1 setting of B2C does not change it. */
  @Test
  void payToPochi_onAV1Client_stillSendsItsOriginatorConversationId() throws Exception {
    use(client().b2cVersion(B2cVersion.V1));
    daraja.handler(r -> json(200, Fixtures.read("b2c/pay-response.json")));

    mpesa.b2c().pay(samplePochi().build());

    assertGolden(
        daraja.businessRequests().get(0),
        "/mpesa/b2pochi/v1/paymentrequest",
        "b2c/pochi-request.json");
  }

  @Test
  void payToPochi_invalidInitiatorAnswer_raisesInvalidRequestKeepingTheMessage() {
    daraja.handler(r -> json(400, Fixtures.read("b2c/error-invalid-initiator.json")));

    assertThatThrownBy(() -> mpesa.b2c().pay(samplePochi().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid InitiatorName"));
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void payToPochi_503Then200_resendsTheSameOriginatorConversationId() throws Exception {
    daraja.handler(sequence(unavailable(), json(200, Fixtures.read("b2c/pay-response.json"))));
    B2cPaymentRequest request = samplePochi().originatorConversationId(null).build();

    mpesa.b2c().pay(request);

    assertThat(sentIds())
        .containsExactly(request.originatorConversationId(), request.originatorConversationId());
  }

  @Test
  void payToPochi_503ThenDuplicate_raisesDuplicateRequest() throws Exception {
    daraja.handler(sequence(unavailable(), json(500, Fixtures.read("b2c/error-duplicate.json"))));

    assertThatThrownBy(() -> mpesa.b2c().pay(samplePochi().build()))
        .isInstanceOf(DuplicateRequestException.class);
    assertThat(sentIds()).containsExactly(SAMPLE_ID, SAMPLE_ID);
  }

  @Test
  void payToPochi_readTimeoutWithRetriesOff_raisesOutcomeUnknownAfterOneRequest() {
    use(client().retry(RetrySettings.disabled()).readTimeout(Duration.ofMillis(300)));
    daraja.handler(r -> delayed(Fixtures.read("b2c/pay-response.json")));

    assertThatThrownBy(() -> mpesa.b2c().pay(samplePochi().build()))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e ->
                assertThat(e.references())
                    .containsEntry("originatorConversationId", SAMPLE_ID)
                    .containsEntry("phoneNumber", "2547******45")
                    .containsEntry("command", "BusinessPayToPochi"));
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- B2C account top-up

  @Test
  void topUp_sampleRequest_sendsTheGoldenPayloadOfApiMd() throws Exception {
    use(client().initiator("API_Username", INITIATOR_PASSWORD));
    daraja.handler(r -> json(200, Fixtures.read("b2c/acknowledgement.json")));

    mpesa.b2c().topUp(sampleTopUp().build());

    assertGolden(
        daraja.businessRequests().get(0), "/mpesa/b2b/v1/paymentrequest", "b2c/topup-request.json");
  }

  @Test
  void topUp_acceptedAnswer_returnsTheAcknowledgement() {
    daraja.handler(r -> json(200, Fixtures.read("b2c/acknowledgement.json")));

    Acknowledgement ack = mpesa.b2c().topUp(sampleTopUp().build());

    assertThat(ack.originatorConversationId()).isEqualTo("5118-111210482-1");
    assertThat(ack.conversationId()).isEqualTo("AG_20230420_2010759fd5662ef6d054");
    assertThat(ack.responseCode()).isEqualTo("0");
    assertThat(ack.responseDescription()).isEqualTo("Accept the service request successfully.");
  }

  @Test
  void topUp_withoutOptionalFields_omitsThem() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2c/acknowledgement.json")));

    mpesa.b2c().topUp(sampleTopUp().accountReference(null).requester((String) null).build());

    JsonNode body = body(daraja.businessRequests().get(0));
    assertThat(body.has("AccountReference")).isFalse();
    assertThat(body.has("Requester")).isFalse();
    assertThat(body.has("Occassion")).isFalse();
    assertThat(body.get("RecieverIdentifierType").asText()).isEqualTo("4");
  }

  @Test
  void topUp_withOccasion_sendsOccassion() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2c/acknowledgement.json")));

    mpesa.b2c().topUp(sampleTopUp().occasion("March float").build());

    assertThat(body(daraja.businessRequests().get(0)).get("Occassion").asText())
        .isEqualTo("March float");
  }

  @Test
  void topUp_invalidReceiverTypeAnswer_raisesInvalidRequestKeepingTheMessage() {
    daraja.handler(r -> json(400, Fixtures.read("b2c/error-invalid-receiver-type.json")));

    assertThatThrownBy(() -> mpesa.b2c().topUp(sampleTopUp().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("400.002.02");
              assertThat(e.errorMessage())
                  .isEqualTo("Bad Request - Invalid RecieverIdentifierType");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void topUp_serverError_raisesOutcomeUnknownAfterOneRequest() {
    daraja.handler(r -> json(500, Fixtures.read("b2c/error-internal.json")));

    assertThatThrownBy(() -> mpesa.b2c().topUp(sampleTopUp().build()))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e -> {
              assertThat(e.references())
                  .containsEntry("amount", "239")
                  .containsEntry("partyA", "123456")
                  .containsEntry("partyB", "000000")
                  .containsEntry("accountReference", "353353")
                  .containsEntry("command", "BusinessPayToBulk")
                  .containsEntry("requester", "2547******00");
              assertThat(e.getMessage()).doesNotContain("254700000000");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void topUp_readTimeout_raisesOutcomeUnknownAfterOneRequest() {
    use(client().readTimeout(Duration.ofMillis(300)));
    daraja.handler(r -> delayed(Fixtures.read("b2c/acknowledgement.json")));

    assertThatThrownBy(() -> mpesa.b2c().topUp(sampleTopUp().build()))
        .isInstanceOf(OutcomeUnknownException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- operations

  @Test
  void operations_haveTheIdempotencyClassOfArchitectureMd() {
    assertThat(B2cService.PAY.idempotency()).isEqualTo(IdempotencyClass.MONEY_KEYED);
    assertThat(B2cService.POCHI.idempotency()).isEqualTo(IdempotencyClass.MONEY_KEYED);
    assertThat(B2cService.PAY_V1.idempotency()).isEqualTo(IdempotencyClass.MONEY);
    assertThat(B2cService.TOP_UP.idempotency()).isEqualTo(IdempotencyClass.MONEY);
    assertThat(B2cService.PAY.group()).isEqualTo("b2c");
    assertThat(B2cService.TOP_UP.group()).isEqualTo("b2b");
  }
}
