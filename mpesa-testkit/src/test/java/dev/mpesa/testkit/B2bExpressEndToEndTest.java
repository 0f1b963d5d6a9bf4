package dev.mpesa.testkit;

import static dev.mpesa.testkit.World.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpesa.MpesaClient;
import dev.mpesa.b2b.B2bExpressCheckoutRequest;
import dev.mpesa.b2b.B2bExpressCheckoutResponse;
import dev.mpesa.callback.B2bExpressCallback;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.result.PaymentStatus;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** B2B Express Checkout through the SDK against the fake: USSD push, operator, callback. */
class B2bExpressEndToEndTest {
  private static final String TILL = "000001";

  @AutoClose
  private final World world = new World(b -> b.customerResponseTime(Duration.ofMillis(20)));

  private final FakeDaraja fake = world.fake;
  private final Receiver receiver = world.receiver;
  private final MpesaClient mpesa = world.mpesa;

  private B2bExpressCheckoutResponse checkout() {
    return mpesa
        .b2b()
        .expressCheckout(
            B2bExpressCheckoutRequest.builder()
                .primaryShortCode(TILL)
                .receiverShortCode("000002")
                .amount(71)
                .paymentReference("MAndbubry3hi")
                .callbackUrl(receiver.url("/b2b/express"))
                .partnerName("Vendor")
                .build());
  }

  @Test
  void expressCheckout_operatorPays_successCallback() {
    B2bExpressCheckoutResponse ack = checkout();

    CallbackDelivery delivery = fake.journal().awaitCallback(ack.requestReferenceId(), WAIT);
    B2bExpressCallback cb = Callbacks.parseB2bExpress(delivery.body());

    assertThat(ack.code()).isEqualTo("0");
    assertThat(ack.status()).isEqualTo("USSD Initiated Successfully");
    assertThat(delivery.kind()).isEqualTo(CallbackKind.B2B_EXPRESS);
    assertThat(cb.isSuccess()).isTrue();
    assertThat(cb.requestId()).isEqualTo(ack.requestReferenceId());
    assertThat(cb.amount()).isEqualByComparingTo("71");
    assertThat(cb.transactionId()).matches("[A-Z0-9]{10}");
    assertThat(cb.conversationId()).startsWith("AG_");
    assertThat(delivery.json().get("amount").asText()).isEqualTo("71.0");
    Golden.assertSameShape(
        "b2b/express-ack.json",
        fake.journal().requests(B2bExpressDesk.CHECKOUT).get(0).responseJson());
    Golden.assertSameShape("callbacks/b2b-express-success.json", delivery.json());
  }

  @Test
  void expressCheckout_operatorCancels_4001() {
    fake.customer(TILL).willCancel();
    B2bExpressCheckoutResponse ack = checkout();

    CallbackDelivery delivery = fake.journal().awaitCallback(ack.requestReferenceId(), WAIT);
    B2bExpressCallback cb = Callbacks.parseB2bExpress(delivery.body());

    assertThat(cb.resultCode()).isEqualTo(B2bExpressCallback.USER_CANCELLED);
    assertThat(cb.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(cb.resultDesc()).isEqualTo("User cancelled transaction");
    assertThat(cb.paymentReference()).isEqualTo("MAndbubry3hi");
    assertThat(cb.transactionId()).isNull();
    Golden.assertSameShape("callbacks/b2b-express-cancelled.json", delivery.json());
  }

  @Test
  void expressCheckout_operatorWithOtherScript_endsWithItsCode() {
    fake.customer(TILL).answers("2001", "The initiator information is invalid.");
    B2bExpressCheckoutResponse ack = checkout();

    B2bExpressCallback cb =
        Callbacks.parseB2bExpress(
            fake.journal().awaitCallback(ack.requestReferenceId(), WAIT).body());

    assertThat(cb.resultCode().value()).isEqualTo("2001");
    assertThat(cb.isSuccess()).isFalse();
  }
}
