package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the fake refuses at M-Pesa Express, with Daraja's envelope and codes (API.md §4.1, §5.1,
 * §6.1). Sent raw: the SDK would refuse most of these before any request.
 */
class StkValidationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TIMESTAMP = "20210628092408";

  private FakeDaraja fake;
  private RawDaraja raw;

  @BeforeEach
  void start() {
    fake = FakeDaraja.builder().customerResponseTime(Duration.ofSeconds(30)).start();
    raw = new RawDaraja(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** The API.md §5.1 sample with the sandbox password for its timestamp. */
  private static ObjectNode push() {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("BusinessShortCode", "174379");
    body.put("Password", password("174379", FakeDaraja.PASSKEY, TIMESTAMP));
    body.put("Timestamp", TIMESTAMP);
    body.put("TransactionType", "CustomerPayBillOnline");
    body.put("Amount", "1");
    body.put("PartyA", "254722000000");
    body.put("PartyB", "174379");
    body.put("PhoneNumber", "254722000000");
    body.put("CallBackURL", "https://mydomain.com/path");
    body.put("AccountReference", "accountref");
    body.put("TransactionDesc", "txndesc");
    return body;
  }

  private static String password(String shortCode, String passkey, String timestamp) {
    return Base64.getEncoder()
        .encodeToString((shortCode + passkey + timestamp).getBytes(StandardCharsets.UTF_8));
  }

  private RawDaraja.Answer send(ObjectNode body) {
    return raw.post(StkDesk.PUSH, body.toString());
  }

  @Test
  void push_documentedSample_isAccepted() {
    RawDaraja.Answer answer = send(push());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("ResponseCode").asText()).isEqualTo("0");
    assertThat(answer.json().get("CheckoutRequestID").asText()).startsWith("ws_CO_");
    // The documented password for this timestamp is API.md §4.1's second test vector.
    assertThat(push().get("Password").asText())
        .isEqualTo(
            "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4");
  }

  @Test
  void push_wrongPasswordOrTimestampMismatch_isWrongCredentials() {
    ObjectNode wrongPasskey = push().put("Password", password("174379", "nope", TIMESTAMP));
    ObjectNode otherTimestamp = push().put("Timestamp", "20210628092409");

    for (ObjectNode body : new ObjectNode[] {wrongPasskey, otherTimestamp}) {
      RawDaraja.Answer answer = send(body);
      assertThat(answer.status()).isEqualTo(500);
      assertThat(answer.errorCode()).isEqualTo("500.001.1001");
      assertThat(answer.errorMessage()).isEqualTo("[MerchantValidate] - Wrong credentials");
    }
  }

  @Test
  void push_badFields_nameTheFieldLikeTheGateway() {
    assertInvalid(push().put("Timestamp", "2021-06-28"), "Invalid Timestamp");
    assertInvalid(push().put("BusinessShortCode", "17a379"), "Invalid BusinessShortCode");
    assertInvalid(push().put("PhoneNumber", "0722000000"), "Invalid PhoneNumber");
    assertInvalid(push().put("PartyA", "254822000000"), "Invalid PartyA");
    assertInvalid(push().put("Amount", "1.5"), "Invalid Amount");
    assertInvalid(push().put("Amount", "0"), "Invalid Amount");
    assertInvalid(push().put("CallBackURL", "mydomain.com/path"), "Invalid CallBackURL");
    assertInvalid(push().put("CallBackURL", "ftp://mydomain.com/path"), "Invalid CallBackURL");
    assertInvalid(push().put("TransactionType", "CustomerPayBill"), "Invalid TransactionType");
    assertInvalid(push().put("AccountReference", "ABCDEFGHIJKLM"), "Invalid AccountReference");
  }

  @Test
  void push_unknownShortCode_merchantDoesNotExist() {
    ObjectNode body = push().put("BusinessShortCode", "600111");
    body.put("Password", password("600111", FakeDaraja.PASSKEY, TIMESTAMP));

    RawDaraja.Answer answer = send(body);

    assertThat(answer.errorCode()).isEqualTo("500.001.1001");
    assertThat(answer.errorMessage()).isEqualTo("Merchant does not exist");
  }

  @Test
  void push_notJson_isInvalidPayload() {
    RawDaraja.Answer answer = raw.post(StkDesk.PUSH, "Amount=1");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorCode()).isEqualTo("400.002.05");
  }

  @Test
  void push_secondPushWhilePromptOpen_unableToLockSubscriber() {
    assertThat(send(push()).status()).isEqualTo(200);

    RawDaraja.Answer second = send(push());

    assertThat(second.errorCode()).isEqualTo("500.001.1001");
    assertThat(second.errorMessage()).startsWith("Unable to lock subscriber");
  }

  @Test
  void push_guideNumbers_areAcceptedByTheFake() {
    ObjectNode body =
        push()
            .put("PartyA", SandboxNumbers.GUIDE_CANCELS)
            .put("PhoneNumber", SandboxNumbers.GUIDE_CANCELS);
    fake.customer(SandboxNumbers.GUIDE_CANCELS).after(Duration.ZERO);

    String id = send(body).json().get("CheckoutRequestID").asText();

    CallbackDelivery cb = fake.journal().awaitCallback(id, Duration.ofSeconds(10));
    assertThat(cb.json().at("/Body/stkCallback/ResultCode").asInt()).isEqualTo(1032);
  }

  @Test
  void query_unknownCheckoutRequestId_transactionDoesNotExist() {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("BusinessShortCode", "174379");
    body.put("Password", password("174379", FakeDaraja.PASSKEY, TIMESTAMP));
    body.put("Timestamp", TIMESTAMP);
    body.put("CheckoutRequestID", "ws_CO_260520211133524545");

    RawDaraja.Answer answer = raw.post(StkDesk.QUERY, body.toString());

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.json().get("requestId").asText()).isEqualTo("ws_CO_260520211133524545");
    assertThat(answer.errorMessage()).isEqualTo("The transaction does not Exist");
  }

  @Test
  void customer_answersAnyDocumentedCode_andResetRestoresTheDefault() {
    Customer customer =
        fake.customer("0722000000")
            .answers("1025", "An error occurred while sending a push request.")
            .after(Duration.ZERO);
    String id = send(push()).json().get("CheckoutRequestID").asText();

    CallbackDelivery cb = fake.journal().awaitCallback(id, Duration.ofSeconds(10));

    assertThat(cb.json().at("/Body/stkCallback/ResultCode").asInt()).isEqualTo(1025);
    assertThat(customer.msisdn()).isEqualTo("254722000000");
    assertThat(customer.reset().script().answer()).isEqualTo(Customer.Answer.PAY);
    assertThat(customer.toString()).doesNotContain("254722000000");
  }

  private void assertInvalid(ObjectNode body, String message) {
    RawDaraja.Answer answer = send(body);
    assertThat(answer.status()).as(message).isEqualTo(400);
    assertThat(answer.errorCode()).as(message).isEqualTo("400.002.02");
    assertThat(answer.errorMessage()).isEqualTo("Bad Request - " + message);
    assertThat(answer.json().get("requestId").asText()).isNotBlank();
  }
}
