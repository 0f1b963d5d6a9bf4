package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.result.AccountQueryResult;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ResultCode;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * The result of a Transaction Status query (API.md §5.12), read from its {@link ResultCallback}:
 * the state, receipt, amount and parties of the transaction the query asked about.
 *
 * <p>Two outcomes are in one result: whether the query worked ({@link #queryResult()}, from {@code
 * ResultCode}) and, if it did, where the transaction stands ({@link #transactionStatus()}, from the
 * {@code TransactionStatus} parameter). {@link #status()} is the transaction's, never the query's:
 * a query that failed says nothing about the transaction, so it is {@link PaymentStatus#UNKNOWN},
 * never {@link PaymentStatus#FAILED}.
 *
 * <p>Build one with {@link #from(ResultCallback)} from a result received at a Transaction Status
 * request's {@code ResultURL}. Immutable and thread-safe; {@link #toString()} masks the parties'
 * phone numbers.
 *
 * @param callback the result this view reads; never null
 * @param transactionStatus {@code TransactionStatus} as sent: {@code Completed}, {@code Cancelled},
 *     {@code Declined}, {@code Expired}, or not final ({@code Initiated}, {@code Authorized},
 *     {@code Pending Authorized}); null if absent
 * @param receiptNumber {@code ReceiptNo}, the transaction's receipt (the envelope's {@code
 *     TransactionID} is a placeholder here); null if absent
 * @param amount {@code Amount}, with at least two decimal places; null if absent
 * @param debitParty the first {@code DebitPartyName}; null if absent
 * @param creditParty {@code CreditPartyName}, or else a second {@code DebitPartyName}: Daraja's
 *     sample sends the debit name twice, the second naming the receiving party; null if neither
 * @param debitAccountType {@code DebitAccountType}, such as {@code Utility Account}; null if absent
 * @param debitPartyCharges {@code DebitPartyCharges}; null if absent or empty
 * @param reasonType {@code ReasonType}, such as {@code Business Payment to Customer via API}; null
 *     if absent
 * @param transactionReason {@code TransactionReason}; null if absent or sent without a value
 * @param originalConversationId the {@code ConversationID} parameter: the conversation of the
 *     transaction asked about, not of this query; null if absent
 * @param originalOriginatorConversationId the {@code OriginatorConversationID} parameter: the
 *     originator id of the transaction asked about; null if absent
 * @param initiatedTime {@code InitiatedTime} in Nairobi time; null if absent or unreadable
 * @param finalisedTime {@code FinalisedTime} in Nairobi time; null if absent or unreadable
 */
public record TransactionStatusResult(
    ResultCallback callback,
    String transactionStatus,
    String receiptNumber,
    BigDecimal amount,
    PartyName debitParty,
    PartyName creditParty,
    String debitAccountType,
    Charge debitPartyCharges,
    String reasonType,
    String transactionReason,
    String originalConversationId,
    String originalOriginatorConversationId,
    ZonedDateTime initiatedTime,
    ZonedDateTime finalisedTime)
    implements ResultView {

  /**
   * Checks the callback and normalises the amount.
   *
   * @throws IllegalArgumentException if {@code callback} is null
   */
  public TransactionStatusResult {
    Checks.required(callback, "callback");
    amount = CallbackJson.money(amount);
  }

  /**
   * Reads a Transaction Status result. Lenient: a parameter that is absent or unreadable gives
   * null.
   *
   * @param callback a result received at a Transaction Status request's {@code ResultURL}
   * @return the view
   * @throws IllegalArgumentException if {@code callback} is null
   */
  public static TransactionStatusResult from(ResultCallback callback) {
    Checks.required(callback, "callback");
    List<String> debitNames = callback.parameterValues("DebitPartyName");
    String credit = callback.parameter("CreditPartyName");
    if (credit == null && debitNames.size() > 1) {
      credit = debitNames.get(1);
    }
    return new TransactionStatusResult(
        callback,
        ResultValues.text(callback.parameter("TransactionStatus")),
        ResultValues.text(callback.parameter("ReceiptNo")),
        ResultValues.amount(callback.parameter("Amount")),
        PartyName.parse(debitNames.isEmpty() ? null : debitNames.get(0)),
        PartyName.parse(credit),
        ResultValues.text(callback.parameter("DebitAccountType")),
        Charge.parse(callback.parameter("DebitPartyCharges")),
        ResultValues.text(callback.parameter("ReasonType")),
        ResultValues.text(callback.parameter("TransactionReason")),
        ResultValues.text(callback.parameter("ConversationID")),
        ResultValues.text(callback.parameter("OriginatorConversationID")),
        ResultValues.anyTime(callback.parameter("InitiatedTime")),
        ResultValues.anyTime(callback.parameter("FinalisedTime")));
  }

  /**
   * What the result code means for the query; {@link AccountQueryResult#UNKNOWN} for a timeout
   * notice without a code. {@link AccountQueryResult#RECEIPT_NOT_FOUND} ({@code 2032}) means M-Pesa
   * has no transaction with that receipt.
   */
  public AccountQueryResult queryResult() {
    ResultCode code = callback.resultCode();
    return code == null ? AccountQueryResult.UNKNOWN : code.accountQuery();
  }

  /**
   * Where the transaction asked about stands, by {@code TransactionStatus} alone (see {@link
   * #status()} for the whole result).
   */
  public PaymentStatus transactionState() {
    return stateOf(transactionStatus);
  }

  /**
   * Where the transaction asked about stands. When the query worked ({@code ResultCode} 0): {@code
   * Completed} is {@link PaymentStatus#COMPLETED}, {@code Cancelled} {@link
   * PaymentStatus#CANCELLED}, {@code Declined} {@link PaymentStatus#FAILED}, {@code Expired} {@link
   * PaymentStatus#TIMED_OUT}, {@code Initiated}, {@code Authorized} and {@code Pending Authorized}
   * {@link PaymentStatus#PENDING}, and anything else {@link PaymentStatus#UNKNOWN}. When it did not
   * (any other code, a timeout notice), {@link PaymentStatus#UNKNOWN}: query again or check the
   * M-Pesa statement; an interim message is {@link PaymentStatus#PENDING}.
   */
  @Override
  public PaymentStatus status() {
    return callback.statusBy(code -> code.isSuccess() ? transactionState() : PaymentStatus.UNKNOWN);
  }

  /** The payment status a {@code TransactionStatus} value stands for (see {@link #status()}). */
  static PaymentStatus stateOf(String transactionStatus) {
    if (transactionStatus == null || transactionStatus.length() > 64) {
      return PaymentStatus.UNKNOWN;
    }
    String s = transactionStatus.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    return switch (s) {
      case "completed" -> PaymentStatus.COMPLETED;
      case "cancelled", "canceled" -> PaymentStatus.CANCELLED;
      case "declined" -> PaymentStatus.FAILED;
      case "expired" -> PaymentStatus.TIMED_OUT;
      case "initiated", "authorized", "authorised", "pending authorized", "pending authorised" ->
          PaymentStatus.PENDING;
      default -> PaymentStatus.UNKNOWN;
    };
  }
}
