package dev.mpesa.result;

/**
 * The result codes of Account Balance and Transaction Status (API.md §7.4, §7.5), as an enum view
 * over {@link ResultCode}: what the {@code ResultCode} at the query's {@code ResultURL} means. A
 * code the SDK does not know maps to {@link #UNKNOWN}, never to an exception.
 *
 * <p>Codes are those of the generic M-Pesa core that Daraja's Account Balance page lists, plus the
 * initiator codes every initiator API can return and the two that Transaction Status documents or
 * has been seen to send. For a status query, {@link #SUCCESS} means the query worked; the state of
 * the transaction itself is in the {@code TransactionStatus} result parameter. {@link
 * ResultCode#accountQuery()} gives this view.
 */
public enum AccountQueryResult {
  /** {@code 0}: the query was processed. */
  SUCCESS(
      "0",
      PaymentStatus.COMPLETED,
      "The service request is processed successfully.",
      "Read the result parameters."),
  /** {@code 15}: the same {@code OriginatorConversationID} was seen before. */
  DUPLICATE_DETECTED(
      "15",
      PaymentStatus.UNKNOWN,
      "Duplicate detected.",
      "The query was a repeat; use the result of the first one."),
  /** {@code 17}: M-Pesa failed internally. */
  INTERNAL_FAILURE("17", PaymentStatus.UNKNOWN, "Internal failure.", "Query again later."),
  /** {@code 18}: the initiator's credential did not check out. */
  INITIATOR_CREDENTIAL_CHECK_FAILED(
      "18",
      PaymentStatus.FAILED,
      "Initiator credential check failure.",
      "Check the initiator password and the certificate it was encrypted with; do not retry."),
  /** {@code 19}: messages arrived out of sequence. */
  MESSAGE_SEQUENCING_FAILURE(
      "19", PaymentStatus.UNKNOWN, "Message sequencing failure.", "Query again later."),
  /** {@code 20}: the initiator name is unknown. */
  UNRESOLVED_INITIATOR(
      "20",
      PaymentStatus.FAILED,
      "Unresolved initiator.",
      "Check the initiator (API operator) name configured on the client."),
  /** {@code 21}: the initiator may not act for the short code (a missing role). */
  INITIATOR_NOT_PERMITTED(
      "21",
      PaymentStatus.FAILED,
      "Initiator to primary party permission failure.",
      "Give the API operator the \"Balance Query ORG API\" or \"Transaction Status query ORG API\""
          + " role on the M-Pesa org portal."),
  /** {@code 22}: the initiator is not active for the receiving party. */
  INITIATOR_NOT_ACTIVE(
      "22",
      PaymentStatus.FAILED,
      "Initiator to receiver party permission failure.",
      "Activate the API operator on the M-Pesa org portal."),
  /** {@code 24}: a mandatory field was missing. */
  MISSING_MANDATORY_FIELDS(
      "24", PaymentStatus.FAILED, "Missing mandatory fields.", "Report this SDK request as a bug."),
  /** {@code 25}: a request parameter was invalid. */
  INVALID_REQUEST_PARAMETERS(
      "25",
      PaymentStatus.FAILED,
      "Invalid request parameters.",
      "Check the party, its identifier type and the ids."),
  /** {@code 26}: M-Pesa is too busy. */
  SYSTEM_BUSY(
      "26",
      PaymentStatus.UNKNOWN,
      "Traffic blocking condition in place.",
      "Query again later, more slowly."),
  /** {@code 29}: the command is not valid for this party. */
  INVALID_COMMAND(
      "29",
      PaymentStatus.FAILED,
      "Invalid command.",
      "Check that the product is enabled for the short code."),
  /** {@code 2001}: wrong initiator name or password, or the wrong certificate. */
  INITIATOR_INVALID(
      "2001",
      PaymentStatus.FAILED,
      "The initiator information is invalid.",
      "Check the initiator name and password and that the credential was encrypted with this"
          + " environment's certificate. Do not retry: repeated failures lock the operator."),
  /** {@code 2032}: no transaction has this receipt (observed on Transaction Status). */
  RECEIPT_NOT_FOUND(
      "2032",
      PaymentStatus.FAILED,
      "The transaction receipt number does not exist.",
      "Check the receipt and the short code; a payment that never completed has no receipt."),
  /** {@code 8006}: the operator is locked after failed attempts. */
  CREDENTIAL_LOCKED(
      "8006",
      PaymentStatus.FAILED,
      "The security credential is locked.",
      "A Business Administrator must unlock the API operator on the M-Pesa org portal."),
  /** {@code SFC_IC0003}: the operator (party) does not exist. */
  OPERATOR_DOES_NOT_EXIST(
      "SFC_IC0003",
      PaymentStatus.FAILED,
      "The operator does not exist.",
      "Check the party and its identifier type (short code 4, till 2, phone 1)."),
  /** A code not in the SDK's table. */
  UNKNOWN(
      null,
      PaymentStatus.UNKNOWN,
      "A result code the SDK does not know.",
      "Look the code up before acting on it.");

  private final String code;
  private final PaymentStatus status;
  private final String description;
  private final String hint;

  AccountQueryResult(String code, PaymentStatus status, String description, String hint) {
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
  public static AccountQueryResult of(Object code) {
    return Table.CODES.of(code);
  }

  /** The view of a parsed code; null or a code not in this table is {@link #UNKNOWN}. */
  public static AccountQueryResult of(ResultCode code) {
    return Table.CODES.of(code);
  }

  /** The lookup, built once the constants exist. */
  private static final class Table {
    static final Codes<AccountQueryResult> CODES =
        new Codes<>(values(), r -> r.code, UNKNOWN, true);
  }

  /** The code as Daraja sends it ({@code "2032"}); null for {@link #UNKNOWN}. */
  public String code() {
    return code;
  }

  /**
   * What the code means for the query itself (not for a transaction it asked about): {@link
   * #SUCCESS} is {@link PaymentStatus#COMPLETED}; the codes that leave the query without a usable
   * answer for a moment ({@link #DUPLICATE_DETECTED}, {@link #INTERNAL_FAILURE}, {@link
   * #MESSAGE_SEQUENCING_FAILURE}, {@link #SYSTEM_BUSY}) and {@link #UNKNOWN} are {@link
   * PaymentStatus#UNKNOWN}; every other code is {@link PaymentStatus#FAILED}.
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

  /** Whether the query was processed ({@code 0}). */
  public boolean isSuccess() {
    return this == SUCCESS;
  }

  /**
   * Whether the setup is at fault (initiator name, password, role, lock): querying again cannot
   * help and, for a wrong credential, can lock the operator (RELIABILITY.md A.4).
   */
  public boolean isConfigurationError() {
    return switch (this) {
      case INITIATOR_CREDENTIAL_CHECK_FAILED,
          UNRESOLVED_INITIATOR,
          INITIATOR_NOT_PERMITTED,
          INITIATOR_NOT_ACTIVE,
          INITIATOR_INVALID,
          CREDENTIAL_LOCKED ->
          true;
      default -> false;
    };
  }

  /** Whether M-Pesa was only busy or failing for a moment: the same query may work later. */
  public boolean isTransient() {
    return this == INTERNAL_FAILURE || this == MESSAGE_SEQUENCING_FAILURE || this == SYSTEM_BUSY;
  }
}
