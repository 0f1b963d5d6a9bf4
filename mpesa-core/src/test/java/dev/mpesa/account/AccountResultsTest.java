package dev.mpesa.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.result.ResultCode;
import dev.mpesa.testing.Fixtures;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading what the results of API.md §5.11 and §7.3-7.5 carry. */
class AccountResultsTest {

  @Test
  void parse_balanceOfTheApiMdResult_readsEveryAccount() throws Exception {
    JsonNode result = new ObjectMapper().readTree(Fixtures.read("account/balance-result.json"));
    String value =
        result
            .path("Result")
            .path("ResultParameters")
            .path("ResultParameter")
            .get(0)
            .path("Value")
            .textValue();

    List<AccountBalance> accounts = AccountBalance.parse(value);

    assertThat(accounts)
        .extracting(AccountBalance::name)
        .containsExactly(
            "Working Account",
            "Float Account",
            "Utility Account",
            "Charges Paid Account",
            "Organization Settlement Account");
    AccountBalance utility = accounts.get(2);
    assertThat(utility.currency()).isEqualTo("KES");
    assertThat(utility.current()).isEqualByComparingTo("228037.00");
    assertThat(utility.available()).isEqualByComparingTo("228037.00");
    assertThat(utility.reserved()).isEqualByComparingTo("0");
    assertThat(utility.uncleared()).isEqualByComparingTo("0");
    assertThat(accounts.get(3).current()).isEqualByComparingTo("-1540.00");
    assertThat(AccountBalance.find(value, " utility account ")).contains(utility);
  }

  @Test
  void parse_reversalDebitAccountBalance_readsOneAccount() {
    List<AccountBalance> accounts =
        AccountBalance.parse("Utility Account|KES|7722179.62|7722179.62|0.00|0.00");

    assertThat(accounts).hasSize(1);
    assertThat(accounts.get(0).available()).isEqualTo(new BigDecimal("7722179.62"));
  }

  @Test
  void parse_fewerFieldsSpacesAndJunk_isLenient() {
    List<AccountBalance> accounts =
        AccountBalance.parse(
            " Merchant Account | KES | 1,200.50 &&|KES|1|1&Working Account|KES|n/a& ");

    assertThat(accounts).hasSize(2);
    assertThat(accounts.get(0).name()).isEqualTo("Merchant Account");
    assertThat(accounts.get(0).current()).isEqualByComparingTo("1200.50");
    assertThat(accounts.get(0).available()).isNull();
    assertThat(accounts.get(1).current()).isNull();
  }

  @Test
  void parse_nullOrBlank_isEmpty() {
    assertThat(AccountBalance.parse(null)).isEmpty();
    assertThat(AccountBalance.parse("  ")).isEmpty();
    assertThat(AccountBalance.find(null, "Utility Account")).isEmpty();
  }

  @Test
  void parse_hugeInput_isRefused() {
    assertThatThrownBy(() -> AccountBalance.parse("a|".repeat(10_000)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "0, REVERSED",
    "R000001, ALREADY_REVERSED",
    "r000001, ALREADY_REVERSED",
    "R000002, INVALID_ORIGINAL_TRANSACTION",
    "1, INSUFFICIENT_BALANCE",
    "11, DEBIT_PARTY_INVALID_STATE",
    "21, INITIATOR_NOT_PERMITTED",
    "2001, INITIATOR_INVALID",
    "2006, ACCOUNT_RULE",
    "2028, NOT_PERMITTED",
    "8006, CREDENTIAL_LOCKED",
    "1032, UNKNOWN"
  })
  void reversalResult_codesOfApiMd73_mapToTheirMeaning(String code, ReversalResult expected) {
    assertThat(ReversalResult.of(code)).isEqualTo(expected);
    assertThat(ReversalResult.of(new ResultCode(code))).isEqualTo(expected);
  }

  @Test
  void reversalResult_numbersNullAndJunk_areRead() {
    assertThat(ReversalResult.of(0)).isEqualTo(ReversalResult.REVERSED);
    assertThat(ReversalResult.of(new BigDecimal("0.00"))).isEqualTo(ReversalResult.REVERSED);
    assertThat(ReversalResult.of((ResultCode) null)).isEqualTo(ReversalResult.UNKNOWN);
    assertThat(ReversalResult.of((Object) "")).isEqualTo(ReversalResult.UNKNOWN);
    assertThat(ReversalResult.of(List.of())).isEqualTo(ReversalResult.UNKNOWN);
  }

  @Test
  void reversalResult_alreadyReversed_meansTheMoneyIsBack() {
    assertThat(ReversalResult.REVERSED.isReversed()).isTrue();
    assertThat(ReversalResult.ALREADY_REVERSED.isReversed()).isTrue();
    assertThat(ReversalResult.INVALID_ORIGINAL_TRANSACTION.isReversed()).isFalse();
    assertThat(ReversalResult.UNKNOWN.isReversed()).isFalse();
    assertThat(ReversalResult.UNKNOWN.code()).isNull();
    assertThat(ReversalResult.ALREADY_REVERSED.hint()).contains("do not reverse it again");
  }

  @Test
  void reversalResult_initiatorCodes_areConfigurationErrors() {
    assertThat(ReversalResult.INITIATOR_INVALID.isConfigurationError()).isTrue();
    assertThat(ReversalResult.CREDENTIAL_LOCKED.isConfigurationError()).isTrue();
    assertThat(ReversalResult.INITIATOR_NOT_PERMITTED.isConfigurationError()).isTrue();
    assertThat(ReversalResult.NOT_PERMITTED.isConfigurationError()).isTrue();
    assertThat(ReversalResult.INSUFFICIENT_BALANCE.isConfigurationError()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "0, SUCCESS",
    "15, DUPLICATE_DETECTED",
    "17, INTERNAL_FAILURE",
    "18, INITIATOR_CREDENTIAL_CHECK_FAILED",
    "19, MESSAGE_SEQUENCING_FAILURE",
    "20, UNRESOLVED_INITIATOR",
    "21, INITIATOR_NOT_PERMITTED",
    "22, INITIATOR_NOT_ACTIVE",
    "24, MISSING_MANDATORY_FIELDS",
    "25, INVALID_REQUEST_PARAMETERS",
    "26, SYSTEM_BUSY",
    "29, INVALID_COMMAND",
    "2001, INITIATOR_INVALID",
    "2032, RECEIPT_NOT_FOUND",
    "8006, CREDENTIAL_LOCKED",
    "SFC_IC0003, OPERATOR_DOES_NOT_EXIST",
    "R000001, UNKNOWN"
  })
  void accountQueryResult_codesOfApiMd74And75_mapToTheirMeaning(
      String code, AccountQueryResult expected) {
    assertThat(AccountQueryResult.of(code)).isEqualTo(expected);
  }

  @Test
  void accountQueryResult_kinds_areDistinguished() {
    assertThat(AccountQueryResult.of(0).isSuccess()).isTrue();
    assertThat(AccountQueryResult.of("2001").isConfigurationError()).isTrue();
    assertThat(AccountQueryResult.of("8006").isConfigurationError()).isTrue();
    assertThat(AccountQueryResult.of("26").isTransient()).isTrue();
    assertThat(AccountQueryResult.of("2032").isTransient()).isFalse();
    assertThat(AccountQueryResult.of("2032").isConfigurationError()).isFalse();
    assertThat(AccountQueryResult.of((Object) null)).isEqualTo(AccountQueryResult.UNKNOWN);
  }
}
