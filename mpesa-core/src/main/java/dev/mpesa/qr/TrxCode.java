package dev.mpesa.qr;

/**
 * What a customer who scans a dynamic QR code does (Daraja's {@code TrxCode}, API.md §5.14), and so
 * what kind of credit party identifier ({@code CPI}) the code carries.
 */
public enum TrxCode {
  /** {@code BG}: pay a merchant (Buy Goods); the CPI is the till number. */
  BUY_GOODS("BG", false),
  /** {@code WA}: withdraw cash at an agent; the CPI is the agent's till number. */
  WITHDRAW_AT_AGENT("WA", false),
  /** {@code PB}: pay a PayBill or business number; the CPI is that number. */
  PAY_BILL("PB", false),
  /** {@code SM}: send money to a phone; the CPI is the phone number. */
  SEND_MONEY("SM", true),
  /** {@code SB}: send to a business whose number is in phone-number (MSISDN) form. */
  SEND_TO_BUSINESS("SB", true);

  private final String code;
  private final boolean phoneNumber;

  TrxCode(String code, boolean phoneNumber) {
    this.code = code;
    this.phoneNumber = phoneNumber;
  }

  /** The two letters Daraja expects in {@code TrxCode}, such as {@code "BG"}. */
  public String code() {
    return code;
  }

  /** Whether the CPI is a phone number ({@code SM}, {@code SB}) rather than a till or PayBill. */
  public boolean takesPhoneNumber() {
    return phoneNumber;
  }

  /**
   * The type with the given two-letter code (any case, surrounding spaces ignored).
   *
   * @throws IllegalArgumentException if the code is not BG, WA, PB, SM or SB
   */
  public static TrxCode fromCode(String code) {
    if (code != null) {
      String c = code.strip();
      for (TrxCode t : values()) {
        if (t.code.equalsIgnoreCase(c)) {
          return t;
        }
      }
    }
    throw new IllegalArgumentException(
        "TrxCode must be one of BG, WA, PB, SM or SB, got '" + code + "'");
  }
}
