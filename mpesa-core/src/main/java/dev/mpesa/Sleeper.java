package dev.mpesa;

import java.time.Duration;

/**
 * How the SDK waits between polls and retries. The default sleeps the calling thread; tests inject
 * one that records the waits (and advances a fake clock) instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /** The default: {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
