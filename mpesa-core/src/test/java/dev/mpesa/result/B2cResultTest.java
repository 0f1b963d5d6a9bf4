package dev.mpesa.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.testing.Fixtures;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The B2C and B2Pochi result codes of API.md §7.2. */
class B2cResultTest {

  @ParameterizedTest
  @CsvSource({
    "0, SUCCESS",
    "1, INSUFFICIENT_FUNDS",
    "2, BELOW_MINIMUM",
    "3, ABOVE_MAXIMUM",
    "4, DAILY_LIMIT_EXCEEDED",
    "8, MAXIMUM_BALANCE_EXCEEDED",
    "11, DEBIT_PARTY_INVALID_STATE",
    "15, DUPLICATE_DETECTED",
    "17, INTERNAL_FAILURE",
    "21, INITIATOR_NOT_ALLOWED",
    "26, SYSTEM_BUSY",
    "2001, INITIATOR_INVALID",
    "2006, ACCOUNT_STATUS_NOT_ALLOWED",
    "2028, NOT_PERMITTED",
    "2040, CUSTOMER_NOT_REGISTERED",
    "8006, CREDENTIAL_LOCKED",
    "SFC_IC0003, OPERATOR_DOES_NOT_EXIST"
  })
  void of_documentedCode_mapsToItsView(String code, B2cResult expected) {
    assertThat(B2cResult.of(code)).isEqualTo(expected);
    assertThat(expected.code()).isEqualTo(code);
  }

  @Test
  void of_numberOrString_givesTheSameView() {
    assertThat(B2cResult.of(2001)).isEqualTo(B2cResult.INITIATOR_INVALID);
    assertThat(B2cResult.of("2001")).isEqualTo(B2cResult.INITIATOR_INVALID);
    assertThat(B2cResult.of(new BigDecimal("0.00"))).isEqualTo(B2cResult.SUCCESS);
    assertThat(B2cResult.of(ResultCode.of("0"))).isEqualTo(B2cResult.SUCCESS);
  }

  @Test
  void of_unknownBlankOrNull_isUnknownNotAnException() {
    assertThat(B2cResult.of("R000002")).isEqualTo(B2cResult.UNKNOWN);
    assertThat(B2cResult.of("   ")).isEqualTo(B2cResult.UNKNOWN);
    assertThat(B2cResult.of((Object) null)).isEqualTo(B2cResult.UNKNOWN);
    assertThat(B2cResult.of((ResultCode) null)).isEqualTo(B2cResult.UNKNOWN);
    assertThat(B2cResult.UNKNOWN.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(B2cResult.UNKNOWN.isFinal()).isFalse();
  }

  /** A.4: credentials, roles and account state are never fixed by resending. */
  @Test
  void isConfigurationError_credentialsRolesAndAccountState() {
    Set<B2cResult> configuration = EnumSet.noneOf(B2cResult.class);
    for (B2cResult r : B2cResult.values()) {
      if (r.isConfigurationError()) {
        configuration.add(r);
      }
    }
    assertThat(configuration)
        .containsExactlyInAnyOrder(
            B2cResult.DEBIT_PARTY_INVALID_STATE,
            B2cResult.INITIATOR_NOT_ALLOWED,
            B2cResult.INITIATOR_INVALID,
            B2cResult.ACCOUNT_STATUS_NOT_ALLOWED,
            B2cResult.NOT_PERMITTED,
            B2cResult.CREDENTIAL_LOCKED);
  }

  /** §8: after 15, 17 or 26 check Transaction Status first; the payment's fate is not known. */
  @Test
  void status_ambiguousCodes_areUnknownNotFailed() {
    assertThat(B2cResult.DUPLICATE_DETECTED.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(B2cResult.INTERNAL_FAILURE.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(B2cResult.SYSTEM_BUSY.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(B2cResult.INSUFFICIENT_FUNDS.status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(B2cResult.SUCCESS.status()).isEqualTo(PaymentStatus.COMPLETED);
  }

  @Test
  void everyView_hasMeaningAndHint() {
    for (B2cResult r : B2cResult.values()) {
      assertThat(r.meaning()).isNotBlank();
      assertThat(r.hint()).isNotBlank();
    }
  }

  @Test
  void of_resultCodesOfTheApiMdSamples_readAsNumbers() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode success = mapper.readTree(Fixtures.read("results/b2c-success.json"));
    JsonNode failure = mapper.readTree(Fixtures.read("results/b2c-failure-initiator-invalid.json"));

    B2cResult paid = B2cResult.of(success.at("/Result/ResultCode").numberValue());
    B2cResult refused = B2cResult.of(failure.at("/Result/ResultCode").numberValue());

    assertThat(paid).isEqualTo(B2cResult.SUCCESS);
    assertThat(paid.isFinal()).isTrue();
    assertThat(refused).isEqualTo(B2cResult.INITIATOR_INVALID);
    assertThat(refused.isConfigurationError()).isTrue();
    assertThat(refused.hint()).contains("8006");
  }

  @Test
  void b2c_viewOfResultCode_isTheSameAsOf() {
    assertThat(ResultCode.of(2001).b2c()).isEqualTo(B2cResult.INITIATOR_INVALID);
    assertThat(ResultCode.of("SFC_IC0003").b2c()).isEqualTo(B2cResult.OPERATOR_DOES_NOT_EXIST);
    assertThat(ResultCode.of("R000002").b2c()).isEqualTo(B2cResult.UNKNOWN);
  }
}
