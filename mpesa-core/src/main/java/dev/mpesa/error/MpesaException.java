package dev.mpesa.error;

/**
 * The root of every exception this SDK throws. All are unchecked.
 *
 * <p>No message or {@code toString()} of an {@code MpesaException} carries a secret, a token, a
 * password or a full phone number.
 */
public class MpesaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String operation;

  /**
   * Creates an exception.
   *
   * @param operation the SDK operation that failed (for example {@code stk.push}), or null
   * @param message what went wrong, in plain words
   * @param cause the underlying cause, or null
   */
  public MpesaException(String operation, String message, Throwable cause) {
    super(message, cause);
    this.operation = operation;
  }

  /** The SDK operation that failed, such as {@code stk.push} or {@code oauth}; null if none. */
  public String operation() {
    return operation;
  }
}
