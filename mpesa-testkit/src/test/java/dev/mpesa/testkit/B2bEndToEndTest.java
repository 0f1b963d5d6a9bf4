package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.MpesaClient;
import dev.mpesa.b2b.B2bPaymentRequest;
import dev.mpesa.b2b.TaxRemittanceRequest;
import dev.mpesa.b2c.B2cTopUpRequest;
import dev.mpesa.callback.B2bPaymentResult;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.callback.ResultCallback;
import dev.mpesa.callback.TaxRemittanceResult;
import dev.mpesa.result.Acknowledgement;
import dev.mpesa.result.PaymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** B2B Pay Bill, Buy Goods, B2C top-up and tax remittance through the SDK against the fake. */
class B2bEndToEndTest {
  private static final String BILLER = "600000";
  private static final String TILL = "5123456";

  @AutoClose private final World world = new World(b -> b.resultDelay(Duration.ofMillis(20)));
  private final FakeDaraja fake = world.fake;
  private final Receiver receiver = world.receiver;
  private final MpesaClient mpesa = world.mpesa;

  private B2bPaymentRequest.Builder payBill(long amount) {
    return B2bPaymentRequest.builder()
        .partyA(FakeDaraja.BUSINESS_SHORT_CODE)
        .payBill(BILLER, "INV-1001")
        .amount(amount)
        .remarks("Invoice 1001")
        .resultUrl(receiver.url("/b2b/result"))
        .queueTimeoutUrl(receiver.url("/b2b/timeout"));
  }

  /** Waits for the Result of {@code ack} and checks it went to the ResultURL. */
  private ResultCallback result(Acknowledgement ack) {
    CallbackDelivery delivery = world.resultDelivery(ack);
    assertThat(delivery.url().getPath()).isEqualTo("/b2b/result");
    return Callbacks.parseResult(delivery.body());
  }

  @Test
  void payBill_paysFromWorkingAccountAndReportsBalancesInDarajasFormats() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Acknowledgement ack = mpesa.b2b().pay(payBill(190).build());

    assertThat(ack.responseCode()).isEqualTo("0");
    assertThat(ack.originatorConversationId()).isNotBlank();
    ResultCallback cb = result(ack);
    B2bPaymentResult b2b = B2bPaymentResult.from(cb);
    assertThat(cb.resultCode().value()).isEqualTo("0");
    assertThat(b2b.isSuccess()).isTrue();
    assertThat(b2b.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(b2b.amount()).isEqualByComparingTo("190.00");
    assertThat(b2b.currency()).isEqualTo("KES");
    assertThat(b2b.receipt()).matches("[A-Z0-9]{10}");
    assertThat(b2b.receiverParty().identifier()).isEqualTo(BILLER);
    assertThat(b2b.completedTime().toInstant()).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(b2b.debitAccountBalance()).isEqualByComparingTo("499810.00");
    assertThat(b2b.initiatorAccountBalance()).isEqualByComparingTo("499810.00");
    assertThat(b2b.debitPartyAffectedAccounts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.name()).isEqualTo("Working Account");
              assertThat(a.available()).isEqualByComparingTo("499810.00");
            });
    assertThat(b2b.debitPartyCharges()).isNull();
    assertThat(b2b.billReferenceNumber()).isEqualTo("INV-1001");
    assertThat(cb.parameter("DebitAccountBalance"))
        .isEqualTo("{Amount={CurrencyCode=KES, MinimumAmount=49981000, BasicAmount=499810.00}}");
  }

  @Test
  void buyGoods_withoutAccountReference_hasNoBillReference() {
    Acknowledgement ack =
        mpesa
            .b2b()
            .pay(
                B2bPaymentRequest.builder()
                    .partyA(FakeDaraja.BUSINESS_SHORT_CODE)
                    .buyGoods(TILL)
                    .amount(500)
                    .remarks("Stock")
                    .resultUrl(receiver.url("/b2b/result"))
                    .queueTimeoutUrl(receiver.url("/b2b/timeout"))
                    .build());

    assertThat(fake.journal().requests(B2bDesk.PAYMENT).get(0).json().get("CommandID").asText())
        .isEqualTo("BusinessBuyGoods");
    B2bPaymentResult b2b = B2bPaymentResult.from(result(ack));
    assertThat(b2b.isSuccess()).isTrue();
    assertThat(b2b.amount()).isEqualByComparingTo("500");
    assertThat(b2b.receiverParty().identifier()).isEqualTo(TILL);
    assertThat(b2b.billReferenceNumber()).isNull();
  }

  @Test
  void topUp_movesWorkingFundsAndListsOccassionWithoutValue() {
    Acknowledgement ack =
        mpesa
            .b2c()
            .topUp(
                B2cTopUpRequest.builder()
                    .partyA(FakeDaraja.BUSINESS_SHORT_CODE)
                    .partyB("600001")
                    .amount(20_000)
                    .accountReference("TOPUP-7")
                    .remarks("Float")
                    .resultUrl(receiver.url("/b2b/result"))
                    .queueTimeoutUrl(receiver.url("/b2b/timeout"))
                    .build());

    ResultCallback cb = result(ack);
    B2bPaymentResult topUp = B2bPaymentResult.from(cb);
    assertThat(topUp.isSuccess()).isTrue();
    assertThat(topUp.amount()).isEqualByComparingTo("20000");
    assertThat(topUp.debitAccountBalance()).isEqualByComparingTo("480000.00");
    assertThat(cb.referenceData()).containsKey("Occassion");
    assertThat(cb.occasion()).isNull();
    Golden.assertSameShape("results/b2b-topup-success-occassion.json", world.callback(ack).json());
  }

  @Test
  void remitTax_paysKraAgainstThePrn() {
    Acknowledgement ack =
        mpesa
            .b2b()
            .remitTax(
                TaxRemittanceRequest.builder()
                    .partyA(FakeDaraja.BUSINESS_SHORT_CODE)
                    .amount(7_500)
                    .paymentRegistrationNumber("KRA2024PRN1")
                    .remarks("VAT March")
                    .resultUrl(receiver.url("/b2b/result"))
                    .queueTimeoutUrl(receiver.url("/b2b/timeout"))
                    .build());

    assertThat(fake.journal().requests(B2bDesk.TAX)).hasSize(1);
    TaxRemittanceResult tax = TaxRemittanceResult.from(result(ack));
    assertThat(tax.isSuccess()).isTrue();
    assertThat(tax.amount()).isEqualByComparingTo("7500");
    assertThat(tax.receipt()).matches("[A-Z0-9]{10}");
    assertThat(tax.paymentRegistrationNumber()).isEqualTo("KRA2024PRN1");
    assertThat(tax.completedTime()).isNotNull();
    assertThat(tax.payment().receiverParty().identifier()).isEqualTo("572572");
    assertThat(tax.payment().receiverParty().name()).isEqualTo("Kenya Revenue Authority");
  }

  @Test
  void payBill_unknownInitiator_failsWith2001AndTheLoneBoCompletedTime() {
    try (MpesaClient stranger = fake.clientBuilder().initiator("nobody", "Secret#1").build()) {
      Acknowledgement ack = stranger.b2b().pay(payBill(190).build());

      ResultCallback cb = result(ack);
      B2bPaymentResult b2b = B2bPaymentResult.from(cb);
      assertThat(cb.resultCode().value()).isEqualTo("2001");
      assertThat(b2b.isSuccess()).isFalse();
      assertThat(b2b.receipt()).isNull();
      assertThat(cb.parameterValues()).containsOnlyKeys("BOCompletedTime");
      assertThat(b2b.completedTime()).isNotNull();
      JsonNode json = world.callback(ack).json();
      assertThat(json.at("/Result/ResultParameters/ResultParameter").isObject()).isTrue();
    }
  }

  @Test
  void payBill_moreThanTheWorkingAccountHolds_failsWithInsufficientFunds() {
    // The working account opens with 500,000.00.
    Acknowledgement ack = mpesa.b2b().pay(payBill(500_001).build());

    ResultCallback cb = result(ack);
    assertThat(cb.resultCode().value()).isEqualTo("1");
    assertThat(B2bPaymentResult.from(cb).isSuccess()).isFalse();
  }

  @Test
  void payloads_haveTheShapeOfDarajasSamples() {
    Acknowledgement paid = mpesa.b2b().pay(payBill(190).build());
    Golden.assertSameShape(
        "b2b/ack.json", fake.journal().requests(B2bDesk.PAYMENT).get(0).responseJson());
    Golden.assertSameShape("results/b2b-paybill-success.json", world.callback(paid).json());

    Acknowledgement tax =
        mpesa
            .b2b()
            .remitTax(
                TaxRemittanceRequest.builder()
                    .partyA(FakeDaraja.BUSINESS_SHORT_CODE)
                    .amount(100)
                    .paymentRegistrationNumber("PRN1")
                    .remarks("PAYE")
                    .resultUrl(receiver.url("/b2b/result"))
                    .queueTimeoutUrl(receiver.url("/b2b/timeout"))
                    .build());
    Golden.assertSameShape("results/tax-success.json", world.callback(tax).json());

    try (MpesaClient stranger = fake.clientBuilder().initiator("nobody", "Secret#1").build()) {
      Acknowledgement failed = stranger.b2b().pay(payBill(190).build());
      Golden.assertSameShape(
          "results/b2b-paybill-failure-single-parameter.json", world.callback(failed).json());
    }
  }
}
