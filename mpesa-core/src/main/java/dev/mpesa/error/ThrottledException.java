package dev.mpesa.error;

import dev.mpesa.result.DarajaError;
import java.time.Duration;

/**
 * Daraja's gateway refused the request because of its rate limits: spike arrest ({@code
 * 500.003.02}), quota ({@code 500.003.03}) or HTTP 429. The request was refused before processing,
 * so nothing happened; slow down and try again later.
 */
public class ThrottledException extends MpesaApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; see {@link MpesaApiException} for the other parameters.
   *
   * @param retryAfter the wait the gateway asked for ({@code Retry-After}), or null if none
   */
  public ThrottledException(
      String operation,
      int httpStatus,
      String errorCode,
      String errorMessage,
      String requestId,
      DarajaError error,
      Duration retryAfter,
      Throwable cause) {
    super(operation, httpStatus, errorCode, errorMessage, requestId, error, retryAfter, cause);
  }
}
