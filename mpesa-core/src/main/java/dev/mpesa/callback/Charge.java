package dev.mpesa.callback;

import java.math.BigDecimal;

/**
 * A charge as a result reports it in {@code DebitPartyCharges}: {@code
 * "<description>|<currency>|<amount>"}, for example {@code "Fee For B2C Payment|KES|22.40"}, or a
 * plain amount. Immutable and thread-safe.
 *
 * @param description what the charge is for, such as {@code Business Pay Bill Charge}; null if not
 *     given
 * @param currency the currency, such as {@code KES}; null if not given
 * @param amount the amount, with at least two decimal places; null if missing or not a number
 */
public record Charge(String description, String currency, BigDecimal amount) {

  /**
   * Reads a charge. Lenient: fields are trimmed, a missing field gives null, and a value without
   * {@code |} is read as a plain amount.
   *
   * @param text the parameter's value
   * @return the charge, or null if {@code text} is null or blank (Daraja sends {@code ""} when no
   *     charge applies)
   */
  public static Charge parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.indexOf('|') < 0) {
      return new Charge(null, null, ResultValues.amount(text));
    }
    String[] fields = text.split("\\|", -1);
    return new Charge(
        ResultValues.text(fields[0]),
        fields.length > 1 ? ResultValues.text(fields[1]) : null,
        fields.length > 2 ? ResultValues.amount(fields[2]) : null);
  }
}
