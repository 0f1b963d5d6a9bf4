package dev.mpesa.internal.resilience;

import java.time.Duration;

/**
 * How much of one call's time is left, on the monotonic clock ({@link System#nanoTime()}), never
 * the wall clock: a wall-clock step (NTP, a resumed VM, a test's clock) must not expire calls in
 * flight or stretch them. Elapsed time is the larger of the monotonic time and the sum of the waits
 * the call slept, so an injected sleeper that does not really sleep still spends the deadline. Not
 * shared between threads.
 */
public final class Deadline {
  private final long startNanos;
  private final Duration budget;
  private Duration slept = Duration.ZERO;

  private Deadline(Duration budget) {
    this.startNanos = System.nanoTime();
    this.budget = budget;
  }

  /** A deadline {@code budget} from now. */
  public static Deadline after(Duration budget) {
    return new Deadline(budget);
  }

  /** Time used so far. */
  public Duration elapsed() {
    Duration monotonic = Duration.ofNanos(System.nanoTime() - startNanos);
    return monotonic.compareTo(slept) >= 0 ? monotonic : slept;
  }

  /** Time left; zero or negative once passed. */
  public Duration remaining() {
    return budget.minus(elapsed());
  }

  /**
   * The least time an attempt is started with: 1 s, or a quarter of a shorter deadline. An attempt
   * given a sliver of the deadline as its HTTP timeout would time out and hide the last real answer
   * behind a network error.
   */
  public Duration attemptFloor() {
    Duration quarter = budget.dividedBy(4);
    return quarter.compareTo(MAX_ATTEMPT_FLOOR) < 0 ? quarter : MAX_ATTEMPT_FLOOR;
  }

  private static final Duration MAX_ATTEMPT_FLOOR = Duration.ofSeconds(1);

  /** Whether waiting {@code wait} would still leave {@link #attemptFloor()} for an attempt. */
  public boolean allows(Duration wait) {
    return remaining().minus(wait).compareTo(attemptFloor()) >= 0;
  }

  /** Whether the deadline has passed. */
  public boolean passed() {
    Duration r = remaining();
    return r.isNegative() || r.isZero();
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
