package dev.mpesa.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A scripted customer: how the phone behind one number answers an STK push. Get one with {@link
 * FakeDaraja#customer(String)}; a script lasts until it is changed or the fake is closed.
 *
 * <pre>{@code
 * fake.customer("254712345678").willCancel();
 * fake.customer("254712345679").paysAfter(Duration.ofSeconds(2));
 * fake.customer("254712345680").answers("1025", "An error occurred while sending a push request.");
 * }</pre>
 *
 * <p>The same scripts answer the fake's other prompts: the PIN prompt of an M-Pesa Ratiba standing
 * order (the customer behind {@code PartyA}), and the USSD prompt of B2B Express Checkout, scripted
 * under the till number, which stands for its operator's phone ({@code
 * fake.customer("000001").willCancel()} ends that checkout with {@code 4001}).
 *
 * <p>Thread-safe: a test may rescript a customer while requests are in flight; a push takes the
 * script current when it arrives.
 */
public final class Customer {
  /** What a customer does with a prompt. */
  enum Answer {
    PAY("0", "The service request is processed successfully."),
    INSUFFICIENT_FUNDS("1", "The balance is insufficient for the transaction."),
    CANCEL("1032", "Request cancelled by user"),
    NO_ANSWER("1037", "DS timeout user cannot be reached"),
    WRONG_PIN("2001", "The initiator information is invalid."),
    BUSY(null, null),
    CUSTOM(null, null);

    final String resultCode;
    final String resultDesc;

    Answer(String resultCode, String resultDesc) {
      this.resultCode = resultCode;
      this.resultDesc = resultDesc;
    }
  }

  /** One script: the answer, its result code and text, and when it comes (null: the default). */
  record Script(Answer answer, String resultCode, String resultDesc, Duration after) {
    static Script of(Answer answer) {
      return new Script(answer, answer.resultCode, answer.resultDesc, null);
    }
  }

  private final String msisdn;
  private volatile Script script;

  Customer(String msisdn) {
    this.msisdn = msisdn;
    this.script = Script.of(SandboxNumbers.defaultAnswer(msisdn));
  }

  /** The number, as Daraja writes it ({@code 2547...}). */
  public String msisdn() {
    return msisdn;
  }

  /** Enters the PIN: result {@code 0}, a receipt, the money moves. */
  public Customer pays() {
    return set(Answer.PAY, null);
  }

  /** Enters the PIN {@code after} the prompt arrives. */
  public Customer paysAfter(Duration after) {
    return set(Answer.PAY, positive(after));
  }

  /** Dismisses the prompt: result {@code 1032}. */
  public Customer willCancel() {
    return set(Answer.CANCEL, null);
  }

  /** Dismisses the prompt {@code after} it arrives. */
  public Customer cancelsAfter(Duration after) {
    return set(Answer.CANCEL, positive(after));
  }

  /** Has too little money: result {@code 1}. */
  public Customer lacksFunds() {
    return set(Answer.INSUFFICIENT_FUNDS, null);
  }

  /** Enters a wrong PIN: result {@code 2001}. */
  public Customer entersWrongPin() {
    return set(Answer.WRONG_PIN, null);
  }

  /** Never answers: result {@code 1037} when the fake's prompt timeout passes. */
  public Customer neverAnswers() {
    return set(Answer.NO_ANSWER, null);
  }

  /**
   * Has a USSD session open: pushes are refused with {@code 500.001.1001} "Unable to lock
   * subscriber..." and no prompt appears.
   */
  public Customer isBusy() {
    return set(Answer.BUSY, null);
  }

  /**
   * Ends the prompt with any result code Daraja documents (API.md §7.1), for example {@code "1025"}
   * or {@code "1019"}. {@code "0"} is a payment, with a receipt.
   */
  public Customer answers(String resultCode, String resultDesc) {
    Objects.requireNonNull(resultCode, "resultCode");
    Objects.requireNonNull(resultDesc, "resultDesc");
    script = new Script(Answer.CUSTOM, resultCode, resultDesc, script.after());
    return this;
  }

  /** Keeps the current answer and gives it {@code after} the prompt arrives. */
  public Customer after(Duration after) {
    Script s = script;
    script = new Script(s.answer(), s.resultCode(), s.resultDesc(), positive(after));
    return this;
  }

  /** Back to what this number does by default ({@link SandboxNumbers}). */
  public Customer reset() {
    script = Script.of(SandboxNumbers.defaultAnswer(msisdn));
    return this;
  }

  Script script() {
    return script;
  }

  private Customer set(Answer answer, Duration after) {
    script = new Script(answer, answer.resultCode, answer.resultDesc, after);
    return this;
  }

  private static Duration positive(Duration d) {
    Objects.requireNonNull(d, "duration");
    if (d.isNegative()) {
      throw new IllegalArgumentException("a customer cannot answer before the prompt: " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    return "Customer[" + Msisdns.forLog(msisdn) + ", " + script + "]";
  }
}
