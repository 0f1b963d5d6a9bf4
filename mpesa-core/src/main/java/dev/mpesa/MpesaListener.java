package dev.mpesa;

import dev.mpesa.error.MpesaException;
import dev.mpesa.error.OutcomeUnknownException;
import java.time.Duration;
import java.time.Instant;

/**
 * Hooks for metrics and logs: what the client did, as it did it.
 *
 * <p>Every method has an empty default; implement the ones you need. Methods are called on the
 * calling thread (a background token refresh calls from its own thread), must be fast and
 * thread-safe, and should not throw: an exception is logged and otherwise ignored. Nothing passed
 * here carries a secret, a token or a full phone number.
 */
public interface MpesaListener {

  /** A listener that does nothing: the default. */
  MpesaListener NONE = new MpesaListener() {};

  /**
   * One HTTP attempt ended.
   *
   * @param operation such as {@code stk.push} or {@code oauth}
   * @param attempt 1 for the first attempt of a call, 2 for its first retry...
   * @param httpStatus the status of the answer, or 0 if no answer came
   * @param latency how long the attempt took
   * @param requestId Daraja's {@code requestId} when the answer carried one, else null
   */
  default void onAttempt(
      String operation, int attempt, int httpStatus, Duration latency, String requestId) {}

  /**
   * A failed attempt will be retried after {@code wait}.
   *
   * @param nextAttempt the number of the attempt to come
   */
  default void onRetry(String operation, int nextAttempt, Duration wait, MpesaException cause) {}

  /**
   * A circuit breaker changed state.
   *
   * @param group the operation group, such as {@code oauth} or {@code stk}
   * @param from the state before ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}...)
   * @param to the state after
   */
  default void onCircuitStateChange(String group, String from, String to) {}

  /** A new access token was obtained; it expires at {@code expiresAt}. */
  default void onTokenRefreshed(Instant expiresAt) {}

  /** A money-moving call ended with an unknown outcome: reconcile it. */
  default void onOutcomeUnknown(OutcomeUnknownException exception) {}
}
