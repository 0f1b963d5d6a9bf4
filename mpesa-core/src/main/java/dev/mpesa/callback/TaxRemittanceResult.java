package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.result.PaymentStatus;
import java.math.BigDecimal;
import java.time.ZonedDateTime;

/**
 * The result of a tax remittance to KRA (API.md §5.9), read from its {@link ResultCallback}. Tax
 * results have the shape of B2B results, so this view wraps a {@link B2bPaymentResult} and names
 * what matters for a tax payment.
 *
 * <p>Build one with {@link #from(ResultCallback)} from a result received at a tax remittance
 * request's {@code ResultURL}. Immutable and thread-safe.
 *
 * @param payment the payment as a B2B result; never null
 */
public record TaxRemittanceResult(B2bPaymentResult payment) implements ResultView {

  /**
   * Checks the payment.
   *
   * @throws IllegalArgumentException if {@code payment} is null
   */
  public TaxRemittanceResult {
    Checks.required(payment, "payment");
  }

  /**
   * Reads a tax remittance result.
   *
   * @param callback a result received at a tax remittance request's {@code ResultURL}
   * @return the view
   * @throws IllegalArgumentException if {@code callback} is null
   */
  public static TaxRemittanceResult from(ResultCallback callback) {
    return new TaxRemittanceResult(B2bPaymentResult.from(callback));
  }

  /** The result this view reads. */
  @Override
  public ResultCallback callback() {
    return payment.callback();
  }

  /** The amount paid to KRA, with at least two decimal places; null if absent. */
  public BigDecimal amount() {
    return payment.amount();
  }

  /** The payment's receipt on success; null otherwise. */
  public String receipt() {
    return payment.receipt();
  }

  /**
   * The {@code BillReferenceNumber} reference item, which for a tax payment should echo the Payment
   * Registration Number (PRN) sent as {@code AccountReference}. Daraja's samples do not show this
   * for certain: match the payment by conversation id, not by this value alone.
   *
   * @return the reference, or null if absent
   */
  public String paymentRegistrationNumber() {
    return payment.billReferenceNumber();
  }

  /** When M-Pesa completed the payment, in Nairobi time; null if absent or unreadable. */
  public ZonedDateTime completedTime() {
    return payment.completedTime();
  }

  /** Whether the tax was paid: {@code ResultCode} 0 in a final result. */
  public boolean isSuccess() {
    return payment.isSuccess();
  }

  /** Where the payment stands: see {@link B2bPaymentResult#status()}. */
  @Override
  public PaymentStatus status() {
    return payment.status();
  }
}
