package dev.mpesa.callback;

import java.time.Duration;

/**
 * Where a {@link CallbackDeduplicator} remembers the idempotency keys it has seen: the service
 * provider interface to implement over Redis, a database or any shared store, so that every
 * instance of a load-balanced callback endpoint sees the same keys.
 *
 * <p>Daraja may deliver the same callback more than once, and one delivery may reach any of several
 * servers. The store is what makes "handle once" hold across them, so its two operations carry the
 * whole guarantee:
 *
 * <ul>
 *   <li>{@link #markIfAbsent} must be <b>atomic</b>: of any number of concurrent calls with the
 *       same key, on any number of machines, exactly one may return {@code true} until the key
 *       expires or is forgotten. In Redis that is {@code SET key value NX PX ttlMillis} (the reply
 *       {@code OK} means {@code true}, a nil reply {@code false}); never a {@code GET} followed by
 *       a {@code SET}. In a relational database it is an {@code INSERT} into a table whose primary
 *       key is the idempotency key, with an expiry column: a unique-key violation means {@code
 *       false}; an expired row is replaced in the same statement or transaction (for example {@code
 *       INSERT ... ON CONFLICT (key) DO UPDATE SET expires_at = ? WHERE t.expires_at <= now()},
 *       {@code true} if a row was written).
 *   <li>{@link #forget} removes the key ({@code DEL key}, {@code DELETE ... WHERE key = ?}) so that
 *       a redelivery is handled again; the deduplicator calls it when a handler failed. Forgetting
 *       an absent key does nothing.
 * </ul>
 *
 * <p>When the store cannot answer (connection lost, timeout, full), an implementation must
 * <b>throw</b>, never guess: returning {@code true} when unsure lets a payment be handled twice,
 * and returning {@code false} drops a payment silently. The deduplicator lets the exception
 * propagate without running the handler, so the callback endpoint answers with an error and the
 * outcome is recovered by redelivery or reconciliation (STK query, Transaction Status, Pull
 * Transactions).
 *
 * <p>Keys are opaque, non-blank strings of at most {@link CallbackDeduplicator#MAX_KEY_LENGTH}
 * characters (Daraja identifiers such as {@code CheckoutRequestID} or {@code TransID}); prefix them
 * in the implementation if the store is shared with other data. Implementations must be
 * thread-safe.
 *
 * @see InMemoryDeduplicationStore
 */
public interface DeduplicationStore {

  /**
   * Records {@code key} for {@code ttl} unless it is already recorded and not yet expired; atomic.
   *
   * @param key the idempotency key; never null or blank
   * @param ttl how long to remember the key; positive, at least one millisecond
   * @return {@code true} if this call recorded the key (the first time it is seen, or the first
   *     time since it expired or was forgotten); {@code false} if it was already recorded
   * @throws RuntimeException if the store cannot tell; implementations must not return either value
   *     when unsure
   */
  boolean markIfAbsent(String key, Duration ttl);

  /**
   * Removes {@code key}, so that the next {@link #markIfAbsent} for it returns {@code true}. Does
   * nothing if the key is not recorded.
   *
   * @param key the idempotency key; never null or blank
   * @throws RuntimeException if the store cannot remove the key
   */
  void forget(String key);
}
