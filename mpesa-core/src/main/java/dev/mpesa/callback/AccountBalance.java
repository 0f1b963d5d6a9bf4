package dev.mpesa.callback;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One account of a short code's balance, as M-Pesa reports it in the {@code AccountBalance}
 * parameter of an Account Balance result ({@link AccountBalanceResult}), the {@code
 * DebitAccountBalance} parameter of a reversal result ({@link TransactionReversalResult}) and the
 * {@code DebitPartyAffectedAccountBalance} parameter of a B2B result ({@link B2bPaymentResult})
 * (API.md §5.11).
 *
 * <p>Daraja sends balances as one string: accounts separated by {@code &}, fields by {@code |}, in
 * the order {@code name|currency|current|available|reserved|uncleared}, for example {@code Working
 * Account|KES|700000.00|700000.00|0.00|0.00&Utility Account|KES|228037.00|...}. Account names seen
 * include {@code Working Account}, {@code Float Account}, {@code Utility Account} (receives PayBill
 * payments; B2C pays out of it), {@code Merchant Account} (receives till payments), {@code Charges
 * Paid Account} (normally negative) and {@code Organization Settlement Account}.
 *
 * @param name the account's name, such as {@code Utility Account}
 * @param currency the currency, such as {@code KES}; null if missing
 * @param current the current balance; null if missing or not a number
 * @param available the available balance; null if missing or not a number
 * @param reserved the reserved balance; null if missing or not a number
 * @param uncleared the uncleared balance; null if missing or not a number
 */
public record AccountBalance(
    String name,
    String currency,
    BigDecimal current,
    BigDecimal available,
    BigDecimal reserved,
    BigDecimal uncleared) {

  /** Longest balance string parsed; real ones are a few hundred characters. */
  static final int MAX_INPUT = 16_384;

  /**
   * Reads every account of a balance string. Lenient, as Daraja's strings vary: fields are trimmed,
   * a missing field or one that is not a number gives null, empty segments and segments without a
   * name are skipped, unknown account names are kept as they are, and amounts may carry thousands
   * separators. Never throws on content.
   *
   * @param value the {@code AccountBalance} (or {@code DebitAccountBalance}) value; null or blank
   *     gives an empty list
   * @return the accounts in Daraja's order, unmodifiable
   * @throws IllegalArgumentException if {@code value} is longer than 16,384 characters
   */
  public static List<AccountBalance> parse(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    if (value.length() > MAX_INPUT) {
      throw new IllegalArgumentException(
          "a balance string is at most " + MAX_INPUT + " characters, got " + value.length());
    }
    List<AccountBalance> accounts = new ArrayList<>();
    for (String segment : value.split("&")) {
      String[] fields = segment.split("\\|", -1);
      String name = field(fields, 0);
      if (name == null) {
        continue;
      }
      accounts.add(
          new AccountBalance(
              name,
              field(fields, 1),
              amount(fields, 2),
              amount(fields, 3),
              amount(fields, 4),
              amount(fields, 5)));
    }
    return Collections.unmodifiableList(accounts);
  }

  /**
   * The account called {@code name} (ignoring case and surrounding spaces) in a balance string.
   *
   * @param value the balance string, as for {@link #parse(String)}
   * @param name an account name, such as {@code "Utility Account"}
   * @return the first account of that name, or empty
   */
  public static Optional<AccountBalance> find(String value, String name) {
    String wanted = name == null ? "" : name.strip();
    return parse(value).stream().filter(a -> a.name().equalsIgnoreCase(wanted)).findFirst();
  }

  private static String field(String[] fields, int i) {
    if (i >= fields.length) {
      return null;
    }
    String f = fields[i].strip();
    return f.isEmpty() ? null : f;
  }

  private static BigDecimal amount(String[] fields, int i) {
    String f = field(fields, i);
    if (f == null || f.length() > 64) {
      return null;
    }
    try {
      return new BigDecimal(f.replace(",", ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
