package dev.mpesa.stk;

import dev.mpesa.callback.PaymentExpectation.Mismatch;
import dev.mpesa.callback.StkCallback;
import dev.mpesa.internal.Checks;
import dev.mpesa.result.PaymentStatus;
import java.math.BigDecimal;
import java.util.List;

/**
 * What {@link StkService#confirm} made of an STK callback: what the callback says, checked against
 * what you expected and against what Daraja itself answers to a query.
 *
 * <p>Daraja does not sign callbacks, and a signed callback URL proves only that the URL was yours:
 * it lives for hours and passes through proxies and logs, so anyone holding it can POST any body to
 * it. Settle a payment by {@link #outcome()}, never by the callback's own {@code ResultCode}:
 *
 * <table class="striped">
 *   <caption>Outcomes</caption>
 *   <tr><th>outcome</th><th>means</th><th>do</th></tr>
 *   <tr><td>{@link Outcome#PAID}</td><td>Daraja confirms the payment and the callback matches
 *       what you expected</td><td>fulfil; keep {@link #receiptNumber()}</td></tr>
 *   <tr><td>{@link Outcome#NOT_PAID}</td><td>Daraja confirms the callback's failure
 *       ({@link #confirmedStatus()}: cancelled, failed, timed out)</td><td>settle as not paid</td></tr>
 *   <tr><td>{@link Outcome#HOLD}</td><td>Daraja confirms a payment, but the callback's amount or
 *       phone differs from the order, or it has no receipt</td><td>do not fulfil; a person
 *       looks</td></tr>
 *   <tr><td>{@link Outcome#REFUTED}</td><td>the callback contradicts Daraja (or names another
 *       push): forged, altered or misdirected</td><td>ignore its content; {@link
 *       #confirmedStatus()} is Daraja's word, if final</td></tr>
 *   <tr><td>{@link Outcome#UNCONFIRMED}</td><td>Daraja could not be asked, or says the payment is
 *       still pending or unknown</td><td>change nothing; ask again later
 *       ({@code stk().query})</td></tr>
 * </table>
 *
 * <p>The receipt number cannot be confirmed by an STK query (Daraja's answer carries none): it is
 * the callback's, reported only when Daraja confirms the payment and the amount matched. To prove a
 * receipt, use Transaction Status ({@code account().transactionStatus(...)}), which needs an
 * initiator.
 *
 * @param outcome what to do with the payment
 * @param callback the callback as received
 * @param confirmedStatus Daraja's own answer to the query: a final status, {@link
 *     PaymentStatus#PENDING}, or null when Daraja could not be asked (or the callback named another
 *     push and was not queried)
 * @param mismatches what differed from the expectation (empty unless checked and different)
 * @param detail one sentence saying why, for logs; never holds a full phone number
 */
public record StkConfirmation(
    Outcome outcome,
    StkCallback callback,
    PaymentStatus confirmedStatus,
    List<Mismatch> mismatches,
    String detail) {

  /** What to do with the payment the callback is about. */
  public enum Outcome {
    /** Paid, confirmed by Daraja, as expected: fulfil. */
    PAID,
    /** Not paid, confirmed by Daraja: the customer cancelled, failed or did not answer. */
    NOT_PAID,
    /** Paid, confirmed by Daraja, but not as expected (amount, phone, no receipt): hold. */
    HOLD,
    /** The callback contradicts Daraja or names another push: forged or misdirected. */
    REFUTED,
    /** Daraja has not confirmed anything yet: change nothing, ask again later. */
    UNCONFIRMED
  }

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if {@code outcome}, {@code callback} or {@code detail} is null
   */
  public StkConfirmation {
    Checks.required(outcome, "outcome");
    Checks.required(callback, "callback");
    Checks.required(detail, "detail");
    mismatches = mismatches == null ? List.of() : List.copyOf(mismatches);
  }

  /** Whether to fulfil: {@link Outcome#PAID}. */
  public boolean isPaid() {
    return outcome == Outcome.PAID;
  }

  /** The callback's {@code CheckoutRequestID}. */
  public String checkoutRequestId() {
    return callback.checkoutRequestId();
  }

  /**
   * The M-Pesa receipt number when {@link Outcome#PAID} (from the callback; see the class comment),
   * else null.
   */
  public String receiptNumber() {
    return outcome == Outcome.PAID ? callback.receiptNumber() : null;
  }

  /** The amount paid when {@link Outcome#PAID} (it equals the one expected), else null. */
  public BigDecimal amount() {
    return outcome == Outcome.PAID ? callback.amount() : null;
  }

  /** The outcome and the detail; the callback with its phone masked. */
  @Override
  public String toString() {
    return "StkConfirmation["
        + outcome
        + ", "
        + callback.checkoutRequestId()
        + ", confirmedStatus="
        + confirmedStatus
        + ", mismatches="
        + mismatches
        + ": "
        + detail
        + "]";
  }
}
