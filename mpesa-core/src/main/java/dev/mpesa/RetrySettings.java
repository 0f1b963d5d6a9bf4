package dev.mpesa;

import dev.mpesa.internal.Problems;
import java.time.Duration;

/**
 * When and how the client retries a failed call. Immutable.
 *
 * <p>What may be retried depends on the operation, never on these settings: read-only calls (token,
 * STK query) are retried on network failures, throttling and outages; calls that move money (STK
 * push) only when the request provably never reached Daraja (the connection failed) or the gateway
 * refused it before processing (spike arrest, quota, HTTP 429). These settings only bound how often
 * and how long.
 *
 * <p>Defaults: 3 attempts in all; backoff from 500 ms (1 s after throttling), doubling, capped at 8
 * s, with jitter; a 90-second deadline per call, sleeps and token refresh included; a shared budget
 * of 100 tokens where a retry costs 5 and a success returns 1, so an outage cannot multiply
 * traffic.
 */
public final class RetrySettings {
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration throttledBackoff;
  private final Duration maxBackoff;
  private final Duration deadline;
  private final int budget;

  private RetrySettings(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.throttledBackoff = b.throttledBackoff;
    this.maxBackoff = b.maxBackoff;
    this.deadline = b.deadline;
    this.budget = b.budget;
  }

  /** The defaults described in the class documentation. */
  public static RetrySettings defaults() {
    return builder().build();
  }

  /** No retries at all (one attempt); the deadline still applies. */
  public static RetrySettings disabled() {
    return builder().maxAttempts(1).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Attempts in all, the first included; 1 means no retry. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The first wait after a failure that is not throttling. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The first wait after throttling (spike arrest, quota, HTTP 429). */
  public Duration throttledBackoff() {
    return throttledBackoff;
  }

  /**
   * The longest single wait. A {@code Retry-After} longer than this ends the retries: the exception
   * then carries the wait the gateway asked for.
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** How long one call may take in all: attempts, waits and token refresh. */
  public Duration deadline() {
    return deadline;
  }

  /** Capacity of the shared retry budget in tokens (a retry costs 5); 0 when turned off. */
  public int budget() {
    return budget;
  }

  @Override
  public String toString() {
    return "RetrySettings[maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", throttledBackoff="
        + throttledBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", deadline="
        + deadline
        + ", budget="
        + (budget == 0 ? "off" : budget)
        + "]";
  }

  /** Builds {@link RetrySettings}; {@link #build()} checks the values. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration throttledBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private Duration deadline = Duration.ofSeconds(90);
    private int budget = 100;
    private boolean budgetOff;

    private Builder() {}

    /** Attempts in all, at least 1 (1 turns retries off). Default 3. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Exponential backoff: the first wait after an ordinary failure, the first after throttling,
     * and the cap of any wait. Each wait is drawn between half and all of its exponential value.
     * Defaults 500 ms, 1 s and 8 s.
     */
    public Builder backoff(Duration initial, Duration throttled, Duration max) {
      this.initialBackoff = initial;
      this.throttledBackoff = throttled;
      this.maxBackoff = max;
      return this;
    }

    /** How long one call may take in all, retries and waits included. Default 90 s. */
    public Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    /** Capacity of the shared retry budget in tokens; a retry costs 5. Default 100. */
    public Builder budget(int tokens) {
      this.budget = tokens;
      this.budgetOff = false;
      return this;
    }

    /** Turns the shared retry budget off: retries are then bounded only per call. */
    public Builder noBudget() {
      this.budget = 0;
      this.budgetOff = true;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalStateException naming every value that is out of range
     */
    public RetrySettings build() {
      Problems problems = new Problems("RetrySettings");
      if (maxAttempts < 1) {
        problems.add("maxAttempts must be at least 1, got " + maxAttempts);
      }
      boolean initial = positive(initialBackoff, "initial backoff", problems);
      boolean throttled = positive(throttledBackoff, "throttled backoff", problems);
      boolean max = positive(maxBackoff, "max backoff", problems);
      positive(deadline, "deadline", problems);
      if (initial
          && throttled
          && max
          && (maxBackoff.compareTo(initialBackoff) < 0
              || maxBackoff.compareTo(throttledBackoff) < 0)) {
        problems.add("the max backoff must not be shorter than the first waits");
      }
      if (!budgetOff && budget < 5) {
        problems.add(
            "budget needs at least 5 tokens (one retry), got "
                + budget
                + "; noBudget() turns it off");
      }
      problems.throwIfAny();
      return new RetrySettings(this);
    }

    private static boolean positive(Duration d, String name, Problems problems) {
      if (d == null || d.isNegative() || d.isZero()) {
        problems.add(name + " must be a positive duration, got " + d);
        return false;
      }
      return true;
    }
  }
}
