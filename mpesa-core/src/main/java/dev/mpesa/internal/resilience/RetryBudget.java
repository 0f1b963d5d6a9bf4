package dev.mpesa.internal.resilience;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token bucket shared by every call of a client, so that an outage cannot multiply traffic: a
 * retry costs {@link #RETRY_COST} tokens, a call that succeeds at once returns 1, one that
 * succeeded after retries returns what one retry cost. First attempts never need tokens.
 * Thread-safe.
 */
public final class RetryBudget {
  /** Tokens one retry costs. */
  public static final int RETRY_COST = 5;

  private final int capacity;
  private final AtomicInteger tokens;

  /** A full bucket of {@code capacity} tokens. */
  public RetryBudget(int capacity) {
    this.capacity = capacity;
    this.tokens = new AtomicInteger(capacity);
  }

  /** Takes the cost of one retry; false (taking nothing) when the bucket cannot pay it. */
  public boolean tryAcquireRetry() {
    while (true) {
      int t = tokens.get();
      if (t < RETRY_COST) {
        return false;
      }
      if (tokens.compareAndSet(t, t - RETRY_COST)) {
        return true;
      }
    }
  }

  /** Returns tokens after a success. */
  public void onSuccess(boolean afterRetry) {
    int refund = afterRetry ? RETRY_COST : 1;
    tokens.updateAndGet(t -> Math.min(capacity, t + refund));
  }

  /** Tokens left (for tests and metrics). */
  public int available() {
    return tokens.get();
  }
}
