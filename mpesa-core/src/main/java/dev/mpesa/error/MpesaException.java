package dev.mpesa.error;

import dev.mpesa.internal.Errors;

/**
 * The root of every exception this SDK throws for an M-Pesa call or callback. All are unchecked.
 *
 * <p>Catching {@code MpesaException} says nothing about whether resending is safe. The subtype
 * does: {@link MpesaNetworkException}, {@link ThrottledException} and {@link CircuitOpenException}
 * mean nothing that could move money happened, so the same request may be sent again; {@link
 * OutcomeUnknownException} (a sibling of those, never a subtype) means a payment may have been
 * made, so it must be reconciled, never resent. {@link #hint()} says what to do and links the entry
 * of {@code docs/TROUBLESHOOTING.md}.
 *
 * <p>Bad input and bad configuration are not {@code MpesaException}s: a request that fails
 * validation throws {@link IllegalArgumentException} and a client builder's {@code build()} throws
 * {@link IllegalStateException}, both before any HTTP call.
 *
 * <p>No message or {@code toString()} of an {@code MpesaException} carries a secret, a token, a
 * password or a full phone number.
 */
public class MpesaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String operation;

  static {
    Errors.install(new ErrorFactory());
  }

  /**
   * Creates an exception.
   *
   * @param operation the SDK operation that failed (for example {@code stk.push}), or null
   * @param message what went wrong, in plain words
   * @param cause the underlying cause, or null
   */
  MpesaException(String operation, String message, Throwable cause) {
    super(message, cause);
    this.operation = operation;
  }

  /** The SDK operation that failed, such as {@code stk.push} or {@code oauth}; null if none. */
  public String operation() {
    return operation;
  }

  /**
   * What to do about this failure, in plain words, ending with the address of its entry in the
   * troubleshooting guide.
   */
  public String hint() {
    return advice() + " See " + troubleshootingUrl();
  }

  /**
   * The address of this failure's entry in {@code docs/TROUBLESHOOTING.md}, such as {@code
   * .../TROUBLESHOOTING.md#outcome-unknown}.
   */
  public String troubleshootingUrl() {
    return TROUBLESHOOTING + "#" + troubleshootingAnchor();
  }

  /** The anchor of this failure's entry in {@code docs/TROUBLESHOOTING.md}. */
  protected String troubleshootingAnchor() {
    return "errors";
  }

  /** The plain-words advice {@link #hint()} starts with. */
  protected String advice() {
    return "Read the message: it names the operation and what failed.";
  }

  static final String TROUBLESHOOTING =
      "https://github.com/mpesa-java/mpesa-java/blob/main/docs/TROUBLESHOOTING.md";
}
