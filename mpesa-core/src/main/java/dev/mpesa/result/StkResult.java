package dev.mpesa.result;

/**
 * The M-Pesa Express result codes (STK callback and STK query, API.md §7.1), as an enum view over
 * {@link ResultCode}. A code the SDK does not know maps to {@link #UNKNOWN}, never to an exception.
 *
 * <p>The same number means different things in other products ({@code 2001} is a wrong PIN here,
 * bad initiator credentials in B2C), so this view is only for STK results.
 */
public enum StkResult {
  SUCCESS("0", PaymentStatus.COMPLETED, "Paid.", "Release the goods once the amount matches."),
  INSUFFICIENT_FUNDS(
      "1",
      PaymentStatus.FAILED,
      "The customer's balance (and Fuliza) is insufficient.",
      "Ask the customer to top up and try again."),
  BELOW_MINIMUM(
      "2", PaymentStatus.FAILED, "Declined: below the minimum amount.", "Charge at least KES 1."),
  ABOVE_MAXIMUM(
      "3",
      PaymentStatus.FAILED,
      "Declined: above the maximum transaction amount.",
      "Split the payment or use another method (the limit is KES 250,000)."),
  DAILY_LIMIT_EXCEEDED(
      "4",
      PaymentStatus.FAILED,
      "Declined: would exceed the customer's daily transfer limit.",
      "The customer can pay tomorrow or use another method."),
  MAXIMUM_BALANCE_EXCEEDED(
      "8",
      PaymentStatus.FAILED,
      "Declined: would exceed the receiving account's maximum balance.",
      "Move funds out of the paybill or till account."),
  RULE_LIMITED(
      "17",
      PaymentStatus.FAILED,
      "Rule limited: the same amount was pushed to the same customer within 2 minutes.",
      "Wait at least 2 minutes before a new prompt for the same amount."),
  SYSTEM_BUSY(
      "26",
      PaymentStatus.FAILED,
      "Traffic blocking condition in place (system busy).",
      "Try a new prompt later."),
  SUBSCRIBER_BUSY(
      "1001",
      PaymentStatus.FAILED,
      "The customer has another M-Pesa session open.",
      "Ask the customer to close it; prompt again after 1 to 3 minutes."),
  EXPIRED(
      "1019",
      PaymentStatus.TIMED_OUT,
      "The transaction expired before it was processed.",
      "Offer the customer a new prompt."),
  PUSH_FAILED(
      "1025",
      PaymentStatus.FAILED,
      "An error occurred while sending the prompt (often a prompt text that is too long).",
      "Keep the account reference and description short, then try again."),
  NO_PIN_ENTERED(
      "1031",
      PaymentStatus.CANCELLED,
      "The customer did not enter the PIN.",
      "Offer the customer a new prompt."),
  CANCELLED(
      "1032",
      PaymentStatus.CANCELLED,
      "The customer cancelled the prompt (or it timed out on the phone).",
      "Let the customer try again when ready."),
  SMSC_TIMEOUT(
      "1036",
      PaymentStatus.TIMED_OUT,
      "SMSC acknowledgement timeout.",
      "Offer the customer a new prompt later."),
  UNREACHABLE(
      "1037",
      PaymentStatus.TIMED_OUT,
      "The customer's phone could not be reached (offline, or an old SIM).",
      "Ask the customer to check the phone is on; an old SIM can be updated via *234#."),
  WRONG_PIN(
      "2001",
      PaymentStatus.FAILED,
      "The customer entered a wrong PIN.",
      "Let the customer try again; repeated failures lock the PIN."),
  NOT_PERMITTED(
      "2028",
      PaymentStatus.FAILED,
      "Not permitted by product assignment: till and paybill mixed up.",
      "Use CustomerBuyGoodsOnline with the till as PartyB for tills, CustomerPayBillOnline for"
          + " paybills."),
  STILL_PROCESSING(
      "4999",
      PaymentStatus.PENDING,
      "The transaction is still being processed.",
      "Query again later."),
  PIN_LOCKED(
      "8006",
      PaymentStatus.FAILED,
      "The customer's PIN is locked.",
      "The customer must call Safaricom customer care."),
  PUSH_ERROR(
      "9999",
      PaymentStatus.FAILED,
      "An error occurred while sending the prompt.",
      "Offer the customer a new prompt later."),
  OPERATOR_DOES_NOT_EXIST(
      "SFC_IC0003",
      PaymentStatus.FAILED,
      "The operator does not exist: till and paybill mixed up.",
      "Use CustomerBuyGoodsOnline with the till as PartyB for tills, CustomerPayBillOnline for"
          + " paybills."),
  /** A code not in the SDK's table. Its status is {@link PaymentStatus#UNKNOWN}. */
  UNKNOWN(
      null,
      PaymentStatus.UNKNOWN,
      "A result code the SDK does not know.",
      "Reconcile with an STK query or your M-Pesa statement before acting.");

  private final String code;
  private final PaymentStatus status;
  private final String meaning;
  private final String hint;

  StkResult(String code, PaymentStatus status, String meaning, String hint) {
    this.code = code;
    this.status = status;
    this.meaning = meaning;
    this.hint = hint;
  }

  /**
   * The view of a code as Daraja sent it ({@code 0}, {@code "2032"}, {@code "SFC_IC0003"} alike);
   * an unknown, blank or null code is {@link #UNKNOWN}.
   *
   * @param code a {@link String} or {@link Number}, or null
   */
  public static StkResult of(Object code) {
    return Table.CODES.of(code);
  }

  /** The view of a parsed code; null or a code not in this table is {@link #UNKNOWN}. */
  public static StkResult of(ResultCode code) {
    return Table.CODES.of(code);
  }

  /** The lookup, built once the constants exist. */
  private static final class Table {
    static final Codes<StkResult> CODES = new Codes<>(values(), r -> r.code, UNKNOWN, false);
  }

  /** The code as Daraja sends it (normalised to a string); null for {@link #UNKNOWN}. */
  public String code() {
    return code;
  }

  /** What this code means for the payment. */
  public PaymentStatus status() {
    return status;
  }

  /** Whether the outcome is final for this request (a new attempt is a new request). */
  public boolean isFinal() {
    return status.isFinal();
  }

  /** What the code means, in plain words. */
  public String meaning() {
    return meaning;
  }

  /** What to do about it. */
  public String hint() {
    return hint;
  }
}
