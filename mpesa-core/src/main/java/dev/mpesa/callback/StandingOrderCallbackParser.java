package dev.mpesa.callback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.result.ResultCode;
import java.util.Map;

/**
 * Parses the M-Pesa Ratiba standing-order callback (API.md §5.15): {@code
 * {"responseHeader":{...},"responseBody":{"responseData":[{"name":...,"value":...}]}}}, with any
 * casing of every key ({@code ResponseHeader}, {@code ResponseData}, {@code Name}/{@code Value}).
 *
 * <p>Required: a {@code responseHeader} object with a {@code requestRefID} or a {@code
 * responseRefID} (string or number, not blank), and a result code: the header's {@code
 * responseCode}, or the {@code responseCode} pair when the header has none. The pairs may be an
 * array, a single object, empty or absent, and are looked up by name, never by position. Stateless
 * and thread-safe.
 */
final class StandingOrderCallbackParser {

  static final String KIND = "Ratiba callback: ";

  private StandingOrderCallbackParser() {}

  /** Parses the raw bytes, decoded as strict UTF-8. */
  static StandingOrderCallback parse(byte[] body) {
    return parse(CallbackJson.utf8(KIND, body));
  }

  /**
   * Parses a Ratiba standing-order callback.
   *
   * @throws CallbackParseException if the body is null, blank, not exactly one JSON object, has no
   *     {@code responseHeader} object, lacks both reference ids, or has no usable result code
   */
  static StandingOrderCallback parse(String body) {
    JsonNode root = CallbackJson.readObject(KIND, body);
    JsonNode header = CallbackJson.requireObject(KIND, root, "responseHeader", "responseHeader");
    Map<String, String> data =
        CallbackJson.texts(
            CallbackJson.pairs(
                CallbackJson.field(root, "responseBody"), "responseData", "name", "value"));

    String requestRefId = CallbackFields.text(header, "requestRefID");
    String responseRefId = CallbackFields.text(header, "responseRefID");
    if (isBlank(requestRefId) && isBlank(responseRefId)) {
      throw CallbackJson.fail(
          KIND, "responseHeader.requestRefID and responseHeader.responseRefID are missing");
    }

    return new StandingOrderCallback(
        requestRefId,
        responseRefId,
        resultCode(header, data),
        CallbackFields.text(header, "responseDescription"),
        CallbackFields.lookup(data, "TransactionID"),
        CallbackFields.lookup(data, "Status"),
        CallbackFields.lookup(data, "Msisdn"),
        data,
        body);
  }

  private static ResultCode resultCode(JsonNode header, Map<String, String> data) {
    JsonNode inHeader = CallbackJson.field(header, "responseCode");
    if (inHeader != null && !inHeader.isNull()) {
      return CallbackFields.requireCode(
          KIND, header, "responseCode", "responseHeader.responseCode");
    }
    String pair = CallbackFields.lookup(data, "responseCode");
    if (isBlank(pair)) {
      throw CallbackJson.fail(KIND, "responseHeader.responseCode is missing");
    }
    return CallbackFields.code(KIND, pair, "responseBody.responseData responseCode");
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
