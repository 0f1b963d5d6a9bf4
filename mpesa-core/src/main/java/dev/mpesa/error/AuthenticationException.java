package dev.mpesa.error;

import dev.mpesa.result.DarajaError;

/**
 * Daraja refused the app's identity: a wrong consumer key or secret, an access token rejected twice
 * in a row, an API product not enabled for the app, or keys of the other environment. Not retried:
 * the fix is in the configuration or on the Daraja portal ({@link #hint()}).
 */
public class AuthenticationException extends MpesaApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link MpesaApiException} for the parameters. */
  public AuthenticationException(
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
