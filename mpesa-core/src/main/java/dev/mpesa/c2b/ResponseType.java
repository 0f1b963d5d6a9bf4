package dev.mpesa.c2b;

import dev.mpesa.internal.Checks;

/**
 * What M-Pesa does with a payment when the short code's validation URL cannot be reached or does
 * not answer in time (about 8 seconds): Daraja's {@code ResponseType}, sent exactly as {@code
 * Completed} or {@code Cancelled}.
 *
 * <p>It matters only when external validation is enabled for the short code (off by default;
 * Safaricom enables it on request). Without validation, every payment completes and only the
 * confirmation URL is called.
 */
public enum ResponseType {
  /** {@code Completed}: the payment goes through, and the confirmation URL is still called. */
  COMPLETED("Completed"),
  /** {@code Cancelled}: the payment is cancelled, silently. */
  CANCELLED("Cancelled");

  private final String wireValue;

  ResponseType(String wireValue) {
    this.wireValue = wireValue;
  }

  /** The value on the wire: {@code Completed} or {@code Cancelled}, in that exact spelling. */
  public String wireValue() {
    return wireValue;
  }

  /**
   * The response type for Daraja's exact spelling.
   *
   * @param wireValue {@code "Completed"} or {@code "Cancelled"}
   * @return the matching constant
   * @throws IllegalArgumentException for anything else, including another casing ({@code
   *     "completed"}, {@code "COMPLETED"}) or spelling ({@code "Canceled"}): Daraja accepts only
   *     these two strings
   */
  public static ResponseType of(String wireValue) {
    Checks.required(wireValue, "responseType is required");
    for (ResponseType t : values()) {
      if (t.wireValue.equals(wireValue)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "responseType must be exactly \"Completed\" or \"Cancelled\" (sentence case), got \""
            + wireValue
            + "\"");
  }
}
