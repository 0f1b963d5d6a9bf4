package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.result.B2cResult;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ResultCode;
import java.math.BigDecimal;
import java.time.ZonedDateTime;

/**
 * The result of a B2C or B2Pochi payment (API.md §5.6, §5.7), read from its {@link ResultCallback}:
 * the {@code ResultParameters} a successful payment carries, by key.
 *
 * <p>Only a successful payment carries parameters; on a failure every field but {@code callback} is
 * null and {@link #result()} says why. Build one with {@link #from(ResultCallback)} from a result
 * received at a B2C request's {@code ResultURL}. Immutable and thread-safe; {@link #toString()}
 * masks the recipient's phone number.
 *
 * @param callback the result this view reads; never null
 * @param amount {@code TransactionAmount}, with at least two decimal places; null if absent
 * @param receipt {@code TransactionReceipt}, or on a success without it the envelope's {@code
 *     TransactionID}; null otherwise (a failed result's {@code TransactionID} is a placeholder)
 * @param recipient {@code ReceiverPartyPublicName}, {@code "<phone> - <name>"}; null if absent
 * @param completedTime {@code TransactionCompletedDateTime} ({@code dd.MM.yyyy HH:mm:ss}, unlike
 *     other results) in Nairobi time; null if absent or not in that format
 * @param utilityAccountBalance {@code B2CUtilityAccountAvailableFunds}: what is left in the utility
 *     account that B2C pays from; null if absent
 * @param workingAccountBalance {@code B2CWorkingAccountAvailableFunds}; null if absent
 * @param chargesPaidAccountBalance {@code B2CChargesPaidAccountAvailableFunds}, usually negative;
 *     null if absent
 * @param recipientRegistered {@code B2CRecipientIsRegisteredCustomer}: {@code "Y"} true, {@code
 *     "N"} false; null if absent or anything else
 */
public record B2cPaymentResult(
    ResultCallback callback,
    BigDecimal amount,
    String receipt,
    PartyName recipient,
    ZonedDateTime completedTime,
    BigDecimal utilityAccountBalance,
    BigDecimal workingAccountBalance,
    BigDecimal chargesPaidAccountBalance,
    Boolean recipientRegistered)
    implements ResultView {

  /**
   * Checks the callback and normalises the amounts.
   *
   * @throws IllegalArgumentException if {@code callback} is null
   */
  public B2cPaymentResult {
    Checks.required(callback, "callback");
    amount = CallbackJson.money(amount);
    utilityAccountBalance = CallbackJson.money(utilityAccountBalance);
    workingAccountBalance = CallbackJson.money(workingAccountBalance);
    chargesPaidAccountBalance = CallbackJson.money(chargesPaidAccountBalance);
  }

  /**
   * Reads a B2C or B2Pochi result. Lenient: a parameter that is absent or unreadable gives null.
   *
   * @param callback a result received at a B2C or B2Pochi request's {@code ResultURL}
   * @return the view
   * @throws IllegalArgumentException if {@code callback} is null
   */
  public static B2cPaymentResult from(ResultCallback callback) {
    Checks.required(callback, "callback");
    String receipt = ResultValues.text(callback.parameter("TransactionReceipt"));
    if (receipt == null && callback.isSuccess()) {
      receipt = ResultValues.text(callback.transactionId());
    }
    return new B2cPaymentResult(
        callback,
        ResultValues.amount(callback.parameter("TransactionAmount")),
        receipt,
        PartyName.parse(callback.parameter("ReceiverPartyPublicName")),
        ResultValues.anyTime(callback.parameter("TransactionCompletedDateTime")),
        ResultValues.amount(callback.parameter("B2CUtilityAccountAvailableFunds")),
        ResultValues.amount(callback.parameter("B2CWorkingAccountAvailableFunds")),
        ResultValues.amount(callback.parameter("B2CChargesPaidAccountAvailableFunds")),
        ResultValues.yesNo(callback.parameter("B2CRecipientIsRegisteredCustomer")));
  }

  /**
   * What the result code means for a B2C payment; {@link B2cResult#UNKNOWN} for a timeout notice
   * without a code.
   */
  public B2cResult result() {
    ResultCode code = callback.resultCode();
    return code == null ? B2cResult.UNKNOWN : code.b2c();
  }

  /** Whether the customer was paid: {@code ResultCode} 0 in a final result. */
  public boolean isSuccess() {
    return callback.isSuccess();
  }

  /**
   * Where the payment stands: the {@link B2cResult#status()} of the code ({@code 0} {@link
   * PaymentStatus#COMPLETED}, {@code 2001} {@link PaymentStatus#FAILED}, {@code 17} {@link
   * PaymentStatus#UNKNOWN}...), except that a timeout notice is {@link PaymentStatus#UNKNOWN} (the
   * payment may still happen: check Transaction Status before paying again) and an interim message
   * {@link PaymentStatus#PENDING}.
   */
  @Override
  public PaymentStatus status() {
    return callback.statusBy(code -> code.b2c().status());
  }
}
