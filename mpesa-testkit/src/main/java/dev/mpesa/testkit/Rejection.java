package dev.mpesa.testkit;

/**
 * A synchronous refusal, answered with Daraja's error envelope ({@code requestId}, {@code
 * errorCode}, {@code errorMessage}; API.md §6) or, for OAuth's bad credentials, an empty body.
 */
final class Rejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int httpStatus;
  final String errorCode;
  final String errorMessage;

  /** Overrides the generated {@code requestId} (STK query errors echo the CheckoutRequestID). */
  final String requestId;

  Rejection(int httpStatus, String errorCode, String errorMessage, String requestId) {
    super(errorCode + " " + errorMessage, null, false, false);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.requestId = requestId;
  }

  Rejection(int httpStatus, String errorCode, String errorMessage) {
    this(httpStatus, errorCode, errorMessage, null);
  }

  /** {@code 400.002.02 Bad Request - Invalid <field>}: the gateway names the first bad field. */
  static Rejection invalid(String field) {
    return new Rejection(400, "400.002.02", "Bad Request - Invalid " + field);
  }

  /** {@code 400.002.05 Invalid Request Payload}: not JSON, or not the expected shape. */
  static Rejection payload() {
    return new Rejection(400, "400.002.05", "Invalid Request Payload");
  }

  /** {@code 500.001.1001} with Daraja's text (wrong credentials, merchant unknown, busy, ...). */
  static Rejection coreError(String message) {
    return new Rejection(500, "500.001.1001", message);
  }

  /** {@code 500.002.1001 Duplicate OriginatorConversationID.} (B2C v3, B2Pochi). */
  static Rejection duplicateOriginatorConversationId() {
    return new Rejection(500, "500.002.1001", "Duplicate OriginatorConversationID.");
  }

  /** Bad consumer key or secret: HTTP 400 with an empty body (API.md §2). */
  static Rejection badConsumerCredentials() {
    return new Rejection(400, null, null);
  }

  boolean emptyBody() {
    return errorCode == null;
  }
}
