package dev.mpesa.testkit;

import static dev.mpesa.testkit.World.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.MpesaClient;
import dev.mpesa.billmanager.BillManagerResponse;
import dev.mpesa.billmanager.Invoice;
import dev.mpesa.billmanager.OptInRequest;
import dev.mpesa.billmanager.OptInResponse;
import dev.mpesa.billmanager.PaymentAcknowledgement;
import dev.mpesa.callback.BillPaymentNotification;
import dev.mpesa.callback.BillPaymentReply;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.error.InvalidRequestException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Bill Manager through the SDK against the fake, with invoices paid by simulated C2B payments. */
class BillManagerEndToEndTest {
  private static final String SHORT_CODE = FakeDaraja.BUSINESS_SHORT_CODE;

  @AutoClose private final World world = new World(b -> b.resultDelay(Duration.ofMillis(20)));
  private final FakeDaraja fake = world.fake;
  private final Receiver receiver =
      world.receiver.answer(r -> Receiver.json(200, BillPaymentReply.success().toJson()));
  private final MpesaClient mpesa = world.mpesa;

  private OptInRequest.Builder biller() {
    return OptInRequest.builder()
        .shortCode(SHORT_CODE)
        .email("billing@shop.example")
        .officialContact("0710123456")
        .callbackUrl(receiver.url("/bills/paid"));
  }

  private static Invoice invoice(String externalReference, String account, long amount) {
    return Invoice.builder()
        .externalReference(externalReference)
        .billedFullName("John Doe")
        .billedPhoneNumber("0722000000")
        .billedPeriod(YearMonth.of(2026, 8))
        .invoiceName("School fees")
        .dueDate(LocalDate.now(ZoneId.of("Africa/Nairobi")).plusDays(30))
        .accountReference(account)
        .amount(amount)
        .item("Tuition", amount)
        .build();
  }

  /** Registers C2B URLs on the receiver and pays {@code amount} to {@code account}. */
  private void pay(String account, long amount) {
    world.registerC2bUrls(SHORT_CODE);
    world.c2bPayment(SHORT_CODE, account, amount);
  }

  @Test
  void c2bPayment_onOpenInvoice_notifiesOptInCallbackAndBlocksCancelling() {
    OptInResponse optIn = mpesa.billManager().optIn(biller().build());
    mpesa.billManager().sendInvoice(invoice("INV-1", "IG1010789", 50));
    pay("ig1010789", 50);

    CallbackDelivery delivery = fake.journal().awaitCallback(CallbackKind.BILL_PAYMENT, WAIT);
    BillPaymentNotification n = Callbacks.parseBillPayment(delivery.body());
    String receipt =
        Callbacks.parseC2bConfirmation(
                fake.journal().callbacks(CallbackKind.C2B_CONFIRMATION).get(0).body())
            .transId();

    assertThat(optIn.appKey()).startsWith("AG_");
    assertThat(delivery.url().getPath()).isEqualTo("/bills/paid");
    assertThat(delivery.correlationId()).isEqualTo(receipt);
    assertThat(n.transactionId()).isEqualTo(receipt);
    assertThat(n.paidAmount()).isEqualByComparingTo("50");
    assertThat(n.accountReference()).isEqualTo("IG1010789");
    assertThat(n.shortCode()).isEqualTo(SHORT_CODE);
    assertThat(n.msisdn()).isEqualTo(SandboxNumbers.PAYS);
    assertThat(n.paymentDate()).contains(LocalDate.now(ZoneId.of("Africa/Nairobi")));
    assertThat(delivery.json().get("paidAmount").asText()).isEqualTo("50");
    Golden.assertSameShape("callbacks/billmanager-payment-notification.json", delivery.json());

    assertThatThrownBy(() -> mpesa.billManager().cancelInvoice("INV-1"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.errorCode()).isEqualTo("409"));
    var cancels = fake.journal().requests(BillManagerDesk.CANCEL_SINGLE);
    Golden.assertSameShape("billmanager/cancel-conflict.json", cancels.get(0).responseJson());
    Golden.assertSameShape(
        "billmanager/optin-response.json",
        fake.journal().requests(BillManagerDesk.OPT_IN).get(0).responseJson());
    Golden.assertSameShape(
        "billmanager/invoice-response.json",
        fake.journal().requests(BillManagerDesk.SINGLE_INVOICE).get(0).responseJson());
  }

  @Test
  void c2bPayment_partOfInvoice_stillBlocksCancellingAndSecondPaymentNotifiesToo() {
    mpesa.billManager().optIn(biller().build());
    mpesa.billManager().sendInvoice(invoice("INV-2", "ACC-2", 100));

    pay("ACC-2", 40);
    fake.journal().awaitCallback(CallbackKind.BILL_PAYMENT, WAIT);
    assertThatThrownBy(() -> mpesa.billManager().cancelInvoices(List.of("INV-2")))
        .isInstanceOf(InvalidRequestException.class);
    pay("ACC-2", 60);
    List<CallbackDelivery> both =
        fake.journal().awaitCallbacks(c -> c.kind() == CallbackKind.BILL_PAYMENT, 2, WAIT);

    assertThat(Callbacks.parseBillPayment(both.get(1).body()).paidAmount())
        .isEqualByComparingTo("60");
  }

  @Test
  void c2bPayment_withoutOptInOrInvoice_notifiesNothing() {
    mpesa.billManager().optIn(biller().build());
    mpesa.billManager().sendInvoice(invoice("INV-3", "ACC-3", 10));

    pay("OTHER", 10);
    fake.journal().awaitCallback(CallbackKind.C2B_CONFIRMATION, WAIT);
    // By the time the matching payment's notification arrives, the other has long been handled.
    pay("ACC-3", 10);
    CallbackDelivery notified = fake.journal().awaitCallback(CallbackKind.BILL_PAYMENT, WAIT);

    assertThat(fake.journal().callbacks(CallbackKind.BILL_PAYMENT)).containsExactly(notified);
    assertThat(Callbacks.parseBillPayment(notified.body()).accountReference()).isEqualTo("ACC-3");
  }

  @Test
  void notification_unacknowledged_isRetried() {
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(
        r ->
            r.getUrl().encodedPath().equals("/bills/paid") && calls.incrementAndGet() <= 2
                ? Receiver.json(500, "{}")
                : Receiver.json(200, BillPaymentReply.success().toJson()));
    mpesa.billManager().optIn(biller().build());
    mpesa.billManager().sendInvoice(invoice("INV-4", "ACC-4", 10));
    pay("ACC-4", 10);

    List<CallbackDelivery> tries =
        fake.journal().awaitCallbacks(c -> c.kind() == CallbackKind.BILL_PAYMENT, 3, WAIT);

    assertThat(tries).extracting(CallbackDelivery::status).containsExactly(500, 500, 200);
    assertThat(tries)
        .extracting(CallbackDelivery::correlationId)
        .containsOnly(tries.get(0).correlationId());
  }

  @Test
  void invoices_unpaid_areCancelledOnceThenUnknown() {
    mpesa.billManager().optIn(biller().build());
    BillManagerResponse sent =
        mpesa
            .billManager()
            .sendInvoices(List.of(invoice("1107", "A1", 2000), invoice("967", "halboo45", 2000)));
    BillManagerResponse cancelled = mpesa.billManager().cancelInvoice("1107");
    BillManagerResponse bulk = mpesa.billManager().cancelInvoices(List.of("967", "1107"));

    assertThat(sent.statusMessage()).isEqualTo("Invoice sent successfully");
    assertThat(cancelled.statusMessage()).isEqualTo("Invoice cancelled successfully.");
    assertThat(bulk.errors()).containsExactly("1107: Invoice not found.");
    assertThatThrownBy(() -> mpesa.billManager().cancelInvoice("967"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.errorCode()).isEqualTo("404"));
    Golden.assertSameShape(
        "billmanager/cancel-response.json",
        fake.journal().requests(BillManagerDesk.CANCEL_SINGLE).get(0).responseJson());
  }

  @Test
  void invoice_sameExternalReferenceTwice_isAConflict() {
    mpesa.billManager().optIn(biller().build());
    mpesa.billManager().sendInvoice(invoice("INV-5", "ACC-5", 10));

    assertThatThrownBy(() -> mpesa.billManager().sendInvoice(invoice("INV-5", "ACC-6", 10)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.errorCode()).isEqualTo("409"));
  }

  @Test
  void invoice_beforeAnyOptIn_isRefused() {
    assertThatThrownBy(() -> mpesa.billManager().sendInvoice(invoice("INV-6", "ACC-6", 10)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.errorCode()).isEqualTo("400"));
    assertThatThrownBy(() -> mpesa.billManager().updateOptIn(biller().build()))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void updateOptInAndReconcile_succeed_withNewCallbackUsedForNextPayment() {
    OptInResponse first = mpesa.billManager().optIn(biller().build());
    BillManagerResponse updated =
        mpesa
            .billManager()
            .updateOptIn(
                biller().sendReminders(false).callbackUrl(receiver.url("/bills/v2")).build());
    mpesa.billManager().sendInvoice(invoice("INV-7", "ACC-7", 10));
    pay("ACC-7", 10);
    CallbackDelivery delivery = fake.journal().awaitCallback(CallbackKind.BILL_PAYMENT, WAIT);
    BillPaymentNotification n = Callbacks.parseBillPayment(delivery.body());

    BillManagerResponse reconciled =
        mpesa
            .billManager()
            .reconcile(
                PaymentAcknowledgement.builder()
                    .paymentDate(n.paymentDate().orElseThrow())
                    .paidAmount(10)
                    .accountReference(n.accountReference())
                    .transactionId(n.transactionId())
                    .phoneNumber(SandboxNumbers.PAYS)
                    .fullName("John Doe")
                    .invoiceName("School fees")
                    .externalReference("INV-7")
                    .build());

    assertThat(updated.responseCode()).isEqualTo("200");
    assertThat(delivery.url().getPath()).isEqualTo("/bills/v2");
    assertThat(reconciled.responseCode()).isEqualTo("200");
    assertThat(mpesa.billManager().optIn(biller().build()).appKey()).isEqualTo(first.appKey());
    Golden.assertSameShape(
        "billmanager/success-response.json",
        fake.journal().requests(BillManagerDesk.RECONCILIATION).get(0).responseJson());
    Golden.assertSameShape(
        "billmanager/success-response.json",
        fake.journal().requests(BillManagerDesk.CHANGE_OPT_IN).get(0).responseJson());
  }
}
