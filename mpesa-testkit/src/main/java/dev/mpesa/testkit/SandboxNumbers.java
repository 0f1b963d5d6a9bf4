package dev.mpesa.testkit;

/**
 * The phone numbers whose customers {@link FakeDaraja} scripts by default, following the sandbox
 * test numbers that integrators' guides use. Any other number pays. {@link
 * FakeDaraja#customer(String)} overrides a number for one test.
 *
 * <table>
 *   <caption>Default customers</caption>
 *   <tr><th>number</th><th>answers an STK push with</th></tr>
 *   <tr><td>{@value #PAYS} (and any number not listed)</td><td>{@code 0}, paid</td></tr>
 *   <tr><td>{@value #INSUFFICIENT_FUNDS}, {@value #GUIDE_INSUFFICIENT_FUNDS}</td>
 *       <td>{@code 1}, "The balance is insufficient for the transaction."</td></tr>
 *   <tr><td>{@value #CANCELS}, {@value #GUIDE_CANCELS}</td>
 *       <td>{@code 1032}, "Request cancelled by user"</td></tr>
 *   <tr><td>{@value #NEVER_ANSWERS}, {@value #GUIDE_NEVER_ANSWERS}</td>
 *       <td>{@code 1037}, "DS timeout user cannot be reached", after the prompt timeout</td></tr>
 *   <tr><td>{@value #WRONG_PIN}</td><td>{@code 2001}, "The initiator information is
 *       invalid." (a wrong PIN, in STK's meaning)</td></tr>
 *   <tr><td>{@value #BUSY}</td><td>no prompt: the push is refused with {@code 500.001.1001}
 *       "Unable to lock subscriber, a transaction is already in process for the current
 *       subscriber"</td></tr>
 * </table>
 *
 * <p>The guides' numbers {@value #GUIDE_INSUFFICIENT_FUNDS}, {@value #GUIDE_CANCELS} and {@value
 * #GUIDE_NEVER_ANSWERS} are not Kenyan mobile numbers: the fake accepts them (for clients in other
 * languages that send them), but the SDK's {@code PhoneNumber} refuses {@code 2542...} and {@code
 * 2543...} before any request. Java tests use the {@code 2547083741xx} numbers.
 *
 * <p>Any customer with a prompt still open is busy too: a second push to the same number before the
 * first is answered is refused like {@value #BUSY}, as Daraja does.
 */
public final class SandboxNumbers {
  /** Pays: the sandbox test number of Daraja's own documentation. */
  public static final String PAYS = "254708374149";

  /** Lacks funds: result {@code 1}. */
  public static final String INSUFFICIENT_FUNDS = "254708374150";

  /** Lacks funds: result {@code 1} (the guides' number; not a valid mobile number). */
  public static final String GUIDE_INSUFFICIENT_FUNDS = "254111111111";

  /** Cancels the prompt: result {@code 1032}. */
  public static final String CANCELS = "254708374151";

  /** Cancels the prompt: result {@code 1032} (the guides' number; the SDK refuses it). */
  public static final String GUIDE_CANCELS = "254333333333";

  /** Never answers: result {@code 1037} once the prompt times out. */
  public static final String NEVER_ANSWERS = "254708374152";

  /** Never answers: result {@code 1037} (the guides' number; the SDK refuses it). */
  public static final String GUIDE_NEVER_ANSWERS = "254222222222";

  /** Enters a wrong PIN: result {@code 2001}. */
  public static final String WRONG_PIN = "254708374153";

  /** Has a session open: the push is refused synchronously ("Unable to lock subscriber"). */
  public static final String BUSY = "254708374154";

  private SandboxNumbers() {}

  /** The script a number starts with. */
  static Customer.Answer defaultAnswer(String msisdn) {
    return switch (msisdn) {
      case INSUFFICIENT_FUNDS, GUIDE_INSUFFICIENT_FUNDS -> Customer.Answer.INSUFFICIENT_FUNDS;
      case CANCELS, GUIDE_CANCELS -> Customer.Answer.CANCEL;
      case NEVER_ANSWERS, GUIDE_NEVER_ANSWERS -> Customer.Answer.NO_ANSWER;
      case WRONG_PIN -> Customer.Answer.WRONG_PIN;
      case BUSY -> Customer.Answer.BUSY;
      default -> Customer.Answer.PAY;
    };
  }
}
