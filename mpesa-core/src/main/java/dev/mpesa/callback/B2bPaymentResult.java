package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.result.PaymentStatus;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The result of a B2B payment (API.md §5.8: Business Pay Bill, Business Buy Goods, B2C account
 * top-up), read from its {@link ResultCallback}. Tax remittance results have the same shape: see
 * {@link TaxRemittanceResult}.
 *
 * <p>B2B results send most values as strings ({@code "190.00"}) and balances in two textual
 * formats; both are read here. Only a successful payment carries the payment's parameters; a
 * failure carries at most {@code BOCompletedTime}, and {@link ResultCallback#resultCode()} says
 * why.
 *
 * <p>Build one with {@link #from(ResultCallback)} from a result received at a B2B request's {@code
 * ResultURL}. Immutable and thread-safe; {@link #toString()} masks a phone number in the receiver's
 * name.
 *
 * @param callback the result this view reads; never null
 * @param amount {@code Amount}, with at least two decimal places; null if absent
 * @param currency {@code Currency}, such as {@code KES}; null if absent
 * @param receipt the payment's receipt, the envelope's {@code TransactionID}, on success; null
 *     otherwise (a failed result's {@code TransactionID} is a placeholder such as {@code
 *     OAK0000000})
 * @param receiverParty {@code ReceiverPartyPublicName}, {@code "<short code> - <name>"}; null if
 *     absent
 * @param completedTime {@code TransCompletedTime} (also read as {@code TransactionCompletedTime},
 *     the name Daraja's table uses, and as a failure's {@code BOCompletedTime}) in Nairobi time;
 *     null if absent or unreadable
 * @param debitAccountBalance the available balance of the paying account after the payment, from
 *     {@code DebitAccountBalance} (or {@code DebitAccountCurrentBalance}): the {@code BasicAmount}
 *     of {@code {Amount={CurrencyCode=KES, MinimumAmount=618683, BasicAmount=6186.83}}}, the
 *     available field of a pipe string, or a plain number; null if absent or none of these
 * @param initiatorAccountBalance {@code InitiatorAccountCurrentBalance}, read the same way; null if
 *     absent
 * @param debitPartyAffectedAccounts the accounts of {@code DebitPartyAffectedAccountBalance}
 *     ({@code Working Account|KES|346568.83|6186.83|340382.00|0.00}); empty if absent; never null,
 *     unmodifiable
 * @param debitPartyCharges {@code DebitPartyCharges}; null if absent or empty (no charge applied)
 * @param billReferenceNumber the {@code BillReferenceNumber} reference item: the account reference
 *     of the payment; null if absent
 */
public record B2bPaymentResult(
    ResultCallback callback,
    BigDecimal amount,
    String currency,
    String receipt,
    PartyName receiverParty,
    ZonedDateTime completedTime,
    BigDecimal debitAccountBalance,
    BigDecimal initiatorAccountBalance,
    List<AccountBalance> debitPartyAffectedAccounts,
    Charge debitPartyCharges,
    String billReferenceNumber)
    implements ResultView {

  /**
   * Checks the callback, normalises the amounts and copies the accounts.
   *
   * @throws IllegalArgumentException if {@code callback} or an account is null
   */
  public B2bPaymentResult {
    Checks.required(callback, "callback");
    amount = CallbackJson.money(amount);
    debitAccountBalance = CallbackJson.money(debitAccountBalance);
    initiatorAccountBalance = CallbackJson.money(initiatorAccountBalance);
    debitPartyAffectedAccounts =
        debitPartyAffectedAccounts == null ? List.of() : List.copyOf(debitPartyAffectedAccounts);
  }

  /**
   * Reads a B2B, top-up or tax remittance result. Lenient: a parameter that is absent or unreadable
   * gives null.
   *
   * @param callback a result received at a B2B request's {@code ResultURL}
   * @return the view
   * @throws IllegalArgumentException if {@code callback} is null
   */
  public static B2bPaymentResult from(ResultCallback callback) {
    Checks.required(callback, "callback");
    String debitBalance = callback.parameter("DebitAccountBalance");
    if (debitBalance == null) {
      debitBalance = callback.parameter("DebitAccountCurrentBalance");
    }
    return new B2bPaymentResult(
        callback,
        ResultValues.amount(callback.parameter("Amount")),
        ResultValues.text(callback.parameter("Currency")),
        callback.isSuccess() ? ResultValues.text(callback.transactionId()) : null,
        PartyName.parse(callback.parameter("ReceiverPartyPublicName")),
        completedTime(callback),
        ResultValues.availableBalance(debitBalance),
        ResultValues.availableBalance(callback.parameter("InitiatorAccountCurrentBalance")),
        ResultValues.accounts(callback.parameter("DebitPartyAffectedAccountBalance")),
        Charge.parse(callback.parameter("DebitPartyCharges")),
        ResultValues.text(callback.reference("BillReferenceNumber")));
  }

  /** Whether the payment went through: {@code ResultCode} 0 in a final result. */
  public boolean isSuccess() {
    return callback.isSuccess();
  }

  /**
   * Where the payment stands: {@link ResultCallback#status()}, since B2B results use M-Pesa's
   * generic codes ({@code 0} {@link PaymentStatus#COMPLETED}, {@code 2001} {@link
   * PaymentStatus#FAILED}, a timeout or an unknown code {@link PaymentStatus#UNKNOWN}).
   */
  @Override
  public PaymentStatus status() {
    return callback.status();
  }

  private static ZonedDateTime completedTime(ResultCallback callback) {
    for (String key :
        List.of("TransCompletedTime", "TransactionCompletedTime", "BOCompletedTime")) {
      ZonedDateTime time = ResultValues.anyTime(callback.parameter(key));
      if (time != null) {
        return time;
      }
    }
    return null;
  }
}
