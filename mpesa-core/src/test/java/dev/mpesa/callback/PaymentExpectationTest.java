package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.callback.PaymentExpectation.AccountMatching;
import dev.mpesa.callback.PaymentExpectation.Field;
import dev.mpesa.callback.PaymentExpectation.Mismatch;
import dev.mpesa.callback.PaymentExpectation.Reason;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.testing.Fixtures;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentExpectationTest {

  private static final String PHONE = "254708374149";
  private static final PhoneNumber PAYER = PhoneNumber.parse(PHONE);

  private static StkCallback stk(String fixture) {
    return Callbacks.parseStk(Fixtures.read("stk/" + fixture));
  }

  private static PaymentExpectation amount(String amount) {
    return PaymentExpectation.builder().amount(new BigDecimal(amount)).build();
  }

  private static PaymentExpectation account(String expected, AccountMatching matching) {
    return PaymentExpectation.builder()
        .amount(5)
        .accountReference(expected)
        .accountMatching(matching)
        .build();
  }

  private static PaymentExpectation phone(PhoneNumber expected) {
    return PaymentExpectation.builder().amount(1).phoneNumber(expected).build();
  }

  // ---------------------------------------------------------------- STK callbacks

  @Test
  @DisplayName("A.6: the documented STK success matches its amount and payer")
  void check_stkSuccessMatchingAmountAndPhone_isEmpty() {
    PaymentExpectation expected = PaymentExpectation.builder().amount(1).phoneNumber(PAYER).build();

    assertThat(expected.check(stk("callback-success.json"))).isEmpty();
  }

  @Test
  void check_stkSuccessOtherAmount_reportsAmountDifferent() {
    PaymentExpectation expected = PaymentExpectation.builder().amount(100).build();

    assertThat(expected.check(stk("callback-success.json")))
        .containsExactly(new Mismatch(Field.AMOUNT, Reason.DIFFERENT, "100", "1.00"));
  }

  @Test
  void check_stkSuccessOtherPayer_reportsPhoneDifferent() {
    PaymentExpectation expected =
        PaymentExpectation.builder().amount(1).phoneNumber(PhoneNumber.parse("0712345678")).build();

    assertThat(expected.check(stk("callback-success.json")))
        .containsExactly(new Mismatch(Field.PHONE_NUMBER, Reason.DIFFERENT, "254712345678", PHONE));
  }

  @Test
  void check_stkCancelled_reportsAmountMissingAndPhoneUnverifiable() {
    PaymentExpectation expected = PaymentExpectation.builder().amount(1).phoneNumber(PAYER).build();

    List<Mismatch> mismatches = expected.check(stk("callback-cancelled.json"));

    assertThat(mismatches)
        .containsExactly(
            new Mismatch(Field.AMOUNT, Reason.MISSING, "1", null),
            new Mismatch(Field.PHONE_NUMBER, Reason.UNVERIFIABLE, PHONE, null));
  }

  @Test
  @DisplayName("STK callbacks carry no account reference: an expected one is not compared")
  void check_stkWithExpectedAccount_doesNotCompareAccount() {
    PaymentExpectation expected =
        PaymentExpectation.builder().amount(1).accountReference("INV-001").build();

    assertThat(expected.check(stk("callback-success.json"))).isEmpty();
  }

  @Test
  @DisplayName("A phone masked in a future STK callback is unverifiable, not a mismatch")
  void check_stkMaskedPhone_reportsUnverifiable() {
    StkCallback cb =
        Callbacks.parseStk(
            "{\"Body\":{\"stkCallback\":{\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":0,"
                + "\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":1.00},"
                + "{\"Name\":\"PhoneNumber\",\"Value\":\"2547 ***** 149\"}]}}}}");

    List<Mismatch> mismatches = phone(PAYER).check(cb);

    assertThat(mismatches)
        .containsExactly(
            new Mismatch(Field.PHONE_NUMBER, Reason.UNVERIFIABLE, PHONE, "2547 ***** 149"));
    assertThat(mismatches.get(0).isUnverifiable()).isTrue();
  }

  @Test
  void check_stkWithoutPhoneExpectation_ignoresPhone() {
    assertThat(amount("1").check(stk("callback-cancelled.json")))
        .containsExactly(new Mismatch(Field.AMOUNT, Reason.MISSING, "1", null));
  }

  @Test
  void check_nullStkCallback_throws() {
    assertThatThrownBy(() -> amount("1").check((StkCallback) null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- amounts

  @ParameterizedTest(name = "expected {0}, callback {1}")
  @DisplayName("Amounts compare by value: 1 == 1.00")
  @CsvSource({
    "1, 1",
    "1, 1.00",
    "1, 1.0",
    "1.00, 1",
    "10500, 10500.00",
    "10500.00, 1.05E+4",
    "0.50, 0.5",
    "250000, 250000.000"
  })
  void check_equalAmounts_isEmpty(String expected, String actual) {
    assertThat(amount(expected).check(new BigDecimal(actual), null, null)).isEmpty();
  }

  @ParameterizedTest(name = "expected {0}, callback {1}")
  @CsvSource({
    "1, 1.01, 1.01",
    "1, 0.99, 0.99",
    "100, 10, 10",
    "10, 100, 100",
    "1, -1, -1",
    "1, 0, 0",
    "10500, 1.05E+5, 105000"
  })
  void check_differentAmounts_reportsDifferent(String expected, String actual, String shown) {
    assertThat(amount(expected).check(new BigDecimal(actual), null, null))
        .containsExactly(new Mismatch(Field.AMOUNT, Reason.DIFFERENT, expected, shown));
  }

  @Test
  void check_noAmount_reportsMissing() {
    assertThat(amount("5.50").check(null, null, null))
        .containsExactly(new Mismatch(Field.AMOUNT, Reason.MISSING, "5.50", null));
  }

  @Test
  void check_longAmount_comparesWithDecimal() {
    PaymentExpectation expected = PaymentExpectation.builder().amount(5L).build();

    assertThat(expected.amount()).isEqualByComparingTo("5");
    assertThat(expected.check(new BigDecimal("5.00"), null, null)).isEmpty();
  }

  // ---------------------------------------------------------------- account references

  @ParameterizedTest(name = "{2}: expected \"{0}\", BillRefNumber \"{1}\" matches: {3}")
  @DisplayName("A.5, §5.5: account references typed by customers, by matching mode")
  @CsvSource(
      delimiter = '|',
      value = {
        "INV-001 | INV-001     | EXACT                  | true",
        "INV-001 | inv-001     | EXACT                  | false",
        "INV-001 | ' INV-001 ' | EXACT                  | false",
        "INV-001 | INV 001     | EXACT                  | false",
        "INV-001 | INV-002     | EXACT                  | false",
        "INV-001 | INV-001     | IGNORE_CASE            | true",
        "INV-001 | inv-001     | IGNORE_CASE            | true",
        "INV-001 | ' Inv-001 ' | IGNORE_CASE            | true",
        "INV-001 | INV 001     | IGNORE_CASE            | false",
        "INV-001 | INV-0011    | IGNORE_CASE            | false",
        "INV-001 | INV001      | IGNORE_CASE            | false",
        "INV 001 | inv001      | IGNORE_CASE_AND_SPACES | true",
        "INV001  | ' i n v 0 0 1 ' | IGNORE_CASE_AND_SPACES | true",
        "INV-001 | inv001      | IGNORE_CASE_AND_SPACES | false",
        "INV-001 | INV-002     | IGNORE_CASE_AND_SPACES | false",
        "353353  | 353353      | EXACT                  | true",
        "353353  | 3533530     | IGNORE_CASE_AND_SPACES | false"
      })
  void check_accountReference_byMatchingMode(
      String expected, String actual, AccountMatching matching, boolean matches) {
    List<Mismatch> mismatches =
        account(expected, matching).check(new BigDecimal("5"), actual, null);

    if (matches) {
      assertThat(mismatches).isEmpty();
    } else {
      assertThat(mismatches)
          .containsExactly(
              new Mismatch(Field.ACCOUNT_REFERENCE, Reason.DIFFERENT, expected, actual));
    }
  }

  @Test
  void check_accountWithTabsAndNoBreakSpaces_matchesIgnoringCase() {
    PaymentExpectation expected = account("INV-001", AccountMatching.IGNORE_CASE);

    assertThat(expected.check(new BigDecimal("5"), "\tinv-001\u00A0", null)).isEmpty();
    assertThat(
            account("INV 001", AccountMatching.IGNORE_CASE_AND_SPACES)
                .check(new BigDecimal("5"), "INV\u00A0\u2007001", null))
        .isEmpty();
  }

  @ParameterizedTest(name = "BillRefNumber \"{0}\"")
  @NullSource
  @ValueSource(strings = {"", " ", "\t"})
  @DisplayName("A till payment's empty BillRefNumber is a missing account, whatever the mode")
  void check_accountAbsentOrBlank_reportsMissing(String actual) {
    for (AccountMatching matching : AccountMatching.values()) {
      assertThat(account("INV-001", matching).check(new BigDecimal("5"), actual, null))
          .containsExactly(
              new Mismatch(Field.ACCOUNT_REFERENCE, Reason.MISSING, "INV-001", actual));
    }
  }

  @Test
  void check_noAccountExpected_ignoresAccount() {
    assertThat(amount("5").check(new BigDecimal("5"), "anything", null)).isEmpty();
    assertThat(amount("5").check(new BigDecimal("5"), null, null)).isEmpty();
  }

  // ---------------------------------------------------------------- phone numbers

  @ParameterizedTest(name = "callback phone \"{0}\"")
  @DisplayName("A clear phone number in any common form is compared")
  @ValueSource(
      strings = {
        "254708374149",
        "0708374149",
        "+254708374149",
        "+254 708 374 149",
        "0708-374-149",
        " 254708374149 ",
        "708374149"
      })
  void check_clearSamePhone_isEmpty(String actual) {
    assertThat(phone(PAYER).check(BigDecimal.ONE, null, actual)).isEmpty();
  }

  @ParameterizedTest(name = "callback phone \"{0}\"")
  @DisplayName("Digits in clear that are another number, or no Kenyan mobile, are different")
  @ValueSource(
      strings = {
        "254708374148",
        "0712345678",
        "254108374149",
        "255708374149",
        "+1 415 555 0100",
        "123456789012345",
        "12345678",
        "254708374149254708374149",
        "1234567890123456789012345678901234567890123456789012345678901234"
      })
  void check_clearOtherPhone_reportsDifferent(String actual) {
    assertThat(phone(PAYER).check(BigDecimal.ONE, null, actual))
        .containsExactly(new Mismatch(Field.PHONE_NUMBER, Reason.DIFFERENT, PHONE, actual));
  }

  @ParameterizedTest(name = "callback phone \"{0}\"")
  @DisplayName("§5.5, §10 #23: masked, hashed or absent phone numbers are unverifiable")
  @NullSource
  @ValueSource(
      strings = {
        "",
        " ",
        "2547 ***** 149",
        "2547 ***** 126",
        "254******149",
        "2547******49",
        "07xx xxx 149",
        "2a6f3e1c0b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f",
        "+",
        "254708374149 or 254708374148"
      })
  void check_maskedOrHashedPhone_reportsUnverifiable(String actual) {
    List<Mismatch> mismatches = phone(PAYER).check(BigDecimal.ONE, null, actual);

    assertThat(mismatches)
        .containsExactly(new Mismatch(Field.PHONE_NUMBER, Reason.UNVERIFIABLE, PHONE, actual));
    assertThat(mismatches).allMatch(Mismatch::isUnverifiable);
  }

  // ---------------------------------------------------------------- the generic check

  @Test
  @DisplayName("§5.5: a C2B confirmation's TransAmount, BillRefNumber and MSISDN")
  void check_c2bValuesAllMatching_isEmpty() {
    PaymentExpectation expected =
        PaymentExpectation.builder()
            .amount(5)
            .accountReference("Sample Transaction")
            .accountMatching(AccountMatching.IGNORE_CASE)
            .phoneNumber(PhoneNumber.parse("254708374126"))
            .build();

    assertThat(expected.check(new BigDecimal("5.00"), "sample transaction ", "254708374126"))
        .isEmpty();
  }

  @Test
  void check_everythingWrong_reportsAllInOrder() {
    PaymentExpectation expected =
        PaymentExpectation.builder()
            .amount(new BigDecimal("1500"))
            .accountReference("ACC-9")
            .phoneNumber(PAYER)
            .build();

    List<Mismatch> mismatches = expected.check(new BigDecimal("150.00"), "ACC-8", "2547 ***** 126");

    assertThat(mismatches)
        .containsExactly(
            new Mismatch(Field.AMOUNT, Reason.DIFFERENT, "1500", "150.00"),
            new Mismatch(Field.ACCOUNT_REFERENCE, Reason.DIFFERENT, "ACC-9", "ACC-8"),
            new Mismatch(Field.PHONE_NUMBER, Reason.UNVERIFIABLE, PHONE, "2547 ***** 126"));
    assertThatThrownBy(() -> mismatches.add(mismatches.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void check_onlyPhoneUnverifiable_allMismatchesUnverifiable() {
    PaymentExpectation expected =
        PaymentExpectation.builder().amount(5).accountReference("A1").phoneNumber(PAYER).build();

    List<Mismatch> mismatches = expected.check(new BigDecimal("5"), "A1", "2547 ***** 149");

    assertThat(mismatches).hasSize(1).allMatch(Mismatch::isUnverifiable);
  }

  // ---------------------------------------------------------------- builder and printing

  @ParameterizedTest(name = "amount {0}")
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void builder_amountBelowOne_throws(long shillings) {
    assertThatThrownBy(() -> PaymentExpectation.builder().amount(shillings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 shilling");
  }

  @ParameterizedTest(name = "amount {0}")
  @ValueSource(strings = {"0", "0.00", "-0.01", "-100"})
  void builder_decimalAmountNotPositive_throws(String amount) {
    assertThatThrownBy(() -> PaymentExpectation.builder().amount(new BigDecimal(amount)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amount must be positive");
  }

  @Test
  void builder_invalidArguments_throw() {
    PaymentExpectation.Builder builder = PaymentExpectation.builder();

    assertThatThrownBy(() -> builder.amount((BigDecimal) null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.accountReference(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.accountMatching(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("amount");
  }

  @Test
  void builder_defaults_exactMatchingAndNothingElseChecked() {
    PaymentExpectation expected = PaymentExpectation.builder().amount(1).build();

    assertThat(expected.accountMatching()).isEqualTo(AccountMatching.EXACT);
    assertThat(expected.accountReference()).isNull();
    assertThat(expected.phoneNumber()).isNull();
  }

  @Test
  void builder_nullAccountAndPhone_meanNotChecked() {
    PaymentExpectation expected =
        PaymentExpectation.builder()
            .amount(1)
            .accountReference("A")
            .accountReference(null)
            .phoneNumber(PAYER)
            .phoneNumber(null)
            .build();

    assertThat(expected.check(BigDecimal.ONE, null, null)).isEmpty();
  }

  @Test
  void toString_expectation_masksPhone() {
    PaymentExpectation expected =
        PaymentExpectation.builder().amount(1).accountReference("A1").phoneNumber(PAYER).build();

    assertThat(expected.toString())
        .isEqualTo(
            "PaymentExpectation[amount=1, accountReference=A1, phoneNumber=2547******49,"
                + " accountMatching=EXACT]")
        .doesNotContain(PHONE);
  }

  @Test
  void toString_phoneMismatch_masksBothNumbers() {
    Mismatch mismatch = phone(PAYER).check(BigDecimal.ONE, null, "0712345678").get(0);

    assertThat(mismatch.actual()).isEqualTo("0712345678");
    assertThat(mismatch.toString())
        .doesNotContain(PHONE)
        .doesNotContain("0712345678")
        .contains("field=PHONE_NUMBER")
        .contains("reason=DIFFERENT");
  }

  @Test
  void toString_amountMismatch_showsValues() {
    Mismatch mismatch = amount("10").check(new BigDecimal("9.00"), null, null).get(0);

    assertThat(mismatch)
        .hasToString("Mismatch[field=AMOUNT, reason=DIFFERENT, expected=10, actual=9.00]");
  }

  @Test
  void mismatch_nullRequiredParts_throw() {
    assertThatThrownBy(() -> new Mismatch(null, Reason.MISSING, "1", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Mismatch(Field.AMOUNT, null, "1", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Mismatch(Field.AMOUNT, Reason.MISSING, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Mismatch(Field.PHONE_NUMBER, Reason.UNVERIFIABLE, PHONE, null))
        .hasToString(
            "Mismatch[field=PHONE_NUMBER, reason=UNVERIFIABLE, expected=2547******49,"
                + " actual=null]");
  }
}
