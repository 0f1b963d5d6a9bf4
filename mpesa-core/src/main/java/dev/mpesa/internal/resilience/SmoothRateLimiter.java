package dev.mpesa.internal.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces requests evenly, at most one per {@code 1 / rate} seconds: Daraja's gateway (Apigee spike
 * arrest) rejects bursts even when the average rate is fine. Callers are given slots in order and
 * wait for theirs. Thread-safe.
 */
public final class SmoothRateLimiter {
  private final Clock clock;
  private final Duration interval;
  private Instant nextFree; // guarded by this

  /** A limiter allowing {@code permitsPerSecond} evenly spaced requests per second. */
  public SmoothRateLimiter(Clock clock, double permitsPerSecond) {
    if (!(permitsPerSecond > 0)) {
      throw new IllegalArgumentException("the rate must be positive, got " + permitsPerSecond);
    }
    this.clock = clock;
    this.interval = Duration.ofNanos(Math.round(1_000_000_000d / permitsPerSecond));
    this.nextFree = Instant.MIN;
  }

  /**
   * Reserves the next slot if it comes within {@code maxWait}.
   *
   * @return how long to wait before sending (zero if at once), or null if the next slot is further
   *     away than {@code maxWait} (nothing is reserved then)
   */
  public synchronized Duration reserve(Duration maxWait) {
    Instant now = clock.instant();
    Instant slot = nextFree.isAfter(now) ? nextFree : now;
    Duration wait = Duration.between(now, slot);
    if (wait.compareTo(maxWait) > 0) {
      return null;
    }
    nextFree = slot.plus(interval);
    return wait;
  }
}
