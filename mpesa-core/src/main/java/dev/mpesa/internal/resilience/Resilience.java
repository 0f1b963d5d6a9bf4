package dev.mpesa.internal.resilience;

import dev.mpesa.CircuitBreakerSettings;
import dev.mpesa.MpesaListener;
import dev.mpesa.RetrySettings;
import dev.mpesa.Sleeper;
import dev.mpesa.error.CircuitOpenException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.MpesaNetworkException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.error.ThrottledException;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.result.DarajaError;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retry outside, circuit breaker inside, around the transport's single attempt point.
 *
 * <p>{@code attempt} receives the attempt number (1, 2, ...). What may be retried is decided by the
 * operation's {@link IdempotencyClass} ({@link #retryable}); Resilience4j's {@link Retry} counts
 * attempts and computes the waits (exponential, jittered, lengthened by {@code Retry-After}), while
 * this class does the waiting through the client's {@link Sleeper}, so tests never sleep. Each
 * retry must also fit the call's {@link Deadline} and be paid from the shared {@link RetryBudget}.
 * Each operation group has its own {@link CircuitBreaker}, which records only health signals
 * ({@link #isHealthSignal}); an open breaker sends nothing and is never retried. Thread-safe.
 */
public final class Resilience {
  private static final Logger log = LoggerFactory.getLogger(Resilience.class);

  /**
   * The answers that say something about Daraja's health, and so count for a circuit breaker: its
   * rate limits, outages and gateway pages. A validation error, a busy customer or a pending
   * transaction does not.
   */
  static final Set<DarajaError> HEALTH_SIGNALS =
      EnumSet.of(
          DarajaError.SPIKE_ARREST,
          DarajaError.QUOTA_EXCEEDED,
          DarajaError.TOO_MANY_REQUESTS,
          DarajaError.SERVICE_UNAVAILABLE,
          DarajaError.NON_JSON_RESPONSE);

  private final RetrySettings retry;
  private final CircuitBreakerSettings breakerSettings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final MpesaListener listener;
  private final RetryBudget budget;
  private final double rateLimit;
  private final Map<String, Retry> retries = new ConcurrentHashMap<>();
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final Map<String, SmoothRateLimiter> limiters = new ConcurrentHashMap<>();

  /**
   * Creates the policy of one client.
   *
   * @param rateLimit requests per second per operation group; 0 for no limit
   */
  public Resilience(
      RetrySettings retry,
      CircuitBreakerSettings breakerSettings,
      double rateLimit,
      Clock clock,
      Sleeper sleeper,
      MpesaListener listener) {
    this.retry = retry;
    this.breakerSettings = breakerSettings;
    this.rateLimit = rateLimit;
    this.clock = clock;
    this.sleeper = sleeper;
    this.listener = listener;
    this.budget = retry.budget() > 0 ? new RetryBudget(retry.budget()) : null;
  }

  /** A new deadline for one call, by the retry settings. */
  public Deadline newDeadline() {
    return Deadline.after(retry.deadline());
  }

  /**
   * Runs {@code attempt} under the policy of {@code op}.
   *
   * @throws CircuitOpenException if the group's breaker is open (nothing was sent)
   * @throws MpesaException the last failure when no retry is allowed
   */
  public <T> T execute(Operation op, Deadline deadline, IntFunction<T> attempt) {
    Retry.AsyncContext<Object> context = retryFor(op).asyncContext();
    CircuitBreaker breaker = breakerFor(op.group());
    int attemptNumber = 1;
    OutcomeUnknownException unknown = null;
    MpesaApiException lastAnswer = null;
    while (true) {
      try {
        int number = attemptNumber;
        // Breaker permission first: an open breaker must not wait for (or use up) a rate slot.
        Supplier<T> limited =
            () -> {
              awaitRateLimit(op, deadline);
              return attempt.apply(number);
            };
        T result = breaker == null ? limited.get() : guarded(breaker, op.group(), limited);
        context.onComplete();
        if (budget != null) {
          budget.onSuccess(attemptNumber > 1);
        }
        return result;
      } catch (CallNotPermittedException e) {
        throw outcome(
            Errors.circuitOpen(
                op.name(),
                op.name()
                    + " was not sent: the circuit breaker of "
                    + op.group()
                    + " is open after repeated Daraja failures; it lets probe calls through "
                    + breakerSettings.openDuration().toSeconds()
                    + " s after opening.",
                e),
            op,
            deadline,
            unknown,
            lastAnswer);
      } catch (MpesaException e) {
        if (e instanceof OutcomeUnknownException u) {
          unknown = u;
        } else if (e instanceof MpesaApiException api && op.name().equals(api.operation())) {
          lastAnswer = api;
        }
        Duration wait = nextWait(context, op, e, deadline);
        if (wait == null) {
          MpesaException failure = outcome(e, op, deadline, unknown, lastAnswer);
          if (failure instanceof OutcomeUnknownException u) {
            notify(() -> listener.onOutcomeUnknown(u));
          }
          throw failure;
        }
        int next = attemptNumber + 1;
        log.warn(
            "{} attempt {} failed ({}); retrying in {} ms",
            op.name(),
            attemptNumber,
            e.getClass().getSimpleName(),
            wait.toMillis());
        notify(() -> listener.onRetry(op.name(), next, wait, e));
        sleep(op, wait, e);
        deadline.slept(wait);
        attemptNumber = next;
      }
    }
  }

  /**
   * What a call that gives up reports, given its last failure {@code e}:
   *
   * <ul>
   *   <li>once any attempt may have been processed ({@code unknown}), the call's outcome stays
   *       unknown whatever later attempts saw (a later "nothing was sent" must not read as safe to
   *       resend), unless a later answer was Daraja's own;
   *   <li>a network failure that ran into the deadline hides nothing: if Daraja answered an earlier
   *       attempt, that answer is reported, with the late failure suppressed.
   * </ul>
   */
  private static MpesaException outcome(
      MpesaException e,
      Operation op,
      Deadline deadline,
      OutcomeUnknownException unknown,
      MpesaApiException lastAnswer) {
    boolean noAnswer = e instanceof MpesaNetworkException || e instanceof CircuitOpenException;
    if (unknown != null && unknown != e && (noAnswer || e instanceof ThrottledException)) {
      unknown.addSuppressed(e);
      return unknown;
    }
    if (e instanceof MpesaNetworkException
        && lastAnswer != null
        && op.name().equals(e.operation())
        && deadline.passed()) {
      lastAnswer.addSuppressed(e);
      return lastAnswer;
    }
    return e;
  }

  /**
   * Runs {@code call} under {@code breaker}, telling it only health signals. An expected answer (a
   * pending query, a validation error) just returns the permission: handed to the breaker as an
   * ignored exception, Resilience4j would log its stack trace at DEBUG on every such call.
   */
  private static <T> T guarded(CircuitBreaker breaker, String group, Supplier<T> call) {
    breaker.acquirePermission();
    long start = System.nanoTime();
    try {
      T result = call.get();
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return result;
    } catch (RuntimeException | Error e) {
      if (isHealthSignal(e) && ownedBy(group, e)) {
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      } else {
        breaker.releasePermission();
      }
      throw e;
    }
  }

  /** The wait before the next attempt, or null if there is to be none. */
  private Duration nextWait(
      Retry.AsyncContext<Object> context, Operation op, MpesaException e, Deadline deadline) {
    if (Thread.currentThread().isInterrupted()) {
      return null;
    }
    long millis = context.onError(e);
    if (millis < 0) {
      return null;
    }
    Duration wait = Duration.ofMillis(millis);
    if (wait.compareTo(retry.maxBackoff()) > 0) {
      log.debug(
          "{}: the gateway asked for a wait of {} ms, longer than the cap", op.name(), millis);
      return null;
    }
    if (!deadline.allows(wait)) {
      log.debug(
          "{}: no retry, the deadline leaves {} ms", op.name(), deadline.remaining().toMillis());
      return null;
    }
    if (budget != null && !budget.tryAcquireRetry()) {
      log.warn("{}: no retry, the client's retry budget is spent", op.name());
      return null;
    }
    return wait;
  }

  private void sleep(Operation op, Duration wait, MpesaException cause) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      cause.addSuppressed(ie);
      throw cause;
    }
  }

  private void awaitRateLimit(Operation op, Deadline deadline) {
    if (rateLimit <= 0) {
      return;
    }
    SmoothRateLimiter limiter =
        limiters.computeIfAbsent(op.group(), g -> new SmoothRateLimiter(clock, rateLimit));
    Duration wait = limiter.reserve(deadline.remaining());
    if (wait == null) {
      throw Errors.network(
          op.name(),
          op.name() + " was not sent: the client's rate limit leaves no slot before the deadline.",
          null);
    }
    if (!wait.isZero()) {
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Errors.network(
            op.name(), op.name() + " was not sent: interrupted while rate limited.", e);
      }
      deadline.slept(wait);
    }
  }

  /**
   * Whether a failure of {@code op} may be retried: never one that came from another operation (a
   * token refresh has its own retries), never an open breaker.
   */
  static boolean retryable(Operation op, Throwable t) {
    if (!(t instanceof MpesaException e)
        || t instanceof CircuitOpenException
        || !op.name().equals(e.operation())) {
      return false;
    }
    // An MpesaNetworkException is by definition safe to resend (read-only, or nothing sent).
    return switch (op.idempotency()) {
      case SAFE ->
          e instanceof MpesaNetworkException
              || (e instanceof MpesaApiException api && api.isTransient());
      // The same key makes Daraja refuse a second payment, so even an unknown outcome is resent.
      case MONEY_KEYED ->
          e instanceof MpesaNetworkException
              || e instanceof OutcomeUnknownException
              || (e instanceof MpesaApiException api && api.isTransient());
      case MONEY -> e instanceof MpesaNetworkException || e instanceof ThrottledException;
      case ONCE -> false;
    };
  }

  /** Whether a failure says something about Daraja's health. */
  public static boolean isHealthSignal(Throwable t) {
    if (t instanceof MpesaApiException api) {
      return HEALTH_SIGNALS.contains(api.error());
    }
    // A network failure counts when Daraja's side failed (I/O, or an unknown outcome after a
    // 5xx); not a call the client refused itself (deadline passed, no rate slot) or interrupted.
    return (t instanceof MpesaNetworkException || t instanceof OutcomeUnknownException)
        && !Thread.currentThread().isInterrupted()
        && (t.getCause() instanceof java.io.IOException
                && !(t.getCause() instanceof java.io.InterruptedIOException
                    && Thread.currentThread().isInterrupted())
            || isHealthSignal(t.getCause()));
  }

  private static boolean ownedBy(String group, Throwable t) {
    return t instanceof MpesaException e
        && e.operation() != null
        && Operation.inGroup(e.operation(), group);
  }

  private Retry retryFor(Operation op) {
    return retries.computeIfAbsent(
        op.name(),
        name ->
            Retry.of(
                name,
                RetryConfig.<Object>custom()
                    .maxAttempts(retry.maxAttempts())
                    .retryOnException(t -> retryable(op, t))
                    .intervalBiFunction(backoff())
                    .failAfterMaxAttempts(false)
                    .build()));
  }

  private IntervalBiFunction<Object> backoff() {
    return (attempt, outcome) -> {
      Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
      boolean throttled = failure instanceof ThrottledException;
      Duration first = throttled ? retry.throttledBackoff() : retry.initialBackoff();
      long cap = retry.maxBackoff().toMillis();
      long exponential = first.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
      long ceiling = Math.min(cap, exponential);
      // "Equal jitter": between half and all of the exponential value, never below half.
      long wait = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
      if (failure instanceof MpesaApiException api && api.retryAfter().isPresent()) {
        wait = Math.max(wait, api.retryAfter().get().toMillis());
      }
      return wait;
    };
  }

  private CircuitBreaker breakerFor(String group) {
    if (!breakerSettings.enabled()) {
      return null;
    }
    return breakers.computeIfAbsent(group, this::newBreaker);
  }

  private CircuitBreaker newBreaker(String group) {
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .slidingWindow(
                (int) breakerSettings.window().toSeconds(),
                breakerSettings.minimumCalls(),
                CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
            .failureRateThreshold(breakerSettings.failureRateThreshold())
            .waitDurationInOpenState(breakerSettings.openDuration())
            .permittedNumberOfCallsInHalfOpenState(breakerSettings.halfOpenCalls())
            // Slowness is bounded by the call timeout; only failures say Daraja is down.
            .slowCallDurationThreshold(Duration.ofDays(1))
            // A failure of another group (a token refresh inside an STK call) is that group's.
            .recordException(t -> isHealthSignal(t) && ownedBy(group, t))
            .ignoreException(t -> !(isHealthSignal(t) && ownedBy(group, t)))
            .clock(clock)
            .build();
    CircuitBreaker breaker = CircuitBreaker.of(group, config);
    breaker
        .getEventPublisher()
        .onStateTransition(
            event -> {
              String from = event.getStateTransition().getFromState().name();
              String to = event.getStateTransition().getToState().name();
              log.warn("circuit breaker {}: {} -> {}", group, from, to);
              notify(() -> listener.onCircuitStateChange(group, from, to));
            });
    return breaker;
  }

  /** The state of a group's breaker, {@code CLOSED} if it has none yet or breakers are off. */
  public String circuitState(String group) {
    CircuitBreaker b = breakers.get(group);
    return b == null ? CircuitBreaker.State.CLOSED.name() : b.getState().name();
  }

  /** Tokens left in the retry budget; -1 when the budget is off. */
  public int budgetAvailable() {
    return budget == null ? -1 : budget.available();
  }

  /** Calls a listener method, logging (never propagating) what it throws. */
  public void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("an MpesaListener threw; ignored: {}", e.toString());
    }
  }
}
