package dev.mpesa.examples;

import dev.mpesa.result.PaymentStatus;
import java.time.Instant;
import java.util.Locale;

/**
 * One attempt to pay an order with an STK push, as the checkout stores it: a row of the {@code
 * payments} table.
 *
 * @param reference the payment's own id, {@code <orderId>.<attempt>}: signed into its callback URL,
 *     so a callback names the payment it belongs to even when the push itself timed out
 * @param orderId the order paid for; also the {@code AccountReference} on the customer's prompt
 * @param attempt 1 for the first push for the order, 2 after a cancelled or failed one, ...
 * @param amount whole shillings asked for
 * @param phone the customer's number, {@code 2547NNNNNNNN}: compared with the callback's; never
 *     logged or shown
 * @param phoneMasked the customer's number, masked ({@code 2547******49}), for views and logs
 * @param checkoutRequestId Daraja's {@code CheckoutRequestID}; null until the push answered or the
 *     callback came
 * @param status where the payment stands
 * @param pushUnconfirmed whether the push got no usable answer (it may or may not have reached the
 *     customer); such a payment is never pushed again, only reconciled
 * @param resultCode Daraja's {@code ResultCode}, or null while pending or when the push was refused
 * @param resultDescription Daraja's {@code ResultDesc}, or why the push was refused
 * @param receipt the M-Pesa receipt number once paid (the callback carries it; a query does not)
 * @param createdAt when the payment was recorded, just before the push
 */
record Payment(
    String reference,
    String orderId,
    int attempt,
    long amount,
    String phone,
    String phoneMasked,
    String checkoutRequestId,
    Status status,
    boolean pushUnconfirmed,
    String resultCode,
    String resultDescription,
    String receipt,
    Instant createdAt) {

  /** Where a payment stands, as the checkout's API reports it. */
  enum Status {
    PENDING,
    COMPLETED,
    FAILED,
    CANCELLED,
    TIMED_OUT,
    /**
     * Daraja confirms a payment, but its callback differs from the order (amount, phone) or has no
     * receipt: not fulfilled, a person decides.
     */
    HELD;

    /** The name in the database and in JSON: {@code pending}, {@code timed_out}, ... */
    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Status fromWire(String wire) {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /**
     * The final status an STK result means: {@code 0} completed; {@code 1032} (and {@code 1031})
     * cancelled; {@code 1037}, {@code 1019} (and {@code 1036}) timed out; every other code failed,
     * including codes the SDK does not know, because only {@code 0} means money moved.
     */
    static Status ofResult(PaymentStatus status) {
      return switch (status) {
        case COMPLETED -> COMPLETED;
        case CANCELLED -> CANCELLED;
        case TIMED_OUT -> TIMED_OUT;
        case FAILED, UNKNOWN, PENDING -> FAILED;
      };
    }
  }

  /** Whether a push went out for this payment without Daraja confirming it, and nothing since. */
  boolean awaitingUnconfirmedPush() {
    return status == Status.PENDING && pushUnconfirmed && checkoutRequestId == null;
  }
}
