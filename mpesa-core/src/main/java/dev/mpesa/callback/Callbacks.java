package dev.mpesa.callback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.internal.json.Json;
import dev.mpesa.result.ResultCode;
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
    JsonNode root = CallbackJson.readObject(STK, body);
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
      throw new CallbackParseException(STK + "Body.stkCallback.ResultCode is not a code", e);
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
}
