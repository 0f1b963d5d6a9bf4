package dev.mpesa.error;

/**
 * No usable answer came back: the connection failed, timed out or broke, or the thread was
 * interrupted. For a read-only call (token, query) it is safe to try again; for a call that moves
 * money, see {@link #requestMayHaveBeenSent()} (and {@link OutcomeUnknownException}).
 */
public class MpesaNetworkException extends MpesaException {
  private static final long serialVersionUID = 1L;

  private final boolean requestMayHaveBeenSent;

  /**
   * Creates the exception for a request that may have been sent.
   *
   * @param operation the SDK operation that failed
   * @param message what went wrong
   * @param cause the underlying I/O failure
   */
  public MpesaNetworkException(String operation, String message, Throwable cause) {
    this(operation, message, cause, true);
  }

  /**
   * Creates the exception.
   *
   * @param operation the SDK operation that failed
   * @param message what went wrong
   * @param cause the underlying I/O failure
   * @param requestMayHaveBeenSent false only when the request provably never left the client (the
   *     connection could not be made, the deadline had passed)
   */
  public MpesaNetworkException(
      String operation, String message, Throwable cause, boolean requestMayHaveBeenSent) {
    super(operation, message, cause);
    this.requestMayHaveBeenSent = requestMayHaveBeenSent;
  }

  /**
   * Whether the request may have reached Daraja. When false, nothing was sent and even a payment
   * may be sent again.
   */
  public boolean requestMayHaveBeenSent() {
    return requestMayHaveBeenSent;
  }
}
