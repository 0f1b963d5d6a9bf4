package dev.mpesa.account;

import static dev.mpesa.testing.DarajaStub.error;
import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpesa.MpesaClient;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.result.Acknowledgement;
import dev.mpesa.result.DarajaError;
import dev.mpesa.security.SecurityCredential;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.LogCapture;
import dev.mpesa.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Account Balance, Transaction Status and Reversal against the golden payloads of API.md. */
class AccountServiceTest {
  static final String PASSWORD = "Safaricom123!!";
  static final String PLACEHOLDER = "<base64 RSA ciphertext>";
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
    mpesa = client("testapi");
    daraja.handler(r -> json(200, Fixtures.read("account/acknowledgement.json")));
  }

  @AfterEach
  void stop() {
    mpesa.close();
    server.close();
  }

  /** A sandbox client whose initiator is {@code initiator}, as in the sample being reproduced. */
  MpesaClient client(String initiator) {
    return TestClients.sandbox(server).initiator(initiator, PASSWORD).clock(clock).build();
  }

  void useInitiator(String initiator) {
    mpesa.close();
    mpesa = client(initiator);
  }

  static AccountBalanceRequest.Builder balanceSample() {
    return AccountBalanceRequest.builder()
        .shortCode("600000")
        .remarks("ok")
        .queueTimeoutUrl("https://mydomain.com/balance/timeout")
        .resultUrl("https://mydomain.com/balance/result");
  }

  static TransactionStatusRequest.Builder statusSample() {
    return TransactionStatusRequest.builder()
        .shortCode("600782")
        .resultUrl("https://mydomain.com/status/result")
        .queueTimeoutUrl("https://mydomain.com/status/timeout")
        .remarks("OK")
        .occasion("OK");
  }

  static ReversalRequest.Builder reversalSample() {
    return ReversalRequest.builder()
        .transactionId("PDU91HIVIT")
        .amount(200)
        .receiverParty("603021")
        .resultUrl("https://mydomain.com/reversal/result")
        .queueTimeoutUrl("https://mydomain.com/reversal/queue")
        .remarks("Payment reversal")
        .occasion("optional");
  }

  RecordedRequest onlyRequest(String path) {
    assertThat(daraja.businessRequests()).hasSize(1);
    RecordedRequest r = daraja.businessRequests().get(0);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo(path);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok1");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
    return r;
  }

  /**
   * The body with its {@code SecurityCredential} checked (a fresh RSA-2048 ciphertext, base64, so
   * it differs per encryption) and replaced by the fixture's placeholder.
   */
  JsonNode bodyWithCheckedCredential(RecordedRequest r) throws Exception {
    JsonNode body = mapper.readTree(r.getBody().utf8());
    JsonNode credential = body.get("SecurityCredential");
    assertThat(credential.isTextual()).isTrue();
    assertThat(credential.asText()).doesNotContain(PASSWORD);
    assertThat(Base64.getDecoder().decode(credential.asText())).hasSize(256);
    ((ObjectNode) body).put("SecurityCredential", PLACEHOLDER);
    return body;
  }

  JsonNode fixture(String name) throws Exception {
    return mapper.readTree(Fixtures.read(name));
  }

  static void assertSampleAcknowledgement(Acknowledgement ack) {
    assertThat(ack.originatorConversationId()).isEqualTo("5118-111210482-1");
    assertThat(ack.conversationId()).isEqualTo("AG_20230420_2010759fd5662ef6d054");
    assertThat(ack.responseCode()).isEqualTo("0");
    assertThat(ack.responseDescription()).isEqualTo("Accept the service request successfully.");
  }

  // ---- Account Balance -------------------------------------------------------------------------

  @Test
  void balance_sampleRequest_sendsTheGoldenPayloadOfApiMd() throws Exception {
    Acknowledgement ack = mpesa.account().balance(balanceSample().build());

    RecordedRequest r = onlyRequest("/mpesa/accountbalance/v1/query");
    assertThat(bodyWithCheckedCredential(r)).isEqualTo(fixture("account/balance-request.json"));
    assertSampleAcknowledgement(ack);
  }

  @Test
  void balance_tillNumber_sendsIdentifierType2AsString() throws Exception {
    mpesa.account().balance(balanceSample().tillNumber("5123456").build());

    JsonNode body = bodyWithCheckedCredential(onlyRequest("/mpesa/accountbalance/v1/query"));
    assertThat(body.get("PartyA").textValue()).isEqualTo("5123456");
    assertThat(body.get("IdentifierType").textValue()).isEqualTo("2");
  }

  @Test
  void balance_credentialMadeElsewhere_isSentVerbatim() throws Exception {
    mpesa.close();
    String credential = Base64.getEncoder().encodeToString(new byte[256]);
    mpesa =
        TestClients.sandbox(server)
            .initiator("testapi", SecurityCredential.of(credential))
            .clock(clock)
            .build();

    mpesa.account().balance(balanceSample().build());

    JsonNode body = mapper.readTree(onlyRequest("/mpesa/accountbalance/v1/query").getBody().utf8());
    assertThat(body.get("SecurityCredential").textValue()).isEqualTo(credential);
  }

  @Test
  void balance_invalidInitiatorAnswer_raisesInvalidRequestKeepingTheMessage() {
    daraja.handler(r -> json(400, Fixtures.read("account/error-invalid-initiator.json")));

    assertThatThrownBy(() -> mpesa.account().balance(balanceSample().build()))
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

  /** SAFE: a server error on a read-only query is retried, and the retry's answer is returned. */
  @Test
  void balance_serverErrorThenAccepted_isRetriedBecauseReadOnly() {
    AtomicInteger calls = new AtomicInteger();
    daraja.handler(
        r ->
            calls.incrementAndGet() == 1
                ? json(500, Fixtures.read("account/error-internal-server-error.json"))
                : json(200, Fixtures.read("account/acknowledgement.json")));

    Acknowledgement ack = mpesa.account().balance(balanceSample().build());

    assertSampleAcknowledgement(ack);
    assertThat(daraja.businessCount()).isEqualTo(2);
  }

  @Test
  void balance_http200WithNonZeroResponseCode_isAnError() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"OriginatorConversationID\":\"1-2-3\",\"ConversationID\":\"AG_1\","
                    + "\"ResponseCode\":\"1\",\"ResponseDescription\":\"Rejected\"}"));

    assertThatThrownBy(() -> mpesa.account().balance(balanceSample().build()))
        .isInstanceOf(MpesaApiException.class)
        .hasMessageContaining("Rejected");
  }

  @Test
  void balance_acceptedWithoutIds_isAnApiError() {
    daraja.handler(r -> json(200, "{\"ResponseCode\":\"0\",\"ResponseDescription\":\"ok\"}"));

    assertThatThrownBy(() -> mpesa.account().balance(balanceSample().build()))
        .isExactlyInstanceOf(MpesaApiException.class)
        .hasMessageContaining("ConversationID");
  }

  // ---- Transaction Status ----------------------------------------------------------------------

  @Test
  void transactionStatus_byReceipt_sendsTheGoldenPayloadOfApiMd() throws Exception {
    useInitiator("testapiuser");

    Acknowledgement ack =
        mpesa.account().transactionStatus(statusSample().transactionId("NEF61H8J60").build());

    RecordedRequest r = onlyRequest("/mpesa/transactionstatus/v1/query");
    assertThat(bodyWithCheckedCredential(r))
        .isEqualTo(fixture("account/status-by-receipt-request.json"));
    assertSampleAcknowledgement(ack);
  }

  /**
   * §5.12/§11: the conversation id is sent as OriginalConversationID, and TransactionID is left
   * out.
   */
  @Test
  void transactionStatus_byConversationId_sendsOriginalConversationId() throws Exception {
    useInitiator("testapiuser");

    Acknowledgement ack =
        mpesa
            .account()
            .transactionStatus(
                statusSample()
                    .originatorConversationId("7071-4170-a0e5-8345632bad442144258")
                    .build());

    JsonNode body = bodyWithCheckedCredential(onlyRequest("/mpesa/transactionstatus/v1/query"));
    assertThat(body).isEqualTo(fixture("account/status-by-conversation-request.json"));
    assertThat(body.has("TransactionID")).isFalse();
    assertThat(body.has("OriginatorConversationID")).isFalse();
    assertSampleAcknowledgement(ack);
  }

  @Test
  void transactionStatus_phoneNumberParty_sendsMsisdnWithIdentifierType1() throws Exception {
    mpesa
        .account()
        .transactionStatus(
            statusSample().transactionId("NEF61H8J60").phoneNumber("0708 374 149").build());

    JsonNode body = bodyWithCheckedCredential(onlyRequest("/mpesa/transactionstatus/v1/query"));
    assertThat(body.get("PartyA").textValue()).isEqualTo("254708374149");
    assertThat(body.get("IdentifierType").textValue()).isEqualTo("1");
  }

  @Test
  void transactionStatus_withoutOccasion_omitsIt() throws Exception {
    mpesa
        .account()
        .transactionStatus(statusSample().transactionId("NEF61H8J60").occasion(null).build());

    JsonNode body = bodyWithCheckedCredential(onlyRequest("/mpesa/transactionstatus/v1/query"));
    assertThat(body.has("Occasion")).isFalse();
  }

  @Test
  void transactionStatus_invalidTransactionIdAnswer_raisesInvalidRequestKeepingTheMessage() {
    daraja.handler(r -> json(400, Fixtures.read("account/error-invalid-transaction-id.json")));

    assertThatThrownBy(
            () ->
                mpesa
                    .account()
                    .transactionStatus(statusSample().transactionId("NEF61H8J60").build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("400.002.02");
              assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid TransactionID");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  // ---- Reversal --------------------------------------------------------------------------------

  @Test
  void reverse_sampleRequest_sendsTheGoldenPayloadOfApiMd() throws Exception {
    useInitiator("apiop37");

    Acknowledgement ack = mpesa.account().reverse(reversalSample().build());

    RecordedRequest r = onlyRequest("/mpesa/reversal/v1/request");
    JsonNode body = bodyWithCheckedCredential(r);
    assertThat(body).isEqualTo(fixture("account/reversal-request.json"));
    // Daraja's misspelling, and the amount as a string, exactly as documented.
    assertThat(body.get("RecieverIdentifierType").textValue()).isEqualTo("11");
    assertThat(body.get("Amount").isTextual()).isTrue();
    assertSampleAcknowledgement(ack);
  }

  @Test
  void reverse_invalidReceiverIdentifierTypeAnswer_raisesInvalidRequestKeepingTheMessage() {
    daraja.handler(
        r -> json(400, Fixtures.read("account/error-invalid-receiver-identifier-type.json")));

    assertThatThrownBy(() -> mpesa.account().reverse(reversalSample().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("400.002.02");
              assertThat(e.errorMessage())
                  .isEqualTo("Bad Request - Invalid RecieverIdentifierType");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** MONEY: a server error after sending may have reversed the payment; it is never resent. */
  @Test
  void reverse_internalServerError_raisesOutcomeUnknownAndSendsOnce() {
    daraja.handler(r -> json(500, Fixtures.read("account/error-internal-server-error.json")));

    assertThatThrownBy(() -> mpesa.account().reverse(reversalSample().build()))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e -> {
              assertThat(e.references())
                  .containsEntry("transactionId", "PDU91HIVIT")
                  .containsEntry("amount", "200")
                  .containsEntry("receiverParty", "603021");
              assertThat(e.sentAt()).isEqualTo(NOW);
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void reverse_readTimeout_raisesOutcomeUnknownAndSendsOnce() {
    mpesa.close();
    mpesa =
        TestClients.sandbox(server)
            .initiator("apiop37", PASSWORD)
            .clock(clock)
            .readTimeout(Duration.ofMillis(300))
            .build();
    daraja.handler(
        r ->
            new MockResponse.Builder()
                .headersDelay(2, TimeUnit.SECONDS)
                .body(Fixtures.read("account/acknowledgement.json"))
                .build());

    assertThatThrownBy(() -> mpesa.account().reverse(reversalSample().build()))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e -> assertThat(e.references()).containsEntry("transactionId", "PDU91HIVIT"));
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** Spike arrest is the gateway refusing before processing: provably not reversed, so resent. */
  @Test
  void reverse_spikeArrestThenAccepted_isResent() {
    AtomicInteger calls = new AtomicInteger();
    daraja.handler(
        r ->
            calls.incrementAndGet() == 1
                ? error(500, "500.003.02", "Error Occurred: Spike Arrest Violation")
                : json(200, Fixtures.read("account/acknowledgement.json")));

    assertSampleAcknowledgement(mpesa.account().reverse(reversalSample().build()));
    assertThat(daraja.businessCount()).isEqualTo(2);
  }

  @Test
  void reverse_acceptedWithoutIds_raisesOutcomeUnknown() {
    daraja.handler(r -> json(200, "{\"ResponseCode\":\"0\",\"ResponseDescription\":\"ok\"}"));

    assertThatThrownBy(() -> mpesa.account().reverse(reversalSample().build()))
        .isInstanceOf(OutcomeUnknownException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void reverse_answeredWithoutResponseCode_raisesOutcomeUnknown() {
    daraja.handler(r -> json(200, "{\"ConversationID\":\"AG_1\"}"));

    assertThatThrownBy(() -> mpesa.account().reverse(reversalSample().build()))
        .isInstanceOf(OutcomeUnknownException.class);
  }

  @Test
  void everyOperation_atTrace_logsNeitherCredentialNorPasswordNorPhone() throws Exception {
    String phone = "254708374149";
    try (LogCapture logs = new LogCapture()) {
      mpesa.account().balance(balanceSample().build());
      mpesa
          .account()
          .transactionStatus(statusSample().transactionId("NEF61H8J60").phoneNumber(phone).build());
      mpesa.account().reverse(reversalSample().build());
      daraja.handler(r -> json(400, Fixtures.read("account/error-invalid-initiator.json")));
      try {
        mpesa.account().reverse(reversalSample().build());
      } catch (InvalidRequestException expected) {
        // logged on the way
      }

      String credential =
          mapper
              .readTree(daraja.businessRequests().get(0).getBody().utf8())
              .get("SecurityCredential")
              .textValue();
      assertThat(logs.lines()).isNotEmpty();
      assertThat(String.join("\n", logs.lines()))
          .doesNotContain(credential)
          .doesNotContain(PASSWORD)
          .doesNotContain(phone)
          .doesNotContain("tok1");
    }
  }
}
