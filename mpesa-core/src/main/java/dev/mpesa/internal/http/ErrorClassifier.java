package dev.mpesa.internal.http;

import dev.mpesa.result.DarajaError;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a Daraja error answer by (operation, errorCode, message), falling back to the HTTP status
 * only when the body says nothing (API.md §6). One place, so every product classifies alike.
 */
public final class ErrorClassifier {

  private static final Set<String> TOKEN_CODES =
      Set.of("404.001.03", "400.003.01", "401.002.01", "401.003.01", "401.001");
  private static final Set<String> ENDPOINT_CODES =
      Set.of("404.001.01", "404.001.04", "404.002.01", "404.003.01", "405.001");

  private ErrorClassifier() {}

  /**
   * Classifies an error answer.
   *
   * @param op the operation that was answered
   * @param httpStatus the HTTP status
   * @param errorCode Daraja's {@code errorCode}, or null
   * @param errorMessage Daraja's {@code errorMessage}, or null
   * @param json whether the body was a JSON object
   */
  public static DarajaError classify(
      Operation op, int httpStatus, String errorCode, String errorMessage, boolean json) {
    boolean oauth = Operation.OAUTH.equals(op);
    if (oauth && (httpStatus == 400 || httpStatus == 401)) {
      return DarajaError.BAD_CONSUMER_CREDENTIALS;
    }
    if (!json) {
      // Text from an HTML page is not Daraja's: "being processed" or "busy" on a gateway page
      // says nothing about the request, so only the status counts.
      if (httpStatus == 429) {
        return DarajaError.TOO_MANY_REQUESTS;
      }
      return httpStatus >= 400 && httpStatus < 500
          ? DarajaError.UNKNOWN
          : DarajaError.NON_JSON_RESPONSE;
    }
    String code = errorCode == null ? "" : errorCode.strip();
    String m = errorMessage == null ? "" : errorMessage.toLowerCase(Locale.ROOT);
    if (code.startsWith("400.008.")) {
      return DarajaError.BAD_CONSUMER_CREDENTIALS;
    }
    if (m.contains("no apiproduct match")) {
      return DarajaError.PRODUCT_NOT_ENABLED;
    }
    if (TOKEN_CODES.contains(code) || m.contains("invalid access token")) {
      return DarajaError.INVALID_ACCESS_TOKEN;
    }
    if (code.equals("500.003.02") || m.contains("spike arrest") || m.contains("system is busy")) {
      return DarajaError.SPIKE_ARREST;
    }
    if (code.equals("500.003.03") || m.contains("quota violation")) {
      return DarajaError.QUOTA_EXCEEDED;
    }
    if (code.equals("500.002.1001") || m.contains("duplicate originatorconversationid")) {
      return DarajaError.DUPLICATE_REQUEST;
    }
    if (m.contains("unable to lock subscriber")) {
      return DarajaError.SUBSCRIBER_BUSY;
    }
    if (m.contains("being processed") || m.contains("still under processing")) {
      return DarajaError.TRANSACTION_PENDING;
    }
    if (m.contains("wrong credentials")) {
      return DarajaError.WRONG_CREDENTIALS;
    }
    if (m.contains("merchant does not exist")) {
      return DarajaError.MERCHANT_NOT_FOUND;
    }
    if (m.contains("transaction does not exist")) {
      return DarajaError.TRANSACTION_NOT_FOUND;
    }
    if (m.contains("already registered") || m.contains("duplicate notification info")) {
      return DarajaError.URLS_ALREADY_REGISTERED;
    }
    if (ENDPOINT_CODES.contains(code)) {
      return DarajaError.WRONG_ENDPOINT;
    }
    if (code.startsWith("400.")) {
      return DarajaError.INVALID_FIELD;
    }
    if (httpStatus == 429) {
      return DarajaError.TOO_MANY_REQUESTS;
    }
    if (httpStatus >= 500 || code.startsWith("500.") || code.startsWith("00.002")) {
      return DarajaError.SERVICE_UNAVAILABLE;
    }
    if (httpStatus == 400) {
      return DarajaError.INVALID_FIELD;
    }
    if (httpStatus == 404 || httpStatus == 405) {
      return DarajaError.WRONG_ENDPOINT;
    }
    return DarajaError.UNKNOWN;
  }
}
