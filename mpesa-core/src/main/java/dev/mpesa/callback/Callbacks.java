package dev.mpesa.callback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.json.Json;
import dev.mpesa.result.ResultCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the callbacks Daraja POSTs to an integrator's server into typed records.
 *
 * <p>Daraja delivers the outcome of an asynchronous request as an HTTP POST to the URL the request
 * named: for M-Pesa Express {@code {"Body":{"stkCallback":{...}}}} at the {@code CallBackURL}
 * ({@link #parseStk(String)}); for B2C, B2Pochi, B2B, top-up, tax remittance, Account Balance,
 * Transaction Status and Reversal {@code {"Result":{...}}} at the {@code ResultURL} ({@link
 * #parseResult(String)}) and, when the request timed out in Daraja's queue, a notice at the {@code
 * QueueTimeOutURL} ({@link #parseQueueTimeout(String)}). {@link #parse(String)} recognises which
 * one a body is. The parsers here need no client and do no I/O: hand them the request body as
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

  private static final String STK = "STK callback: ";
  private static final String RESULT = "Result callback: ";
  private static final String TIMEOUT = "QueueTimeOut callback: ";
  private static final String ANY = "Callback: ";

  /**
   * The largest callback body the parsers read: 64 KiB (65,536 bytes, or characters for a {@code
   * String} body). Daraja's callbacks are a few hundred bytes; a larger body is refused with a
   * {@link CallbackParseException} before any parsing, so a hostile POST cannot make a server parse
   * megabytes. Read at most {@code MAX_BODY_BYTES + 1} bytes from the request to apply the same
   * limit before buffering.
   */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** Longest conversation id accepted; Daraja documents at most 128 characters. */
  static final int MAX_ID_LENGTH = 256;

  private Callbacks() {}

  /**
   * Parses any callback this class knows from the raw request bytes, decoded as UTF-8.
   *
   * @param body the HTTP request body exactly as received
   * @return the callback (see {@link #parse(String)})
   * @throws CallbackParseException if {@code body} is null, not valid UTF-8, or not a callback this
   *     class knows
   */
  public static MpesaCallback parse(byte[] body) {
    return parse(CallbackJson.utf8(ANY, body));
  }

  /**
   * Parses a callback after recognising which kind it is, for a server that receives several kinds
   * at one URL: a body with a {@code Body} object is an M-Pesa Express callback ({@link
   * StkCallback}, as {@link #parseStk(String)}), a body with a {@code Result} object is a result
   * ({@link ResultCallback}, as {@link #parseResult(String)}), and the flat bodies of Ratiba
   * ({@code responseHeader}), B2B Express Checkout ({@code requestId} and {@code resultCode}) and
   * Bill Manager payments ({@code paidAmount} and {@code transactionId}) are read by their parsers.
   * Test the returned type with {@code instanceof} or a {@code switch} pattern.
   *
   * <p>A C2B body is refused here: validation and confirmation bodies are identical and only a
   * confirmation is a payment, so read them with {@link #parseC2bValidation(String)} or {@link
   * #parseC2bConfirmation(String)} according to the URL that received them.
   *
   * <p>A queue-timeout notice cannot be told from a result by its body alone (it arrives in the
   * same envelope): parsed here it is a timeout only if its {@code ResultDesc} says so. Parse
   * bodies received at a {@code QueueTimeOutURL} with {@link #parseQueueTimeout(String)}.
   *
   * @param body the HTTP request body exactly as received; kept as {@link MpesaCallback#rawJson()}
   * @return the callback
   * @throws CallbackParseException if {@code body} is null, blank, not exactly one JSON object, not
   *     a kind of callback this class knows, or malformed for its kind
   */
  public static MpesaCallback parse(String body) {
    JsonNode root = CallbackJson.readObject(ANY, body);
    if (CallbackJson.field(root, "Body") != null) {
      return readStk(root, body);
    }
    if (CallbackJson.field(root, "Result") != null) {
      return readResult(RESULT, root, body);
    }
    if (CallbackJson.field(root, "responseHeader") != null) {
      return StandingOrderCallbackParser.parse(body);
    }
    if (CallbackJson.field(root, "requestId") != null
        && CallbackJson.field(root, "resultCode") != null) {
      return B2bExpressCallbackParser.parse(body);
    }
    if (CallbackJson.field(root, "paidAmount") != null
        && CallbackJson.field(root, "transactionId") != null) {
      return BillPaymentNotificationParser.parse(body);
    }
    if (CallbackJson.field(root, "TransID") != null) {
      // Validation and confirmation bodies are identical, and only one of them is a payment.
      throw CallbackJson.fail(
          ANY,
          "a C2B body: parse it with parseC2bValidation or parseC2bConfirmation, by the URL that"
              + " received it (the body does not say which)");
    }
    throw CallbackJson.fail(ANY, "not a known Daraja callback");
  }

  /**
   * Parses a result from the raw request bytes, decoded as UTF-8.
   *
   * @param body the HTTP request body exactly as received
   * @return the result (see {@link #parseResult(String)})
   * @throws CallbackParseException if {@code body} is null, not valid UTF-8, or not a result
   */
  public static ResultCallback parseResult(byte[] body) {
    return parseResult(CallbackJson.utf8(RESULT, body));
  }

  /**
   * Parses the result of an asynchronous request, {@code {"Result":{...}}}, as Daraja POSTs it to
   * the request's {@code ResultURL} (B2C, B2Pochi, B2B, top-up, tax remittance, Account Balance,
   * Transaction Status, Reversal).
   *
   * <p>{@code ResultParameters.ResultParameter} and {@code ReferenceData.ReferenceItem} may be an
   * array, a single object, empty or absent; items are looked up by {@code Key}, never by position;
   * an item without a {@code Value} gives null; values that are numbers or strings are both kept as
   * text. Read the parameters of a product with its view, such as {@link
   * B2cPaymentResult#from(ResultCallback)}.
   *
   * @param body the HTTP request body exactly as received; kept as {@link ResultCallback#rawJson()}
   * @return the result; a failed payment is a result too, not an exception
   * @throws CallbackParseException if {@code body} is null, blank, not exactly one JSON object, has
   *     no {@code Result} object, has neither an {@code OriginatorConversationID} nor a {@code
   *     ConversationID} (string or number, not blank), or lacks a {@code ResultCode} (string or
   *     number, not blank)
   */
  public static ResultCallback parseResult(String body) {
    return readResult(RESULT, CallbackJson.readObject(RESULT, body), body);
  }

  /**
   * Parses a queue-timeout notice from the raw request bytes, decoded as UTF-8.
   *
   * @param body the HTTP request body exactly as received
   * @return the notice (see {@link #parseQueueTimeout(String)})
   * @throws CallbackParseException if {@code body} is null, not valid UTF-8, or unusable
   */
  public static ResultCallback parseQueueTimeout(byte[] body) {
    return parseQueueTimeout(CallbackJson.utf8(TIMEOUT, body));
  }

  /**
   * Parses a body posted to a request's {@code QueueTimeOutURL}: Daraja's notice that the request
   * timed out while waiting in its queue.
   *
   * <p>Daraja does not document this body. SDKs assume the {@code {"Result":{...}}} envelope of a
   * result, so it is read from there, or from the top level when there is no {@code Result} object;
   * every field but a conversation id is optional. The result always has {@link
   * ResultCallback#isTimeout()} true and {@link ResultCallback#status()} {@link
   * dev.mpesa.result.PaymentStatus#UNKNOWN}: a timeout does not say whether money moved, so check
   * with Transaction Status before sending the payment again.
   *
   * @param body the HTTP request body exactly as received; kept as {@link ResultCallback#rawJson()}
   * @return the notice, correlated with its request by its conversation ids
   * @throws CallbackParseException if {@code body} is null, blank, not exactly one JSON object, or
   *     has neither an {@code OriginatorConversationID} nor a {@code ConversationID}, since a
   *     notice that names no request cannot be acted on
   */
  public static ResultCallback parseQueueTimeout(String body) {
    JsonNode root = CallbackJson.readObject(TIMEOUT, body);
    JsonNode envelope = CallbackJson.field(root, "Result");
    if (envelope != null && envelope.isObject()) {
      return readResultFields(TIMEOUT, envelope, "Result.", body, true);
    }
    return readResultFields(TIMEOUT, root, "", body, true);
  }

  /**
   * Parses an M-Pesa Express (STK push) callback from the raw request bytes, decoded as UTF-8.
   *
   * @param body the HTTP request body exactly as received
   * @return the callback; a declined or cancelled payment is a callback too, not an exception
   * @throws CallbackParseException if {@code body} is null, not valid UTF-8, or not an STK callback
   *     (see {@link #parseStk(String)})
   */
  public static StkCallback parseStk(byte[] body) {
    return parseStk(CallbackJson.utf8(STK, body));
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
    return readStk(CallbackJson.readObject(STK, body), body);
  }

  /**
   * Parses a C2B validation request from the raw request bytes, decoded as UTF-8.
   *
   * @param body the HTTP request body exactly as received at the validation URL
   * @return the payment M-Pesa asks you to accept; its {@link C2bTransaction#status()} is {@link
   *     dev.mpesa.result.PaymentStatus#PENDING}
   * @throws CallbackParseException if {@code body} is null, not valid UTF-8, or not a C2B body (see
   *     {@link #parseC2bValidation(String)})
   */
  public static C2bTransaction parseC2bValidation(byte[] body) {
    return C2bCallbackParser.parseValidation(body);
  }

  /**
   * Parses a C2B validation request: the flat body Daraja POSTs to the validation URL, asking
   * whether to accept a payment it has <b>not made yet</b>. Answer within about 8 seconds with
   * {@link C2bValidationReply#toJson()}; never release value on a validation request.
   *
   * <p>The validation and confirmation bodies are identical; only the URL tells them apart, so call
   * this parser from the validation endpoint and {@link #parseC2bConfirmation(String)} from the
   * confirmation endpoint.
   *
   * @param body the HTTP request body exactly as received; kept as {@link C2bTransaction#rawJson()}
   * @return the payment M-Pesa asks you to accept; its {@link C2bTransaction#status()} is {@link
   *     dev.mpesa.result.PaymentStatus#PENDING}
   * @throws CallbackParseException if {@code body} is null, blank, not exactly one JSON object, or
   *     lacks a {@code TransID} (string or number, not blank) or a {@code TransAmount} (a number or
   *     numeric string greater than zero)
   */
  public static C2bTransaction parseC2bValidation(String body) {
    return C2bCallbackParser.parseValidation(body);
  }

  /**
   * Parses a C2B confirmation from the raw request bytes, decoded as UTF-8.
   *
   * @param body the HTTP request body exactly as received at the confirmation URL
   * @return the completed payment
   * @throws CallbackParseException if {@code body} is null, not valid UTF-8, or not a C2B body (see
   *     {@link #parseC2bConfirmation(String)})
   */
  public static C2bTransaction parseC2bConfirmation(byte[] body) {
    return C2bCallbackParser.parseConfirmation(body);
  }

  /**
   * Parses a C2B confirmation: the flat body Daraja POSTs to the confirmation URL once a customer
   * has paid the paybill or till, {@code {"TransID":"RKL51ZDR4F","TransAmount":"5.00",...}}. Answer
   * with {@link CallbackReply#confirmationReceived()}.
   *
   * @param body the HTTP request body exactly as received; kept as {@link C2bTransaction#rawJson()}
   * @return the completed payment; de-duplicate by {@link C2bTransaction#idempotencyKey()} (the
   *     {@code TransID})
   * @throws CallbackParseException if {@code body} is null, blank, not exactly one JSON object, or
   *     lacks a {@code TransID} (string or number, not blank) or a {@code TransAmount} (a number or
   *     numeric string greater than zero)
   */
  public static C2bTransaction parseC2bConfirmation(String body) {
    return C2bCallbackParser.parseConfirmation(body);
  }

  /**
   * Parses a B2B Express Checkout callback from the raw request bytes, decoded as UTF-8.
   *
   * @param body the HTTP request body exactly as received
   * @return the callback; a cancelled prompt is a callback too, not an exception
   * @throws CallbackParseException if {@code body} is null, not valid UTF-8, or not a B2B Express
   *     Checkout callback (see {@link #parseB2bExpress(String)})
   */
  public static B2bExpressCallback parseB2bExpress(byte[] body) {
    return B2bExpressCallbackParser.parse(body);
  }

  /**
   * Parses a B2B Express Checkout callback, the flat camelCase body Daraja POSTs to the request's
   * {@code callbackUrl}: {@code {"resultCode":"0","requestId":"...","amount":"71.0",...}}.
   *
   * @param body the HTTP request body exactly as received; kept as {@link
   *     B2bExpressCallback#rawJson()}
   * @return the callback; a cancelled prompt ({@code 4001}) is a callback too, not an exception
   * @throws CallbackParseException if {@code body} is null, blank, not exactly one JSON object, or
   *     lacks a {@code requestId} or a {@code resultCode} (string or number, not blank)
   */
  public static B2bExpressCallback parseB2bExpress(String body) {
    return B2bExpressCallbackParser.parse(body);
  }

  /**
   * Parses a Bill Manager payment notification from the raw request bytes, decoded as UTF-8.
   *
   * @param body the HTTP request body exactly as received
   * @return the payment
   * @throws CallbackParseException if {@code body} is null, not valid UTF-8, or not a payment
   *     notification (see {@link #parseBillPayment(String)})
   */
  public static BillPaymentNotification parseBillPayment(byte[] body) {
    return BillPaymentNotificationParser.parse(body);
  }

  /**
   * Parses a Bill Manager payment notification, the flat camelCase body Bill Manager POSTs to the
   * opt-in {@code callbackUrl}: {@code {"transactionId":"RJB53MTR1N","paidAmount":"50",...}}.
   * Answer with {@link BillPaymentReply#success()}; Bill Manager retries up to 5 times otherwise.
   *
   * @param body the HTTP request body exactly as received; kept as {@link
   *     BillPaymentNotification#rawJson()}
   * @return the payment; de-duplicate by {@link BillPaymentNotification#idempotencyKey()}
   * @throws CallbackParseException if {@code body} is null, blank, not exactly one JSON object, or
   *     lacks a {@code transactionId} (string or number, not blank) or a {@code paidAmount} (a
   *     number or numeric string greater than zero)
   */
  public static BillPaymentNotification parseBillPayment(String body) {
    return BillPaymentNotificationParser.parse(body);
  }

  /**
   * Parses an M-Pesa Ratiba standing-order callback from the raw request bytes, decoded as UTF-8.
   *
   * @param body the HTTP request body exactly as received
   * @return the callback; a declined or failed order is a callback too, not an exception
   * @throws CallbackParseException if {@code body} is null, not valid UTF-8, or not a Ratiba
   *     callback (see {@link #parseStandingOrder(String)})
   */
  public static StandingOrderCallback parseStandingOrder(byte[] body) {
    return StandingOrderCallbackParser.parse(body);
  }

  /**
   * Parses an M-Pesa Ratiba standing-order callback, {@code
   * {"responseHeader":{...},"responseBody":{"responseData":[{"name":...,"value":...}]}}}, with any
   * casing of its keys ({@code ResponseHeader}, {@code Name}/{@code Value}...). Pairs are looked up
   * by name, never by position.
   *
   * @param body the HTTP request body exactly as received; kept as {@link
   *     StandingOrderCallback#rawJson()}
   * @return the callback; a declined or failed order is a callback too, not an exception
   * @throws CallbackParseException if {@code body} is null, blank, not exactly one JSON object, has
   *     no {@code responseHeader} object, lacks both {@code requestRefID} and {@code
   *     responseRefID}, or has no usable {@code responseCode} (in the header or, failing that,
   *     among the pairs)
   */
  public static StandingOrderCallback parseStandingOrder(String body) {
    return StandingOrderCallbackParser.parse(body);
  }

  private static StkCallback readStk(JsonNode root, String body) {
    JsonNode envelope = CallbackJson.requireObject(STK, root, "Body", "Body");
    JsonNode callback =
        CallbackJson.requireObject(STK, envelope, "stkCallback", "Body.stkCallback");

    String checkoutRequestId =
        CallbackJson.requireText(
            STK, callback, "CheckoutRequestID", "Body.stkCallback.CheckoutRequestID");
    String code =
        CallbackJson.requireText(STK, callback, "ResultCode", "Body.stkCallback.ResultCode");
    ResultCode resultCode;
    try {
      resultCode = ResultCode.of(code);
    } catch (IllegalArgumentException e) {
      throw Errors.callbackParse(STK + "Body.stkCallback.ResultCode is not a code", e);
    }

    Map<String, JsonNode> items =
        CallbackJson.pairs(
            CallbackJson.field(callback, "CallbackMetadata"), "Item", "Name", "Value");

    return new StkCallback(
        Json.text(CallbackJson.field(callback, "MerchantRequestID")),
        checkoutRequestId,
        resultCode,
        Json.text(CallbackJson.field(callback, "ResultDesc")),
        CallbackJson.decimal(items.get("Amount")),
        Json.text(items.get("MpesaReceiptNumber")),
        CallbackJson.decimal(items.get("Balance")),
        Json.text(items.get("TransactionDate")),
        Json.text(items.get("PhoneNumber")),
        CallbackJson.texts(items),
        body);
  }

  private static ResultCallback readResult(String kind, JsonNode root, String body) {
    JsonNode result = CallbackJson.requireObject(kind, root, "Result", "Result");
    return readResultFields(kind, result, "Result.", body, false);
  }

  private static ResultCallback readResultFields(
      String kind, JsonNode result, String path, String body, boolean timeout) {
    String originatorConversationId = optionalId(kind, result, "OriginatorConversationID", path);
    if (originatorConversationId == null) {
      // C2B's responses misspell it; accept the same slip here.
      originatorConversationId = optionalId(kind, result, "OriginatorCoversationID", path);
    }
    String conversationId = optionalId(kind, result, "ConversationID", path);
    if (originatorConversationId == null && conversationId == null) {
      throw CallbackJson.fail(
          kind, path + "OriginatorConversationID and " + path + "ConversationID are both missing");
    }

    ResultCode resultCode = null;
    JsonNode codeNode = CallbackJson.field(result, "ResultCode");
    if (!timeout || codeNode != null && !codeNode.isNull()) {
      String code = CallbackJson.requireText(kind, result, "ResultCode", path + "ResultCode");
      try {
        resultCode = ResultCode.of(code);
      } catch (IllegalArgumentException e) {
        throw Errors.callbackParse(kind + path + "ResultCode is not a code", e);
      }
    }
    String resultDesc = scalar(CallbackJson.field(result, "ResultDesc"));
    boolean timedOut =
        timeout
            || resultCode != null
                && !resultCode.isSuccess()
                && ResultCallback.describesTimeout(resultDesc);

    return new ResultCallback(
        resultType(CallbackJson.field(result, "ResultType")),
        resultCode,
        resultDesc,
        originatorConversationId,
        conversationId,
        scalar(CallbackJson.field(result, "TransactionID")),
        allPairs(CallbackJson.field(result, "ResultParameters"), "ResultParameter"),
        CallbackJson.texts(
            CallbackJson.pairs(
                CallbackJson.field(result, "ReferenceData"), "ReferenceItem", "Key", "Value")),
        timedOut,
        body);
  }

  /** An optional id: absent, null or blank gives null; anything but a short scalar is refused. */
  private static String optionalId(String kind, JsonNode parent, String name, String path) {
    JsonNode node = CallbackJson.field(parent, name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() && !node.isNumber()) {
      throw CallbackJson.fail(
          kind, path + name + " must be a string or a number, not " + type(node));
    }
    String text = Json.text(node);
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() > MAX_ID_LENGTH) {
      throw CallbackJson.fail(
          kind, path + name + " is longer than " + MAX_ID_LENGTH + " characters");
    }
    return text;
  }

  /** {@code ResultType} normalised like a code ({@code 0}, {@code "0"}, {@code 0.0}); else null. */
  private static String resultType(JsonNode node) {
    String text = scalar(node);
    if (text == null) {
      return null;
    }
    try {
      return ResultCode.of(text).value();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The text of a string or number; null for anything else. */
  private static String scalar(JsonNode node) {
    return node != null && (node.isTextual() || node.isNumber()) ? Json.text(node) : null;
  }

  /**
   * Every {@code Key}/{@code Value} pair of a list that may be an array, a single pair, or an
   * object holding either under {@code listField}; a key that repeats keeps all its values in
   * order. Pairs that are not objects or lack a text key are skipped.
   */
  private static Map<String, List<String>> allPairs(JsonNode list, String listField) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    if (list == null || !list.isContainerNode()) {
      return byKey;
    }
    JsonNode items =
        list.isArray() || CallbackJson.field(list, "Key") != null
            ? list
            : CallbackJson.field(list, listField);
    if (items == null || !items.isContainerNode()) {
      return byKey;
    }
    Iterable<JsonNode> elements = items.isArray() ? items : List.of(items);
    for (JsonNode element : elements) {
      if (!element.isObject()) {
        continue;
      }
      JsonNode keyNode = CallbackJson.field(element, "Key");
      if (keyNode == null || !keyNode.isTextual() || keyNode.textValue().isBlank()) {
        continue;
      }
      byKey
          .computeIfAbsent(keyNode.textValue().strip(), k -> new ArrayList<>(1))
          .add(CallbackJson.valueText(CallbackJson.field(element, "Value")));
    }
    return byKey;
  }

  private static String type(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
