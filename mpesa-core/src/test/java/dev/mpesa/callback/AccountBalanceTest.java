package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.testing.Fixtures;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the balance strings of API.md §5.11. */
class AccountBalanceTest {

  @Test
  void parse_balanceOfTheApiMdResult_readsEveryAccount() throws Exception {
    JsonNode result = new ObjectMapper().readTree(Fixtures.read("results/balance-success.json"));
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
}
