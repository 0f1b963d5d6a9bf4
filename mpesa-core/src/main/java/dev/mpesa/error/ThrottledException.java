package dev.mpesa.error;

import dev.mpesa.internal.ApiAnswer;

/**
 * Daraja's gateway refused the request because of its rate limits: spike arrest ({@code
 * 500.003.02}), quota ({@code 500.003.03}) or HTTP 429. The request was refused before processing,
 * so nothing happened; slow down and try again later.
 */
public class ThrottledException extends MpesaApiException {
  private static final long serialVersionUID = 1L;

  ThrottledException(ApiAnswer a, Throwable cause) {
    super(a, cause);
  }
}
