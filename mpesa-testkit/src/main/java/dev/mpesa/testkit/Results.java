package dev.mpesa.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Scripts how the next asynchronous requests end: the requests whose outcome Daraja POSTs as a
 * {@code {"Result":{...}}} envelope (B2C, B2Pochi, B2B Pay Bill and Buy Goods, B2C account top-up,
 * tax remittance, Account Balance, Transaction Status, Reversal). Get it with {@link
 * FakeDaraja#results()}.
 *
 * <pre>{@code
 * fake.results().next("2001", "The initiator information is invalid.");  // next request fails
 * fake.results().nextTimesOut();                           // the one after gets a queue timeout
 * }</pre>
 *
 * <p>Scripts queue up in the order given. Each is taken by the next request of those products that
 * Daraja accepts (one that gets an acknowledgement): a request refused synchronously, or an M-Pesa
 * Express or C2B request, leaves the queue alone. Without a script a request ends as the fake's
 * world says (paid, insufficient funds, receipt not found, ...).
 *
 * <p>Thread-safe: scripts may be added while requests are in flight; each script is taken by
 * exactly one request.
 */
public final class Results {
  /**
   * One scripted outcome: a queue timeout, or a failure with its code and text.
   *
   * @param timesOut whether the request times out in the queue instead of getting a result
   * @param resultCode the failure's {@code ResultCode} ({@code null} for a timeout)
   * @param resultDesc the failure's {@code ResultDesc} ({@code null} for a timeout)
   */
  record Script(boolean timesOut, String resultCode, String resultDesc) {}

  private final Deque<Script> pending = new ArrayDeque<>();

  Results() {}

  /**
   * The next accepted request fails with {@code resultCode} and {@code resultDesc}.
   *
   * <p>Its Result, POSTed to the request's {@code ResultURL} after the fake's result delay, has
   * that code (a JSON number when it is all digits, a string such as {@code "R000001"} otherwise),
   * that description, a placeholder {@code TransactionID} such as {@code SG60000000}, and no {@code
   * ResultParameters}; except that B2B, top-up, tax and Account Balance failures carry the single
   * {@code {"Key":"BOCompletedTime"}} parameter as a bare object, as Daraja's B2B failure sample
   * does (API.md §5.8). No money moves and nothing is added to the fake's ledger.
   *
   * @param resultCode the code, such as {@code "1"}, {@code "2001"} or {@code "R000001"}; not
   *     {@code "0"}, which is a success
   * @param resultDesc the description, such as {@code "The initiator information is invalid."}
   * @return this, to chain more scripts
   * @throws NullPointerException if either argument is null
   * @throws IllegalArgumentException if either is blank, or the code is {@code "0"}
   */
  public Results next(String resultCode, String resultDesc) {
    Objects.requireNonNull(resultCode, "resultCode");
    Objects.requireNonNull(resultDesc, "resultDesc");
    if (resultCode.isBlank() || resultDesc.isBlank()) {
      throw new IllegalArgumentException("resultCode and resultDesc must not be blank");
    }
    if (resultCode.strip().equals("0")) {
      throw new IllegalArgumentException(
          "a scripted result must fail: \"0\" is success, which needs no script");
    }
    return add(new Script(false, resultCode.strip(), resultDesc));
  }

  /**
   * The next accepted request times out in Daraja's queue: instead of a Result to its {@code
   * ResultURL}, a notice goes to its {@code QueueTimeOutURL}.
   *
   * <p>The notice is {@code {"Result":{"ResultType":0,"ResultCode":1,"ResultDesc":"The service
   * request has timed out.","OriginatorConversationID":...,"ConversationID":...,"TransactionID":
   * <placeholder>,"ReferenceData":{...}}}}, recorded in the journal as {@link
   * CallbackKind#QUEUE_TIMEOUT} under the request's {@code ConversationID}. Safaricom does not
   * document this payload (API.md §3.3): the fake follows the shape SDKs assume. In the fake a
   * timed-out request did <em>not</em> move money: a Transaction Status query for it answers {@code
   * 2032}, and a B2C v3 or B2Pochi request sent again with the same {@code
   * OriginatorConversationID} is still refused as a duplicate (Daraja has seen the id). On the real
   * Daraja a timeout says nothing about the money; reconcile before paying again.
   *
   * @return this, to chain more scripts
   */
  public Results nextTimesOut() {
    return add(new Script(true, null, null));
  }

  /**
   * Forgets every script not yet taken.
   *
   * @return this
   */
  public Results clear() {
    synchronized (pending) {
      pending.clear();
    }
    return this;
  }

  private Results add(Script script) {
    synchronized (pending) {
      pending.add(script);
    }
    return this;
  }

  /** The next script, or {@code null} when none is queued. */
  Script take() {
    synchronized (pending) {
      return pending.poll();
    }
  }
}
