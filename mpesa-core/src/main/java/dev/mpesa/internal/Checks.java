package dev.mpesa.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Local validation shared by every request record, so that each product checks a field the same way
 * and says so in the same words. Every method throws {@link IllegalArgumentException} naming the
 * field, a missing required value included: request validation never throws a {@link
 * NullPointerException}.
 */
public final class Checks {
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private Checks() {}

  /**
   * A required value.
   *
   * @param what the field's name ({@code "amount"}), or a sentence that already says it is required
   * @throws IllegalArgumentException if {@code value} is null
   */
  public static <T> T required(T value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what.contains("required") ? what : what + " is required");
    }
    return value;
  }

  /** A required string of {@code min}..{@code max} characters without surrounding spaces. */
  public static String text(String field, String value, int min, int max) {
    required(value, field);
    if (!value.equals(value.strip())) {
      throw new IllegalArgumentException(field + " has leading or trailing spaces");
    }
    if (value.length() < min || value.length() > max) {
      throw new IllegalArgumentException(
          field + " must be " + min + " to " + max + " characters, got " + value.length());
    }
    return value;
  }

  /** An optional string: null, or as {@link #text}. */
  public static String optionalText(String field, String value, int min, int max) {
    return value == null ? null : text(field, value, min, max);
  }

  /** A required string of digits, {@code min}..{@code max} long (short codes, tills). */
  public static String digits(String field, String value, int min, int max) {
    required(value, field);
    if (!DIGITS.matcher(value).matches() || value.length() < min || value.length() > max) {
      throw new IllegalArgumentException(
          field + " must be " + min + " to " + max + " digits, got '" + value + "'");
    }
    return value;
  }

  /**
   * A whole number of shillings within {@code [min, max]}: the one amount check of every request,
   * with one message.
   */
  public static long amount(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field
              + " must be a whole number of shillings "
              + (max == Long.MAX_VALUE ? ">= " + min : "from " + min + " to " + max)
              + ", got "
              + value);
    }
    return value;
  }

  /** A whole number of shillings of at least {@code min}, for amounts Daraja caps nowhere. */
  public static long amount(String field, long value, long min) {
    return amount(field, value, min, Long.MAX_VALUE);
  }

  /**
   * A phone number as a builder takes it: null stays null (the request then names the missing
   * field), anything else must parse.
   *
   * @throws IllegalArgumentException if it is not a Kenyan mobile number
   */
  public static dev.mpesa.phone.PhoneNumber phone(String value) {
    return value == null ? null : dev.mpesa.phone.PhoneNumber.parse(value);
  }

  /** Whether {@code s} is null or only white space. */
  public static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * Parses a callback URL: required, no surrounding spaces (Daraja answers "Invalid CallBackURL"),
   * absolute http(s) with a host. Rules that depend on the environment (https, a public host) are
   * {@link CallbackUrls#check}'s.
   */
  public static URI callbackUrl(String field, String url) {
    required(url, field);
    if (!url.equals(url.strip())) {
      throw new IllegalArgumentException(field + " has leading or trailing spaces");
    }
    try {
      return callbackUrl(field, new URI(url));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(field + " is not a valid URL: " + e.getMessage(), e);
    }
  }

  /** Checks a callback URL given as a {@link URI}: absolute http(s) with a host. */
  public static URI callbackUrl(String field, URI url) {
    required(url, field);
    String scheme = url.getScheme();
    if (!url.isAbsolute()
        || url.getHost() == null
        || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException(field + " must be an absolute http(s) URL, got " + url);
    }
    return url;
  }
}
