package dev.mpesa.result;

/**
 * The result codes of B2C and B2Pochi ({@code Result.ResultCode} at the {@code ResultURL}, API.md
 * §7.2), as an enum view over {@link ResultCode}. A code the SDK does not know maps to {@link
 * #UNKNOWN}, never to an exception. Top-up results share the generic codes ({@code 0}, {@code 1},
 * {@code 21}, {@code 2001}, {@code 8006}...), so this view reads them too.
 *
 * <p>The same number means something else in other products: {@code 2001} here is bad initiator
 * credentials, in M-Pesa Express a customer's wrong PIN.
 *
 * <p>{@link #isConfigurationError()} marks the codes that no resend can fix (credentials, roles,
 * account state): resending with bad initiator credentials turns {@code 2001} into a locked
 * operator ({@code 8006}). {@link ResultCode#b2c()} gives this view.
 */
public enum B2cResult {
  /** {@code 0}: paid. */
  SUCCESS("0", PaymentStatus.COMPLETED, false, "Paid.", "Nothing to do."),
  /** {@code 1}: the utility account lacks funds. */
  INSUFFICIENT_FUNDS(
      "1",
      PaymentStatus.FAILED,
      false,
      "Insufficient balance in the B2C short code's utility account.",
      "Fund the utility account (B2C account top-up, or move funds from MMF/Working), then send a"
          + " new payment."),
  /** {@code 2}: below the B2C minimum. */
  BELOW_MINIMUM(
      "2",
      PaymentStatus.FAILED,
      false,
      "Declined: below the minimum B2C amount.",
      "Pay at least KES 10."),
  /** {@code 3}: above the B2C maximum. */
  ABOVE_MAXIMUM(
      "3",
      PaymentStatus.FAILED,
      false,
      "Declined: above the maximum B2C amount.",
      "Pay at most KES 250,000 per payment; split larger amounts."),
  /** {@code 4}: the customer's daily limit. */
  DAILY_LIMIT_EXCEEDED(
      "4",
      PaymentStatus.FAILED,
      false,
      "Declined: would exceed the customer's daily transfer limit (KES 500,000).",
      "Pay the rest on another day."),
  /** {@code 8}: the customer's maximum balance. */
  MAXIMUM_BALANCE_EXCEEDED(
      "8",
      PaymentStatus.FAILED,
      false,
      "Declined: would exceed the customer's maximum wallet balance (KES 500,000).",
      "Pay a smaller amount, or later."),
  /** {@code 11}: the paying account is not active. */
  DEBIT_PARTY_INVALID_STATE(
      "11",
      PaymentStatus.FAILED,
      true,
      "The debit party is in an invalid state (the B2C account is inactive).",
      "Ask Safaricom to activate the B2C short code's account."),
  /** {@code 15}: Daraja has seen this {@code OriginatorConversationID} before. */
  DUPLICATE_DETECTED(
      "15",
      PaymentStatus.UNKNOWN,
      false,
      "Duplicate detected: a request with this OriginatorConversationID was seen before.",
      "The original request exists: reconcile it with Transaction Status by"
          + " OriginatorConversationID; do not pay again."),
  /** {@code 17}: an internal failure at Safaricom. */
  INTERNAL_FAILURE(
      "17",
      PaymentStatus.UNKNOWN,
      false,
      "Internal failure at Safaricom.",
      "Check Transaction Status before sending a new payment."),
  /** {@code 21}: the initiator lacks the role. */
  INITIATOR_NOT_ALLOWED(
      "21",
      PaymentStatus.FAILED,
      true,
      "The initiator is not allowed to initiate this request.",
      "Give the API operator the \"ORG B2C API Initiator\" role (top-up: \"Org Business Pay to"
          + " Bulk API initiator\") on the M-Pesa organisation portal."),
  /** {@code 26}: Safaricom is refusing traffic. */
  SYSTEM_BUSY(
      "26",
      PaymentStatus.UNKNOWN,
      false,
      "Traffic blocking condition in place (system busy).",
      "Check Transaction Status, then send a new payment later."),
  /** {@code 2001}: the initiator's name, password or encryption is wrong. */
  INITIATOR_INVALID(
      "2001",
      PaymentStatus.FAILED,
      true,
      "The initiator information is invalid.",
      "Check the initiator name and password, and that the SecurityCredential was encrypted with"
          + " this environment's certificate; do not repeat: repeated failures lock the operator"
          + " (8006)."),
  /** {@code 2006}: the account's status does not allow the transaction. */
  ACCOUNT_STATUS_NOT_ALLOWED(
      "2006",
      PaymentStatus.FAILED,
      true,
      "The account status does not allow this transaction.",
      "Ask Safaricom to check the short code's account status."),
  /** {@code 2028}: {@code PartyA} may not pay B2C. */
  NOT_PERMITTED(
      "2028",
      PaymentStatus.FAILED,
      true,
      "The request is not permitted according to product assignment.",
      "Use a B2C (bulk disbursement or \"one account\") short code as PartyA; paybills and tills"
          + " without B2C permission cannot pay customers."),
  /** {@code 2040}: the customer is not a registered M-Pesa customer. */
  CUSTOMER_NOT_REGISTERED(
      "2040",
      PaymentStatus.FAILED,
      false,
      "The customer is not registered for this payment (unsupported customer type).",
      "Pay a registered M-Pesa customer, or use another payment method."),
  /** {@code 8006}: the API operator is locked. */
  CREDENTIAL_LOCKED(
      "8006",
      PaymentStatus.FAILED,
      true,
      "The API operator's security credential is locked.",
      "A Business Administrator must unlock the API operator on the M-Pesa organisation portal."),
  /** {@code SFC_IC0003}: not an M-Pesa number. */
  OPERATOR_DOES_NOT_EXIST(
      "SFC_IC0003",
      PaymentStatus.FAILED,
      false,
      "The operator does not exist: the number is invalid or not on M-Pesa.",
      "Check the customer's phone number."),
  /** A code not in the SDK's table. Its status is {@link PaymentStatus#UNKNOWN}. */
  UNKNOWN(
      null,
      PaymentStatus.UNKNOWN,
      false,
      "A result code the SDK does not know.",
      "Reconcile with Transaction Status before acting.");

  private final String code;
  private final PaymentStatus status;
  private final boolean configurationError;
  private final String meaning;
  private final String hint;

  B2cResult(
      String code, PaymentStatus status, boolean configurationError, String meaning, String hint) {
    this.code = code;
    this.status = status;
    this.configurationError = configurationError;
    this.meaning = meaning;
    this.hint = hint;
  }

  /**
   * The view of a code as Daraja sent it ({@code 0}, {@code "2032"}, {@code "SFC_IC0003"} alike);
   * an unknown, blank or null code is {@link #UNKNOWN}.
   *
   * @param code a {@link String} or {@link Number}, or null
   */
  public static B2cResult of(Object code) {
    return Table.CODES.of(code);
  }

  /** The view of a parsed code; null or a code not in this table is {@link #UNKNOWN}. */
  public static B2cResult of(ResultCode code) {
    return Table.CODES.of(code);
  }

  /** The lookup, built once the constants exist. */
  private static final class Table {
    static final Codes<B2cResult> CODES = new Codes<>(values(), r -> r.code, UNKNOWN, false);
  }

  /** The code as Daraja sends it (normalised to a string); null for {@link #UNKNOWN}. */
  public String code() {
    return code;
  }

  /** What this code means for the payment. */
  public PaymentStatus status() {
    return status;
  }

  /** Whether the outcome is final for this request (a new attempt is a new payment). */
  public boolean isFinal() {
    return status.isFinal();
  }

  /**
   * Whether the code reports a configuration problem (credentials, roles, account state) that no
   * resend can fix; resending can make it worse ({@code 2001} becomes {@code 8006}).
   */
  public boolean isConfigurationError() {
    return configurationError;
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
