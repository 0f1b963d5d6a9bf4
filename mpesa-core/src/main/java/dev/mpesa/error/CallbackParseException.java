package dev.mpesa.error;

/**
 * A callback body is not what Daraja sends: not JSON, truncated, the wrong shape, or missing the
 * identifier that correlates it with a request. Answer such a POST with an error and keep the body
 * for investigation.
 */
public class CallbackParseException extends MpesaException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception. The cause is kept only as its type and stack trace: a parser's own
   * message quotes the offending text, which can be a full phone number or an account number.
   *
   * @param message what is wrong with the body, never quoting it
   * @param cause the parser's exception, or null
   */
  CallbackParseException(String message, Throwable cause) {
    super(null, message, cause == null ? null : new RedactedCause(cause));
  }

  /**
   * Stands in for a parser's exception: its class name and stack trace, without its message or its
   * own causes, which may quote the body.
   */
  public static final class RedactedCause extends Exception {
    private static final long serialVersionUID = 1L;

    private final String causeType;

    RedactedCause(Throwable cause) {
      super(cause.getClass().getName() + " (its message is withheld: it may quote the body)");
      this.causeType = cause.getClass().getName();
      setStackTrace(cause.getStackTrace());
    }

    /** The class name of the parser's exception, such as Jackson's {@code JsonParseException}. */
    public String causeType() {
      return causeType;
    }
  }

  @Override
  protected String troubleshootingAnchor() {
    return "callback-parse";
  }

  @Override
  protected String advice() {
    return "The body is not a callback Daraja sends (or is larger than the SDK accepts): answer with an"
        + " error status and keep the body for inspection; do not settle anything from it.";
  }
}
