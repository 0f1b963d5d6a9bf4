package dev.mpesa.testkit;

import static dev.mpesa.testkit.World.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.MpesaClient;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.callback.StkCallback;
import dev.mpesa.error.SubscriberBusyException;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.stk.StkPushResponse;
import dev.mpesa.stk.StkQueryResponse;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** M-Pesa Express through the SDK against the fake: push, customer, callback, query. */
class StkEndToEndTest {
  @AutoClose
  private final World world = new World(b -> b.customerResponseTime(Duration.ofMillis(50)));

  private final FakeDaraja fake = world.fake;
  private final Receiver receiver = world.receiver;
  private final MpesaClient mpesa = world.mpesa;

  private StkPushResponse push(String phone, long amount) {
    return mpesa
        .stk()
        .push(
            StkPushRequest.builder()
                .phoneNumber(phone)
                .amount(amount)
                .accountReference("ORD-1")
                .description("Order 1")
                .callbackUrl(receiver.url("/payments/stk"))
                .build());
  }

  @Test
  void push_payingCustomer_callbackCarriesReceiptAndQueryReportsPaid() {
    StkPushResponse ack = push(SandboxNumbers.PAYS, 850);

    CallbackDelivery delivery = fake.journal().awaitCallback(ack.checkoutRequestId(), WAIT);
    StkCallback cb = Callbacks.parseStk(delivery.body());
    assertThat(delivery.status()).isEqualTo(200);
    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(cb.amount()).isEqualByComparingTo("850");
    assertThat(cb.receiptNumber()).matches("[A-Z0-9]{10}");
    assertThat(cb.phoneNumber()).isEqualTo(SandboxNumbers.PAYS);

    StkQueryResponse q = mpesa.stk().query(ack.checkoutRequestId());
    assertThat(q.status()).isEqualTo(PaymentStatus.COMPLETED);
  }

  @Test
  void query_beforeCustomerActs_isPending() { // RELIABILITY.md R30
    fake.customer(SandboxNumbers.PAYS).paysAfter(Duration.ofSeconds(30));
    StkPushResponse ack = push(SandboxNumbers.PAYS, 10);

    assertThat(mpesa.stk().query(ack.checkoutRequestId()).status())
        .isEqualTo(PaymentStatus.PENDING);
  }

  @Test
  void push_scriptedNumbers_endWithTheirResultCodes() {
    fake.customer(SandboxNumbers.NEVER_ANSWERS).after(Duration.ofMillis(50));
    String[][] cases = {
      {SandboxNumbers.INSUFFICIENT_FUNDS, "1"},
      {SandboxNumbers.CANCELS, "1032"},
      {SandboxNumbers.NEVER_ANSWERS, "1037"},
      {SandboxNumbers.WRONG_PIN, "2001"},
    };
    for (String[] c : cases) {
      StkPushResponse ack = push(c[0], 10);
      StkCallback cb =
          Callbacks.parseStk(fake.journal().awaitCallback(ack.checkoutRequestId(), WAIT).body());
      assertThat(cb.resultCode().value()).as(c[0]).isEqualTo(c[1]);
      assertThat(cb.receiptNumber()).isNull();
    }
  }

  @Test
  void push_busyCustomer_isRefusedBeforeAnyPrompt() {
    assertThatThrownBy(() -> push(SandboxNumbers.BUSY, 10))
        .isInstanceOf(SubscriberBusyException.class);
    assertThat(fake.journal().callbacks()).isEmpty();
  }

  @Test
  void callbacks_haveTheShapeOfDarajasSamples() {
    fake.customer(SandboxNumbers.PAYS).pays();
    StkPushResponse paid = push(SandboxNumbers.PAYS, 1);
    StkPushResponse cancelled = push(SandboxNumbers.CANCELS, 1);

    Golden.assertSameShape(
        "stk/callback-success.json",
        fake.journal().awaitCallback(paid.checkoutRequestId(), WAIT).json());
    Golden.assertSameShape(
        "stk/callback-cancelled.json",
        fake.journal().awaitCallback(cancelled.checkoutRequestId(), WAIT).json());
    Golden.assertSameShape(
        "stk/push-response.json", fake.journal().requests(StkDesk.PUSH).get(0).responseJson());
  }

  @Test
  void query_answers_haveTheShapeOfDarajasSamples() {
    fake.customer(SandboxNumbers.CANCELS).cancelsAfter(Duration.ofMillis(300));
    StkPushResponse ack = push(SandboxNumbers.CANCELS, 1);
    mpesa.stk().query(ack.checkoutRequestId());
    fake.journal().awaitCallback(ack.checkoutRequestId(), WAIT);
    mpesa.stk().query(ack.checkoutRequestId());

    var answers = fake.journal().requests(StkDesk.QUERY);
    Golden.assertSameShape("stk/query-pending.json", answers.get(0).responseJson());
    Golden.assertSameShape("stk/query-response.json", answers.get(1).responseJson());
  }
}
