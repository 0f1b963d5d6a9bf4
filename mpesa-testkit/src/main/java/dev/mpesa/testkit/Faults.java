package dev.mpesa.testkit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Objects;

/**
 * Fault injection: what {@link FakeDaraja} does wrong on purpose, for integrators' resilience
 * tests. Get it with {@link FakeDaraja#faults()}. Thread-safe.
 *
 * <pre>{@code
 * fake.faults().failNext(2, Fault.THROTTLED);                       // the next two API calls
 * fake.faults().failNext(1, Fault.RESET_AFTER_PROCESSING, "/mpesa/b2c/v3/paymentrequest");
 * fake.faults().latency(Duration.ofSeconds(3));                     // every answer, from now on
 * fake.faults().expireTokens();                                     // every token issued so far
 * fake.faults().duplicateCallbacks(true);                           // each callback POSTed twice
 * fake.faults().dropCallbacks(true);                                // callbacks never delivered
 * }</pre>
 */
public final class Faults {
  private record Rule(Fault fault, String path) {}

  private final Deque<Rule> pending = new ArrayDeque<>();
  private final Tokens tokens;
  private volatile Duration latency = Duration.ZERO;
  private volatile boolean duplicateCallbacks;
  private volatile boolean dropCallbacks;

  Faults(Tokens tokens) {
    this.tokens = tokens;
  }

  /**
   * The next {@code count} API requests (any path except OAuth) get {@code fault} instead of their
   * normal answer. Rules queue up in the order given.
   */
  public Faults failNext(int count, Fault fault) {
    return add(count, fault, null);
  }

  /**
   * The next {@code count} requests to {@code path} (for example {@code
   * "/mpesa/stkpush/v1/processrequest"}, or {@code "/oauth/v1/generate"}) get {@code fault}.
   */
  public Faults failNext(int count, Fault fault, String path) {
    Objects.requireNonNull(path, "path");
    return add(count, fault, path);
  }

  /** Delays every answer (OAuth included) by {@code latency}; {@link Duration#ZERO} to stop. */
  public Faults latency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    this.latency = latency;
    return this;
  }

  /**
   * Expires every token issued so far, as if their hour had passed: the next call with one gets the
   * product's invalid-token error, and a client that fetches a new token goes on.
   */
  public Faults expireTokens() {
    tokens.expireAll();
    return this;
  }

  /** Sends every callback twice from now on (Daraja may duplicate; handlers must be idempotent). */
  public Faults duplicateCallbacks(boolean duplicate) {
    this.duplicateCallbacks = duplicate;
    return this;
  }

  /**
   * Never sends callbacks from now on; the journal still records them as {@linkplain
   * CallbackDelivery#dropped() dropped}. The transactions themselves still complete: a client finds
   * out by querying.
   */
  public Faults dropCallbacks(boolean drop) {
    this.dropCallbacks = drop;
    return this;
  }

  /** Removes every pending rule and setting: no latency, callbacks delivered once. */
  public Faults clear() {
    synchronized (pending) {
      pending.clear();
    }
    latency = Duration.ZERO;
    duplicateCallbacks = false;
    dropCallbacks = false;
    return this;
  }

  private Faults add(int count, Fault fault, String path) {
    Objects.requireNonNull(fault, "fault");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    synchronized (pending) {
      for (int i = 0; i < count; i++) {
        pending.add(new Rule(fault, path));
      }
    }
    return this;
  }

  /** Takes the first pending fault that applies to a request to {@code path}, or null. */
  Fault take(String path, boolean oauth) {
    synchronized (pending) {
      Iterator<Rule> it = pending.iterator();
      while (it.hasNext()) {
        Rule rule = it.next();
        boolean applies = rule.path() == null ? !oauth : rule.path().equals(path);
        if (applies) {
          it.remove();
          return rule.fault();
        }
      }
    }
    return null;
  }

  Duration latency() {
    return latency;
  }

  boolean duplicateCallbacks() {
    return duplicateCallbacks;
  }

  boolean dropCallbacks() {
    return dropCallbacks;
  }
}
