package dev.mpesa.error;

import dev.mpesa.internal.ApiAnswer;

/**
 * Daraja refused the app's identity: a wrong consumer key or secret, an access token rejected twice
 * in a row, an API product not enabled for the app, or keys of the other environment. Not retried:
 * the fix is in the configuration or on the Daraja portal ({@link #hint()}).
 */
public class AuthenticationException extends MpesaApiException {
  private static final long serialVersionUID = 1L;

  AuthenticationException(ApiAnswer a, Throwable cause) {
    super(a, cause);
  }
}
