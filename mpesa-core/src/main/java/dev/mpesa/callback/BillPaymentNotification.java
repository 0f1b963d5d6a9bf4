package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.PaymentStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A payment against a Bill Manager invoice, as Bill Manager POSTs it to the {@code callbackUrl}
 * given at opt-in: a flat camelCase object.
 *
 * <pre>{@code
 * {"transactionId":"RJB53MTR1N","paidAmount":"50","msisdn":"2547220000",
 *  "dateCreated":"2021-09-15","accountReference":"IG1010789","shortCode":"349350555"}
 * }</pre>
 *
 * <p>The payment is complete ({@link #status()} is {@link PaymentStatus#COMPLETED}). Bill Manager
 * retries a notification up to 5 times until it gets {@link BillPaymentReply#success()}, so the
 * same payment can arrive more than once: de-duplicate by {@link #idempotencyKey()}. Daraja does
 * not sign callbacks: match the account and amount against your invoice before releasing value.
 *
 * <p>Instances are immutable and thread-safe; {@link #toString()} masks the number and leaves out
 * the raw body.
 *
 * @param transactionId {@code transactionId}: the M-Pesa receipt; never null or blank
 * @param paidAmount {@code paidAmount} with at least two decimals ({@code "50"} gives {@code
 *     50.00}); never null, greater than zero
 * @param msisdn {@code msisdn} exactly as sent, not validated (the documented sample is not a whole
 *     number); see {@link #msisdnKind()}
 * @param dateCreated {@code dateCreated} as sent, {@code yyyy-MM-dd}
 * @param accountReference {@code accountReference}: the account number of the invoice paid
 * @param shortCode {@code shortCode}: the paybill paid
 * @param rawJson the body as received, or null if this record was not parsed from a body
 */
public record BillPaymentNotification(
    String transactionId,
    BigDecimal paidAmount,
    String msisdn,
    String dateCreated,
    String accountReference,
    String shortCode,
    String rawJson)
    implements MpesaCallback {

  /**
   * Validates the identifier and normalises the amount.
   *
   * @throws IllegalArgumentException if {@code transactionId} or {@code paidAmount} is null
   * @throws IllegalArgumentException if {@code transactionId} is blank or {@code paidAmount} is not
   *     greater than zero
   */
  public BillPaymentNotification {
    Checks.required(transactionId, "transactionId");
    Checks.required(paidAmount, "paidAmount");
    if (transactionId.isBlank()) {
      throw new IllegalArgumentException("transactionId is blank");
    }
    if (paidAmount.signum() <= 0) {
      throw new IllegalArgumentException("paidAmount must be greater than zero");
    }
    paidAmount = CallbackJson.money(paidAmount);
  }

  /**
   * The {@code dateCreated} as a date.
   *
   * @return the date, or empty if absent or not a valid {@code yyyy-MM-dd} value (a time after the
   *     date is ignored)
   */
  public Optional<LocalDate> paymentDate() {
    return CallbackFields.isoDate(dateCreated);
  }

  /** What {@link #msisdn()} holds: masked, hashed, in clear, or unknown. */
  public MsisdnKind msisdnKind() {
    return MsisdnKind.of(msisdn);
  }

  /** Always {@link PaymentStatus#COMPLETED}: Bill Manager notifies payments that were made. */
  @Override
  public PaymentStatus status() {
    return PaymentStatus.COMPLETED;
  }

  /** The key to de-duplicate deliveries by: the {@code transactionId}, the M-Pesa receipt. */
  @Override
  public String idempotencyKey() {
    return transactionId;
  }

  /** A description for logs: the number masked and the raw body by length only. */
  @Override
  public String toString() {
    return "BillPaymentNotification[transactionId="
        + transactionId
        + ", paidAmount="
        + paidAmount
        + ", msisdn="
        + (msisdn == null ? null : PhoneNumber.mask(msisdn))
        + ", dateCreated="
        + dateCreated
        + ", accountReference="
        + accountReference
        + ", shortCode="
        + shortCode
        + ", rawJson="
        + CallbackFields.rawJsonSummary(rawJson)
        + "]";
  }
}
