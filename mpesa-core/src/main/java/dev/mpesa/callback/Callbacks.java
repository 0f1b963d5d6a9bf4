package dev.mpesa.callback;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.internal.json.Json;
import dev.mpesa.result.ResultCode;
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
 * Parses the callbacks Daraja POSTs to an integrator's server into typed records.
 *
 * <p>Daraja delivers the outcome of an asynchronous request as an HTTP POST to the URL the request
 * named; for M-Pesa Express that is {@code {"Body":{"stkCallback":{...}}}} at the {@code
 * CallBackURL}. The parsers here need no client and do no I/O: hand them the request body as
 * received and answer Daraja with HTTP 200 quickly.
 *
 * <p>Parsing is lenient where Daraja is known to drift: codes and values may be numbers or strings,
 * a list of one may arrive as a bare object, items may lack a {@code Value}, unknown fields are
 * ignored, and field names are matched exactly first and then ignoring case. It is strict where a
 * body cannot be a Daraja callback: anything that is not one complete JSON object with the expected
 * envelope, or that lacks the identifier correlating it with a request, raises {@link
 * CallbackParseException}, whose message names the problem but never quotes the body.
 *
 * <p>This class has no state and is thread-safe.
 */
public final class Callbacks {

  // Daraja sends exactly one JSON document; anything after it means the body is not a callback.
  private static final ObjectReader READER =
      Json.TREE_READER.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final String STK = "STK callback: ";

  private Callbacks() {}

  /**
   * Parses an M-Pesa Express (STK push) callback from the raw request bytes, decoded as UTF-8.
   *
   * @param body the HTTP request body exactly as received
   * @return the callback; a declined or cancelled payment is a callback too, not an exception
   * @throws CallbackParseException if {@code body} is null, not valid UTF-8, or not an STK callback
   *     (see {@link #parseStk(String)})
   */
  public static StkCallback parseStk(byte[] body) {
    if (body == null) {
      throw fail("the body is null");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw new CallbackParseException(STK + "the body is not valid UTF-8", e);
    }
    return parseStk(text);
  }

  /**
   * Parses an M-Pesa Express (STK push) callback, {@code {"Body":{"stkCallback":{...}}}}.
   *
   * <p>{@code CallbackMetadata} items are looked up by {@code Name}, never by position; Daraja
   * sends them only when {@code ResultCode} is 0, and a success without them still parses (with a
   * null amount). Items that are not objects or have no {@code Name} are skipped; when a name
   * repeats, the first item with a {@code Value} wins.
   *
   * @param body the HTTP request body exactly as received; kept as {@link StkCallback#rawJson()}
   * @return the callback; a declined or cancelled payment is a callback too, not an exception
   * @throws CallbackParseException if {@code body} is null, blank, not exactly one JSON object, has
   *     no {@code Body.stkCallback} object, or lacks a {@code CheckoutRequestID} (string or number,
   *     not blank) or a {@code ResultCode} (string or number, not blank)
   */
  public static StkCallback parseStk(String body) {
    JsonNode root = readObject(body);
    JsonNode envelope = requireObject(root, "Body", "Body");
    JsonNode callback = requireObject(envelope, "stkCallback", "Body.stkCallback");

    String checkoutRequestId =
        requireText(callback, "CheckoutRequestID", "Body.stkCallback.CheckoutRequestID");
    String code = requireText(callback, "ResultCode", "Body.stkCallback.ResultCode");
    ResultCode resultCode;
    try {
      resultCode = ResultCode.of(code);
    } catch (IllegalArgumentException e) {
      throw new CallbackParseException(STK + "Body.stkCallback.ResultCode is not a code", e);
    }

    Map<String, JsonNode> items = items(field(callback, "CallbackMetadata"));
    Map<String, String> metadata = new LinkedHashMap<>();
    items.forEach((name, value) -> metadata.put(name, valueText(value)));

    return new StkCallback(
        Json.text(field(callback, "MerchantRequestID")),
        checkoutRequestId,
        resultCode,
        Json.text(field(callback, "ResultDesc")),
        decimal(items.get("Amount")),
        Json.text(items.get("MpesaReceiptNumber")),
        decimal(items.get("Balance")),
        Json.text(items.get("TransactionDate")),
        Json.text(items.get("PhoneNumber")),
        metadata,
        body);
  }

  private static JsonNode readObject(String body) {
    if (body == null) {
      throw fail("the body is null");
    }
    if (body.isBlank()) {
      throw fail("the body is empty");
    }
    // A byte order mark is not JSON, but some proxies add one; it is not worth rejecting a payment.
    String json = body.charAt(0) == '\uFEFF' ? body.substring(1) : body;
    JsonNode root;
    try {
      root = READER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CallbackParseException(STK + "the body is not valid JSON" + where(e), e);
    }
    if (root == null || root.isMissingNode()) {
      throw fail("the body is empty");
    }
    if (!root.isObject()) {
      throw fail("the body must be a JSON object, not " + describe(root));
    }
    return root;
  }

  private static JsonNode requireObject(JsonNode parent, String name, String path) {
    JsonNode node = field(parent, name);
    if (node == null || node.isNull()) {
      throw fail(path + " is missing");
    }
    if (!node.isObject()) {
      throw fail(path + " must be a JSON object, not " + describe(node));
    }
    return node;
  }

  private static String requireText(JsonNode parent, String name, String path) {
    JsonNode node = field(parent, name);
    if (node == null || node.isNull()) {
      throw fail(path + " is missing");
    }
    if (!node.isTextual() && !node.isNumber()) {
      throw fail(path + " must be a string or a number, not " + describe(node));
    }
    String text = Json.text(node);
    if (text == null || text.isBlank()) {
      throw fail(path + " is blank");
    }
    return text;
  }

  /** The items of {@code CallbackMetadata} by name; an item without a value maps to null. */
  private static Map<String, JsonNode> items(JsonNode metadata) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    if (metadata == null || !metadata.isContainerNode()) {
      return byName;
    }
    JsonNode item = metadata.isArray() ? metadata : field(metadata, "Item");
    List<JsonNode> list;
    if (item == null) {
      list = List.of();
    } else if (item.isObject()) {
      list = List.of(item);
    } else if (item.isArray()) {
      list = new ArrayList<>(item.size());
      item.forEach(list::add);
    } else {
      list = List.of();
    }
    for (JsonNode element : list) {
      if (!element.isObject()) {
        continue;
      }
      JsonNode nameNode = field(element, "Name");
      if (nameNode == null || !nameNode.isTextual() || nameNode.textValue().isBlank()) {
        continue;
      }
      String name = nameNode.textValue().strip();
      JsonNode value = field(element, "Value");
      if (value != null && value.isNull()) {
        value = null;
      }
      if (byName.get(name) == null) {
        byName.put(name, value);
      }
    }
    return byName;
  }

  /**
   * The child {@code name} of an object: the exact name first, then the first name equal to it
   * ignoring case; null if absent or {@code parent} is not an object.
   */
  private static JsonNode field(JsonNode parent, String name) {
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

  /** The text of an item's value: a string or number as text, an object or array as JSON. */
  private static String valueText(JsonNode node) {
    if (node != null && node.isContainerNode()) {
      return node.toString();
    }
    return Json.text(node);
  }

  /** A plausible amount from a number or numeric string; null if absent, not numeric or absurd. */
  private static BigDecimal decimal(JsonNode node) {
    if (node == null) {
      return null;
    }
    BigDecimal d = Json.decimal(node);
    if (d == null || (long) d.precision() - d.scale() > StkCallback.MAX_INTEGER_DIGITS) {
      return null;
    }
    return d;
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

  private static CallbackParseException fail(String problem) {
    return new CallbackParseException(STK + problem, null);
  }
}
