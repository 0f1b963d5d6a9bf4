package dev.mpesa.stk;

import static dev.mpesa.testing.DarajaStub.error;
import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.MpesaClient;
import dev.mpesa.RetrySettings;
import dev.mpesa.callback.PaymentExpectation;
import dev.mpesa.callback.PaymentExpectation.Field;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.stk.StkConfirmation.Outcome;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.TestClients;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code stk().confirm}: a callback counts only when Daraja's own query agrees with it and it is
 * what was expected. Forged, flipped and altered callbacks never come out {@code PAID}.
 */
class StkConfirmTest {
  private static final String ID = "ws_CO_191220191020363925";
  private static final String PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
  private static final PaymentExpectation ONE_SHILLING =
      PaymentExpectation.builder().amount(1).build();

  private final DarajaStub daraja = new DarajaStub();
  private MockWebServer server;
  private MpesaClient mpesa;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(daraja);
    server.start();
    mpesa =
        MpesaClient.builder()
            .environment(dev.mpesa.Environment.SANDBOX)
            .baseUrl(server.url("/").toString())
            .consumerKey("key")
            .consumerSecret("secret")
            .shortCode("174379")
            .passkey(PASSKEY)
            .sleeper(TestClients.NO_SLEEP)
            .retry(RetrySettings.disabled())
            .build();
  }

  @AfterEach
  void stop() {
    mpesa.close();
    server.close();
  }

  private static byte[] success() {
    return Fixtures.read("stk/callback-success.json").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] cancelled() {
    return Fixtures.read("stk/callback-success.json")
        .replace("\"ResultCode\": 0", "\"ResultCode\": 1032")
        .getBytes(StandardCharsets.UTF_8);
  }

  private void darajaSays(String resultCode) {
    String answer =
        Fixtures.read("stk/query-response.json")
            .replace("\"ResultCode\": \"0\"", "\"ResultCode\": \"" + resultCode + "\"")
            .replace("ws_CO_13012021093521236557", ID);
    daraja.handler(r -> json(200, answer));
  }

  @Test
  void genuineSuccess_confirmedByTheQuery_isPaid() {
    darajaSays("0");

    StkConfirmation c = mpesa.stk().confirm(success(), ID, ONE_SHILLING);

    assertThat(c.outcome()).isEqualTo(Outcome.PAID);
    assertThat(c.isPaid()).isTrue();
    assertThat(c.receiptNumber()).isEqualTo("NLJ7RT61SV");
    assertThat(c.amount()).isEqualByComparingTo("1");
    assertThat(c.confirmedStatus()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(daraja.businessRequests().get(0).getBody().utf8()).contains(ID);
  }

  @Test
  void forgedSuccess_whileDarajaSaysCancelled_isRefuted() {
    darajaSays("1032");

    StkConfirmation c = mpesa.stk().confirm(success(), ID, ONE_SHILLING);

    assertThat(c.outcome()).isEqualTo(Outcome.REFUTED);
    assertThat(c.isPaid()).isFalse();
    assertThat(c.receiptNumber()).isNull();
    assertThat(c.confirmedStatus()).isEqualTo(PaymentStatus.CANCELLED);
  }

  @Test
  void forgedFailure_ofAPaidPayment_isRefuted() {
    darajaSays("0");

    StkConfirmation c = mpesa.stk().confirm(cancelled(), ID, ONE_SHILLING);

    assertThat(c.outcome()).isEqualTo(Outcome.REFUTED);
    assertThat(c.confirmedStatus()).isEqualTo(PaymentStatus.COMPLETED);
  }

  @Test
  void genuineCancellation_isNotPaid() {
    darajaSays("1032");

    StkConfirmation c = mpesa.stk().confirm(cancelled(), ID, ONE_SHILLING);

    assertThat(c.outcome()).isEqualTo(Outcome.NOT_PAID);
    assertThat(c.confirmedStatus()).isEqualTo(PaymentStatus.CANCELLED);
  }

  @Test
  void wrongAmount_onAConfirmedPayment_isHeld() {
    darajaSays("0");

    StkConfirmation c =
        mpesa.stk().confirm(success(), ID, PaymentExpectation.builder().amount(850).build());

    assertThat(c.outcome()).isEqualTo(Outcome.HOLD);
    assertThat(c.mismatches()).extracting(m -> m.field()).containsExactly(Field.AMOUNT);
    assertThat(c.receiptNumber()).isNull();
  }

  @Test
  void differentPhone_isHeld_butAMaskedOneIsNot() {
    darajaSays("0");
    PaymentExpectation phone =
        PaymentExpectation.builder().amount(1).phoneNumber(PhoneNumber.parse("0712345678")).build();

    assertThat(mpesa.stk().confirm(success(), ID, phone).outcome()).isEqualTo(Outcome.HOLD);

    byte[] masked =
        Fixtures.read("stk/callback-success.json")
            .replace("254708374149", "\"2547 ***** 149\"")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(mpesa.stk().confirm(masked, ID, phone).outcome()).isEqualTo(Outcome.PAID);
  }

  @Test
  void successWithoutReceipt_isHeld() {
    darajaSays("0");
    byte[] noReceipt =
        Fixtures.read("stk/callback-success.json")
            .replace("{ \"Name\": \"MpesaReceiptNumber\", \"Value\": \"NLJ7RT61SV\" },", "")
            .getBytes(StandardCharsets.UTF_8);

    StkConfirmation c = mpesa.stk().confirm(noReceipt, ID, ONE_SHILLING);

    assertThat(c.outcome()).isEqualTo(Outcome.HOLD);
    assertThat(c.mismatches()).extracting(m -> m.field()).containsExactly(Field.RECEIPT_NUMBER);
  }

  @Test
  void callbackForAnotherPush_isRefutedWithoutAQuery() {
    StkConfirmation c = mpesa.stk().confirm(success(), "ws_CO_other", ONE_SHILLING);

    assertThat(c.outcome()).isEqualTo(Outcome.REFUTED);
    assertThat(c.confirmedStatus()).isNull();
    assertThat(daraja.businessCount()).isZero();
  }

  @Test
  void stillPending_isUnconfirmed() {
    daraja.handler(r -> json(500, Fixtures.read("stk/query-pending.json")));

    StkConfirmation c = mpesa.stk().confirm(success(), ID, ONE_SHILLING);

    assertThat(c.outcome()).isEqualTo(Outcome.UNCONFIRMED);
    assertThat(c.confirmedStatus()).isEqualTo(PaymentStatus.PENDING);
  }

  @Test
  void darajaThrottlingOrUnknownId_isUnconfirmed() {
    daraja.handler(r -> error(500, "500.003.02", "Spike arrest violation"));
    assertThat(mpesa.stk().confirm(success(), ID, ONE_SHILLING).outcome())
        .isEqualTo(Outcome.UNCONFIRMED);

    daraja.handler(r -> error(500, "500.001.1001", "The transaction does not exist"));
    assertThat(mpesa.stk().confirm(success(), null, ONE_SHILLING).outcome())
        .isEqualTo(Outcome.UNCONFIRMED);
  }

  @Test
  void notACallback_isACallbackParseException_andNothingIsSent() {
    assertThatThrownBy(
            () -> mpesa.stk().confirm("{}".getBytes(StandardCharsets.UTF_8), ID, ONE_SHILLING))
        .isInstanceOf(CallbackParseException.class);
    assertThatThrownBy(() -> mpesa.stk().confirm(success(), ID, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(daraja.businessCount()).isZero();
  }
}
