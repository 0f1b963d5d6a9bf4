package dev.mpesa.error;

import dev.mpesa.internal.ApiAnswer;

/**
 * Daraja rejected the request itself: a field it finds invalid ({@code 400.002.02 Bad Request -
 * Invalid ...}), a malformed payload, wrong STK credentials (passkey, short code) or a merchant it
 * does not know. Never retried: sending the same request again gives the same answer.
 */
public class InvalidRequestException extends MpesaApiException {
  private static final long serialVersionUID = 1L;

  InvalidRequestException(ApiAnswer a, Throwable cause) {
    super(a, cause);
  }
}
