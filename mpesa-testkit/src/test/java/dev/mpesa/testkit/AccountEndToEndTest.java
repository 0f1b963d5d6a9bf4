package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpesa.MpesaClient;
import dev.mpesa.account.AccountBalanceRequest;
import dev.mpesa.account.ReversalRequest;
import dev.mpesa.account.TransactionStatusRequest;
import dev.mpesa.b2c.B2cCommand;
import dev.mpesa.b2c.B2cPaymentRequest;
import dev.mpesa.callback.AccountBalance;
import dev.mpesa.callback.AccountBalanceResult;
import dev.mpesa.callback.B2cPaymentResult;
import dev.mpesa.callback.ResultCallback;
import dev.mpesa.callback.StkCallback;
import dev.mpesa.callback.TransactionReversalResult;
import dev.mpesa.callback.TransactionStatusResult;
import dev.mpesa.result.AccountQueryResult;
import dev.mpesa.result.Acknowledgement;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ReversalResult;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Account Balance, Transaction Status and Reversal through the SDK against the fake, on money that
 * other products moved (an M-Pesa Express payment, a B2C payout).
 */
class AccountEndToEndTest {
  @AutoClose
  private final World world =
      new World(
          b -> b.resultDelay(Duration.ofMillis(20)).customerResponseTime(Duration.ofMillis(20)));

  private final FakeDaraja fake = world.fake;
  private final Receiver receiver = world.receiver;
  private final MpesaClient mpesa = world.mpesa;

  /** A customer pays {@code amount} to {@link FakeDaraja#SHORT_CODE}; returns the receipt. */
  private String paidStkPush(long amount) {
    StkCallback cb = world.stkPayment(amount);
    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
    return cb.receiptNumber();
  }

  private Acknowledgement payout(String originatorConversationId, long amount) {
    return mpesa
        .b2c()
        .pay(
            B2cPaymentRequest.builder()
                .originatorConversationId(originatorConversationId)
                .command(B2cCommand.SALARY_PAYMENT)
                .amount(amount)
                .partyA(FakeDaraja.BUSINESS_SHORT_CODE)
                .phoneNumber(SandboxNumbers.PAYS)
                .remarks("Salary")
                .resultUrl(receiver.url("/b2c/result"))
                .queueTimeoutUrl(receiver.url("/b2c/timeout"))
                .build());
  }

  private Acknowledgement balance(String shortCode) {
    return mpesa
        .account()
        .balance(
            AccountBalanceRequest.builder()
                .shortCode(shortCode)
                .remarks("Balance")
                .resultUrl(receiver.url("/balance/result"))
                .queueTimeoutUrl(receiver.url("/balance/timeout"))
                .build());
  }

  private TransactionStatusRequest.Builder status() {
    return TransactionStatusRequest.builder()
        .remarks("Where is it")
        .resultUrl(receiver.url("/status/result"))
        .queueTimeoutUrl(receiver.url("/status/timeout"));
  }

  private Acknowledgement reverse(String receipt, long amount) {
    return mpesa
        .account()
        .reverse(
            ReversalRequest.builder()
                .transactionId(receipt)
                .amount(amount)
                .receiverParty(FakeDaraja.SHORT_CODE)
                .remarks("Customer refund")
                .resultUrl(receiver.url("/reversal/result"))
                .queueTimeoutUrl(receiver.url("/reversal/timeout"))
                .build());
  }

  @Test
  void balance_freshShortCode_reportsOpeningBalances() {
    AccountBalanceResult result = AccountBalanceResult.from(world.result(balance("600111")));

    assertThat(result.result()).isEqualTo(AccountQueryResult.SUCCESS);
    assertThat(result.completedTime()).isNotNull();
    assertThat(result.accounts())
        .extracting(AccountBalance::name)
        .containsExactly(
            "Working Account",
            "Float Account",
            "Utility Account",
            "Charges Paid Account",
            "Organization Settlement Account");
    assertThat(result.account("Utility Account").orElseThrow().available())
        .isEqualByComparingTo("1000000.00");
    assertThat(result.account("Working Account").orElseThrow().current())
        .isEqualByComparingTo("500000.00");
  }

  @Test
  void balance_afterPayments_reportsWhatMoved() {
    paidStkPush(850);
    world.result(payout("salary-1", 1_000));

    AccountBalanceResult stkShortCode =
        AccountBalanceResult.from(world.result(balance(FakeDaraja.SHORT_CODE)));
    AccountBalanceResult b2cShortCode =
        AccountBalanceResult.from(world.result(balance(FakeDaraja.BUSINESS_SHORT_CODE)));

    assertThat(stkShortCode.account("Utility Account").orElseThrow().available())
        .isEqualByComparingTo("1000850.00");
    assertThat(b2cShortCode.account("Utility Account").orElseThrow().available())
        .isEqualByComparingTo("999000.00");
  }

  @Test
  void status_byReceiptOfPaidStkPush_reportsCompletedWithParties() {
    String receipt = paidStkPush(120);

    Acknowledgement ack =
        mpesa
            .account()
            .transactionStatus(
                status().transactionId(receipt).shortCode(FakeDaraja.SHORT_CODE).build());

    assertThat(
            fake.journal().requests(AccountDesk.STATUS).get(0).json().get("TransactionID").asText())
        .isEqualTo(receipt);
    TransactionStatusResult status = TransactionStatusResult.from(world.result(ack));
    assertThat(status.queryResult()).isEqualTo(AccountQueryResult.SUCCESS);
    assertThat(status.transactionStatus()).isEqualTo("Completed");
    assertThat(status.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(status.receiptNumber()).isEqualTo(receipt);
    assertThat(status.amount()).isEqualByComparingTo("120");
    assertThat(status.debitParty().identifier()).isEqualTo(SandboxNumbers.PAYS);
    assertThat(status.creditParty().identifier()).isEqualTo(FakeDaraja.SHORT_CODE);
    assertThat(status.initiatedTime()).isNotNull();
    assertThat(status.finalisedTime()).isNotNull();
  }

  @Test
  void status_byOriginatorConversationIdOfB2c_findsThePayout() {
    Acknowledgement paid = payout("salary-42", 3_000);
    String receipt = B2cPaymentResult.from(world.result(paid)).receipt();

    Acknowledgement ack =
        mpesa
            .account()
            .transactionStatus(
                status()
                    .originatorConversationId("salary-42")
                    .shortCode(FakeDaraja.BUSINESS_SHORT_CODE)
                    .build());

    TransactionStatusResult status = TransactionStatusResult.from(world.result(ack));
    assertThat(status.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(status.receiptNumber()).isEqualTo(receipt);
    assertThat(status.amount()).isEqualByComparingTo("3000");
    assertThat(status.reasonType()).isEqualTo("Business Payment to Customer via API");
    assertThat(status.debitAccountType()).isEqualTo("Utility Account");
    assertThat(status.debitParty().identifier()).isEqualTo(FakeDaraja.BUSINESS_SHORT_CODE);
    assertThat(status.creditParty().identifier()).isEqualTo(SandboxNumbers.PAYS);
    assertThat(status.originalOriginatorConversationId()).isEqualTo("salary-42");
    assertThat(status.originalConversationId()).isEqualTo(paid.conversationId());
    Golden.assertSameShape("results/status-success.json", world.callback(ack).json());
  }

  @Test
  void status_unknownReceipt_failsWith2032WithoutParameters() {
    Acknowledgement ack =
        mpesa
            .account()
            .transactionStatus(
                status().transactionId("SGA1B2C3D4").shortCode(FakeDaraja.SHORT_CODE).build());

    ResultCallback cb = world.result(ack);
    TransactionStatusResult status = TransactionStatusResult.from(cb);
    assertThat(status.queryResult()).isEqualTo(AccountQueryResult.RECEIPT_NOT_FOUND);
    assertThat(status.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(cb.resultDesc()).isEqualTo("The transaction receipt number does not exist.");
    assertThat(cb.parameterValues()).isEmpty();
    Golden.assertSameShape(
        "results/status-failure-receipt-not-found.json", world.callback(ack).json());
  }

  @Test
  void reverse_paidStkPush_returnsTheMoneyThenRefusesASecondTime() {
    String receipt = paidStkPush(300);

    Acknowledgement first = reverse(receipt, 300);
    ResultCallback firstCb = world.result(first);
    TransactionReversalResult reversed = TransactionReversalResult.from(firstCb);

    assertThat(reversed.result()).isEqualTo(ReversalResult.REVERSED);
    assertThat(reversed.isReversed()).isTrue();
    assertThat(reversed.amount()).isEqualByComparingTo("300.00");
    assertThat(reversed.originalTransactionId()).isEqualTo(receipt);
    assertThat(reversed.receipt()).matches("[A-Z0-9]{10}").isNotEqualTo(receipt);
    assertThat(reversed.charge()).isEqualByComparingTo("0.00");
    assertThat(reversed.creditParty().identifier()).isEqualTo(SandboxNumbers.PAYS);
    assertThat(reversed.debitParty().identifier()).isEqualTo(FakeDaraja.SHORT_CODE);
    assertThat(reversed.debitAccountBalance())
        .singleElement()
        .satisfies(a -> assertThat(a.available()).isEqualByComparingTo("1000000.00"));
    assertThat(reversed.completedTime()).isNotNull();
    Golden.assertSameShape("results/reversal-success.json", world.callback(first).json());

    Acknowledgement again = reverse(receipt, 300);
    ResultCallback againCb = world.result(again);
    TransactionReversalResult twice = TransactionReversalResult.from(againCb);
    assertThat(againCb.resultCode().value()).isEqualTo("R000001");
    assertThat(againCb.resultDesc()).isEqualTo("The transaction has already been reversed.");
    assertThat(twice.result()).isEqualTo(ReversalResult.ALREADY_REVERSED);
    assertThat(againCb.parameterValues()).isEmpty();

    // The reversal is itself a transaction Transaction Status can find.
    Acknowledgement lookup =
        mpesa
            .account()
            .transactionStatus(
                status()
                    .transactionId(reversed.receipt())
                    .shortCode(FakeDaraja.SHORT_CODE)
                    .build());
    TransactionStatusResult status = TransactionStatusResult.from(world.result(lookup));
    assertThat(status.receiptNumber()).isEqualTo(reversed.receipt());
    assertThat(status.debitParty().identifier()).isEqualTo(FakeDaraja.SHORT_CODE);
  }

  @Test
  void reverse_b2cPayout_isRefusedAsInvalidOriginal() {
    String receipt = B2cPaymentResult.from(world.result(payout("salary-7", 500))).receipt();

    ResultCallback cb = world.result(reverse(receipt, 500));

    assertThat(TransactionReversalResult.from(cb).result())
        .isEqualTo(ReversalResult.INVALID_ORIGINAL_TRANSACTION);
    assertThat(cb.resultDesc()).isEqualTo("The OriginalTransactionID is invalid.");
    assertThat(cb.transactionId()).matches("[A-Z]{2}[A-Z0-9]0000000");
  }

  @Test
  void reverse_unknownReceiptOrWrongAmount_isRefusedAsInvalidOriginal() {
    String receipt = paidStkPush(300);
    Acknowledgement unknown = reverse("SGA1B2C3D4", 300);
    Acknowledgement wrongAmount = reverse(receipt, 299);

    Golden.assertSameShape(
        "results/reversal-failure-invalid-original.json", world.callback(unknown).json());
    assertThat(world.result(unknown).resultCode().value()).isEqualTo("R000002");
    assertThat(world.result(wrongAmount).resultCode().value()).isEqualTo("R000002");
    // Neither moved money: the payment can still be reversed.
    assertThat(TransactionReversalResult.from(world.result(reverse(receipt, 300))).isReversed())
        .isTrue();
  }

  @Test
  void payloads_haveTheShapeOfDarajasSamples() {
    Acknowledgement ack = balance(FakeDaraja.BUSINESS_SHORT_CODE);

    Golden.assertSameShape(
        "account/acknowledgement.json",
        fake.journal().requests(AccountDesk.BALANCE).get(0).responseJson());
    Golden.assertSameShape("results/balance-success.json", world.callback(ack).json());

    try (MpesaClient stranger = fake.clientBuilder().initiator("nobody", "Secret#1").build()) {
      Acknowledgement failed =
          stranger
              .account()
              .balance(
                  AccountBalanceRequest.builder()
                      .shortCode(FakeDaraja.BUSINESS_SHORT_CODE)
                      .remarks("Balance")
                      .resultUrl(receiver.url("/balance/result"))
                      .queueTimeoutUrl(receiver.url("/balance/timeout"))
                      .build());
      Golden.assertSameShape(
          "results/balance-failure-single-parameter.json", world.callback(failed).json());
    }
  }
}
