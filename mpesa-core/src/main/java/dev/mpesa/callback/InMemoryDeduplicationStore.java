package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DeduplicationStore} in this JVM's memory: for a single server, tests and development.
 *
 * <p>Keys live in memory only: a restart forgets them, and servers behind a load balancer do not
 * share them. Where either matters, implement {@link DeduplicationStore} over Redis or your
 * database, or rely on your own unique constraint on the receipt number.
 *
 * <p><b>Bounded memory.</b> The store holds at most {@link #maxSize()} live keys. Expired keys are
 * removed lazily, on every call, soonest-expiring first, before the size is checked. If the store
 * is still full, a new key is <b>refused</b>: {@link #markIfAbsent} throws {@link
 * IllegalStateException} and records nothing. It never evicts a key that has not expired (that
 * would let a duplicate through) and never reports a new key as already seen (that would drop a
 * payment silently). A refused callback is not handled; the endpoint answers with an error, and the
 * outcome is recovered by redelivery or reconciliation. Keys already recorded are still reported as
 * duplicates while the store is full. Size the store for the number of callbacks you receive within
 * one TTL (a key costs roughly 200 bytes plus its characters), or shorten the TTL.
 *
 * <p>Expiry follows the injected {@link Clock}: a key marked at {@code t} with TTL {@code d} is
 * live while the clock reads before {@code t + d}. A clock that jumps back keeps keys longer, never
 * shorter.
 *
 * <p>Instances are thread-safe: every operation holds one lock, so {@link #markIfAbsent} is atomic
 * per key and the size bound holds under concurrency. Operations take O(log n) time.
 */
public final class InMemoryDeduplicationStore implements DeduplicationStore {

  private static final Logger log = LoggerFactory.getLogger(InMemoryDeduplicationStore.class);

  /** The default bound on live keys: 100,000, a few tens of megabytes at most. */
  public static final int DEFAULT_MAX_SIZE = 100_000;

  private static final Comparator<Entry> BY_EXPIRY =
      Comparator.comparing(Entry::expiresAt).thenComparingLong(Entry::sequence);

  private final int maxSize;
  private final Clock clock;
  private final Object lock = new Object();
  // Guarded by lock. Every live entry is in both; expiring holds them soonest-expiring first.
  private final Map<String, Entry> byKey = new HashMap<>();
  private final NavigableSet<Entry> expiring = new TreeSet<>(BY_EXPIRY);
  private long sequence;

  /** A store of at most {@link #DEFAULT_MAX_SIZE} keys on the system clock. */
  public InMemoryDeduplicationStore() {
    this(DEFAULT_MAX_SIZE, Clock.systemUTC());
  }

  /**
   * A store of at most {@code maxSize} live keys whose expiry follows {@code clock}.
   *
   * @param maxSize how many live keys to hold before refusing new ones; at least 1
   * @param clock the time source for expiry (inject a fixed or fake clock in tests)
   * @throws IllegalArgumentException if {@code maxSize} is less than 1
   * @throws IllegalArgumentException if {@code clock} is null
   */
  public InMemoryDeduplicationStore(int maxSize, Clock clock) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be at least 1, got " + maxSize);
    }
    this.maxSize = maxSize;
    this.clock = Checks.required(clock, "clock");
  }

  /**
   * Records {@code key} for {@code ttl} unless it is live already.
   *
   * @throws IllegalStateException if the key is new and the store holds {@link #maxSize()} live
   *     keys; nothing is recorded (see the class description)
   * @throws IllegalArgumentException if {@code key} is blank or {@code ttl} is not positive
   * @throws IllegalArgumentException if {@code key} or {@code ttl} is null
   */
  @Override
  public boolean markIfAbsent(String key, Duration ttl) {
    checkKey(key);
    Checks.required(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, got " + ttl);
    }
    synchronized (lock) {
      Instant now = clock.instant();
      evictExpired(now);
      if (byKey.containsKey(key)) {
        return false;
      }
      if (byKey.size() >= maxSize) {
        log.warn(
            "De-duplication store full: {} keys, none expired; refusing a new callback key."
                + " Raise maxSize, shorten the TTL or use a shared store",
            byKey.size());
        throw new IllegalStateException(
            "the de-duplication store holds its maximum of "
                + maxSize
                + " unexpired keys; the callback was not recorded and must not be handled now."
                + " Raise maxSize, shorten the TTL, or use a shared DeduplicationStore");
      }
      Entry entry = new Entry(key, expiry(now, ttl), sequence++);
      byKey.put(key, entry);
      expiring.add(entry);
      return true;
    }
  }

  /**
   * Removes {@code key}; does nothing if it is not recorded.
   *
   * @throws IllegalArgumentException if {@code key} is blank
   * @throws IllegalArgumentException if {@code key} is null
   */
  @Override
  public void forget(String key) {
    checkKey(key);
    synchronized (lock) {
      Entry entry = byKey.remove(key);
      if (entry != null) {
        expiring.remove(entry);
      }
    }
  }

  /** How many keys are live now (expired keys are removed first). */
  public int size() {
    synchronized (lock) {
      evictExpired(clock.instant());
      return byKey.size();
    }
  }

  /** The most live keys this store holds before it refuses new ones. */
  public int maxSize() {
    return maxSize;
  }

  @Override
  public String toString() {
    return "InMemoryDeduplicationStore[maxSize=" + maxSize + "]";
  }

  private void evictExpired(Instant now) {
    while (!expiring.isEmpty() && !expiring.first().expiresAt().isAfter(now)) {
      Entry expired = expiring.pollFirst();
      byKey.remove(expired.key(), expired);
    }
  }

  private static Instant expiry(Instant now, Duration ttl) {
    // A TTL beyond the end of time means "never expires"; Instant.plus would throw instead.
    if (ttl.compareTo(Duration.between(now, Instant.MAX)) >= 0) {
      return Instant.MAX;
    }
    return now.plus(ttl);
  }

  private static void checkKey(String key) {
    Checks.required(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("key is blank");
    }
  }

  private record Entry(String key, Instant expiresAt, long sequence) {}
}
