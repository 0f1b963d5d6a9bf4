package dev.mpesa.testkit;

import java.time.Duration;

/**
 * How a scripted {@link Customer} ends a PIN prompt of a product other than M-Pesa Express (Ratiba,
 * B2B Express Checkout), and when: the same scripts as STK, so a test scripts a number once.
 *
 * @param resultCode the code the prompt ends with ({@code "0"} paid)
 * @param resultDesc its text
 * @param after how long after the request the outcome comes
 */
record PromptOutcome(String resultCode, String resultDesc, Duration after) {
  /** {@code 1001}: the customer's USSD session is busy (API.md §7.1, §7.6). */
  static final String BUSY_CODE = "1001";

  /**
   * The outcome of {@code script}: its code and text after its delay, or the fake's defaults
   * ({@code customerResponseTime}; {@code promptTimeout} for a customer who never answers). A busy
   * customer ends the prompt at once with {@code 1001}: these products accept the request first and
   * report the lock in the callback.
   */
  static PromptOutcome of(Backend backend, Customer.Script script) {
    return switch (script.answer()) {
      case BUSY -> new PromptOutcome(BUSY_CODE, StkDesk.BUSY_MESSAGE, Duration.ZERO);
      case NO_ANSWER ->
          new PromptOutcome(
              script.resultCode(),
              script.resultDesc(),
              script.after() != null ? script.after() : backend.promptTimeout);
      default ->
          new PromptOutcome(
              script.resultCode(),
              script.resultDesc(),
              script.after() != null ? script.after() : backend.customerResponseTime);
    };
  }

  /** Whether the customer paid. */
  boolean paid() {
    return "0".equals(resultCode);
  }
}
