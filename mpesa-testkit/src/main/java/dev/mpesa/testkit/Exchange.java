package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One request as an endpoint sees it: the path, the bearer token that passed, and the JSON body,
 * with the field checks Daraja's gateway makes. A failed check throws the {@link Rejection} Daraja
 * answers with ({@code 400.002.02 Bad Request - Invalid <field>}).
 */
final class Exchange {
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern WHOLE = Pattern.compile("\\d+(\\.0+)?");
  private static final String[] BANNED_URL_WORDS = {
    "m-pesa", "mpesa", "safaricom", "exe", "exec", "cmd", "sql", "query"
  };

  final String method;
  final String path;
  final String rawBody;
  final JsonNode body;
  final Instant receivedAt;

  Exchange(String method, String path, String rawBody, JsonNode body, Instant receivedAt) {
    this.method = method;
    this.path = path;
    this.rawBody = rawBody;
    this.body = body;
    this.receivedAt = receivedAt;
  }

  /** The body as a JSON object, or {@code 400.002.05 Invalid Request Payload}. */
  JsonNode object() {
    if (body == null || !body.isObject()) {
      throw Rejection.payload();
    }
    return body;
  }

  /** The body as a JSON array, or {@code 400.002.05 Invalid Request Payload}. */
  JsonNode array() {
    if (body == null || !body.isArray()) {
      throw Rejection.payload();
    }
    return body;
  }

  /** A field as text (numbers too, as Daraja accepts both); {@code null} if absent or blank. */
  String text(String field) {
    JsonNode node = object().get(field);
    if (node == null || node.isNull() || node.isContainerNode()) {
      return null;
    }
    String value = node.isNumber() ? node.numberValue().toString() : node.asText();
    return value.isBlank() ? null : value;
  }

  /** A required field, at most {@code max} characters. */
  String required(String field, int max) {
    String value = text(field);
    if (value == null || value.length() > max) {
      throw Rejection.invalid(field);
    }
    return value;
  }

  /** An optional field, at most {@code max} characters; {@code null} when absent. */
  String optional(String field, int max) {
    String value = text(field);
    if (value != null && value.length() > max) {
      throw Rejection.invalid(field);
    }
    return value;
  }

  /** A required string of {@code min}..{@code max} digits (short codes, tills). */
  String digits(String field, int min, int max) {
    String value = text(field);
    if (value == null
        || value.length() < min
        || value.length() > max
        || !DIGITS.matcher(value).matches()) {
      throw Rejection.invalid(field);
    }
    return value;
  }

  /** A required whole amount in {@code min}..{@code max} shillings; decimals are refused. */
  long amount(String field, long min, long max) {
    String value = text(field);
    if (value == null || !WHOLE.matcher(value).matches()) {
      throw Rejection.invalid(field);
    }
    BigDecimal amount = new BigDecimal(value);
    if (amount.compareTo(BigDecimal.valueOf(min)) < 0
        || amount.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw Rejection.invalid(field);
    }
    return amount.longValueExact();
  }

  /** A required MSISDN Daraja accepts (API.md §10 #22, plus the fake's scripted test numbers). */
  String phone(String field) {
    String value = text(field);
    if (value == null || !Msisdns.isAcceptedMsisdn(value)) {
      throw Rejection.invalid(field);
    }
    return value;
  }

  /** A required value among {@code allowed} (exact case, as Daraja compares). */
  String oneOf(String field, String... allowed) {
    String value = text(field);
    for (String a : allowed) {
      if (a.equals(value)) {
        return value;
      }
    }
    throw Rejection.invalid(field);
  }

  /**
   * A required callback URL: absolute http(s) with a host, no spaces. With {@code strictWords},
   * also refuses the words API.md §9.2 bans (stated for C2B URLs).
   */
  URI url(String field, boolean strictWords) {
    String value = text(field);
    if (value == null || !value.equals(value.strip()) || value.contains(" ")) {
      throw Rejection.invalid(field);
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw Rejection.invalid(field);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !(scheme.equals("http") || scheme.equals("https"))) {
      throw Rejection.invalid(field);
    }
    if (strictWords && containsBannedWord(value)) {
      throw Rejection.invalid(field);
    }
    return uri;
  }

  private static boolean containsBannedWord(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    for (String word : BANNED_URL_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
