package dev.mpesa.error;

/**
 * No usable answer came back, and sending the same request again is safe: either the call is
 * read-only (an access token, a query), or it moves money and provably never left the client (the
 * connection could not be made, the deadline or the rate limit left no time to send it, the thread
 * was interrupted before sending).
 *
 * <p>A call that may have moved money and may have reached Daraja never ends in this type: it ends
 * in {@link OutcomeUnknownException}, which is not a subtype of this class, so {@code catch
 * (MpesaNetworkException e) { retry }} cannot pay twice.
 */
public class MpesaNetworkException extends MpesaException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param operation the SDK operation that failed
   * @param message what went wrong
   * @param cause the underlying I/O failure, or null
   */
  MpesaNetworkException(String operation, String message, Throwable cause) {
    super(operation, message, cause);
  }

  @Override
  protected String troubleshootingAnchor() {
    return "network-failure";
  }

  @Override
  protected String advice() {
    return "Nothing that could move money happened: the same request may be sent again, after a"
        + " wait. If it keeps failing, check the network path to Daraja (DNS, proxy, firewall).";
  }
}
