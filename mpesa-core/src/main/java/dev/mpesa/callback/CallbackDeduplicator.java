package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles each callback once, however many times Daraja delivers it.
 *
 * <p>Daraja does not promise exactly-once delivery: the same STK callback, C2B confirmation or
 * result can arrive twice, and a paid order must never be fulfilled twice. The deduplicator keys
 * every callback by its {@link MpesaCallback#idempotencyKey()} (STK: {@code CheckoutRequestID};
 * C2B: {@code TransID}; results: the conversation ids), or by a key you choose, and remembers the
 * keys it has seen for a time-to-live in a {@link DeduplicationStore}:
 *
 * <pre>{@code
 * CallbackDeduplicator once = CallbackDeduplicator.inMemory();   // one per application
 *
 * StkCallback cb = Callbacks.parseStk(body);
 * once.runOnce(cb, c -> orders.markPaid(c.checkoutRequestId(), c.receiptNumber(), c.amount()));
 * // answer Daraja with HTTP 200, whether it ran or was a duplicate
 * }</pre>
 *
 * <p>{@link #handleOnce} and {@link #runOnce} run the handler only the first time a key is seen. If
 * the handler throws, the key is forgotten before the exception propagates, so a redelivery (by
 * Daraja, or by your own retry) is handled again. Concurrent deliveries of one key run the handler
 * at most once: the first to record the key runs it; the others return at once, as duplicates,
 * without waiting. So a delivery that arrives while the first is still running is skipped, and if
 * that first run then fails, only a later delivery is handled. Daraja may not deliver again
 * (redelivery is undocumented and at best unreliable): keep a reconciliation path for outcomes you
 * never handled (STK query, Transaction Status, Pull Transactions).
 *
 * <p>This is a guard, not your ledger: for money, also keep a unique constraint on the receipt
 * number in your own database, and persist before you act. Keys share one namespace per store:
 * prefix keys of your own if they could equal a Daraja identifier. An STK payment to a pay bill may
 * also produce a C2B confirmation, under a different key (its {@code TransID}, the receipt number),
 * so match payments to orders by receipt as well.
 *
 * <p>If the store fails or refuses (for example {@link InMemoryDeduplicationStore} when full), its
 * exception propagates and no handler runs. Instances are immutable and thread-safe when the store
 * is; share one per application and store.
 */
public final class CallbackDeduplicator {

  private static final Logger log = LoggerFactory.getLogger(CallbackDeduplicator.class);

  /**
   * How long keys are remembered by default: 72 hours, longer than the 48 hours Pull Transactions
   * reaches back, so that a redelivery or a replayed callback within reconciliation range is still
   * recognised.
   */
  public static final Duration DEFAULT_TTL = Duration.ofHours(72);

  /** The longest time-to-live accepted: 3,650 days. */
  public static final Duration MAX_TTL = Duration.ofDays(3650);

  /**
   * The longest key accepted, in characters. Daraja identifiers are a few dozen characters; a key
   * longer than this is not one, and refusing it keeps the store's memory bounded.
   */
  public static final int MAX_KEY_LENGTH = 1024;

  private final DeduplicationStore store;
  private final Duration ttl;

  /**
   * A deduplicator over {@code store} that remembers each key for {@code ttl}.
   *
   * @param store where keys are recorded; shared by every server that receives callbacks, if more
   *     than one does
   * @param ttl how long a key is remembered after it was first seen; from one millisecond to {@link
   *     #MAX_TTL}. Choose it longer than any redelivery you expect: once it has passed, the same
   *     callback is handled again
   * @throws IllegalArgumentException if {@code store} or {@code ttl} is null
   * @throws IllegalArgumentException if {@code ttl} is shorter than a millisecond or longer than
   *     {@link #MAX_TTL}
   */
  public CallbackDeduplicator(DeduplicationStore store, Duration ttl) {
    this.store = Checks.required(store, "store");
    Checks.required(ttl, "ttl");
    if (ttl.compareTo(Duration.ofMillis(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          "ttl must be from 1 ms to " + MAX_TTL.toDays() + " days, got " + ttl);
    }
    this.ttl = ttl;
  }

  /**
   * A deduplicator over a new {@link InMemoryDeduplicationStore} with {@link #DEFAULT_TTL}: for a
   * single server. Keys are lost on restart and not shared between servers.
   */
  public static CallbackDeduplicator inMemory() {
    return new CallbackDeduplicator(new InMemoryDeduplicationStore(), DEFAULT_TTL);
  }

  /** How long each key is remembered after it was first seen. */
  public Duration ttl() {
    return ttl;
  }

  /** The store keys are recorded in. */
  public DeduplicationStore store() {
    return store;
  }

  /**
   * Records the callback's key and says whether this is its first delivery. Use it when you handle
   * the callback yourself; call {@link #forget(MpesaCallback)} if handling then fails, or a
   * redelivery will be skipped as a duplicate.
   *
   * @param callback a parsed callback; its {@link MpesaCallback#idempotencyKey()} is the key
   * @return {@code true} the first time the key is seen (or since it expired or was forgotten);
   *     {@code false} for a duplicate
   * @throws IllegalArgumentException if {@code callback} is null
   * @throws IllegalArgumentException if the callback's key is null, blank or longer than {@link
   *     #MAX_KEY_LENGTH}
   * @throws RuntimeException whatever the store throws when it cannot record the key, such as
   *     {@link IllegalStateException} from a full {@link InMemoryDeduplicationStore}
   */
  public boolean firstTime(MpesaCallback callback) {
    return firstTime(keyOf(callback));
  }

  /**
   * Records {@code key} and says whether this is its first appearance, as {@link
   * #firstTime(MpesaCallback)} does for a callback's key.
   *
   * @param key an idempotency key, such as a C2B {@code TransID}
   * @return {@code true} the first time the key is seen (or since it expired or was forgotten);
   *     {@code false} for a duplicate
   * @throws IllegalArgumentException if {@code key} is null
   * @throws IllegalArgumentException if {@code key} is blank or longer than {@link #MAX_KEY_LENGTH}
   * @throws RuntimeException whatever the store throws when it cannot record the key
   */
  public boolean firstTime(String key) {
    checkKey(key);
    boolean first = store.markIfAbsent(key, ttl);
    if (!first) {
      log.debug("Duplicate callback {}: already handled, skipped", Redaction.redact(key, null));
    }
    return first;
  }

  /**
   * Forgets the callback's key, so that its next delivery counts as the first. Call it when you
   * used {@link #firstTime(MpesaCallback)} and handling failed.
   *
   * @throws IllegalArgumentException if {@code callback} is null
   * @throws IllegalArgumentException if the callback's key is null, blank or too long
   * @throws RuntimeException whatever the store throws when it cannot remove the key
   */
  public void forget(MpesaCallback callback) {
    forget(keyOf(callback));
  }

  /**
   * Forgets {@code key}, so that its next appearance counts as the first.
   *
   * @throws IllegalArgumentException if {@code key} is null
   * @throws IllegalArgumentException if {@code key} is blank or longer than {@link #MAX_KEY_LENGTH}
   * @throws RuntimeException whatever the store throws when it cannot remove the key
   */
  public void forget(String key) {
    checkKey(key);
    store.forget(key);
  }

  /**
   * Runs {@code handler} on the callback if this is the first delivery of its key, and returns what
   * the handler returned.
   *
   * <p>If the handler throws, the key is forgotten (so a redelivery is handled) and the exception
   * propagates unchanged; should forgetting fail too, its exception is added to the handler's as
   * suppressed.
   *
   * @param callback a parsed callback; its {@link MpesaCallback#idempotencyKey()} is the key
   * @param handler what to do with the callback the first time; runs in the calling thread
   * @param <C> the type of the callback
   * @param <T> the type of the handler's result
   * @return the handler's result; empty if the callback was a duplicate (the handler did not run)
   *     or the handler returned null. Use {@link #runOnce(MpesaCallback, Consumer)} to tell the two
   *     apart when there is no result
   * @throws IllegalArgumentException if {@code callback} or {@code handler} is null
   * @throws IllegalArgumentException if the callback's key is null, blank or too long
   * @throws RuntimeException whatever the store or the handler throws
   */
  public <C extends MpesaCallback, T> Optional<T> handleOnce(
      C callback, Function<? super C, ? extends T> handler) {
    Checks.required(handler, "handler");
    String key = keyOf(callback);
    return once(key, () -> handler.apply(callback));
  }

  /**
   * Runs {@code handler} if this is the first appearance of {@code key}, and returns what it
   * returned; as {@link #handleOnce(MpesaCallback, Function)}, for a key you choose.
   *
   * @param key an idempotency key, such as a C2B {@code TransID}
   * @param handler what to do the first time; runs in the calling thread
   * @param <T> the type of the handler's result
   * @return the handler's result; empty if the key was a duplicate or the handler returned null
   * @throws IllegalArgumentException if {@code key} or {@code handler} is null
   * @throws IllegalArgumentException if {@code key} is blank or longer than {@link #MAX_KEY_LENGTH}
   * @throws RuntimeException whatever the store or the handler throws
   */
  public <T> Optional<T> handleOnce(String key, Supplier<? extends T> handler) {
    Checks.required(handler, "handler");
    checkKey(key);
    return once(key, handler);
  }

  /**
   * Runs {@code handler} on the callback if this is the first delivery of its key; as {@link
   * #handleOnce(MpesaCallback, Function)} for a handler that returns nothing.
   *
   * @param callback a parsed callback; its {@link MpesaCallback#idempotencyKey()} is the key
   * @param handler what to do with the callback the first time; runs in the calling thread
   * @param <C> the type of the callback
   * @return {@code true} if the handler ran (and returned normally); {@code false} for a duplicate
   * @throws IllegalArgumentException if {@code callback} or {@code handler} is null
   * @throws IllegalArgumentException if the callback's key is null, blank or too long
   * @throws RuntimeException whatever the store or the handler throws
   */
  public <C extends MpesaCallback> boolean runOnce(C callback, Consumer<? super C> handler) {
    Checks.required(handler, "handler");
    String key = keyOf(callback);
    return once(
            key,
            () -> {
              handler.accept(callback);
              return Boolean.TRUE;
            })
        .isPresent();
  }

  /**
   * Runs {@code handler} if this is the first appearance of {@code key}; as {@link
   * #runOnce(MpesaCallback, Consumer)}, for a key you choose.
   *
   * @param key an idempotency key, such as a C2B {@code TransID}
   * @param handler what to do the first time; runs in the calling thread
   * @return {@code true} if the handler ran (and returned normally); {@code false} for a duplicate
   * @throws IllegalArgumentException if {@code key} or {@code handler} is null
   * @throws IllegalArgumentException if {@code key} is blank or longer than {@link #MAX_KEY_LENGTH}
   * @throws RuntimeException whatever the store or the handler throws
   */
  public boolean runOnce(String key, Runnable handler) {
    Checks.required(handler, "handler");
    checkKey(key);
    return once(
            key,
            () -> {
              handler.run();
              return Boolean.TRUE;
            })
        .isPresent();
  }

  @Override
  public String toString() {
    return "CallbackDeduplicator[store=" + store + ", ttl=" + ttl + "]";
  }

  private <T> Optional<T> once(String key, Supplier<? extends T> handler) {
    if (!firstTime(key)) {
      return Optional.empty();
    }
    T result;
    try {
      result = handler.get();
    } catch (Throwable failure) {
      // Precise rethrow: only unchecked exceptions (or ones thrown sneakily) can reach here.
      forgetAfterFailure(key, failure);
      throw failure;
    }
    return Optional.ofNullable(result);
  }

  private void forgetAfterFailure(String key, Throwable failure) {
    try {
      store.forget(key);
    } catch (RuntimeException forgetFailure) {
      // The key stays recorded: a redelivery would be skipped until it expires.
      log.warn(
          "Callback handler failed and its key {} could not be forgotten: redeliveries are"
              + " skipped until it expires; reconcile this payment",
          Redaction.redact(key, null),
          forgetFailure);
      failure.addSuppressed(forgetFailure);
    }
  }

  private static String keyOf(MpesaCallback callback) {
    Checks.required(callback, "callback");
    String key = callback.idempotencyKey();
    if (key == null) {
      throw new IllegalArgumentException(
          callback.getClass().getSimpleName() + " has no idempotency key");
    }
    checkKey(key);
    return key;
  }

  private static void checkKey(String key) {
    Checks.required(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("idempotency key is blank");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "idempotency key has "
              + key.length()
              + " characters, more than the "
              + MAX_KEY_LENGTH
              + " a Daraja identifier can have");
    }
  }
}
