package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.AccountQueryResult;
import dev.mpesa.result.B2cResult;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ReversalResult;
import dev.mpesa.testing.Fixtures;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed views over the results of API.md §5.6-§5.13. */
class ResultViewsTest {

  private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
  private static final String PHONE = "254705912645";
  private static final String IDS =
      "\"OriginatorConversationID\":\"o-1\",\"ConversationID\":\"AG_1\"";

  // ---------------------------------------------------------------- B2C (§5.6)

  @Test
  @DisplayName("R28: the documented B2C success gives every parameter, typed")
  void b2cFrom_successFixture_readsEveryParameter() {
    ResultCallback cb = parse("b2c-success.json");

    B2cPaymentResult b2c = B2cPaymentResult.from(cb);

    assertThat(b2c.callback()).isSameAs(cb);
    assertThat(b2c.amount()).isEqualTo(new BigDecimal("10.00"));
    assertThat(b2c.receipt()).isEqualTo("SG632NMUAB");
    assertThat(b2c.recipient()).isEqualTo(new PartyName(PHONE, "NICHOLAS JOHN SONGOK"));
    assertThat(b2c.completedTime()).isEqualTo(ZonedDateTime.of(2024, 7, 6, 22, 48, 52, 0, NAIROBI));
    assertThat(b2c.completedTime().toInstant()).isEqualTo(Instant.parse("2024-07-06T19:48:52Z"));
    assertThat(b2c.utilityAccountBalance()).isEqualTo(new BigDecimal("8959269.60"));
    assertThat(b2c.workingAccountBalance()).isEqualTo(new BigDecimal("1199371.00"));
    assertThat(b2c.chargesPaidAccountBalance()).isEqualTo(new BigDecimal("-1980.00"));
    assertThat(b2c.recipientRegistered()).isTrue();
    assertThat(b2c.result()).isEqualTo(B2cResult.SUCCESS);
    assertThat(b2c.isSuccess()).isTrue();
    assertThat(b2c.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(b2c.idempotencyKey()).isEqualTo(cb.idempotencyKey());
    assertThat(b2c.rawJson()).isSameAs(cb.rawJson());
  }

  @Test
  @DisplayName("R28: B2C values sent as strings read the same as numbers")
  void b2cFrom_stringValuesFixture_equalsNumericFixture() {
    B2cPaymentResult strings = B2cPaymentResult.from(parse("b2c-string-values.json"));
    B2cPaymentResult numbers = B2cPaymentResult.from(parse("b2c-success.json"));

    assertThat(strings.amount()).isEqualTo(numbers.amount());
    assertThat(strings.receipt()).isEqualTo(numbers.receipt());
    assertThat(strings.recipient()).isEqualTo(numbers.recipient());
    assertThat(strings.completedTime()).isEqualTo(numbers.completedTime());
    assertThat(strings.utilityAccountBalance()).isEqualTo(numbers.utilityAccountBalance());
    assertThat(strings.workingAccountBalance()).isEqualTo(numbers.workingAccountBalance());
    assertThat(strings.chargesPaidAccountBalance()).isEqualTo(numbers.chargesPaidAccountBalance());
    assertThat(strings.recipientRegistered()).isEqualTo(numbers.recipientRegistered());
    assertThat(strings.status()).isEqualTo(numbers.status());
  }

  @Test
  void b2cFrom_failureFixture_hasNoPaymentAndFails() {
    B2cPaymentResult b2c = B2cPaymentResult.from(parse("b2c-failure-initiator-invalid.json"));

    assertThat(b2c.amount()).isNull();
    assertThat(b2c.receipt()).as("a failed result's TransactionID is not a receipt").isNull();
    assertThat(b2c.recipient()).isNull();
    assertThat(b2c.completedTime()).isNull();
    assertThat(b2c.recipientRegistered()).isNull();
    assertThat(b2c.result()).isEqualTo(B2cResult.INITIATOR_INVALID);
    assertThat(b2c.result().isConfigurationError()).isTrue();
    assertThat(b2c.status()).isEqualTo(PaymentStatus.FAILED);
  }

  @ParameterizedTest(name = "ResultCode {0}")
  @DisplayName("R26: B2C codes map to the B2C view's status")
  @CsvSource({
    "0, COMPLETED",
    "1, FAILED",
    "2001, FAILED",
    "SFC_IC0003, FAILED",
    "15, UNKNOWN",
    "17, UNKNOWN",
    "26, UNKNOWN",
    "R000002, UNKNOWN",
    "99999, UNKNOWN"
  })
  void b2cStatus_resultCodes_followTheB2cView(String code, PaymentStatus expected) {
    B2cPaymentResult b2c = B2cPaymentResult.from(result(IDS + ",\"ResultCode\":\"" + code + "\""));

    assertThat(b2c.status()).isEqualTo(expected);
  }

  @Test
  void b2cStatus_interimMessage_isPending() {
    B2cPaymentResult b2c =
        B2cPaymentResult.from(result(IDS + ",\"ResultType\":1,\"ResultCode\":0"));

    assertThat(b2c.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(b2c.isSuccess()).isFalse();
  }

  @Test
  void b2cFrom_successWithoutReceiptParameter_usesTransactionId() {
    B2cPaymentResult b2c =
        B2cPaymentResult.from(result(IDS + ",\"ResultCode\":0,\"TransactionID\":\"SG632NMUAB\""));

    assertThat(b2c.receipt()).isEqualTo("SG632NMUAB");
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("R28: amounts in any shape are equal, absurd or non-numeric ones null")
  @CsvSource(
      delimiter = '|',
      value = {
        "1           | 1.00",
        "1.00        | 1.00",
        "'\"1.00\"'  | 1.00",
        "'\"1\"'     | 1.00",
        "1.0         | 1.00",
        "'\" 1,000.5 \"' | 1000.50",
        "'\"\"'      | ",
        "'\"ten\"'   | ",
        "1e999999999 | ",
        "true        | ",
        "{}          | "
      })
  void b2cFrom_amountShapes_normalise(String json, BigDecimal expected) {
    B2cPaymentResult b2c =
        B2cPaymentResult.from(
            result(
                IDS
                    + ",\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":"
                    + "{\"Key\":\"TransactionAmount\",\"Value\":"
                    + json
                    + "}}"));

    assertThat(b2c.amount()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"2024-07-06 22:48:52", "32.07.2024 22:48:52", "29.02.2023 10:00:00", "06.07.2024"})
  void b2cFrom_badCompletedTime_isNull(String time) {
    B2cPaymentResult b2c =
        B2cPaymentResult.from(
            result(
                IDS
                    + ",\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":"
                    + "{\"Key\":\"TransactionCompletedDateTime\",\"Value\":\""
                    + time
                    + "\"}}"));

    assertThat(b2c.completedTime()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"Y | true", "y | true", "N | false", "' n ' | false"})
  void b2cFrom_registeredCustomerFlag_isRead(String flag, Boolean expected) {
    B2cPaymentResult b2c =
        B2cPaymentResult.from(
            result(
                IDS
                    + ",\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":"
                    + "{\"Key\":\"B2CRecipientIsRegisteredCustomer\",\"Value\":\""
                    + flag
                    + "\"}}"));

    assertThat(b2c.recipientRegistered()).isEqualTo(expected);
  }

  @Test
  void b2cFrom_unknownRegisteredCustomerFlag_isNull() {
    B2cPaymentResult b2c =
        B2cPaymentResult.from(
            result(
                IDS
                    + ",\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":"
                    + "{\"Key\":\"B2CRecipientIsRegisteredCustomer\",\"Value\":\"maybe\"}}"));

    assertThat(b2c.recipientRegistered()).isNull();
  }

  @Test
  @DisplayName("The recipient's phone number is masked in toString")
  void b2cToString_masksRecipientPhone() {
    B2cPaymentResult b2c = B2cPaymentResult.from(parse("b2c-success.json"));

    assertThat(b2c.toString())
        .doesNotContain(PHONE)
        .contains(PhoneNumber.mask(PHONE) + " - NICHOLAS JOHN SONGOK")
        .contains("SG632NMUAB")
        .contains("amount=10.00");
    assertThat(b2c.recipient().identifier()).isEqualTo(PHONE);
  }

  // ---------------------------------------------------------------- B2B (§5.8) and top-up

  @Test
  @DisplayName("R28: the documented B2B success: string amounts and both balance formats")
  void b2bFrom_successFixture_readsEveryParameter() {
    B2bPaymentResult b2b = B2bPaymentResult.from(parse("b2b-paybill-success.json"));

    assertThat(b2b.amount()).isEqualTo(new BigDecimal("190.00"));
    assertThat(b2b.currency()).isEqualTo("KES");
    assertThat(b2b.receipt()).isEqualTo("OKA81LK5CY");
    assertThat(b2b.receiverParty()).isEqualTo(new PartyName("000000", "Biller Company"));
    assertThat(b2b.completedTime())
        .isEqualTo(ZonedDateTime.of(2022, 11, 10, 11, 7, 17, 0, NAIROBI));
    assertThat(b2b.debitAccountBalance()).isEqualTo(new BigDecimal("6186.83"));
    assertThat(b2b.initiatorAccountBalance()).isEqualTo(new BigDecimal("6186.83"));
    assertThat(b2b.debitPartyAffectedAccounts())
        .containsExactly(
            new AccountBalance(
                "Working Account",
                "KES",
                new BigDecimal("346568.83"),
                new BigDecimal("6186.83"),
                new BigDecimal("340382.00"),
                new BigDecimal("0.00")));
    assertThat(b2b.debitPartyCharges()).as("\"\" means no charge").isNull();
    assertThat(b2b.billReferenceNumber()).isEqualTo("19008");
    assertThat(b2b.isSuccess()).isTrue();
    assertThat(b2b.status()).isEqualTo(PaymentStatus.COMPLETED);
  }

  @Test
  @DisplayName("R27: the B2B failure with one bare ResultParameter gives its time, no receipt")
  void b2bFrom_failureFixture_readsBoCompletedTime() {
    B2bPaymentResult b2b =
        B2bPaymentResult.from(parse("b2b-paybill-failure-single-parameter.json"));

    assertThat(b2b.completedTime())
        .isEqualTo(ZonedDateTime.of(2020, 1, 20, 16, 48, 25, 0, NAIROBI));
    assertThat(b2b.receipt()).as("OAK0000000 is a placeholder").isNull();
    assertThat(b2b.amount()).isNull();
    assertThat(b2b.debitPartyAffectedAccounts()).isEmpty();
    assertThat(b2b.status()).isEqualTo(PaymentStatus.FAILED);
  }

  @Test
  void b2bFrom_topUpFixture_readsLikeB2b() {
    ResultCallback cb = parse("b2b-topup-success-occassion.json");
    B2bPaymentResult topUp = B2bPaymentResult.from(cb);

    assertThat(topUp.amount()).isEqualTo(new BigDecimal("190.00"));
    assertThat(topUp.billReferenceNumber()).isEqualTo("19008");
    assertThat(cb.occasion()).isNull();
    assertThat(topUp.status()).isEqualTo(PaymentStatus.COMPLETED);
  }

  @Test
  @DisplayName("§5.8: table-only key names and the AK spacing of the map string are read")
  void b2bFrom_alternativeKeysAndFormats_areRead() {
    B2bPaymentResult b2b =
        B2bPaymentResult.from(
            result(
                IDS
                    + ",\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":["
                    + "{\"Key\":\"DebitAccountCurrentBalance\",\"Value\":"
                    + "\"{ Amount={BasicAmount=46713.00, MinimumAmount=4671300, CurrencyCode=KES\\n"
                    + "  }}\"},"
                    + "{\"Key\":\"InitiatorAccountCurrentBalance\",\"Value\":599490},"
                    + "{\"Key\":\"Amount\",\"Value\":10},"
                    + "{\"Key\":\"TransactionCompletedTime\",\"Value\":20171206163233},"
                    + "{\"Key\":\"DebitPartyCharges\",\"Value\":\"Business Pay Bill Charge|KES|77.00\"}"
                    + "]}"));

    assertThat(b2b.debitAccountBalance()).isEqualTo(new BigDecimal("46713.00"));
    assertThat(b2b.initiatorAccountBalance()).isEqualTo(new BigDecimal("599490.00"));
    assertThat(b2b.amount()).isEqualTo(new BigDecimal("10.00"));
    assertThat(b2b.completedTime())
        .isEqualTo(ZonedDateTime.of(2017, 12, 6, 16, 32, 33, 0, NAIROBI));
    assertThat(b2b.debitPartyCharges())
        .isEqualTo(new Charge("Business Pay Bill Charge", "KES", new BigDecimal("77.00")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{Amount={CurrencyCode=KES}}", "n/a", "{Amount={BasicAmount=}}"})
  void b2bFrom_unreadableBalance_isNull(String value) {
    B2bPaymentResult b2b =
        B2bPaymentResult.from(
            result(
                IDS
                    + ",\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":"
                    + "{\"Key\":\"DebitAccountBalance\",\"Value\":\""
                    + value
                    + "\"}}"));

    assertThat(b2b.debitAccountBalance()).isNull();
  }

  // ---------------------------------------------------------------- tax (§5.9)

  @Test
  @DisplayName("§5.9: the tax sample's DebitAccountBalance is a pipe string: its available amount")
  void taxFrom_successFixture_readsThePayment() {
    TaxRemittanceResult tax = TaxRemittanceResult.from(parse("tax-success.json"));

    assertThat(tax.amount()).isEqualTo(new BigDecimal("190.00"));
    assertThat(tax.receipt()).isEqualTo("MJ561H6X5O");
    assertThat(tax.paymentRegistrationNumber()).isEqualTo("19008");
    assertThat(tax.payment().debitAccountBalance()).isEqualTo(new BigDecimal("51661.00"));
    assertThat(tax.payment().receiverParty().name()).isEqualTo("Tax Collecting Company");
    assertThat(tax.completedTime())
        .isEqualTo(ZonedDateTime.of(2022, 11, 10, 11, 7, 17, 0, NAIROBI));
    assertThat(tax.isSuccess()).isTrue();
    assertThat(tax.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(tax.callback().idempotencyKey()).isEqualTo(tax.idempotencyKey());
    assertThat(tax.rawJson()).isEqualTo(tax.callback().rawJson());
  }

  @Test
  void taxFrom_failureFixture_fails() {
    TaxRemittanceResult tax = TaxRemittanceResult.from(parse("tax-failure.json"));

    assertThat(tax.status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(tax.isSuccess()).isFalse();
    assertThat(tax.receipt()).isNull();
    assertThat(tax.paymentRegistrationNumber()).isNull();
    assertThat(tax.completedTime())
        .isEqualTo(ZonedDateTime.of(2020, 1, 20, 16, 48, 25, 0, NAIROBI));
  }

  // ---------------------------------------------------------------- Account Balance (§5.11)

  @Test
  void balanceFrom_successFixture_readsEveryAccount() {
    AccountBalanceResult balance = AccountBalanceResult.from(parse("balance-success.json"));

    assertThat(balance.accounts())
        .extracting(AccountBalance::name)
        .containsExactly(
            "Working Account",
            "Float Account",
            "Utility Account",
            "Charges Paid Account",
            "Organization Settlement Account");
    assertThat(balance.account(" utility ACCOUNT ").orElseThrow().available())
        .isEqualByComparingTo("228037.00");
    assertThat(balance.account("Merchant Account")).isEmpty();
    assertThat(balance.completedTime())
        .isEqualTo(ZonedDateTime.of(2020, 1, 9, 12, 57, 10, 0, NAIROBI));
    assertThat(balance.result()).isEqualTo(AccountQueryResult.SUCCESS);
    assertThat(balance.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThatThrownBy(() -> balance.accounts().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("§11: the AK balance sample's corrupt 0.008& separators still split into accounts")
  void balanceFrom_akCorruptFixture_keepsAccountsAndReadsTheDigitsAsSent() {
    AccountBalanceResult corrupt =
        AccountBalanceResult.from(parse("balance-success-ak-corrupt.json"));
    AccountBalanceResult clean = AccountBalanceResult.from(parse("balance-success.json"));

    assertThat(corrupt.accounts())
        .extracting(AccountBalance::name)
        .containsExactlyElementsOf(clean.accounts().stream().map(AccountBalance::name).toList());
    for (int i = 0; i < clean.accounts().size(); i++) {
      AccountBalance c = corrupt.accounts().get(i);
      AccountBalance d = clean.accounts().get(i);
      assertThat(c.current()).isEqualByComparingTo(d.current());
      assertThat(c.available()).isEqualByComparingTo(d.available());
      assertThat(c.reserved()).isEqualByComparingTo(d.reserved());
    }
    // The SDK does not guess: the corrupt uncleared field is read as the digits sent.
    assertThat(corrupt.account("Working Account").orElseThrow().uncleared())
        .isEqualByComparingTo("0.008");
  }

  @Test
  @DisplayName("R27: the observed balance failure with a bare ResultParameter")
  void balanceFrom_failureFixture_hasNoAccounts() {
    AccountBalanceResult balance =
        AccountBalanceResult.from(parse("balance-failure-single-parameter.json"));

    assertThat(balance.accounts()).isEmpty();
    assertThat(balance.completedTime())
        .isEqualTo(ZonedDateTime.of(2020, 1, 9, 12, 57, 10, 0, NAIROBI));
    assertThat(balance.result()).isEqualTo(AccountQueryResult.INITIATOR_INVALID);
    assertThat(balance.status()).isEqualTo(PaymentStatus.FAILED);
  }

  @Test
  void balanceStatus_transientCode_isUnknown() {
    AccountBalanceResult balance = AccountBalanceResult.from(result(IDS + ",\"ResultCode\":26"));

    assertThat(balance.result()).isEqualTo(AccountQueryResult.SYSTEM_BUSY);
    assertThat(balance.status()).isEqualTo(PaymentStatus.UNKNOWN);
  }

  @Test
  void balanceFrom_hugeBalanceString_isEmptyNotAnException() {
    AccountBalanceResult balance =
        AccountBalanceResult.from(
            result(
                IDS
                    + ",\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":"
                    + "{\"Key\":\"AccountBalance\",\"Value\":\""
                    + "a|".repeat(10_000)
                    + "\"}}"));

    assertThat(balance.accounts()).isEmpty();
  }

  // ---------------------------------------------------------------- Transaction Status (§5.12)

  @Test
  @DisplayName("A.15: the status result's repeated DebitPartyName gives debit and credit party")
  void statusFrom_successFixture_readsEveryParameter() {
    TransactionStatusResult status = TransactionStatusResult.from(parse("status-success.json"));

    assertThat(status.transactionStatus()).isEqualTo("Completed");
    assertThat(status.receiptNumber()).isEqualTo("MBN31H462N");
    assertThat(status.amount()).isEqualTo(new BigDecimal("300.00"));
    assertThat(status.debitParty()).isEqualTo(new PartyName("600310", "Safaricom333"));
    assertThat(status.creditParty()).isEqualTo(new PartyName("254708374149", "John Doe"));
    assertThat(status.debitAccountType()).isEqualTo("Utility Account");
    assertThat(status.debitPartyCharges())
        .isEqualTo(new Charge("Fee For B2C Payment", "KES", new BigDecimal("22.40")));
    assertThat(status.reasonType()).isEqualTo("Business Payment to Customer via API");
    assertThat(status.transactionReason()).isNull();
    assertThat(status.originalConversationId()).isEqualTo("AG_20180223_000041b09c22e613d6c9");
    assertThat(status.originalOriginatorConversationId()).isEqualTo("3211-416020-3");
    assertThat(status.initiatedTime())
        .isEqualTo(ZonedDateTime.of(2018, 2, 23, 5, 41, 12, 0, NAIROBI));
    assertThat(status.finalisedTime()).isEqualTo(status.initiatedTime());
    assertThat(status.queryResult()).isEqualTo(AccountQueryResult.SUCCESS);
    assertThat(status.transactionState()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(status.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(status.toString()).doesNotContain("254708374149");
  }

  @Test
  void statusFrom_creditPartyName_winsOverASecondDebitName() {
    TransactionStatusResult status =
        TransactionStatusResult.from(
            result(
                IDS
                    + ",\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":["
                    + "{\"Key\":\"DebitPartyName\",\"Value\":\"600310 - Safaricom333\"},"
                    + "{\"Key\":\"DebitPartyName\",\"Value\":\"600311 - Other\"},"
                    + "{\"Key\":\"CreditPartyName\",\"Value\":\"254708374149 - John Doe\"}]}"));

    assertThat(status.creditParty()).isEqualTo(new PartyName("254708374149", "John Doe"));
  }

  @Test
  @DisplayName("A.5: a failed status query says nothing about the transaction: UNKNOWN")
  void statusFrom_receiptNotFoundFixture_isUnknownNotFailed() {
    ResultCallback cb = parse("status-failure-receipt-not-found.json");
    TransactionStatusResult status = TransactionStatusResult.from(cb);

    assertThat(status.queryResult()).isEqualTo(AccountQueryResult.RECEIPT_NOT_FOUND);
    assertThat(status.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(cb.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(status.receiptNumber()).isNull();
    assertThat(status.debitParty()).isNull();
    assertThat(status.creditParty()).isNull();
  }

  @Test
  void statusFrom_timeout_isUnknown() {
    TransactionStatusResult status =
        TransactionStatusResult.from(Callbacks.parseQueueTimeout(fixture("timeout-minimal.json")));

    assertThat(status.queryResult()).isEqualTo(AccountQueryResult.UNKNOWN);
    assertThat(status.status()).isEqualTo(PaymentStatus.UNKNOWN);
  }

  // ---------------------------------------------------------------- Reversal (§5.13)

  @Test
  @DisplayName("R28: the documented reversal success with numeric values")
  void reversalFrom_successFixture_readsEveryParameter() {
    TransactionReversalResult reversal =
        TransactionReversalResult.from(parse("reversal-success.json"));

    assertThat(reversal.amount()).isEqualTo(new BigDecimal("1.00"));
    assertThat(reversal.originalTransactionId()).isEqualTo("SKC82PACB8");
    assertThat(reversal.receipt()).isEqualTo("SKE52PAWR9");
    assertThat(reversal.charge()).isEqualTo(new BigDecimal("0.00"));
    assertThat(reversal.creditParty()).isEqualTo(new PartyName(PHONE, "NICHOLAS JOHN SONGOK"));
    assertThat(reversal.debitParty()).isEqualTo(new PartyName("600992", "Safaricom Daraja 992"));
    assertThat(reversal.debitAccountBalance()).hasSize(1);
    assertThat(reversal.debitAccountBalance().get(0).available())
        .isEqualByComparingTo("7722179.62");
    assertThat(reversal.completedTime())
        .isEqualTo(ZonedDateTime.of(2021, 11, 14, 13, 27, 11, 0, NAIROBI));
    assertThat(reversal.result()).isEqualTo(ReversalResult.REVERSED);
    assertThat(reversal.isReversed()).isTrue();
    assertThat(reversal.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(reversal.toString()).doesNotContain(PHONE).contains("600992 - Safaricom Daraja 992");
  }

  @Test
  @DisplayName("§11: the AK reversal sample (strings, code \"21\") reads as code 21, not success")
  void reversalFrom_akCode21Fixture_isFailedWhateverTheText() {
    TransactionReversalResult reversal =
        TransactionReversalResult.from(parse("reversal-ak-strings-code-21.json"));

    assertThat(reversal.amount()).isEqualTo(new BigDecimal("100.00"));
    assertThat(reversal.charge()).isEqualTo(new BigDecimal("0.00"));
    assertThat(reversal.completedTime())
        .isEqualTo(ZonedDateTime.of(2018, 10, 5, 15, 32, 25, 0, NAIROBI));
    assertThat(reversal.result()).isEqualTo(ReversalResult.INITIATOR_NOT_PERMITTED);
    assertThat(reversal.isReversed()).isFalse();
    assertThat(reversal.receipt()).isNull();
    assertThat(reversal.status()).isEqualTo(PaymentStatus.FAILED);
  }

  @Test
  void reversalFrom_invalidOriginalFixture_fails() {
    TransactionReversalResult reversal =
        TransactionReversalResult.from(parse("reversal-failure-invalid-original.json"));

    assertThat(reversal.result()).isEqualTo(ReversalResult.INVALID_ORIGINAL_TRANSACTION);
    assertThat(reversal.status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(reversal.receipt()).isNull();
    assertThat(reversal.debitAccountBalance()).isEmpty();
  }

  @Test
  void reversalStatus_alreadyReversed_isCompleted() {
    TransactionReversalResult reversal =
        TransactionReversalResult.from(result(IDS + ",\"ResultCode\":\"R000001\""));

    assertThat(reversal.result()).isEqualTo(ReversalResult.ALREADY_REVERSED);
    assertThat(reversal.isReversed()).isTrue();
    assertThat(reversal.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(reversal.callback().status())
        .as("without knowing the product, R000001 is not a completion")
        .isEqualTo(PaymentStatus.UNKNOWN);
  }

  // ---------------------------------------------------------------- the views together

  @Test
  void from_null_throwsNullPointer() {
    assertThatThrownBy(() -> B2cPaymentResult.from(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> B2bPaymentResult.from(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TaxRemittanceResult.from(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccountBalanceResult.from(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransactionStatusResult.from(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransactionReversalResult.from(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("A.6: every view de-duplicates under its result's key and is a timeout's UNKNOWN")
  void views_timeoutNotice_areUnknownWithTheTimeoutKey() {
    ResultCallback timeout = Callbacks.parseQueueTimeout(fixture("b2c-timeout.json"));
    List<MpesaCallback> views =
        List.of(
            B2cPaymentResult.from(timeout),
            B2bPaymentResult.from(timeout),
            TaxRemittanceResult.from(timeout),
            AccountBalanceResult.from(timeout),
            TransactionStatusResult.from(timeout),
            TransactionReversalResult.from(timeout));

    for (MpesaCallback view : views) {
      assertThat(view.status())
          .as(view.getClass().getSimpleName())
          .isEqualTo(PaymentStatus.UNKNOWN);
      assertThat(view.idempotencyKey()).endsWith("#timeout");
      assertThat(view.rawJson()).isSameAs(timeout.rawJson());
    }
  }

  @Test
  void constructors_copyAccountListsAndNormaliseAmounts() {
    ResultCallback cb = parse("b2c-success.json");
    List<AccountBalance> accounts = new ArrayList<>();
    accounts.add(new AccountBalance("Utility Account", "KES", null, null, null, null));

    AccountBalanceResult balance = new AccountBalanceResult(cb, accounts, null);
    accounts.clear();
    B2cPaymentResult b2c =
        new B2cPaymentResult(cb, new BigDecimal("5"), null, null, null, null, null, null, null);

    assertThat(balance.accounts()).hasSize(1);
    assertThat(new AccountBalanceResult(cb, null, null).accounts()).isEmpty();
    assertThat(b2c.amount()).isEqualTo(new BigDecimal("5.00"));
    assertThatThrownBy(() -> new TaxRemittanceResult(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- PartyName and Charge

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "254705912645 - NICHOLAS JOHN SONGOK | 254705912645 | NICHOLAS JOHN SONGOK",
        "600992 - Safaricom Daraja 992       | 600992       | Safaricom Daraja 992",
        "'  600310 -  A - B  '               | 600310       | A - B",
        "254708374149                        | 254708374149 | ",
        "2547 ***** 126                      | 2547 ***** 126 | ",
        "Biller Company                      |              | Biller Company",
        "'000000 - '                         | 000000       | "
      })
  void partyNameParse_shapes_splitAtTheFirstSeparator(String text, String id, String name) {
    PartyName party = PartyName.parse(text);

    assertThat(party.identifier()).isEqualTo(id);
    assertThat(party.name()).isEqualTo(name);
  }

  @Test
  void partyNameParse_nullOrBlank_isNull() {
    assertThat(PartyName.parse(null)).isNull();
    assertThat(PartyName.parse("  ")).isNull();
  }

  @Test
  void partyNameToString_masksPhoneNumbersKeepsShortCodes() {
    assertThat(new PartyName(PHONE, "NICHOLAS").toString())
        .isEqualTo(PhoneNumber.mask(PHONE) + " - NICHOLAS");
    assertThat(new PartyName("600992", "Safaricom").toString()).isEqualTo("600992 - Safaricom");
    assertThat(new PartyName(PHONE, null).toString()).isEqualTo(PhoneNumber.mask(PHONE));
    assertThat(new PartyName(null, "Biller").toString()).isEqualTo("Biller");
    assertThat(new PartyName(PHONE, "NICHOLAS").text()).isEqualTo(PHONE + " - NICHOLAS");
    assertThat(new PartyName(null, "Biller").text()).isEqualTo("Biller");
    assertThat(new PartyName("600992", null).text()).isEqualTo("600992");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'Fee For B2C Payment|KES|22.40' | Fee For B2C Payment | KES | 22.40",
        "' Charge | KES | 77 '           | Charge              | KES | 77.00",
        "'Charge|KES'                    | Charge              | KES | ",
        "Charge                          |                     |     | ",
        "0.00                            |                     |     | 0.00",
        "'|KES|x'                        |                     | KES | "
      })
  void chargeParse_shapes_areLenient(
      String text, String description, String currency, BigDecimal amount) {
    assertThat(Charge.parse(text)).isEqualTo(new Charge(description, currency, amount));
  }

  @Test
  void chargeParse_nullOrEmpty_isNull() {
    assertThat(Charge.parse(null)).isNull();
    assertThat(Charge.parse("")).isNull();
  }

  // ---------------------------------------------------------------- helpers

  private static ResultCallback parse(String name) {
    return Callbacks.parseResult(fixture(name));
  }

  private static ResultCallback result(String members) {
    return Callbacks.parseResult("{\"Result\":{" + members + "}}");
  }

  private static String fixture(String name) {
    return Fixtures.read("results/" + name);
  }
}
