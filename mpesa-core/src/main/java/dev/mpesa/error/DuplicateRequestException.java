package dev.mpesa.error;

import dev.mpesa.result.DarajaError;

/**
 * Daraja has already seen this request: for example a reused {@code OriginatorConversationID}
 * ({@code 500.002.1001}). The earlier request exists; query its status rather than sending again.
 */
public class DuplicateRequestException extends MpesaApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link MpesaApiException} for the parameters. */
  public DuplicateRequestException(
      String operation,
      int httpStatus,
      String errorCode,
      String errorMessage,
      String requestId,
      DarajaError error,
      Throwable cause) {
    super(operation, httpStatus, errorCode, errorMessage, requestId, error, cause);
  }
}
