package dev.mpesa.result;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A Daraja result code, kept as the string Daraja meant.
 *
 * <p>Daraja sends the same field as a number ({@code 0}, {@code 1032}), a string ({@code "0"}) or
 * an alphanumeric code ({@code "SFC_IC0003"}, {@code "R000002"}); all normalise to a string here,
 * so {@code 0}, {@code "0"} and {@code 0.0} are equal. {@link #stk()} gives the enum view for
 * M-Pesa Express.
 *
 * @param value the code as a string, never null or blank
 */
public record ResultCode(String value) {

  /** The success code, {@code "0"}. */
  public static final ResultCode SUCCESS = new ResultCode("0");

  /** Validates and normalises {@code value}. */
  public ResultCode {
    Objects.requireNonNull(value, "value");
    value = normalise(value.trim());
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a result code cannot be blank");
    }
  }

  /**
   * The code for a string or number as Daraja sent it.
   *
   * @param raw a {@link String} or {@link Number}
   * @throws IllegalArgumentException if {@code raw} is null, blank or neither string nor number
   */
  public static ResultCode of(Object raw) {
    if (raw instanceof Number n) {
      return new ResultCode(new BigDecimal(n.toString()).toPlainString());
    }
    if (raw instanceof String s) {
      return new ResultCode(s);
    }
    throw new IllegalArgumentException("a result code must be a string or a number, got " + raw);
  }

  private static String normalise(String s) {
    // "0.0", "1032.00" and "01032" come from clients that round-tripped the number as a float.
    if (!s.isEmpty() && s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
      try {
        BigDecimal d = new BigDecimal(s);
        if (d.signum() == 0) {
          return "0";
        }
        if (d.stripTrailingZeros().scale() <= 0) {
          return d.toBigIntegerExact().toString();
        }
      } catch (NumberFormatException | ArithmeticException e) {
        return s;
      }
    }
    return s;
  }

  /** Whether the code is {@code 0}: the request succeeded. */
  public boolean isSuccess() {
    return "0".equals(value);
  }

  /** The M-Pesa Express view of this code ({@link StkResult#UNKNOWN} if not an STK code). */
  public StkResult stk() {
    return StkResult.of(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
