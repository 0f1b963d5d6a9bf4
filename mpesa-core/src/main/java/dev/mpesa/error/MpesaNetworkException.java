package dev.mpesa.error;

/**
 * No usable answer came back: the connection failed, timed out or broke, or the thread was
 * interrupted. For a read-only call (token, query) it is safe to try again.
 */
public class MpesaNetworkException extends MpesaException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param operation the SDK operation that failed
   * @param message what went wrong
   * @param cause the underlying I/O failure
   */
  public MpesaNetworkException(String operation, String message, Throwable cause) {
    super(operation, message, cause);
  }
}
