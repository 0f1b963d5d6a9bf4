package dev.mpesa.error;

import dev.mpesa.result.DarajaError;

/**
 * Daraja rejected the request itself: a field it finds invalid ({@code 400.002.02 Bad Request -
 * Invalid ...}), a malformed payload, wrong STK credentials (passkey, short code) or a merchant it
 * does not know. Never retried: sending the same request again gives the same answer.
 */
public class InvalidRequestException extends MpesaApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link MpesaApiException} for the parameters. */
  public InvalidRequestException(
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
