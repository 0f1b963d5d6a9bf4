package dev.mpesa.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Customer numbers as the desks read and write them: the local forms some products accept, and the
 * masks and hashes the callbacks carry instead of the whole number (API.md §10 #23). One place, so
 * that every product masks the way its samples do.
 */
final class Msisdns {
  private static final Pattern KENYAN_MOBILE = Pattern.compile("254[17]\\d{8}");

  private Msisdns() {}

  /** Whether the fake takes {@code msisdn} as a phone number: a Kenyan mobile or a guide number. */
  static boolean isAcceptedMsisdn(String msisdn) {
    return KENYAN_MOBILE.matcher(msisdn).matches()
        || msisdn.equals(SandboxNumbers.GUIDE_INSUFFICIENT_FUNDS)
        || msisdn.equals(SandboxNumbers.GUIDE_CANCELS)
        || msisdn.equals(SandboxNumbers.GUIDE_NEVER_ANSWERS);
  }

  /** {@code 0712345678}, {@code +254712345678}, {@code 712345678} become {@code 254712345678}. */
  static String normalise(String phone) {
    String digits = phone.replaceAll("[^0-9]", "");
    if (digits.length() == 10 && digits.startsWith("0")) {
      return "254" + digits.substring(1);
    }
    if (digits.length() == 9) {
      return "254" + digits;
    }
    return digits;
  }

  /**
   * A required number in {@code 2547...}, {@code 07...} or {@code +2547...} form (Bill Manager and
   * Pull's {@code NominatedNumber} accept the local form, API.md §10 #22), as {@code 2547...}.
   *
   * @throws Rejection {@code 400.002.02 Bad Request - Invalid <field>} otherwise
   */
  static String anyForm(Exchange ex, String field) {
    String value = ex.text(field);
    if (value == null || !value.matches("\\+?\\d{9,12}")) {
      throw Rejection.invalid(field);
    }
    String msisdn = normalise(value);
    if (!isAcceptedMsisdn(msisdn)) {
      throw Rejection.invalid(field);
    }
    return msisdn;
  }

  /** C2B v2: {@code "2547 ***** 126"}, the first four and the last three digits. */
  static String c2bMasked(String msisdn) {
    return keep(msisdn, 4, 3, " ***** ");
  }

  /** C2B v1: the SHA-256 of the number, lowercase hex. */
  static String sha256(String msisdn) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(msisdn.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Ratiba: {@code "254******867"}, the country code and the last three digits. */
  static String ratibaMasked(String msisdn) {
    return keep(msisdn, 3, 3, "******");
  }

  /** Pull Transactions: {@code "2547******00"}, the first four and the last two digits. */
  static String pullMasked(String msisdn) {
    return keep(msisdn, 4, 2, "******");
  }

  /** For logs: never the whole number. */
  static String forLog(String msisdn) {
    return keep(msisdn, 4, 2, "****");
  }

  private static String keep(String msisdn, int head, int tail, String mask) {
    if (msisdn == null || msisdn.length() < head + tail + 1) {
      return mask.strip();
    }
    return msisdn.substring(0, head) + mask + msisdn.substring(msisdn.length() - tail);
  }
}
