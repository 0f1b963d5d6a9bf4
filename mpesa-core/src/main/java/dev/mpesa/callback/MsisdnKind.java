package dev.mpesa.callback;

import dev.mpesa.phone.PhoneNumber;
import java.util.regex.Pattern;

/**
 * What a customer number in a callback actually holds. Daraja rarely sends the whole number: C2B v2
 * masks it ({@code "2547 ***** 126"}), C2B v1 sends its SHA-256 hash, Ratiba masks it ({@code
 * "254******867"}); only older payloads carry it in clear. Never use such a value as an identifier
 * or to contact the customer without checking its kind.
 */
public enum MsisdnKind {
  /** Part of the number is hidden with {@code *}, as C2B v2 and Ratiba send it. */
  MASKED,
  /**
   * A SHA-256 hash in hexadecimal, as C2B v1 sends it. It is still personal data: the few billion
   * Kenyan numbers are quickly hashed, so a hash is as sensitive as the number.
   */
  HASHED,
  /** A whole Kenyan mobile number that {@link PhoneNumber#parse(String)} accepts. */
  CLEAR,
  /** Absent, blank, or a form the SDK does not recognise. */
  UNKNOWN;

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  /**
   * The kind of a number as a callback sent it.
   *
   * @param msisdn the value exactly as sent; may be null
   * @return its kind, never null
   */
  public static MsisdnKind of(String msisdn) {
    if (msisdn == null || msisdn.isBlank()) {
      return UNKNOWN;
    }
    String s = msisdn.strip();
    if (s.indexOf('*') >= 0) {
      return MASKED;
    }
    if (SHA256_HEX.matcher(s).matches()) {
      return HASHED;
    }
    try {
      PhoneNumber.parse(s);
      return CLEAR;
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
