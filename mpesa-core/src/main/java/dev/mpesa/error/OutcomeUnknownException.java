package dev.mpesa.error;

import java.time.Instant;
import java.util.Map;

/**
 * A request that may move money may have reached Daraja, but no usable answer came back (a read
 * timeout, a connection reset after the request was written, an unexplained server error).
 *
 * <p><b>Do not send the request again</b>: the customer may already have a prompt on the phone, or
 * the payment may already be made. Reconcile instead: wait for the callback, query the status (for
 * STK push, by the callback you receive or by account reference and amount; for B2C, by {@code
 * OriginatorConversationID}), and only then decide. {@link #references()} holds what the SDK knows
 * about the request, with the phone number masked.
 *
 * <p>This type is deliberately <b>not</b> a {@link MpesaNetworkException}: a {@code catch} written
 * for "network trouble, try again" can never catch it.
 */
public class OutcomeUnknownException extends MpesaException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable Map.copyOf, serializable in practice
  private final Map<String, String> references;

  private final Instant sentAt;

  /**
   * Creates the exception.
   *
   * @param operation the SDK operation, such as {@code stk.push}
   * @param message what went wrong
   * @param references what identifies the request (account reference, amount, masked phone...)
   * @param sentAt when the request was sent, by the client's clock
   * @param cause the underlying failure
   */
  OutcomeUnknownException(
      String operation,
      String message,
      Map<String, String> references,
      Instant sentAt,
      Throwable cause) {
    super(operation, message + " " + describe(references, sentAt), cause);
    this.references = Map.copyOf(references);
    this.sentAt = sentAt;
  }

  private static String describe(Map<String, String> references, Instant sentAt) {
    return "The request may have been processed: do not resend it; reconcile first (sent at "
        + sentAt
        + (references.isEmpty() ? "" : ", " + new java.util.TreeMap<>(references))
        + ").";
  }

  /**
   * What identifies the request for reconciliation: for example {@code accountReference}, {@code
   * amount}, {@code phoneNumber} (masked) and the short code. Never holds a secret.
   */
  public Map<String, String> references() {
    return references;
  }

  /** When the request was sent, by the client's clock. */
  public Instant sentAt() {
    return sentAt;
  }

  @Override
  protected String troubleshootingAnchor() {
    return "outcome-unknown";
  }

  @Override
  protected String advice() {
    return "Do not send this request again: the payment may have been made. Keep it as \"outcome"
        + " unknown\", wait for its callback or Result, and reconcile (STK query, Transaction"
        + " Status) with references() before deciding.";
  }
}
