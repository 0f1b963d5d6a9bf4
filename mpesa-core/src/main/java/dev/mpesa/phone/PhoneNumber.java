package dev.mpesa.phone;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Kenyan mobile number in the form Daraja expects: {@code 2547NNNNNNNN} or {@code 2541NNNNNNNN},
 * twelve digits, no plus sign.
 *
 * <p>{@link #parse(String)} accepts what people type: {@code 0712 345 678}, {@code
 * +254-712-345-678}, {@code (0712) 345.678}, {@code 712345678}, {@code 0254712345678}... {@link
 * #toString()} and {@link #masked()} print {@code 2547******78}, so a phone number never reaches a
 * log in full by accident; {@link #value()} gives the whole number for the wire.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PhoneNumber {
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u00A0\\-.()]");
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern KENYAN_MOBILE = Pattern.compile("254[17]\\d{8}");

  private final String value;

  private PhoneNumber(String value) {
    this.value = value;
  }

  /**
   * Parses a Kenyan mobile number in any common form.
   *
   * @param input what the customer typed, for example {@code "0712 345 678"} or {@code
   *     "+254712345678"}
   * @return the number in {@code 2547NNNNNNNN} / {@code 2541NNNNNNNN} form
   * @throws IllegalArgumentException if {@code input} is null, blank, or not a Kenyan mobile
   *     number; the message says why and shows the input masked
   */
  public static PhoneNumber parse(String input) {
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("phone number is blank");
    }
    String s = SEPARATORS.matcher(input.strip()).replaceAll("");
    boolean plus = s.startsWith("+");
    if (plus) {
      s = s.substring(1);
    }
    if (!DIGITS.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "phone number "
              + maskInput(input)
              + " may contain only digits, spaces, dashes, dots, parentheses and a leading +");
    }
    String normalised;
    if (plus) {
      normalised = s;
    } else if (s.startsWith("00254")) {
      normalised = s.substring(2); // the international dialling prefix
    } else if (s.startsWith("254")) {
      normalised = s;
    } else if (s.startsWith("0254")) {
      normalised = s.substring(1);
    } else if (s.startsWith("0")) {
      normalised = "254" + s.substring(1);
    } else if (s.length() == 9) {
      normalised = "254" + s;
    } else {
      normalised = s;
    }
    if (normalised.length() == 13 && normalised.startsWith("2540")) {
      // "254 0712 345 678": the country code typed in front of the local form.
      normalised = "254" + normalised.substring(4);
    }
    if (!KENYAN_MOBILE.matcher(normalised).matches()) {
      throw new IllegalArgumentException(
          "phone number "
              + maskInput(input)
              + " is not a Kenyan mobile number: expected 07NNNNNNNN, 01NNNNNNNN, 2547NNNNNNNN,"
              + " 2541NNNNNNNN or +254 followed by 7 or 1 and eight more digits");
    }
    return new PhoneNumber(normalised);
  }

  /** The number as Daraja expects it: {@code 2547NNNNNNNN} or {@code 2541NNNNNNNN}. */
  public String value() {
    return value;
  }

  /**
   * The number in the local form {@code 07NNNNNNNN} or {@code 01NNNNNNNN}, as Pull's nominated
   * number and Bill Manager's phone fields are written in Daraja's samples.
   */
  public String localForm() {
    return "0" + value.substring(3);
  }

  /** The number with its middle hidden, {@code 2547******78}: safe for logs and messages. */
  public String masked() {
    return value.substring(0, 4) + "******" + value.substring(10);
  }

  /** Masks a string that is (or may be) a phone number, for logs; never returns it whole. */
  public static String mask(String raw) {
    if (raw == null) {
      return "null";
    }
    return maskInput(raw);
  }

  private static String maskInput(String input) {
    String s = input.strip();
    if (s.length() > 24) {
      return maskInput(s.substring(0, 16)) + "...(" + s.length() + " chars)";
    }
    if (s.length() <= 4) {
      return "*".repeat(s.length());
    }
    int keepStart = Math.min(4, s.length() / 3);
    int keepEnd = Math.min(2, s.length() / 4);
    return s.substring(0, keepStart)
        + "*".repeat(s.length() - keepStart - keepEnd)
        + s.substring(s.length() - keepEnd);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PhoneNumber other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  /** The masked number: {@code 2547******78}. Use {@link #value()} for the whole number. */
  @Override
  public String toString() {
    return masked();
  }
}
