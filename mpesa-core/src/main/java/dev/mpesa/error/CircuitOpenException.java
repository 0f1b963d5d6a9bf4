package dev.mpesa.error;

/**
 * The SDK refused to call Daraja because the circuit breaker for this group of operations is open
 * (Daraja has been failing). Nothing was sent; try again later.
 */
public class CircuitOpenException extends MpesaException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param operation the SDK operation that was refused
   * @param message why
   * @param cause the breaker's own exception, or null
   */
  CircuitOpenException(String operation, String message, Throwable cause) {
    super(operation, message, cause);
  }

  @Override
  protected String troubleshootingAnchor() {
    return "circuit-open";
  }

  @Override
  protected String advice() {
    return "Nothing was sent: Daraja has been failing, so the SDK is sparing it. Try again after"
        + " the breaker's open duration (30 s by default).";
  }
}
