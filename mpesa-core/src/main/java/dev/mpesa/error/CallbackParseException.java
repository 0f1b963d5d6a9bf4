package dev.mpesa.error;

/**
 * A callback body is not what Daraja sends: not JSON, truncated, the wrong shape, or missing the
 * identifier that correlates it with a request. Answer such a POST with an error and keep the body
 * for investigation.
 */
public class CallbackParseException extends MpesaException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the body
   * @param cause the parser's exception, or null
   */
  public CallbackParseException(String message, Throwable cause) {
    super(null, message, cause);
  }
}
