package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ResultCode;
import dev.mpesa.result.ReversalResult;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The result of a reversal (API.md §5.13), read from its {@link ResultCallback}: what was reversed,
 * to whom, and the balance left.
 *
 * <p>Only a successful reversal carries parameters; on a failure every field but {@code callback}
 * is null or empty and {@link #result()} says why ({@code R000002}: the original transaction is not
 * one that can be reversed). The code decides, not the text: Daraja's documentation shows a result
 * with code {@code 21} and a success description, which reads as {@link
 * ReversalResult#INITIATOR_NOT_PERMITTED}.
 *
 * <p>Build one with {@link #from(ResultCallback)} from a result received at a reversal request's
 * {@code ResultURL}. Immutable and thread-safe; {@link #toString()} masks the parties' phone
 * numbers.
 *
 * @param callback the result this view reads; never null
 * @param amount {@code Amount} reversed, with at least two decimal places; null if absent
 * @param originalTransactionId {@code OriginalTransactionID}: the receipt of the payment that was
 *     reversed; null if absent
 * @param receipt the reversal's own receipt, the envelope's {@code TransactionID}, on success; null
 *     otherwise (a failed result's {@code TransactionID} is a placeholder)
 * @param charge {@code Charge}, with at least two decimal places; null if absent
 * @param creditParty {@code CreditPartyPublicName}: who got the money back; null if absent
 * @param debitParty {@code DebitPartyPublicName}: the short code it came from; null if absent
 * @param debitAccountBalance the accounts of {@code DebitAccountBalance} after the reversal; empty
 *     if absent; never null, unmodifiable
 * @param completedTime {@code TransCompletedTime} ({@code yyyyMMddHHmmss}) in Nairobi time; null if
 *     absent or unreadable
 */
public record TransactionReversalResult(
    ResultCallback callback,
    BigDecimal amount,
    String originalTransactionId,
    String receipt,
    BigDecimal charge,
    PartyName creditParty,
    PartyName debitParty,
    List<AccountBalance> debitAccountBalance,
    ZonedDateTime completedTime)
    implements ResultView {

  /**
   * Checks the callback, normalises the amounts and copies the accounts.
   *
   * @throws IllegalArgumentException if {@code callback} or an account is null
   */
  public TransactionReversalResult {
    Checks.required(callback, "callback");
    amount = CallbackJson.money(amount);
    charge = CallbackJson.money(charge);
    debitAccountBalance =
        debitAccountBalance == null ? List.of() : List.copyOf(debitAccountBalance);
  }

  /**
   * Reads a reversal result. Lenient: a parameter that is absent or unreadable gives null.
   *
   * @param callback a result received at a reversal request's {@code ResultURL}
   * @return the view
   * @throws IllegalArgumentException if {@code callback} is null
   */
  public static TransactionReversalResult from(ResultCallback callback) {
    Checks.required(callback, "callback");
    return new TransactionReversalResult(
        callback,
        ResultValues.amount(callback.parameter("Amount")),
        ResultValues.text(callback.parameter("OriginalTransactionID")),
        callback.isSuccess() ? ResultValues.text(callback.transactionId()) : null,
        ResultValues.amount(callback.parameter("Charge")),
        PartyName.parse(callback.parameter("CreditPartyPublicName")),
        PartyName.parse(callback.parameter("DebitPartyPublicName")),
        ResultValues.accounts(callback.parameter("DebitAccountBalance")),
        ResultValues.anyTime(callback.parameter("TransCompletedTime")));
  }

  /**
   * What the result code means for a reversal; {@link ReversalResult#UNKNOWN} for a timeout notice
   * without a code.
   */
  public ReversalResult result() {
    ResultCode code = callback.resultCode();
    return code == null ? ReversalResult.UNKNOWN : code.reversal();
  }

  /**
   * Whether the money is back with the customer: the code is {@code 0} or {@code R000001} (reversed
   * before), in a final result.
   */
  public boolean isReversed() {
    return status() == PaymentStatus.COMPLETED;
  }

  /**
   * Where the reversal stands: the {@link ReversalResult#status()} of the code ({@code 0} and
   * {@code R000001} {@link PaymentStatus#COMPLETED}, known failures {@link PaymentStatus#FAILED},
   * unknown codes {@link PaymentStatus#UNKNOWN}), except that a timeout notice is {@link
   * PaymentStatus#UNKNOWN} (check Transaction Status by the original receipt before reversing
   * again) and an interim message {@link PaymentStatus#PENDING}.
   */
  @Override
  public PaymentStatus status() {
    return callback.statusBy(code -> code.reversal().status());
  }
}
