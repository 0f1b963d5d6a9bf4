package dev.mpesa.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;

/**
 * Jackson set up for Daraja: unknown fields ignored, single objects accepted where arrays are
 * expected, numbers and strings accepted for each other, floats read as {@link BigDecimal}.
 */
public final class Json {

  /**
   * A reader for pure parsing (callbacks) that need no client. {@link ObjectReader} is immutable
   * and thread-safe, so sharing it is not shared mutable state.
   */
  public static final ObjectReader TREE_READER = newMapper().reader();

  /**
   * A number such as {@code 1e999999999} is short on the wire but has a billion digits in plain
   * notation; beyond this scale its text stays in scientific notation.
   */
  private static final int MAX_PLAIN_SCALE = 64;

  /** Longer strings are not amounts; parsing them as BigDecimal would cost time for nothing. */
  private static final int MAX_NUMERIC_TEXT = 64;

  private Json() {}

  /** A new mapper with the SDK's settings: one per client, never one per call. */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        // Error messages must not quote a body that may hold a phone number or a password.
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, null))
        .build();
  }

  /** The text of a node that is a string or a number (numbers in plain notation); else null. */
  public static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      if (node.isIntegralNumber()) {
        return node.asText(); // plain digits for int, long and BigInteger nodes alike
      }
      BigDecimal d = node.decimalValue();
      return Math.abs((long) d.scale()) > MAX_PLAIN_SCALE ? d.toString() : d.toPlainString();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return Boolean.toString(node.booleanValue());
    }
    return null;
  }

  /**
   * A decimal from a number or a numeric string ({@code 1}, {@code 1.00}, {@code "1.00"}); null if
   * absent, blank or not numeric.
   */
  public static BigDecimal decimal(JsonNode node) {
    if (node != null && node.isNumber()) {
      return node.decimalValue();
    }
    String t = text(node);
    if (t == null || t.isBlank() || t.length() > MAX_NUMERIC_TEXT) {
      return null;
    }
    try {
      return new BigDecimal(t.strip().replace(",", ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
