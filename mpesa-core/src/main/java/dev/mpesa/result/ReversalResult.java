package dev.mpesa.result;

/**
 * The result codes of a reversal (API.md §7.3), as an enum view over {@link ResultCode}: what the
 * {@code ResultCode} of the result at the reversal's {@code ResultURL} means. A code the SDK does
 * not know maps to {@link #UNKNOWN}, never to an exception.
 *
 * <p>{@code 2001} here means the initiator's credential is wrong (in M-Pesa Express the same code
 * is a customer's wrong PIN), so this view is only for reversal results. {@link
 * ResultCode#reversal()} gives it.
 */
public enum ReversalResult {
  /** {@code 0}: the payment went back to the customer. */
  REVERSED("0", PaymentStatus.COMPLETED, "The payment was reversed.", "Nothing more to do."),
  /** {@code R000001}: the payment had been reversed before; the money is already back. */
  ALREADY_REVERSED(
      "R000001",
      PaymentStatus.COMPLETED,
      "The payment had already been reversed.",
      "Treat it as reversed; do not reverse it again."),
  /** {@code R000002}: the receipt does not name a payment that can be reversed. */
  INVALID_ORIGINAL_TRANSACTION(
      "R000002",
      PaymentStatus.FAILED,
      "The OriginalTransactionID is invalid.",
      "Check the receipt: it must be a C2B payment into your short code (B2C payments cannot be"
          + " reversed through the API)."),
  /** {@code 1}: the account the reversal is paid from lacks the funds. */
  INSUFFICIENT_BALANCE(
      "1",
      PaymentStatus.FAILED,
      "The balance is insufficient for the reversal.",
      "Fund the short code's account, then reverse again."),
  /** {@code 11}: the debit party's account is in a state that allows no transaction. */
  DEBIT_PARTY_INVALID_STATE(
      "11",
      PaymentStatus.FAILED,
      "The debit party is in an invalid state.",
      "Ask Safaricom why the short code's account is inactive."),
  /** {@code 21}: the initiator lacks the Org Reversals Initiator role. */
  INITIATOR_NOT_PERMITTED(
      "21",
      PaymentStatus.FAILED,
      "The initiator is not allowed to initiate this request.",
      "Give the API operator the \"Org Reversals Initiator\" role on the M-Pesa org portal."),
  /** {@code 2001}: wrong initiator name or password, or the wrong certificate. */
  INITIATOR_INVALID(
      "2001",
      PaymentStatus.FAILED,
      "The initiator information is invalid.",
      "Check the initiator name and password and that the credential was encrypted with this"
          + " environment's certificate. Do not retry: repeated failures lock the operator."),
  /** {@code 2006}: an account rule forbids it. */
  ACCOUNT_RULE(
      "2006",
      PaymentStatus.FAILED,
      "The account status does not allow this transaction.",
      "Ask Safaricom which rule of the short code's account blocks reversals."),
  /** {@code 2028}: the short code may not do reversals. */
  NOT_PERMITTED(
      "2028",
      PaymentStatus.FAILED,
      "The request is not permitted according to product assignment.",
      "Ask Safaricom to enable reversals for the short code."),
  /** {@code 8006}: the operator is locked after failed attempts. */
  CREDENTIAL_LOCKED(
      "8006",
      PaymentStatus.FAILED,
      "The security credential is locked.",
      "A Business Administrator must unlock the API operator on the M-Pesa org portal."),
  /** A code not in the SDK's table: check with a transaction status query before acting. */
  UNKNOWN(
      null,
      PaymentStatus.UNKNOWN,
      "A result code the SDK does not know.",
      "Check with a transaction status query (by the original receipt) before reversing again.");

  private final String code;
  private final PaymentStatus status;
  private final String description;
  private final String hint;

  ReversalResult(String code, PaymentStatus status, String description, String hint) {
    this.code = code;
    this.status = status;
    this.description = description;
    this.hint = hint;
  }

  /**
   * The view of a code as Daraja sent it ({@code 0}, {@code "2032"}, {@code "SFC_IC0003"} alike);
   * an unknown, blank or null code is {@link #UNKNOWN}.
   *
   * @param code a {@link String} or {@link Number}, or null
   */
  public static ReversalResult of(Object code) {
    return Table.CODES.of(code);
  }

  /** The view of a parsed code; null or a code not in this table is {@link #UNKNOWN}. */
  public static ReversalResult of(ResultCode code) {
    return Table.CODES.of(code);
  }

  /** The lookup, built once the constants exist. */
  private static final class Table {
    static final Codes<ReversalResult> CODES = new Codes<>(values(), r -> r.code, UNKNOWN, true);
  }

  /** The code as Daraja sends it ({@code "R000001"}); null for {@link #UNKNOWN}. */
  public String code() {
    return code;
  }

  /**
   * What the code means for the reversal: {@link #REVERSED} and {@link #ALREADY_REVERSED} are
   * {@link PaymentStatus#COMPLETED} (the money is back with the customer, now or by an earlier
   * reversal), {@link #UNKNOWN} is {@link PaymentStatus#UNKNOWN} (check before reversing again),
   * every other code is {@link PaymentStatus#FAILED}.
   */
  public PaymentStatus status() {
    return status;
  }

  /** Whether the outcome is final for this request (see {@link PaymentStatus#isFinal()}). */
  public boolean isFinal() {
    return status.isFinal();
  }

  /** What the code means, in plain words. */
  public String meaning() {
    return description;
  }

  /** What to do about it. */
  public String hint() {
    return hint;
  }

  /**
   * Whether the money is back with the customer: {@link #REVERSED} or {@link #ALREADY_REVERSED}.
   */
  public boolean isReversed() {
    return this == REVERSED || this == ALREADY_REVERSED;
  }

  /**
   * Whether the setup is at fault (role, permission, credential): retrying cannot help and, for
   * {@link #INITIATOR_INVALID}, can lock the operator (RELIABILITY.md A.4).
   */
  public boolean isConfigurationError() {
    return switch (this) {
      case INITIATOR_NOT_PERMITTED, INITIATOR_INVALID, NOT_PERMITTED, CREDENTIAL_LOCKED -> true;
      default -> false;
    };
  }
}
