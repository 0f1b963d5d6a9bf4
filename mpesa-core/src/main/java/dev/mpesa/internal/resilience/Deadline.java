package dev.mpesa.internal.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How much of one call's time is left. Elapsed time is the larger of the clock's and the sum of the
 * waits the call slept, so a fixed test clock cannot make a call retry forever. Not shared between
 * threads.
 */
public final class Deadline {
  private final Clock clock;
  private final Instant start;
  private final Duration budget;
  private Duration slept = Duration.ZERO;

  private Deadline(Clock clock, Duration budget) {
    this.clock = clock;
    this.start = clock.instant();
    this.budget = budget;
  }

  /** A deadline {@code budget} from now. */
  public static Deadline after(Clock clock, Duration budget) {
    return new Deadline(clock, budget);
  }

  /** Time used so far. */
  public Duration elapsed() {
    Duration byClock = Duration.between(start, clock.instant());
    return byClock.compareTo(slept) >= 0 ? byClock : slept;
  }

  /** Time left; zero or negative once passed. */
  public Duration remaining() {
    return budget.minus(elapsed());
  }

  /** Whether waiting {@code wait} would still leave time for an attempt. */
  public boolean allows(Duration wait) {
    return remaining().compareTo(wait) > 0;
  }

  /** Records a wait the call slept. */
  public void slept(Duration wait) {
    slept = slept.plus(wait);
  }

  /** The time left, or {@code cap} if that is less. */
  public Duration remainingWithin(Duration cap) {
    Duration r = remaining();
    return r.compareTo(cap) <= 0 ? r : cap;
  }
}
