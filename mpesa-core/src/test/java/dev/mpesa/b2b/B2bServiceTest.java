package dev.mpesa.b2b;

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
import dev.mpesa.error.SubscriberBusyException;
import dev.mpesa.result.Acknowledgement;
import dev.mpesa.result.DarajaError;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.LogCapture;
import dev.mpesa.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Business Pay Bill, Buy Goods, tax and Express Checkout against API.md §5.8-§5.10 and §6. */
class B2bServiceTest {
  static final String INITIATOR_PASSWORD = "Safaricom123!!";
  static final Instant NOW = Instant.parse("2026-03-02T07:30:00Z");

  final ObjectMapper mapper = new ObjectMapper();
  final DarajaStub daraja = new DarajaStub();
  final FakeClock clock = new FakeClock(NOW);
  MockWebServer server;
  MpesaClient mpesa;

  /** The four operations, for the checks every one of them must pass. */
  enum Op {
    PAY_BILL("/mpesa/b2b/v1/paymentrequest", "b2b/ack.json"),
    BUY_GOODS("/mpesa/b2b/v1/paymentrequest", "b2b/ack.json"),
    REMIT_TAX("/mpesa/b2b/v1/remittax", "b2b/ack.json"),
    EXPRESS_CHECKOUT("/v1/ussdpush/get-msisdn", "b2b/express-ack.json");

    final String path;
    final String ack;

    Op(String path, String ack) {
      this.path = path;
      this.ack = ack;
    }

    Object call(B2bService b2b) {
      return switch (this) {
        case PAY_BILL -> b2b.pay(payBill().build());
        case BUY_GOODS -> b2b.pay(buyGoods().build());
        case REMIT_TAX -> b2b.remitTax(tax().build());
        case EXPRESS_CHECKOUT -> b2b.expressCheckout(express().build());
      };
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(daraja);
    server.start();
    mpesa = client().build();
  }

  MpesaClient.Builder client() {
    return TestClients.sandbox(server).clock(clock).initiator("API_Username", INITIATOR_PASSWORD);
  }

  @AfterEach
  void stop() {
    mpesa.close();
    server.close();
  }

  /** The sample of API.md §5.8. */
  static B2bPaymentRequest.Builder payBill() {
    return B2bPaymentRequest.builder()
        .partyA("123456")
        .payBill("000000", "353353")
        .amount(239)
        .requester("254700000000")
        .remarks("OK")
        .queueTimeoutUrl("https://mydomain.com/b2b/queue/")
        .resultUrl("https://mydomain.com/b2b/result/");
  }

  /** The sample of API.md §5.8 with {@code BusinessBuyGoods}. */
  static B2bPaymentRequest.Builder buyGoods() {
    return B2bPaymentRequest.builder()
        .partyA("123456")
        .buyGoods("000000", "353353")
        .amount(239)
        .requester("254700000000")
        .remarks("OK")
        .queueTimeoutUrl("https://mydomain.com/b2b/queue/")
        .resultUrl("https://mydomain.com/b2b/result/");
  }

  /** API.md §5.9: the §5.8 body for KRA, the PRN as account reference. */
  static TaxRemittanceRequest.Builder tax() {
    return TaxRemittanceRequest.builder()
        .partyA("123456")
        .amount(239)
        .paymentRegistrationNumber("353353")
        .remarks("OK")
        .queueTimeoutUrl("https://mydomain.com/b2b/queue/")
        .resultUrl("https://mydomain.com/b2b/result/");
  }

  /** The sample of API.md §5.10. */
  static B2bExpressCheckoutRequest.Builder express() {
    return B2bExpressCheckoutRequest.builder()
        .primaryShortCode("000001")
        .receiverShortCode("000002")
        .amount(100)
        .paymentReference("paymentRef")
        .callbackUrl("https://vendor.example/result")
        .partnerName("Vendor")
        .requestReferenceId("550e8400-e29b-41d4-a716-446655440000");
  }

  RecordedRequest onlyRequest() {
    List<RecordedRequest> requests = daraja.businessRequests();
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  JsonNode body(RecordedRequest r) throws Exception {
    return mapper.readTree(r.getBody().utf8());
  }

  void assertTransport(RecordedRequest r, String path) {
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo(path);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok1");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
  }

  /**
   * Checks the {@code SecurityCredential} (RSA-2048 ciphertext: 256 bytes in base64, never the
   * password) and replaces it with the fixture's placeholder, since each encryption differs.
   */
  JsonNode withCredentialChecked(JsonNode body) {
    String credential = body.get("SecurityCredential").textValue();
    assertThat(credential).isNotEqualTo(INITIATOR_PASSWORD);
    assertThat(Base64.getDecoder().decode(credential)).hasSize(256);
    ObjectNode copy = body.deepCopy();
    copy.put("SecurityCredential", "<base64 RSA ciphertext>");
    return copy;
  }

  void assertStandardAck(Acknowledgement ack) {
    assertThat(ack.originatorConversationId()).isEqualTo("5118-111210482-1");
    assertThat(ack.conversationId()).isEqualTo("AG_20230420_2010759fd5662ef6d054");
    assertThat(ack.responseCode()).isEqualTo("0");
    assertThat(ack.responseDescription()).isEqualTo("Accept the service request successfully.");
  }

  // ---- golden payloads and acknowledgements

  @Test
  void payBill_sampleRequest_sendsTheGoldenPayloadOfApiMd() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2b/ack.json")));

    Acknowledgement ack = mpesa.b2b().pay(payBill().build());

    RecordedRequest r = onlyRequest();
    assertTransport(r, "/mpesa/b2b/v1/paymentrequest");
    assertThat(withCredentialChecked(body(r)))
        .isEqualTo(mapper.readTree(Fixtures.read("b2b/paybill-request.json")));
    assertStandardAck(ack);
  }

  @Test
  void buyGoods_sampleRequest_sendsTheGoldenPayloadOfApiMd() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2b/ack.json")));

    Acknowledgement ack = mpesa.b2b().pay(buyGoods().build());

    RecordedRequest r = onlyRequest();
    assertTransport(r, "/mpesa/b2b/v1/paymentrequest");
    assertThat(withCredentialChecked(body(r)))
        .isEqualTo(mapper.readTree(Fixtures.read("b2b/buygoods-request.json")));
    assertStandardAck(ack);
  }

  @Test
  void remitTax_sampleRequest_sendsTheGoldenPayloadToKra() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2b/ack.json")));

    Acknowledgement ack = mpesa.b2b().remitTax(tax().build());

    RecordedRequest r = onlyRequest();
    assertTransport(r, "/mpesa/b2b/v1/remittax");
    JsonNode body = withCredentialChecked(body(r));
    assertThat(body).isEqualTo(mapper.readTree(Fixtures.read("b2b/tax-request.json")));
    assertThat(body.get("PartyB").textValue()).isEqualTo("572572");
    assertThat(body.get("CommandID").textValue()).isEqualTo("PayTaxToKRA");
    assertStandardAck(ack);
  }

  @Test
  void expressCheckout_sampleRequest_sendsTheGoldenCamelCasePayload() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2b/express-ack.json")));

    B2bExpressCheckoutResponse ack = mpesa.b2b().expressCheckout(express().build());

    RecordedRequest r = onlyRequest();
    assertTransport(r, "/v1/ussdpush/get-msisdn");
    assertThat(body(r)).isEqualTo(mapper.readTree(Fixtures.read("b2b/express-request.json")));
    assertThat(ack.code()).isEqualTo("0");
    assertThat(ack.status()).isEqualTo("USSD Initiated Successfully");
    assertThat(ack.requestReferenceId()).isEqualTo("550e8400-e29b-41d4-a716-446655440000");
  }

  @Test
  void expressCheckout_noRequestReference_sendsTheGeneratedUuid() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2b/express-ack.json")));
    B2bExpressCheckoutRequest request =
        B2bExpressCheckoutRequest.builder()
            .primaryShortCode("000001")
            .receiverShortCode("000002")
            .amount(100)
            .paymentReference("paymentRef")
            .callbackUrl("https://vendor.example/result")
            .partnerName("Vendor")
            .build();

    B2bExpressCheckoutResponse ack = mpesa.b2b().expressCheckout(request);

    String sent = body(onlyRequest()).get("RequestRefID").textValue();
    assertThat(java.util.UUID.fromString(sent).toString()).isEqualTo(sent);
    assertThat(sent).isEqualTo(request.requestReferenceId()).isEqualTo(ack.requestReferenceId());
  }

  @Test
  void expressCheckout_withoutInitiator_needsNone() throws Exception {
    mpesa.close();
    mpesa = TestClients.sandbox(server).clock(clock).build();
    daraja.handler(r -> json(200, Fixtures.read("b2b/express-ack.json")));

    assertThat(mpesa.b2b().expressCheckout(express().build()).code()).isEqualTo("0");
    assertThat(body(onlyRequest()).has("SecurityCredential")).isFalse();
  }

  @Test
  void expressCheckout_numericCode_isAccepted() {
    daraja.handler(r -> json(200, "{\"code\":0,\"status\":\"USSD Initiated Successfully\"}"));

    assertThat(mpesa.b2b().expressCheckout(express().build()).code()).isEqualTo("0");
  }

  @Test
  void payBill_withOccasion_sendsItWithDarajasSpelling() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2b/ack.json")));

    mpesa.b2b().pay(payBill().occasion("March rent").build());

    JsonNode body = body(onlyRequest());
    assertThat(body.get("Occassion").textValue()).isEqualTo("March rent");
    assertThat(body.has("Occasion")).isFalse();
  }

  @Test
  void buyGoods_withoutOptionalFields_omitsThem() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2b/ack.json")));

    mpesa.b2b().pay(buyGoods().buyGoods("000000").requester((String) null).build());

    JsonNode body = body(onlyRequest());
    assertThat(body.has("AccountReference")).isFalse();
    assertThat(body.has("Requester")).isFalse();
    assertThat(body.has("Occassion")).isFalse();
    assertThat(body.get("CommandID").textValue()).isEqualTo("BusinessBuyGoods");
  }

  @Test
  void payBill_requesterInLocalForm_isSentNormalised() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2b/ack.json")));

    mpesa.b2b().pay(payBill().requester("0712 345 678").build());

    assertThat(body(onlyRequest()).get("Requester").textValue()).isEqualTo("254712345678");
  }

  @Test
  void payBill_secondCall_reusesTheCredentialEncryptedOnce() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("b2b/ack.json")));

    mpesa.b2b().pay(payBill().build());
    mpesa.b2b().remitTax(tax().build());

    List<RecordedRequest> requests = daraja.businessRequests();
    assertThat(body(requests.get(0)).get("SecurityCredential"))
        .isEqualTo(body(requests.get(1)).get("SecurityCredential"));
  }

  /** The credential sent is the initiator password, RSA/PKCS#1-encrypted with the certificate. */
  @ParameterizedTest
  @EnumSource(
      value = Op.class,
      names = {"PAY_BILL", "BUY_GOODS", "REMIT_TAX"})
  void call_securityCredential_decryptsToTheInitiatorPassword(Op op) throws Exception {
    java.security.cert.X509Certificate certificate;
    try (java.io.InputStream in = getClass().getResourceAsStream("/security/test-cert.pem")) {
      certificate = dev.mpesa.security.SecurityCredential.readCertificate(in);
    }
    java.security.PrivateKey key;
    try (java.io.InputStream in = getClass().getResourceAsStream("/security/test-key.pk8")) {
      key =
          java.security.KeyFactory.getInstance("RSA")
              .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(in.readAllBytes()));
    }
    mpesa.close();
    mpesa = client().initiatorCertificate(certificate).build();
    daraja.handler(r -> json(200, Fixtures.read(op.ack)));

    op.call(mpesa.b2b());

    byte[] sent =
        Base64.getDecoder().decode(body(onlyRequest()).get("SecurityCredential").textValue());
    javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("RSA/ECB/PKCS1Padding");
    cipher.init(javax.crypto.Cipher.DECRYPT_MODE, key);
    assertThat(new String(cipher.doFinal(sent), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(INITIATOR_PASSWORD);
  }

  // ---- errors: every operation

  @ParameterizedTest
  @EnumSource(Op.class)
  void call_invalidField400_raisesInvalidRequestKeepingTheMessage(Op op) {
    daraja.handler(r -> json(400, Fixtures.read("b2b/error-invalid-field.json")));

    assertThatThrownBy(() -> op.call(mpesa.b2b()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.INVALID_FIELD);
              assertThat(e.errorCode()).isEqualTo("400.002.02");
              assertThat(e.errorMessage())
                  .isEqualTo("Bad Request - Invalid RecieverIdentifierType");
              assertThat(e.requestId()).isEqualTo("1c5b-4ba8-815c-ac45c57a3db01495926");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
    assertThat(daraja.businessRequests().get(0).getUrl().encodedPath()).isEqualTo(op.path);
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void call_internalServerError500_raisesOutcomeUnknownAndSendsOnce(Op op) {
    daraja.handler(r -> json(500, Fixtures.read("b2b/error-internal.json")));

    assertThatThrownBy(() -> op.call(mpesa.b2b()))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e -> {
              assertReferences(op, e);
              assertThat(e.sentAt()).isEqualTo(NOW);
              assertThat(e.getCause()).isInstanceOf(MpesaApiException.class);
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void call_readTimeout_raisesOutcomeUnknownAndSendsOnce(Op op) {
    mpesa.close();
    mpesa = client().readTimeout(Duration.ofMillis(300)).build();
    daraja.handler(
        r ->
            new MockResponse.Builder()
                .headersDelay(2, TimeUnit.SECONDS)
                .body(Fixtures.read(op.ack))
                .build());

    assertThatThrownBy(() -> op.call(mpesa.b2b()))
        .isInstanceOfSatisfying(OutcomeUnknownException.class, e -> assertReferences(op, e));
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** Gateway throttling is refused before Daraja's core: resent, and then accepted. */
  @ParameterizedTest
  @EnumSource(Op.class)
  void call_spikeArrestThenAccepted_resendsOnce(Op op) {
    AtomicInteger n = new AtomicInteger();
    daraja.handler(
        r ->
            n.incrementAndGet() == 1
                ? error(500, "500.003.02", "Error Occurred: Spike Arrest Violation")
                : json(200, Fixtures.read(op.ack)));

    op.call(mpesa.b2b());

    assertThat(daraja.businessCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(
      value = Op.class,
      names = {"PAY_BILL", "BUY_GOODS", "REMIT_TAX"})
  void call_http200WithNonZeroResponseCode_isAnError(Op op) {
    daraja.handler(
        r ->
            json(
                200,
                "{\"OriginatorConversationID\":\"5118-1\",\"ResponseCode\":\"1\","
                    + "\"ResponseDescription\":\"Unable to lock subscriber, a transaction is"
                    + " already in process\"}"));

    assertThatThrownBy(() -> op.call(mpesa.b2b())).isInstanceOf(SubscriberBusyException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void expressCheckout_http200WithNonZeroCode_isAnError() {
    daraja.handler(r -> json(200, "{\"code\":\"1\",\"status\":\"USSD push failed\"}"));

    assertThatThrownBy(() -> mpesa.b2b().expressCheckout(express().build()))
        .isInstanceOfSatisfying(
            MpesaApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("1");
              assertThat(e.errorMessage()).isEqualTo("USSD push failed");
              assertThat(e.requestId()).isEqualTo("550e8400-e29b-41d4-a716-446655440000");
            });
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void call_http200WithoutCode_raisesOutcomeUnknown(Op op) {
    daraja.handler(r -> json(200, "{}"));

    assertThatThrownBy(() -> op.call(mpesa.b2b())).isInstanceOf(OutcomeUnknownException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void payBill_acceptedWithoutConversationIds_raisesOutcomeUnknown() {
    daraja.handler(
        r -> json(200, "{\"ResponseCode\":\"0\",\"ResponseDescription\":\"Accept the service\"}"));

    assertThatThrownBy(() -> mpesa.b2b().pay(payBill().build()))
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e -> assertThat(e.getMessage()).contains("ConversationID"));
  }

  @Test
  void payBill_misspeltOriginatorConversationId_isRead() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"OriginatorCoversationID\":\"5118-1\",\"ResponseCode\":\"0\","
                    + "\"ResponseDescription\":\"Accept the service request successfully.\"}"));

    assertThat(mpesa.b2b().pay(payBill().build()).originatorConversationId()).isEqualTo("5118-1");
  }

  // ---- initiator

  @ParameterizedTest
  @EnumSource(
      value = Op.class,
      names = {"PAY_BILL", "BUY_GOODS", "REMIT_TAX"})
  void call_noInitiator_failsBeforeAnyCall(Op op) {
    mpesa.close();
    mpesa = TestClients.sandbox(server).clock(clock).build();

    assertThatThrownBy(() -> op.call(mpesa.b2b()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("initiator");
    assertThat(server.getRequestCount()).isZero();
  }

  // ---- logs

  @ParameterizedTest
  @EnumSource(Op.class)
  void call_atTrace_logsNoCredentialPasswordOrFullPhone(Op op) throws Exception {
    daraja.handler(r -> json(200, Fixtures.read(op.ack)));
    List<String> lines;
    try (LogCapture logs = new LogCapture()) {
      op.call(mpesa.b2b());
      lines = logs.lines();
    }

    String credential =
        op == Op.EXPRESS_CHECKOUT
            ? null
            : body(onlyRequest()).get("SecurityCredential").textValue();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      assertThat(line)
          .doesNotContain(INITIATOR_PASSWORD)
          .doesNotContain("254700000000")
          .doesNotContain("tok1");
      if (credential != null) {
        assertThat(line).doesNotContain(credential);
      }
    }
  }

  static void assertReferences(Op op, OutcomeUnknownException e) {
    switch (op) {
      case PAY_BILL, BUY_GOODS ->
          assertThat(e.references())
              .containsEntry(
                  "commandId", op == Op.PAY_BILL ? "BusinessPayBill" : "BusinessBuyGoods")
              .containsEntry("partyA", "123456")
              .containsEntry("partyB", "000000")
              .containsEntry("amount", "239")
              .containsEntry("accountReference", "353353")
              .containsEntry("requester", "2547******00");
      case REMIT_TAX ->
          assertThat(e.references())
              .containsEntry("commandId", "PayTaxToKRA")
              .containsEntry("partyA", "123456")
              .containsEntry("partyB", "572572")
              .containsEntry("amount", "239")
              .containsEntry("accountReference", "353353");
      case EXPRESS_CHECKOUT ->
          assertThat(e.references())
              .containsEntry("partyA", "000001")
              .containsEntry("partyB", "000002")
              .containsEntry("amount", "100")
              .containsEntry("accountReference", "paymentRef")
              .containsEntry("requestReferenceId", "550e8400-e29b-41d4-a716-446655440000");
    }
    assertThat(e.getMessage()).doesNotContain("254700000000");
    assertThat(e.references().values()).doesNotContain("254700000000");
  }
}
