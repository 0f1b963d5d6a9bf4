package dev.mpesa.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The reversal result codes of API.md §7.3. */
class ReversalResultTest {

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
    "0, COMPLETED",
    "R000001, COMPLETED",
    "R000002, FAILED",
    "1, FAILED",
    "21, FAILED",
    "2001, FAILED",
    "8006, FAILED",
    "1032, UNKNOWN"
  })
  void status_documentedCodes_moneyBackIsCompleted(String code, PaymentStatus expected) {
    assertThat(ReversalResult.of(code).status()).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(ReversalResult.class)
  void status_everyView_completedExactlyWhenReversed(ReversalResult result) {
    assertThat(result.status() == PaymentStatus.COMPLETED).isEqualTo(result.isReversed());
  }

  @Test
  void reversal_viewOfResultCode_isTheSameAsOf() {
    assertThat(ResultCode.of("R000002").reversal())
        .isEqualTo(ReversalResult.INVALID_ORIGINAL_TRANSACTION);
    assertThat(ResultCode.of(0).reversal()).isEqualTo(ReversalResult.REVERSED);
    assertThat(ResultCode.of("77777").reversal()).isEqualTo(ReversalResult.UNKNOWN);
  }
}
