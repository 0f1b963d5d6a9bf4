package dev.mpesa.callback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.result.ResultCode;

/**
 * Parses the B2B Express Checkout callback (API.md §5.10), one flat camelCase object. {@code
 * requestId} and {@code resultCode} (string or number, not blank) are required; everything else is
 * optional. Fields are matched exactly first, then ignoring case; unknown fields are ignored.
 * Stateless and thread-safe.
 */
final class B2bExpressCallbackParser {

  static final String KIND = "B2B Express Checkout callback: ";

  private B2bExpressCallbackParser() {}

  /** Parses the raw bytes, decoded as strict UTF-8. */
  static B2bExpressCallback parse(byte[] body) {
    return parse(CallbackJson.utf8(KIND, body));
  }

  /**
   * Parses a B2B Express Checkout callback.
   *
   * @throws CallbackParseException if the body is null, blank, not exactly one JSON object, or
   *     lacks a usable {@code requestId} or {@code resultCode}
   */
  static B2bExpressCallback parse(String body) {
    JsonNode root = CallbackJson.readObject(KIND, body);
    String requestId = CallbackJson.requireText(KIND, root, "requestId", "requestId");
    ResultCode resultCode = CallbackFields.requireCode(KIND, root, "resultCode", "resultCode");
    return new B2bExpressCallback(
        requestId,
        resultCode,
        CallbackFields.text(root, "resultDesc"),
        CallbackFields.text(root, "resultType"),
        CallbackFields.optionalAmount(root, "amount"),
        CallbackFields.text(root, "transactionId"),
        CallbackFields.text(root, "conversationID"),
        CallbackFields.text(root, "paymentReference"),
        CallbackFields.text(root, "status"),
        body);
  }
}
