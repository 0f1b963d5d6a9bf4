package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Daraja's synchronous answers for the asynchronous APIs, sent raw: what the SDK would refuse
 * before sending (bad amounts, phones, URLs, identifier types), duplicates, and each product's
 * invalid-token answer.
 */
class PayoutValidationTest {
  private static final String CREDENTIAL = Base64.getEncoder().encodeToString(new byte[256]);

  private FakeDaraja fake;
  private RawDaraja raw;
  private String token;

  @BeforeEach
  void start() {
    fake = FakeDaraja.builder().resultDelay(Duration.ofMillis(20)).start();
    raw = new RawDaraja(fake);
    token = raw.token();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static ObjectNode b2c(String originatorConversationId) {
    return Wire.object()
        .put("OriginatorConversationID", originatorConversationId)
        .put("InitiatorName", FakeDaraja.INITIATOR_NAME)
        .put("SecurityCredential", CREDENTIAL)
        .put("CommandID", "BusinessPayment")
        .put("Amount", "10")
        .put("PartyA", FakeDaraja.BUSINESS_SHORT_CODE)
        .put("PartyB", SandboxNumbers.PAYS)
        .put("Remarks", "remarked")
        .put("QueueTimeOutURL", "https://example.com/b2c/timeout")
        .put("ResultURL", "https://example.com/b2c/result")
        .put("Occassion", "ChristmasPay");
  }

  private static ObjectNode b2b(String command) {
    return Wire.object()
        .put("Initiator", FakeDaraja.INITIATOR_NAME)
        .put("SecurityCredential", CREDENTIAL)
        .put("CommandID", command)
        .put("SenderIdentifierType", "4")
        .put("RecieverIdentifierType", "4")
        .put("Amount", "239")
        .put("PartyA", FakeDaraja.BUSINESS_SHORT_CODE)
        .put("PartyB", command.equals("PayTaxToKRA") ? "572572" : "600000")
        .put("AccountReference", "353353")
        .put("Requester", SandboxNumbers.PAYS)
        .put("Remarks", "OK")
        .put("QueueTimeOutURL", "https://example.com/b2b/queue/")
        .put("ResultURL", "https://example.com/b2b/result/");
  }

  private static ObjectNode balance() {
    return Wire.object()
        .put("Initiator", FakeDaraja.INITIATOR_NAME)
        .put("SecurityCredential", CREDENTIAL)
        .put("CommandID", "AccountBalance")
        .put("PartyA", FakeDaraja.BUSINESS_SHORT_CODE)
        .put("IdentifierType", "4")
        .put("Remarks", "ok")
        .put("QueueTimeOutURL", "https://example.com/balance/timeout")
        .put("ResultURL", "https://example.com/balance/result");
  }

  private static ObjectNode status() {
    return Wire.object()
        .put("Initiator", FakeDaraja.INITIATOR_NAME)
        .put("SecurityCredential", CREDENTIAL)
        .put("CommandID", "TransactionStatusQuery")
        .put("TransactionID", "NEF61H8J60")
        .put("PartyA", FakeDaraja.BUSINESS_SHORT_CODE)
        .put("IdentifierType", "4")
        .put("ResultURL", "https://example.com/status/result")
        .put("QueueTimeOutURL", "https://example.com/status/timeout")
        .put("Remarks", "OK");
  }

  private static ObjectNode reversal() {
    return Wire.object()
        .put("Initiator", FakeDaraja.INITIATOR_NAME)
        .put("SecurityCredential", CREDENTIAL)
        .put("CommandID", "TransactionReversal")
        .put("TransactionID", "PDU91HIVIT")
        .put("Amount", "200")
        .put("ReceiverParty", FakeDaraja.SHORT_CODE)
        .put("RecieverIdentifierType", "11")
        .put("ResultURL", "https://example.com/reversal/result")
        .put("QueueTimeOutURL", "https://example.com/reversal/queue")
        .put("Remarks", "Payment reversal");
  }

  private RawDaraja.Answer post(String path, ObjectNode body) {
    return raw.post(path, Wire.write(body), token);
  }

  /** Asserts Daraja's {@code 400.002.02 Bad Request - Invalid <field>}. */
  private static void assertInvalid(RawDaraja.Answer answer, String field) {
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorCode()).isEqualTo("400.002.02");
    assertThat(answer.errorMessage()).isEqualTo("Bad Request - Invalid " + field);
  }

  @Test
  void wellFormedBodies_areAcknowledged() {
    assertThat(post(B2cDesk.PAY_V3, b2c("ok-v3")).status()).isEqualTo(200);
    ObjectNode pochi = b2c("ok-pochi").put("CommandID", "BusinessPayToPochi");
    assertThat(post(B2cDesk.POCHI, pochi).status()).isEqualTo(200);
    ObjectNode v1 = b2c("unused");
    v1.remove("OriginatorConversationID");
    assertThat(post(B2cDesk.PAY_V1, v1).status()).isEqualTo(200);
    assertThat(post(B2bDesk.PAYMENT, b2b("BusinessPayBill")).status()).isEqualTo(200);
    assertThat(post(B2bDesk.TAX, b2b("PayTaxToKRA")).status()).isEqualTo(200);
    assertThat(post(AccountDesk.BALANCE, balance()).status()).isEqualTo(200);
    assertThat(post(AccountDesk.STATUS, status()).status()).isEqualTo(200);
    RawDaraja.Answer ack = post(AccountDesk.REVERSAL, reversal());
    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.json().get("ResponseCode").asText()).isEqualTo("0");
  }

  @Test
  void b2c_amountOutsideWholeTenTo250000_isInvalidAmount() {
    for (String amount : new String[] {"9", "250001", "10.50", "-10", "ten"}) {
      assertInvalid(post(B2cDesk.PAY_V3, b2c("amount-" + amount).put("Amount", amount)), "Amount");
    }
    assertThat(post(B2cDesk.PAY_V3, b2c("amount-ok").put("Amount", 250_000)).status())
        .isEqualTo(200);
  }

  @Test
  void b2c_partyBNotAKenyanMobile_isInvalidPartyB() {
    for (String phone : new String[] {"0708374149", "+254708374149", "25470837414", "600984"}) {
      assertInvalid(post(B2cDesk.PAY_V3, b2c("phone-" + phone).put("PartyB", phone)), "PartyB");
    }
  }

  @Test
  void callbackUrls_notAbsoluteHttp_areInvalid() {
    assertInvalid(
        post(B2cDesk.PAY_V3, b2c("url-1").put("ResultURL", "example.com/result")), "ResultURL");
    assertInvalid(
        post(B2cDesk.PAY_V3, b2c("url-2").put("QueueTimeOutURL", "ftp://example.com/q")),
        "QueueTimeOutURL");
    assertInvalid(
        post(B2bDesk.PAYMENT, b2b("BusinessPayBill").put("ResultURL", " https://example.com/r")),
        "ResultURL");
    assertInvalid(
        post(AccountDesk.REVERSAL, reversal().put("QueueTimeOutURL", "not a url")),
        "QueueTimeOutURL");
  }

  @Test
  void b2c_otherFields_areCheckedLikeDaraja() {
    ObjectNode noId = b2c("x");
    noId.remove("OriginatorConversationID");
    assertInvalid(post(B2cDesk.PAY_V3, noId), "OriginatorConversationID");
    assertInvalid(
        post(B2cDesk.PAY_V3, b2c("cmd").put("CommandID", "BusinessPayToPochi")), "CommandID");
    assertInvalid(post(B2cDesk.POCHI, b2c("pochi-cmd")), "CommandID");
    assertInvalid(post(B2cDesk.PAY_V3, b2c("remarks").put("Remarks", "x")), "Remarks");
    assertInvalid(post(B2cDesk.PAY_V3, b2c("party-a").put("PartyA", "12AB")), "PartyA");
    ObjectNode noInitiator = b2c("initiator");
    noInitiator.remove("InitiatorName");
    assertInvalid(post(B2cDesk.PAY_V3, noInitiator), "InitiatorName");
    ObjectNode noCredential = b2c("credential");
    noCredential.remove("SecurityCredential");
    assertInvalid(post(B2cDesk.PAY_V3, noCredential), "SecurityCredential");
  }

  @Test
  void b2c_unknownInitiator_isStillAcknowledged() {
    RawDaraja.Answer answer = post(B2cDesk.PAY_V3, b2c("stranger").put("InitiatorName", "nobody"));

    assertThat(answer.status()).isEqualTo(200);
    CallbackDelivery result =
        fake.journal()
            .awaitCallback(answer.json().get("ConversationID").asText(), Duration.ofSeconds(10));
    assertThat(result.json().at("/Result/ResultCode").asInt()).isEqualTo(2001);
  }

  @Test
  void b2c_duplicateOriginatorConversationId_isRefusedSynchronously() {
    assertThat(post(B2cDesk.PAY_V3, b2c("dup-1")).status()).isEqualTo(200);

    RawDaraja.Answer again = post(B2cDesk.PAY_V3, b2c("dup-1").put("Amount", "20"));
    ObjectNode pochi = b2c("dup-1").put("CommandID", "BusinessPayToPochi");
    RawDaraja.Answer viaPochi = post(B2cDesk.POCHI, pochi);

    for (RawDaraja.Answer a : new RawDaraja.Answer[] {again, viaPochi}) {
      assertThat(a.status()).isEqualTo(500);
      assertThat(a.errorCode()).isEqualTo("500.002.1001");
      assertThat(a.errorMessage()).isEqualTo("Duplicate OriginatorConversationID.");
      Golden.assertSameShape("b2c/error-duplicate.json", a.json());
    }
  }

  @Test
  void b2b_identifierTypesOtherThan4_areInvalid() {
    RawDaraja.Answer receiver =
        post(B2bDesk.PAYMENT, b2b("BusinessPayBill").put("RecieverIdentifierType", "2"));
    assertInvalid(receiver, "RecieverIdentifierType");
    Golden.assertSameShape("b2b/error-invalid-field.json", receiver.json());
    assertInvalid(
        post(B2bDesk.PAYMENT, b2b("BusinessBuyGoods").put("SenderIdentifierType", "1")),
        "SenderIdentifierType");
    assertInvalid(
        post(B2bDesk.TAX, b2b("PayTaxToKRA").put("RecieverIdentifierType", "11")),
        "RecieverIdentifierType");
  }

  @Test
  void b2b_otherFields_areCheckedLikeDaraja() {
    ObjectNode noReference = b2b("BusinessPayBill");
    noReference.remove("AccountReference");
    assertInvalid(post(B2bDesk.PAYMENT, noReference), "AccountReference");
    ObjectNode buyGoods = b2b("BusinessBuyGoods");
    buyGoods.remove("AccountReference");
    assertThat(post(B2bDesk.PAYMENT, buyGoods).status()).isEqualTo(200);
    assertInvalid(
        post(B2bDesk.PAYMENT, b2b("BusinessPayBill").put("AccountReference", "FOURTEEN-CHARS")),
        "AccountReference");
    assertInvalid(post(B2bDesk.PAYMENT, b2b("PayTaxToKRA")), "CommandID");
    assertInvalid(post(B2bDesk.TAX, b2b("BusinessPayBill")), "CommandID");
    assertInvalid(post(B2bDesk.TAX, b2b("PayTaxToKRA").put("PartyB", "600000")), "PartyB");
    assertInvalid(post(B2bDesk.PAYMENT, b2b("BusinessPayBill").put("Amount", "10.5")), "Amount");
    assertInvalid(
        post(B2bDesk.PAYMENT, b2b("BusinessPayBill").put("Requester", "0700")), "Requester");
    ObjectNode noInitiator = b2b("BusinessPayBill");
    noInitiator.remove("Initiator");
    assertInvalid(post(B2bDesk.PAYMENT, noInitiator), "Initiator");
  }

  @Test
  void account_fields_areCheckedLikeDaraja() {
    assertInvalid(
        post(AccountDesk.BALANCE, balance().put("IdentifierType", "11")), "IdentifierType");
    assertInvalid(post(AccountDesk.BALANCE, balance().put("CommandID", "Balance")), "CommandID");

    ObjectNode noIds = status();
    noIds.remove("TransactionID");
    RawDaraja.Answer missing = post(AccountDesk.STATUS, noIds);
    assertInvalid(missing, "TransactionID");
    Golden.assertSameShape("account/error-invalid-transaction-id.json", missing.json());
    assertThat(
            post(AccountDesk.STATUS, noIds.deepCopy().put("OriginalConversationID", "7071-41"))
                .status())
        .isEqualTo(200);
    assertInvalid(
        post(AccountDesk.STATUS, status().put("TransactionID", "NEF-61H8J60")), "TransactionID");

    RawDaraja.Answer receiverType =
        post(AccountDesk.REVERSAL, reversal().put("RecieverIdentifierType", "4"));
    assertInvalid(receiverType, "RecieverIdentifierType");
    Golden.assertSameShape(
        "account/error-invalid-receiver-identifier-type.json", receiverType.json());
    assertInvalid(post(AccountDesk.REVERSAL, reversal().put("Remarks", "x")), "Remarks");
    assertInvalid(post(AccountDesk.REVERSAL, reversal().put("Amount", "1.5")), "Amount");
  }

  @Test
  void invalidToken_eachProductAnswersInItsOwnStyle() {
    Object[][] cases = {
      {B2cDesk.PAY_V3, b2c("t1"), 401, "401.002.01"},
      {B2cDesk.PAY_V1, b2c("t2"), 401, "401.002.01"},
      {B2cDesk.POCHI, b2c("t3"), 401, "401.002.01"},
      {B2bDesk.PAYMENT, b2b("BusinessPayBill"), 401, "401.002.01"},
      {B2bDesk.TAX, b2b("PayTaxToKRA"), 401, "401.002.01"},
      {AccountDesk.BALANCE, balance(), 401, "401.002.01"},
      {AccountDesk.STATUS, status(), 400, "400.003.01"},
      {AccountDesk.REVERSAL, reversal(), 404, "404.001.03"},
    };
    for (Object[] c : cases) {
      String path = (String) c[0];
      RawDaraja.Answer answer = raw.post(path, Wire.write((ObjectNode) c[1]), "expiredToken123");
      assertThat(answer.status()).as(path).isEqualTo(c[2]);
      assertThat(answer.errorCode()).as(path).isEqualTo(c[3]);
      if (c[3].equals("401.002.01")) {
        assertThat(answer.errorMessage())
            .as(path)
            .isEqualTo("Error Occurred - Invalid Access Token - expiredToken123");
      } else {
        assertThat(answer.errorMessage()).as(path).isEqualTo("Invalid Access Token");
      }
    }
    assertThat(fake.journal().callbacks()).isEmpty();
  }
}
