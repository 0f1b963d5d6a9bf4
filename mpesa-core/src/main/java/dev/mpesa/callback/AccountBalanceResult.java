package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.result.AccountQueryResult;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ResultCode;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The result of an Account Balance query (API.md §5.11), read from its {@link ResultCallback}: the
 * short code's accounts from the {@code AccountBalance} parameter, and when M-Pesa read them.
 *
 * <p>Build one with {@link #from(ResultCallback)} from a result received at an Account Balance
 * request's {@code ResultURL}. On a failure {@link #accounts()} is empty and {@link #result()} says
 * why. Immutable and thread-safe.
 *
 * @param callback the result this view reads; never null
 * @param accounts the accounts of the {@code AccountBalance} parameter in Daraja's order (see
 *     {@link AccountBalance#parse(String)}); empty if absent; never null, unmodifiable
 * @param completedTime {@code BOCompletedTime} ({@code yyyyMMddHHmmss}) in Nairobi time; null if
 *     absent or not in that format
 */
public record AccountBalanceResult(
    ResultCallback callback, List<AccountBalance> accounts, ZonedDateTime completedTime)
    implements ResultView {

  /**
   * Checks the callback and copies the accounts.
   *
   * @throws IllegalArgumentException if {@code callback} or an account is null
   */
  public AccountBalanceResult {
    Checks.required(callback, "callback");
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
  }

  /**
   * Reads an Account Balance result. Lenient, like {@link AccountBalance#parse(String)}: fields are
   * trimmed, unknown account names kept, and what is not a number gives null.
   *
   * @param callback a result received at an Account Balance request's {@code ResultURL}
   * @return the view
   * @throws IllegalArgumentException if {@code callback} is null
   */
  public static AccountBalanceResult from(ResultCallback callback) {
    Checks.required(callback, "callback");
    return new AccountBalanceResult(
        callback,
        ResultValues.accounts(callback.parameter("AccountBalance")),
        ResultValues.compactTime(callback.parameter("BOCompletedTime")));
  }

  /**
   * The account called {@code name}, ignoring case and surrounding spaces.
   *
   * @param name an account name, such as {@code "Utility Account"}
   * @return the first account of that name, or empty
   */
  public Optional<AccountBalance> account(String name) {
    String wanted = name == null ? "" : name.strip();
    return accounts.stream().filter(a -> a.name().equalsIgnoreCase(wanted)).findFirst();
  }

  /**
   * What the result code means for the query; {@link AccountQueryResult#UNKNOWN} for a timeout
   * notice without a code.
   */
  public AccountQueryResult result() {
    ResultCode code = callback.resultCode();
    return code == null ? AccountQueryResult.UNKNOWN : code.accountQuery();
  }

  /**
   * Where the query stands: the {@link AccountQueryResult#status()} of the code, except that a
   * timeout notice is {@link PaymentStatus#UNKNOWN} and an interim message {@link
   * PaymentStatus#PENDING}.
   */
  @Override
  public PaymentStatus status() {
    return callback.statusBy(code -> code.accountQuery().status());
  }
}
