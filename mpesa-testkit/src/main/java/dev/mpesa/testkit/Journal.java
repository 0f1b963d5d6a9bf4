package dev.mpesa.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What {@link FakeDaraja} saw and did, in order: the requests it received with its answers, and the
 * callbacks it delivered with the answers they got. For assertions; thread-safe.
 *
 * <pre>{@code
 * assertThat(fake.journal().requests("/mpesa/stkpush/v1/processrequest")).hasSize(1);
 * CallbackDelivery cb = fake.journal().awaitCallback(CallbackKind.STK, Duration.ofSeconds(5));
 * assertThat(cb.status()).isEqualTo(200);
 * }</pre>
 */
public final class Journal {
  private final List<ReceivedRequest> requests = new ArrayList<>();
  private final List<CallbackDelivery> callbacks = new ArrayList<>();

  Journal() {}

  /** Every request received, OAuth included, in arrival order. */
  public synchronized List<ReceivedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests to {@code path} (for example {@code "/mpesa/stkpush/v1/processrequest"}). */
  public synchronized List<ReceivedRequest> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Every callback delivered (or dropped), in order. */
  public synchronized List<CallbackDelivery> callbacks() {
    return List.copyOf(callbacks);
  }

  /** The callbacks of one kind. */
  public synchronized List<CallbackDelivery> callbacks(CallbackKind kind) {
    return callbacks.stream().filter(c -> c.kind() == kind).toList();
  }

  /**
   * Waits up to {@code timeout} for the first callback (delivered or dropped) that matches.
   *
   * @throws AssertionError if none came in time
   */
  public CallbackDelivery awaitCallback(Predicate<CallbackDelivery> match, Duration timeout) {
    return awaitCallbacks(match, 1, timeout).get(0);
  }

  /** Waits for the first callback of {@code kind}. */
  public CallbackDelivery awaitCallback(CallbackKind kind, Duration timeout) {
    return awaitCallback(c -> c.kind() == kind, timeout);
  }

  /** Waits for the first callback tied to {@code correlationId} (a CheckoutRequestID, ...). */
  public CallbackDelivery awaitCallback(String correlationId, Duration timeout) {
    return awaitCallback(c -> correlationId.equals(c.correlationId()), timeout);
  }

  /**
   * Waits up to {@code timeout} until {@code count} callbacks match, and returns them.
   *
   * @throws AssertionError if fewer came in time, naming those that did
   */
  public List<CallbackDelivery> awaitCallbacks(
      Predicate<CallbackDelivery> match, int count, Duration timeout) {
    Objects.requireNonNull(match, "match");
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (true) {
        List<CallbackDelivery> found = callbacks.stream().filter(match).toList();
        if (found.size() >= count) {
          return found.subList(0, count);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected "
                  + count
                  + " matching callback(s) within "
                  + timeout
                  + ", got "
                  + found.size()
                  + "; all callbacks so far: "
                  + callbacks.stream().map(c -> c.kind() + " " + c.correlationId()).toList());
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for callbacks", e);
        }
      }
    }
  }

  /** Forgets everything recorded so far. */
  public synchronized void clear() {
    requests.clear();
    callbacks.clear();
  }

  synchronized void record(ReceivedRequest request) {
    requests.add(request);
  }

  synchronized void record(CallbackDelivery delivery) {
    callbacks.add(delivery);
    notifyAll();
  }
}
