package dev.mpesa.callback;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.json.Json;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tolerant reading every callback parser shares: one JSON object per body, fields by exact name
 * then ignoring case, key/value lists that may be an array, a single object, empty or absent,
 * values as strings or numbers. Failures are {@link CallbackParseException}s whose messages name
 * the problem (prefixed with the kind of callback) but never quote the body.
 */
final class CallbackJson {
  // Daraja sends exactly one JSON document; anything after it means the body is not a callback.
  private static final ObjectReader READER =
      Json.TREE_READER.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Beyond this many integer digits a value is not an amount of shillings. */
  static final int MAX_INTEGER_DIGITS = 30;

  private CallbackJson() {}

  /** Decodes a body as strict UTF-8. */
  static String utf8(String kind, byte[] body) {
    if (body == null) {
      throw fail(kind, "the body is null");
    }
    if (body.length > Callbacks.MAX_BODY_BYTES) {
      throw tooLarge(kind, body.length, "bytes");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw Errors.callbackParse(kind + "the body is not valid UTF-8", e);
    }
  }

  /** The body's one JSON object (a leading byte-order mark is tolerated). */
  static JsonNode readObject(String kind, String body) {
    if (body == null) {
      throw fail(kind, "the body is null");
    }
    if (body.length() > Callbacks.MAX_BODY_BYTES) {
      throw tooLarge(kind, body.length(), "characters");
    }
    if (body.isBlank()) {
      throw fail(kind, "the body is empty");
    }
    // A byte order mark is not JSON, but some proxies add one; it is not worth rejecting a payment.
    String json = body.charAt(0) == '\uFEFF' ? body.substring(1) : body;
    JsonNode root;
    try {
      root = READER.readTree(json);
    } catch (JsonProcessingException e) {
      throw Errors.callbackParse(kind + "the body is not valid JSON" + where(e), e);
    } catch (NumberFormatException | ArithmeticException e) {
      // Jackson reads floats as BigDecimal: an exponent such as 1e100000000000 does not fit.
      throw Errors.callbackParse(kind + "the body holds a number out of range", e);
    }
    if (root == null || root.isMissingNode()) {
      throw fail(kind, "the body is empty");
    }
    if (!root.isObject()) {
      throw fail(kind, "the body must be a JSON object, not " + describe(root));
    }
    return root;
  }

  private static CallbackParseException tooLarge(String kind, int size, String unit) {
    return fail(
        kind,
        "the body holds "
            + size
            + " "
            + unit
            + ", more than the "
            + Callbacks.MAX_BODY_BYTES
            + " a callback may have (Daraja's are a few hundred); it was not parsed");
  }

  /** A required child object. */
  static JsonNode requireObject(String kind, JsonNode parent, String name, String path) {
    JsonNode node = field(parent, name);
    if (node == null || node.isNull()) {
      throw fail(kind, path + " is missing");
    }
    if (!node.isObject()) {
      throw fail(kind, path + " must be a JSON object, not " + describe(node));
    }
    return node;
  }

  /** A required string-or-number child, as text, not blank. */
  static String requireText(String kind, JsonNode parent, String name, String path) {
    JsonNode node = field(parent, name);
    if (node == null || node.isNull()) {
      throw fail(kind, path + " is missing");
    }
    if (!node.isTextual() && !node.isNumber()) {
      throw fail(kind, path + " must be a string or a number, not " + describe(node));
    }
    String text = Json.text(node);
    if (text == null || text.isBlank()) {
      throw fail(kind, path + " is blank");
    }
    return text;
  }

  /**
   * Key/value pairs by key: {@code list} is an array of pairs, a single pair object, or an object
   * holding them under {@code listField} (either shape). A pair without a value maps to null; pairs
   * that are not objects or lack a text key are skipped; when a key repeats, the first pair with a
   * value wins. Never null.
   */
  static Map<String, JsonNode> pairs(
      JsonNode list, String listField, String keyField, String valueField) {
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    if (list == null || !list.isContainerNode()) {
      return byKey;
    }
    JsonNode items =
        list.isArray() || field(list, keyField) != null ? list : field(list, listField);
    List<JsonNode> elements;
    if (items == null) {
      elements = List.of();
    } else if (items.isObject()) {
      elements = List.of(items);
    } else if (items.isArray()) {
      elements = new ArrayList<>(items.size());
      items.forEach(elements::add);
    } else {
      elements = List.of();
    }
    for (JsonNode element : elements) {
      if (!element.isObject()) {
        continue;
      }
      JsonNode keyNode = field(element, keyField);
      if (keyNode == null || !keyNode.isTextual() || keyNode.textValue().isBlank()) {
        continue;
      }
      String key = keyNode.textValue().strip();
      JsonNode value = field(element, valueField);
      if (value != null && value.isNull()) {
        value = null;
      }
      if (byKey.get(key) == null) {
        byKey.put(key, value);
      }
    }
    return byKey;
  }

  /** Pairs as text (see {@link #valueText}), in the order sent; values may be null. */
  static Map<String, String> texts(Map<String, JsonNode> pairs) {
    Map<String, String> texts = new LinkedHashMap<>();
    pairs.forEach((key, value) -> texts.put(key, valueText(value)));
    return texts;
  }

  /**
   * The child {@code name} of an object: the exact name first, then the first name equal to it
   * ignoring case; null if absent or {@code parent} is not an object.
   */
  static JsonNode field(JsonNode parent, String name) {
    if (parent == null || !parent.isObject()) {
      return null;
    }
    JsonNode exact = parent.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> e : parent.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The text of a value: a string or number as text, an object or array as JSON; else null. */
  static String valueText(JsonNode node) {
    if (node != null && node.isContainerNode()) {
      return node.toString();
    }
    return Json.text(node);
  }

  /** A plausible amount from a number or numeric string; null if absent, not numeric or absurd. */
  static BigDecimal decimal(JsonNode node) {
    if (node == null) {
      return null;
    }
    BigDecimal d = Json.decimal(node);
    if (d == null || (long) d.precision() - d.scale() > MAX_INTEGER_DIGITS) {
      return null;
    }
    return d;
  }

  /**
   * An amount normalised to at least two decimal places, so {@code 1}, {@code 1.00} and {@code
   * "1.00"} are equal by {@code equals}; null stays null.
   */
  static BigDecimal money(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() < 2 && stripped.precision() - stripped.scale() <= MAX_INTEGER_DIGITS) {
      return stripped.setScale(2);
    }
    return stripped;
  }

  static CallbackParseException fail(String kind, String problem) {
    return Errors.callbackParse(kind + problem, null);
  }

  private static String where(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String describe(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
