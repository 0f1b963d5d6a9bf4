package dev.mpesa.error;

import dev.mpesa.result.DarajaError;
import java.time.Duration;
import java.util.Optional;

/**
 * Daraja (or the gateway in front of it) answered, and the answer was an error.
 *
 * <p>The exception keeps what Daraja said: the HTTP status, the {@code errorCode}, the {@code
 * errorMessage} and the {@code requestId}, plus the SDK's classification ({@link #error()}) and a
 * hint in plain words.
 */
public class MpesaApiException extends MpesaException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final String errorCode;
  private final String errorMessage;
  private final String requestId;
  private final DarajaError error;
  private final Duration retryAfter;

  /**
   * Creates an exception from Daraja's answer.
   *
   * @param operation the SDK operation, such as {@code stk.push}
   * @param httpStatus the HTTP status of the answer
   * @param errorCode Daraja's {@code errorCode}, or null when the body had none
   * @param errorMessage Daraja's {@code errorMessage} (redacted), or null
   * @param requestId Daraja's {@code requestId}, or null
   * @param error the SDK's classification of the answer
   * @param cause the underlying cause, or null
   */
  public MpesaApiException(
      String operation,
      int httpStatus,
      String errorCode,
      String errorMessage,
      String requestId,
      DarajaError error,
      Throwable cause) {
    this(operation, httpStatus, errorCode, errorMessage, requestId, error, null, cause);
  }

  /**
   * Creates an exception from Daraja's answer, with the wait the answer asked for.
   *
   * @param operation the SDK operation, such as {@code stk.push}
   * @param httpStatus the HTTP status of the answer
   * @param errorCode Daraja's {@code errorCode}, or null when the body had none
   * @param errorMessage Daraja's {@code errorMessage} (redacted), or null
   * @param requestId Daraja's {@code requestId}, or null
   * @param error the SDK's classification of the answer
   * @param retryAfter the {@code Retry-After} of the answer, or null if none
   * @param cause the underlying cause, or null
   */
  public MpesaApiException(
      String operation,
      int httpStatus,
      String errorCode,
      String errorMessage,
      String requestId,
      DarajaError error,
      Duration retryAfter,
      Throwable cause) {
    super(
        operation,
        describe(operation, httpStatus, errorCode, errorMessage, requestId, error),
        cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.requestId = requestId;
    this.error = error;
    this.retryAfter = retryAfter;
  }

  private static String describe(
      String operation,
      int httpStatus,
      String errorCode,
      String errorMessage,
      String requestId,
      DarajaError error) {
    StringBuilder sb = new StringBuilder();
    sb.append(operation).append(" failed: HTTP ").append(httpStatus);
    if (errorCode != null) {
      sb.append(", errorCode ").append(errorCode);
    }
    if (errorMessage != null && !errorMessage.isEmpty()) {
      sb.append(" (").append(errorMessage).append(')');
    }
    if (requestId != null) {
      sb.append(", requestId ").append(requestId);
    }
    sb.append(". ").append(error.hint());
    return sb.toString();
  }

  /** The HTTP status of Daraja's answer (Daraja's meaning is in the error code, not here). */
  public int httpStatus() {
    return httpStatus;
  }

  /** Daraja's {@code errorCode}, such as {@code 400.002.02}; null when the body carried none. */
  public String errorCode() {
    return errorCode;
  }

  /** Daraja's {@code errorMessage}, with any access token removed; null when absent. */
  public String errorMessage() {
    return errorMessage;
  }

  /** Daraja's {@code requestId} (for STK query errors, the {@code CheckoutRequestID}). */
  public String requestId() {
    return requestId;
  }

  /** What the SDK understood the answer to mean. */
  public DarajaError error() {
    return error;
  }

  /** The wait the answer asked for in a {@code Retry-After} header, if it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  protected String troubleshootingAnchor() {
    return error.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  @Override
  protected String advice() {
    return error.hint();
  }

  /**
   * Whether the same request may succeed if sent again later (throttling, outages). Says nothing
   * about whether resending is safe for money: see {@link OutcomeUnknownException}.
   */
  public boolean isTransient() {
    return error.isTransient();
  }
}
