package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MsisdnKindTest {

  @ParameterizedTest(name = "[{0}] is {1}")
  @DisplayName("§10 #23: masked, hashed and clear numbers are told apart")
  @CsvSource(
      delimiter = '|',
      value = {
        "2547 ***** 126                                                   | MASKED",
        "254******867                                                     | MASKED",
        "2547******49                                                     | MASKED",
        "bbff37cea44ac0b2d964ee0dfb8d2df8513dc7ba1b36129a929fc3fbd6dd4af4 | HASHED",
        "BBFF37CEA44AC0B2D964EE0DFB8D2DF8513DC7BA1B36129A929FC3FBD6DD4AF4 | HASHED",
        "254708374149                                                     | CLEAR",
        "0708374149                                                       | CLEAR",
        "+254 712 345 678                                                 | CLEAR",
        "254112345678                                                     | CLEAR",
        "2547220000                                                       | UNKNOWN",
        "bbff37cea44ac0b2d964ee0dfb8d2df8513dc7ba1b36129a929fc3fbd6dd4af  | UNKNOWN",
        "zzff37cea44ac0b2d964ee0dfb8d2df8513dc7ba1b36129a929fc3fbd6dd4af4 | UNKNOWN",
        "255712345678                                                     | UNKNOWN",
        "not a number                                                     | UNKNOWN"
      })
  void of_values_areClassified(String msisdn, MsisdnKind expected) {
    assertThat(MsisdnKind.of(msisdn)).isEqualTo(expected);
  }

  @Test
  void of_nullOrBlank_isUnknown() {
    assertThat(MsisdnKind.of(null)).isEqualTo(MsisdnKind.UNKNOWN);
    assertThat(MsisdnKind.of("")).isEqualTo(MsisdnKind.UNKNOWN);
    assertThat(MsisdnKind.of("   ")).isEqualTo(MsisdnKind.UNKNOWN);
  }
}
