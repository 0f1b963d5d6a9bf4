package dev.mpesa.result;

/**
 * Where a payment stands, as far as Daraja has told us.
 *
 * <p>{@link #COMPLETED}, {@link #CANCELLED}, {@link #FAILED} and {@link #TIMED_OUT} are final for
 * the request they describe: trying again means a new request. {@link #PENDING} and {@link
 * #UNKNOWN} are not final: wait, query, or reconcile; never treat them as failed.
 */
public enum PaymentStatus {
  /** The customer has not finished yet (or Daraja is still processing). */
  PENDING(false),
  /** Paid. */
  COMPLETED(true),
  /** The customer dismissed the prompt. */
  CANCELLED(true),
  /** Declined: insufficient funds, limits, wrong PIN, configuration... */
  FAILED(true),
  /** The customer could not be reached or did not answer in time. */
  TIMED_OUT(true),
  /** A code the SDK does not know, or no usable answer: reconcile before acting. */
  UNKNOWN(false);

  private final boolean isFinal;

  PaymentStatus(boolean isFinal) {
    this.isFinal = isFinal;
  }

  /** Whether this outcome will not change for the request it describes. */
  public boolean isFinal() {
    return isFinal;
  }
}
