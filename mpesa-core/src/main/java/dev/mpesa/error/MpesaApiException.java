package dev.mpesa.error;

import dev.mpesa.internal.ApiAnswer;
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

  MpesaApiException(ApiAnswer a, Throwable cause) {
    super(
        a.operation(),
        describe(
            a.operation(),
            a.httpStatus(),
            a.errorCode(),
            a.errorMessage(),
            a.requestId(),
            a.error()),
        cause);
    this.httpStatus = a.httpStatus();
    this.errorCode = a.errorCode();
    this.errorMessage = a.errorMessage();
    this.requestId = a.requestId();
    this.error = a.error();
    this.retryAfter = a.retryAfter();
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
