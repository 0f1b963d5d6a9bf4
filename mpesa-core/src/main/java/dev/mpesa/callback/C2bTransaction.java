package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.PaymentStatus;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A customer's payment to a paybill or till, as Daraja POSTs it to the C2B validation or
 * confirmation URL registered for the short code.
 *
 * <p>Both URLs receive the same flat body ({@code TransID}, {@code TransAmount}, {@code
 * BillRefNumber}, {@code MSISDN}...), so the body cannot say which one it is: the integrator knows
 * from the URL that received it and says so by parsing with the validation or the confirmation
 * parser, which sets {@link #stage()}. The difference matters for money:
 *
 * <ul>
 *   <li>a <b>validation</b> request asks whether to accept a payment that has <b>not happened
 *       yet</b>: {@link #status()} is {@link PaymentStatus#PENDING}; answer within about 8 seconds
 *       with a {@link C2bValidationReply} and never release value on it;
 *   <li>a <b>confirmation</b> reports a completed payment: {@link #status()} is {@link
 *       PaymentStatus#COMPLETED}; answer with {@link CallbackReply#confirmationReceived()}.
 * </ul>
 *
 * <p>Daraja does not sign callbacks and may deliver one twice or never: de-duplicate by {@link
 * #idempotencyKey()}, check amount and account against your own records, and recover missed
 * confirmations with Pull Transactions. The customer number is never the whole number on current
 * APIs (see {@link #msisdnKind()}), so it is kept exactly as sent and not validated.
 *
 * <p>Text fields are as sent: an empty string where Daraja sent {@code ""}, null where the field
 * was absent. Instances are immutable and thread-safe. {@link #toString()} masks the number and the
 * payer-typed account number, and leaves out the payer's names and the raw body.
 *
 * @param stage whether the body came to the validation or the confirmation URL; never null
 * @param transactionType {@code TransactionType} ("Pay Bill", "Buy Goods", sometimes empty); do not
 *     rely on it
 * @param transId {@code TransID}, the M-Pesa receipt of the payment; never null or blank
 * @param transTime {@code TransTime} as sent, {@code yyyyMMddHHmmss} in East Africa Time
 * @param amount {@code TransAmount} with at least two decimals ({@code "5.00"}, {@code 5} and
 *     {@code 5.00} all give {@code 5.00}); never null, greater than zero
 * @param businessShortCode {@code BusinessShortCode}: the paybill or till paid
 * @param billRefNumber {@code BillRefNumber}: the account number the payer typed (paybills; empty
 *     for tills), free text of up to 20 characters whose case and spacing vary; untrusted
 * @param invoiceNumber {@code InvoiceNumber}, usually empty
 * @param orgAccountBalance {@code OrgAccountBalance}, the short code's balance after a confirmed
 *     payment, normalised like {@code amount}; null when empty (always on validation) or not
 *     numeric
 * @param thirdPartyTransId {@code ThirdPartyTransID}: on a confirmation, what the validation reply
 *     returned ({@link C2bValidationReply#accept(String)})
 * @param msisdn {@code MSISDN} exactly as sent: masked ({@code "2547 ***** 126"}, v2), a SHA-256
 *     hash (v1) or, in older payloads, the number in clear; see {@link #msisdnKind()}
 * @param firstName {@code FirstName}, often empty
 * @param middleName {@code MiddleName}, often empty
 * @param lastName {@code LastName}, often empty
 * @param rawJson the body as received, or null if this record was not parsed from a body
 */
public record C2bTransaction(
    Stage stage,
    String transactionType,
    String transId,
    String transTime,
    BigDecimal amount,
    String businessShortCode,
    String billRefNumber,
    String invoiceNumber,
    BigDecimal orgAccountBalance,
    String thirdPartyTransId,
    String msisdn,
    String firstName,
    String middleName,
    String lastName,
    String rawJson)
    implements MpesaCallback {

  /** Which of the two registered C2B URLs received the body. */
  public enum Stage {
    /**
     * The validation URL: M-Pesa asks whether to accept a payment it has not made yet (only when
     * external validation is enabled for the short code).
     */
    VALIDATION,
    /** The confirmation URL: the payment is complete. */
    CONFIRMATION
  }

  /** What {@link #idempotencyKey()} appends to the {@code TransID} of a validation request. */
  public static final String VALIDATION_KEY_SUFFIX = "#validation";

  /**
   * Validates the identifiers and normalises the amounts.
   *
   * @throws IllegalArgumentException if {@code stage}, {@code transId} or {@code amount} is null
   * @throws IllegalArgumentException if {@code transId} is blank or {@code amount} is not greater
   *     than zero
   */
  public C2bTransaction {
    Checks.required(stage, "stage");
    Checks.required(transId, "transId");
    Checks.required(amount, "amount");
    if (transId.isBlank()) {
      throw new IllegalArgumentException("transId is blank");
    }
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("amount must be greater than zero");
    }
    amount = CallbackJson.money(amount);
    orgAccountBalance = CallbackJson.money(orgAccountBalance);
  }

  /** Whether this is a validation request, a payment that has not happened yet. */
  public boolean isValidation() {
    return stage == Stage.VALIDATION;
  }

  /**
   * The {@code TransTime} as a local date and time in East Africa Time (UTC+3).
   *
   * @return the time, or empty if absent or not a valid {@code yyyyMMddHHmmss} value
   */
  public Optional<LocalDateTime> transactionTime() {
    return CallbackFields.compactTime(transTime);
  }

  /** What {@link #msisdn()} holds: masked, hashed, in clear, or unknown. */
  public MsisdnKind msisdnKind() {
    return MsisdnKind.of(msisdn);
  }

  /**
   * Where the payment stands: {@link PaymentStatus#COMPLETED} for a confirmation, {@link
   * PaymentStatus#PENDING} for a validation request (M-Pesa is waiting for your answer).
   */
  @Override
  public PaymentStatus status() {
    return isValidation() ? PaymentStatus.PENDING : PaymentStatus.COMPLETED;
  }

  /**
   * The key to de-duplicate deliveries by: the {@code TransID} for a confirmation; for a validation
   * request the {@code TransID} followed by {@value #VALIDATION_KEY_SUFFIX}. The validation request
   * and the confirmation of one payment share a {@code TransID}; distinct keys keep a de-duplicator
   * that sees both from discarding the confirmation, the one that reports the money.
   */
  @Override
  public String idempotencyKey() {
    return isValidation() ? transId + VALIDATION_KEY_SUFFIX : transId;
  }

  /**
   * A description for logs: the number and the payer-typed account number masked (payers often type
   * their phone number as the account), the names left out and the raw body by length only.
   */
  @Override
  public String toString() {
    return "C2bTransaction[stage="
        + stage
        + ", transactionType="
        + transactionType
        + ", transId="
        + transId
        + ", transTime="
        + transTime
        + ", amount="
        + amount
        + ", businessShortCode="
        + businessShortCode
        + ", billRefNumber="
        + (billRefNumber == null ? null : PhoneNumber.mask(billRefNumber))
        + ", invoiceNumber="
        + invoiceNumber
        + ", orgAccountBalance="
        + orgAccountBalance
        + ", thirdPartyTransId="
        + thirdPartyTransId
        + ", msisdn="
        + (msisdn == null ? null : PhoneNumber.mask(msisdn))
        + ", msisdnKind="
        + msisdnKind()
        + ", rawJson="
        + CallbackFields.rawJsonSummary(rawJson)
        + "]";
  }
}
