package dev.mpesa.result;

import dev.mpesa.internal.Checks;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Daraja result code, kept as the string Daraja meant.
 *
 * <p>Daraja sends the same field as a number ({@code 0}, {@code 1032}), a string ({@code "0"}) or
 * an alphanumeric code ({@code "SFC_IC0003"}, {@code "R000002"}); all normalise to a string here,
 * so {@code 0}, {@code "0"} and {@code 0.0} are equal. The enum views give a code's meaning per
 * product, because the same number means different things ({@code 2001} is a wrong PIN in M-Pesa
 * Express, bad initiator credentials elsewhere): {@link #stk()}, {@link #b2c()}, {@link
 * #reversal()} and {@link #accountQuery()}.
 *
 * @param value the code as a string, never null or blank
 */
public record ResultCode(String value) {

  /** Longest code accepted: real codes are under 20 characters. */
  public static final int MAX_LENGTH = 32;

  private static final Pattern NUMERIC = Pattern.compile("-?([0-9]+)(?:\\.([0-9]+))?");

  /** The success code, {@code "0"}. */
  public static final ResultCode SUCCESS = new ResultCode("0");

  /**
   * Validates and normalises {@code value}: surrounding spaces go, and a number loses its leading
   * zeros and a fraction of zeros ({@code "01032"} and {@code "1032.00"} are {@code "1032"}).
   *
   * @throws IllegalArgumentException if {@code value} is null
   * @throws IllegalArgumentException if it is blank or longer than {@link #MAX_LENGTH}
   */
  public ResultCode {
    Checks.required(value, "value");
    value = value.replace('\u00A0', ' ').strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a result code cannot be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a result code is at most " + MAX_LENGTH + " characters, got " + value.length());
    }
    value = normalise(value);
  }

  /**
   * The code for a string or number as Daraja sent it.
   *
   * @param raw a {@link String} or a finite {@link Number}
   * @throws IllegalArgumentException if {@code raw} is null, blank, too long, not finite, or
   *     neither string nor number
   */
  public static ResultCode of(Object raw) {
    if (raw instanceof Double d && (d.isNaN() || d.isInfinite())
        || raw instanceof Float f && (f.isNaN() || f.isInfinite())) {
      throw new IllegalArgumentException("a result code must be a finite number, got " + raw);
    }
    if (raw instanceof BigDecimal d && Math.abs((long) d.scale()) <= MAX_LENGTH) {
      return new ResultCode(d.toPlainString());
    }
    if (raw instanceof Number || raw instanceof String) {
      // Number.toString never expands an exponent, so a huge number stays short text.
      return new ResultCode(raw.toString());
    }
    throw new IllegalArgumentException("a result code must be a string or a number, got " + raw);
  }

  private static String normalise(String s) {
    if (isCanonical(s)) {
      return s; // the usual case: "0", "1032", "SFC_IC0003"
    }
    // "0.0", "1032.00" and "01032" come from clients that round-tripped the number as a float.
    Matcher m = NUMERIC.matcher(s);
    if (!m.matches()) {
      return s;
    }
    String fraction = m.group(2);
    if (fraction != null && !fraction.chars().allMatch(c -> c == '0')) {
      return s;
    }
    String digits = m.group(1).replaceFirst("^0+(?=.)", "");
    boolean negative = s.startsWith("-") && !digits.equals("0");
    return negative ? "-" + digits : digits;
  }

  /** Digits without a leading zero (or just "0"), or a code that does not start like a number. */
  private static boolean isCanonical(String s) {
    char first = s.charAt(0);
    if (first != '-' && (first < '0' || first > '9')) {
      return true; // cannot be a number in any notation normalise() rewrites
    }
    if (first == '0') {
      return s.length() == 1;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Whether the code is {@code 0}: the request succeeded. */
  public boolean isSuccess() {
    return "0".equals(value);
  }

  /** The M-Pesa Express view of this code ({@link StkResult#UNKNOWN} if not an STK code). */
  public StkResult stk() {
    return StkResult.of(value);
  }

  /**
   * The B2C and B2Pochi view of this code, which also reads the generic codes of top-up results
   * ({@link B2cResult#UNKNOWN} if not a B2C code).
   */
  public B2cResult b2c() {
    return B2cResult.of(this);
  }

  /** The reversal view of this code ({@link ReversalResult#UNKNOWN} if not a reversal code). */
  public ReversalResult reversal() {
    return ReversalResult.of(this);
  }

  /**
   * The Account Balance and Transaction Status view of this code ({@link
   * AccountQueryResult#UNKNOWN} if not one of their codes).
   */
  public AccountQueryResult accountQuery() {
    return AccountQueryResult.of(this);
  }

  @Override
  public String toString() {
    return value;
  }
}
