package dev.mpesa.account;

/**
 * What kind of party an M-Pesa identifier names (Daraja's {@code IdentifierType}, API.md §4.4).
 *
 * <p>Daraja sends and expects these codes as JSON strings ({@code "4"}, never {@code 4}); {@link
 * #code()} is that string. The request builders of this package pick the type from the method used
 * to name the party ({@code shortCode(...)}, {@code tillNumber(...)}, {@code phoneNumber(...)}), so
 * a type and an identifier cannot disagree.
 */
public enum IdentifierType {
  /** A customer's phone number ({@code "1"}). */
  MSISDN("1"),
  /** A Buy Goods till number ({@code "2"}). */
  TILL_NUMBER("2"),
  /** An organisation short code: PayBill, B2C or head office ({@code "4"}). */
  SHORT_CODE("4"),
  /**
   * The receiver of a reversal ({@code "11"}): the only value Daraja accepts in a reversal's
   * (misspelt) {@code RecieverIdentifierType}, and valid nowhere else.
   */
  REVERSAL_RECEIVER("11");

  private final String code;

  IdentifierType(String code) {
    this.code = code;
  }

  /** The code Daraja expects on the wire, as a string: {@code "1"}, {@code "2"}, ... */
  public String code() {
    return code;
  }

  /**
   * The type with the given wire code.
   *
   * @param code {@code "1"}, {@code "2"}, {@code "4"} or {@code "11"}, surrounding spaces ignored
   * @throws IllegalArgumentException if the code is not one of those
   */
  public static IdentifierType fromCode(String code) {
    if (code != null) {
      String c = code.strip();
      for (IdentifierType t : values()) {
        if (t.code.equals(c)) {
          return t;
        }
      }
    }
    throw new IllegalArgumentException(
        "IdentifierType must be one of 1 (MSISDN), 2 (till), 4 (short code) or 11 (reversal"
            + " receiver), got '"
            + code
            + "'");
  }
}
