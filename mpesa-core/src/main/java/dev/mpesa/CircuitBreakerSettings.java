package dev.mpesa;

import dev.mpesa.internal.Problems;
import java.time.Duration;

/**
 * How the client stops calling a Daraja that keeps failing. Immutable.
 *
 * <p>Each group of operations (OAuth, M-Pesa Express, and later each product family) has its own
 * breaker, so an OAuth outage does not block calls that hold a token, and a B2C outage does not
 * block STK queries. A breaker counts only signs of Daraja's health: network failures, timeouts,
 * 5xx answers, throttling and gateway pages; never a validation error, a customer's decline, "the
 * transaction is being processed" or a busy subscriber. While open, calls fail at once with {@code
 * CircuitOpenException} and nothing is sent; after {@link #openDuration()} a few probe calls are
 * let through.
 *
 * <p>Defaults suit low-traffic merchants: a 60-second time window, judged once it holds at least 10
 * calls, opens at 50% failures, stays open 30 s, and lets 2 probes through.
 */
public final class CircuitBreakerSettings {
  private final boolean enabled;
  private final float failureRateThreshold;
  private final int minimumCalls;
  private final Duration window;
  private final Duration openDuration;
  private final int halfOpenCalls;

  private CircuitBreakerSettings(Builder b) {
    this.enabled = b.enabled;
    this.failureRateThreshold = b.failureRateThreshold;
    this.minimumCalls = b.minimumCalls;
    this.window = b.window;
    this.openDuration = b.openDuration;
    this.halfOpenCalls = b.halfOpenCalls;
  }

  /** The defaults described in the class documentation. */
  public static CircuitBreakerSettings defaults() {
    return builder().build();
  }

  /** No circuit breaking: every call is attempted. */
  public static CircuitBreakerSettings disabled() {
    Builder b = builder();
    b.enabled = false;
    return b.build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether breakers are used at all. */
  public boolean enabled() {
    return enabled;
  }

  /** Failure percentage at which a breaker opens. */
  public float failureRateThreshold() {
    return failureRateThreshold;
  }

  /** Calls the window must hold before the failure rate is judged. */
  public int minimumCalls() {
    return minimumCalls;
  }

  /** The time window over which failures are counted. */
  public Duration window() {
    return window;
  }

  /** How long an open breaker refuses calls before letting probes through. */
  public Duration openDuration() {
    return openDuration;
  }

  /** Probe calls let through when half open. */
  public int halfOpenCalls() {
    return halfOpenCalls;
  }

  @Override
  public String toString() {
    return enabled
        ? "CircuitBreakerSettings[failureRateThreshold="
            + failureRateThreshold
            + "%, minimumCalls="
            + minimumCalls
            + ", window="
            + window
            + ", openDuration="
            + openDuration
            + ", halfOpenCalls="
            + halfOpenCalls
            + "]"
        : "CircuitBreakerSettings[disabled]";
  }

  /** Builds {@link CircuitBreakerSettings}; {@link #build()} checks the values. */
  public static final class Builder {
    private boolean enabled = true;
    private float failureRateThreshold = 50;
    private int minimumCalls = 10;
    private Duration window = Duration.ofSeconds(60);
    private Duration openDuration = Duration.ofSeconds(30);
    private int halfOpenCalls = 2;

    private Builder() {}

    /** Failure percentage (1-100) at which a breaker opens. Default 50. */
    public Builder failureRateThreshold(float percent) {
      this.failureRateThreshold = percent;
      return this;
    }

    /** Calls the window must hold before it is judged. Default 10. */
    public Builder minimumCalls(int calls) {
      this.minimumCalls = calls;
      return this;
    }

    /** The time window, whole seconds, at least 1 s. Default 60 s. */
    public Builder window(Duration window) {
      this.window = window;
      return this;
    }

    /** How long an open breaker refuses calls. Default 30 s. */
    public Builder openDuration(Duration openDuration) {
      this.openDuration = openDuration;
      return this;
    }

    /** Probe calls let through when half open. Default 2. */
    public Builder halfOpenCalls(int calls) {
      this.halfOpenCalls = calls;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalStateException naming every value that is out of range
     */
    public CircuitBreakerSettings build() {
      Problems problems = new Problems("CircuitBreakerSettings");
      if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
        problems.add("failureRateThreshold must be in (0, 100], got " + failureRateThreshold);
      }
      if (minimumCalls < 1) {
        problems.add("minimumCalls must be at least 1, got " + minimumCalls);
      }
      if (halfOpenCalls < 1) {
        problems.add("halfOpenCalls must be at least 1, got " + halfOpenCalls);
      }
      if (window == null || window.getSeconds() < 1) {
        problems.add("window must be at least one second, got " + window);
      }
      if (openDuration == null || openDuration.isNegative() || openDuration.isZero()) {
        problems.add("openDuration must be positive, got " + openDuration);
      }
      problems.throwIfAny();
      return new CircuitBreakerSettings(this);
    }
  }
}
