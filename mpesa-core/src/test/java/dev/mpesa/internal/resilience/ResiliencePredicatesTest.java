package dev.mpesa.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpesa.error.MpesaException;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.result.DarajaError;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What each idempotency class may retry, and what a breaker counts (ARCHITECTURE.md). */
class ResiliencePredicatesTest {
  static final Operation QUERY = new Operation("stk.query", "/q", IdempotencyClass.SAFE, "stk");
  static final Operation PUSH = new Operation("stk.push", "/p", IdempotencyClass.MONEY, "stk");
  static final Operation B2C = new Operation("b2c.pay", "/b", IdempotencyClass.MONEY_KEYED, "b2c");
  static final Operation REGISTER =
      new Operation("c2b.register", "/r", IdempotencyClass.ONCE, "c2b");

  static MpesaException api(Operation op, DarajaError error) {
    return Errors.api(op.name(), 500, "x", "m", "r", error, null, null);
  }

  static MpesaException refused(Operation op) {
    return Errors.network(op.name(), "refused", null);
  }

  static MpesaException timedOut(Operation op) {
    return Errors.network(
        op.name(), "timeout", new java.net.SocketTimeoutException("read timed out"));
  }

  static MpesaException unknown(Operation op) {
    return Errors.outcomeUnknown(
        op.name(), "?", Map.of(), Instant.EPOCH, new java.io.IOException("reset"));
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // operation, failure, retryable
        Arguments.of(QUERY, refused(QUERY), true),
        Arguments.of(QUERY, timedOut(QUERY), true),
        Arguments.of(QUERY, api(QUERY, DarajaError.SPIKE_ARREST), true),
        Arguments.of(QUERY, api(QUERY, DarajaError.SERVICE_UNAVAILABLE), true),
        Arguments.of(QUERY, api(QUERY, DarajaError.NON_JSON_RESPONSE), true),
        Arguments.of(QUERY, api(QUERY, DarajaError.INVALID_FIELD), false),
        Arguments.of(QUERY, api(QUERY, DarajaError.TRANSACTION_NOT_FOUND), false),
        Arguments.of(QUERY, api(QUERY, DarajaError.INVALID_ACCESS_TOKEN), false),
        Arguments.of(PUSH, refused(PUSH), true),
        Arguments.of(PUSH, api(PUSH, DarajaError.SPIKE_ARREST), true),
        Arguments.of(PUSH, api(PUSH, DarajaError.QUOTA_EXCEEDED), true),
        Arguments.of(PUSH, api(PUSH, DarajaError.TOO_MANY_REQUESTS), true),
        // A push that timed out after sending is an unknown outcome, never a network exception.
        Arguments.of(PUSH, unknown(PUSH), false),
        Arguments.of(PUSH, api(PUSH, DarajaError.SERVICE_UNAVAILABLE), false),
        Arguments.of(PUSH, api(PUSH, DarajaError.SUBSCRIBER_BUSY), false),
        Arguments.of(PUSH, api(PUSH, DarajaError.WRONG_CREDENTIALS), false),
        Arguments.of(B2C, unknown(B2C), true),
        Arguments.of(B2C, api(B2C, DarajaError.SERVICE_UNAVAILABLE), true),
        Arguments.of(B2C, api(B2C, DarajaError.DUPLICATE_REQUEST), false),
        Arguments.of(REGISTER, refused(REGISTER), false),
        Arguments.of(REGISTER, api(REGISTER, DarajaError.SPIKE_ARREST), false),
        // A failure of another operation (a token refresh) is never the outer call's to retry.
        Arguments.of(QUERY, refused(Operation.OAUTH), false),
        Arguments.of(QUERY, Errors.circuitOpen("stk.query", "open", null), false),
        Arguments.of(QUERY, new IllegalStateException("bug"), false));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("table")
  @DisplayName("R9, R10, R13, R14: retryable by idempotency class")
  void retryable_byIdempotencyClass(Operation op, Exception failure, boolean expected) {
    assertThat(Resilience.retryable(op, failure)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(DarajaError.class)
  @DisplayName("R19: a breaker counts an API error only when it is Daraja's trouble (transient)")
  void isHealthSignal_apiErrors_areTheTransientOnes(DarajaError error) {
    assertThat(Resilience.isHealthSignal(api(QUERY, error))).isEqualTo(error.isTransient());
  }

  @Test
  @DisplayName("R19: network failures count, an interruption does not")
  void isHealthSignal_networkFailures() {
    assertThat(Resilience.isHealthSignal(timedOut(QUERY))).isTrue();
    assertThat(Resilience.isHealthSignal(unknown(PUSH))).isTrue();
    assertThat(
            Resilience.isHealthSignal(Errors.network("stk.query", "i", new InterruptedException())))
        .isFalse();
    // Refused by the client itself (deadline passed, no rate slot): nothing about Daraja.
    assertThat(Resilience.isHealthSignal(Errors.network("stk.query", "late", null))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = DarajaError.class,
      names = {"SPIKE_ARREST", "QUOTA_EXCEEDED", "TOO_MANY_REQUESTS", "SUBSCRIBER_BUSY"})
  void healthSignals_neverIncludeABusyCustomer(DarajaError error) {
    assertThat(Resilience.isHealthSignal(api(QUERY, error)))
        .isEqualTo(error != DarajaError.SUBSCRIBER_BUSY);
  }

  @Test
  void retryBudget_paysRetriesAndRefundsOnSuccess() {
    RetryBudget budget = new RetryBudget(12);

    assertThat(budget.tryAcquireRetry()).isTrue();
    assertThat(budget.tryAcquireRetry()).isTrue();
    assertThat(budget.tryAcquireRetry()).isFalse();
    assertThat(budget.available()).isEqualTo(2);
    budget.onSuccess(false);
    budget.onSuccess(false);
    budget.onSuccess(false);
    assertThat(budget.tryAcquireRetry()).isTrue();
    budget.onSuccess(true);
    budget.onSuccess(true);
    budget.onSuccess(true);
    assertThat(budget.available()).isEqualTo(12);
  }

  @Test
  void smoothRateLimiter_spacesSlotsAndRefusesBeyondMaxWait() {
    dev.mpesa.testing.FakeClock clock =
        new dev.mpesa.testing.FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    SmoothRateLimiter limiter = new SmoothRateLimiter(clock, 4);

    assertThat(limiter.reserve(Duration.ofSeconds(1))).isEqualTo(Duration.ZERO);
    assertThat(limiter.reserve(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(250));
    assertThat(limiter.reserve(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(500));
    assertThat(limiter.reserve(Duration.ofMillis(600))).isNull();
    clock.advance(Duration.ofSeconds(2));
    assertThat(limiter.reserve(Duration.ZERO)).isEqualTo(Duration.ZERO);
  }

  @Test
  void deadline_countsTheLargerOfMonotonicTimeAndSleeps() {
    Deadline deadline = Deadline.after(Duration.ofSeconds(10));

    deadline.slept(Duration.ofSeconds(4));

    assertThat(deadline.remaining()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(6));
    // A wait must leave the attempt floor (1 s here) for the attempt after it.
    assertThat(deadline.attemptFloor()).isEqualTo(Duration.ofSeconds(1));
    assertThat(deadline.allows(Duration.ofSeconds(4))).isTrue();
    assertThat(deadline.allows(Duration.ofMillis(5_500))).isFalse();
    assertThat(deadline.remainingWithin(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  @DisplayName("R16: a short deadline's attempt floor is a quarter of it")
  void deadline_attemptFloor_isOneSecondOrAQuarterOfAShortDeadline() {
    assertThat(Deadline.after(Duration.ofSeconds(90)).attemptFloor())
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(Deadline.after(Duration.ofMillis(800)).attemptFloor())
        .isEqualTo(Duration.ofMillis(200));
  }
}
