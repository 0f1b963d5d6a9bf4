package dev.mpesa.result;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The Account Balance and Transaction Status result codes of API.md §7.4 and §7.5. */
class AccountQueryResultTest {

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

  @ParameterizedTest
  @CsvSource({
    "0, COMPLETED",
    "15, UNKNOWN",
    "17, UNKNOWN",
    "19, UNKNOWN",
    "26, UNKNOWN",
    "18, FAILED",
    "2001, FAILED",
    "2032, FAILED",
    "SFC_IC0003, FAILED",
    "R000001, UNKNOWN"
  })
  void status_documentedCodes_transientAreUnknownNotFailed(String code, PaymentStatus expected) {
    assertThat(AccountQueryResult.of(code).status()).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(AccountQueryResult.class)
  void status_transientOrDuplicate_neverFailed(AccountQueryResult result) {
    if (result.isTransient() || result == AccountQueryResult.DUPLICATE_DETECTED) {
      assertThat(result.status()).isEqualTo(PaymentStatus.UNKNOWN);
    }
    assertThat(result.meaning()).isNotBlank();
    assertThat(result.hint()).isNotBlank();
  }

  @Test
  void accountQuery_viewOfResultCode_isTheSameAsOf() {
    assertThat(ResultCode.of(2032).accountQuery()).isEqualTo(AccountQueryResult.RECEIPT_NOT_FOUND);
    assertThat(ResultCode.of("0").accountQuery()).isEqualTo(AccountQueryResult.SUCCESS);
    assertThat(ResultCode.of("R000002").accountQuery()).isEqualTo(AccountQueryResult.UNKNOWN);
  }
}
