package dev.mpesa.callback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.json.Json;
import dev.mpesa.result.ResultCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reading the flat callbacks (C2B, B2B Express Checkout, Bill Manager, Ratiba) on top of {@link
 * CallbackJson}: optional text, required codes and amounts, and the date formats Daraja uses. Every
 * failure is a {@link CallbackParseException} whose message names the field, never its value.
 */
final class CallbackFields {

  private static final Pattern FOURTEEN_DIGITS = Pattern.compile("\\d{14}");
  private static final Pattern ISO_DATE_PREFIX = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([ T].*)?");
  private static final DateTimeFormatter COMPACT_TIME =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter ISO_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private CallbackFields() {}

  /**
   * The text of an optional string-or-number field, as sent; null if absent, null or a container.
   */
  static String text(JsonNode parent, String name) {
    return Json.text(CallbackJson.field(parent, name));
  }

  /** A required result code (string or number) in Daraja's meaning, normalised. */
  static ResultCode requireCode(String kind, JsonNode parent, String name, String path) {
    return code(kind, CallbackJson.requireText(kind, parent, name, path), path);
  }

  /** A code from text already read, or a parse failure naming {@code path}. */
  static ResultCode code(String kind, String text, String path) {
    try {
      return ResultCode.of(text);
    } catch (IllegalArgumentException e) {
      throw Errors.callbackParse(kind + path + " is not a code", e);
    }
  }

  /**
   * A required amount of money: a number or numeric string, greater than zero, normalised to at
   * least two decimals. Daraja never reports a payment of nothing or less, so such a body is not a
   * payment callback.
   */
  static BigDecimal requireAmount(String kind, JsonNode parent, String name, String path) {
    JsonNode node = CallbackJson.field(parent, name);
    if (node == null || node.isNull()) {
      throw CallbackJson.fail(kind, path + " is missing");
    }
    if (!node.isTextual() && !node.isNumber()) {
      throw CallbackJson.fail(kind, path + " must be a string or a number");
    }
    BigDecimal amount = CallbackJson.decimal(node);
    if (amount == null) {
      throw CallbackJson.fail(kind, path + " is not an amount");
    }
    if (amount.signum() <= 0) {
      throw CallbackJson.fail(kind, path + " must be greater than zero");
    }
    return CallbackJson.money(amount);
  }

  /** An optional amount: null when absent, empty or not numeric (an empty balance, say). */
  static BigDecimal optionalAmount(JsonNode parent, String name) {
    return CallbackJson.money(CallbackJson.decimal(CallbackJson.field(parent, name)));
  }

  /** A {@code yyyyMMddHHmmss} time (East Africa Time), or empty if absent or not a valid time. */
  static Optional<LocalDateTime> compactTime(String text) {
    if (text == null || !FOURTEEN_DIGITS.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(text, COMPACT_TIME));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The date of a {@code yyyy-MM-dd} value, possibly followed by a time ({@code "2021-09-15
   * 00:00:00.00"}); empty if absent or not a valid date.
   */
  static Optional<LocalDate> isoDate(String text) {
    if (text == null || !ISO_DATE_PREFIX.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.substring(0, 10), ISO_DATE));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The value of {@code key} in name/value pairs: the exact key first, then ignoring case. */
  static String lookup(Map<String, String> pairs, String key) {
    if (pairs.containsKey(key)) {
      return pairs.get(key);
    }
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** A description of a raw body for {@code toString()}: its length, never its content. */
  static String rawJsonSummary(String rawJson) {
    return rawJson == null ? "null" : "<" + rawJson.length() + " chars>";
  }
}
