package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import ch.qos.logback.classic.Level;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InMemoryDeduplicationStoreTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final FakeClock clock = new FakeClock(Instant.parse("2024-07-06T19:48:52Z"));

  // ---------------------------------------------------------------- mark and forget

  @Test
  void markIfAbsent_newKey_trueThenFalse() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, clock);

    assertThat(store.markIfAbsent("A", MINUTE)).isTrue();
    assertThat(store.markIfAbsent("A", MINUTE)).isFalse();
    assertThat(store.markIfAbsent("B", MINUTE)).isTrue();
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void markIfAbsent_keysAreCaseSensitiveAndExact() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, clock);
    store.markIfAbsent("RKL51ZDR4F", MINUTE);

    assertThat(store.markIfAbsent("rkl51zdr4f", MINUTE)).isTrue();
    assertThat(store.markIfAbsent("RKL51ZDR4F ", MINUTE)).isTrue();
  }

  @Test
  void markIfAbsent_duplicate_doesNotExtendTheTtl() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, clock);
    store.markIfAbsent("A", MINUTE);

    clock.advance(Duration.ofSeconds(59));
    assertThat(store.markIfAbsent("A", Duration.ofHours(1))).isFalse();
    clock.advance(Duration.ofSeconds(1));

    assertThat(store.markIfAbsent("A", MINUTE)).isTrue();
  }

  @Test
  void forget_recordedKey_canBeMarkedAgain() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, clock);
    store.markIfAbsent("A", MINUTE);

    store.forget("A");

    assertThat(store.size()).isZero();
    assertThat(store.markIfAbsent("A", MINUTE)).isTrue();
  }

  @Test
  void forget_absentKey_doesNothing() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, clock);
    store.markIfAbsent("A", MINUTE);

    store.forget("B");

    assertThat(store.size()).isEqualTo(1);
    assertThat(store.markIfAbsent("A", MINUTE)).isFalse();
  }

  // ---------------------------------------------------------------- expiry

  @Test
  @DisplayName("R32: a key expires exactly when its TTL has passed on the injected clock")
  void markIfAbsent_atTtl_isTrueAgain() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, clock);
    store.markIfAbsent("A", MINUTE);

    clock.advance(MINUTE.minusNanos(1));
    assertThat(store.markIfAbsent("A", MINUTE)).isFalse();
    clock.advance(Duration.ofNanos(1));
    assertThat(store.markIfAbsent("A", MINUTE)).isTrue();
  }

  @Test
  void size_expiredKeys_areEvictedLazily() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, clock);
    store.markIfAbsent("A", MINUTE);
    store.markIfAbsent("B", Duration.ofMinutes(3));
    store.markIfAbsent("C", Duration.ofMinutes(2));

    clock.advance(Duration.ofMinutes(2));

    assertThat(store.size()).isEqualTo(1);
    assertThat(store.markIfAbsent("B", MINUTE)).isFalse();
    assertThat(store.markIfAbsent("C", MINUTE)).isTrue();
  }

  @Test
  void markIfAbsent_differentTtls_expireInTheirOwnOrder() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, clock);
    store.markIfAbsent("LONG", Duration.ofMinutes(10));
    store.markIfAbsent("SHORT", MINUTE);

    clock.advance(Duration.ofMinutes(2));

    assertThat(store.markIfAbsent("SHORT", MINUTE)).isTrue();
    assertThat(store.markIfAbsent("LONG", MINUTE)).isFalse();
  }

  @Test
  void markIfAbsent_ttlBeyondTheEndOfTime_neverExpires() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, clock);

    assertThat(store.markIfAbsent("A", Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
    clock.advance(Duration.ofDays(365L * 1000));

    assertThat(store.markIfAbsent("A", MINUTE)).isFalse();
  }

  @Test
  void markIfAbsent_clockGoesBack_keyLivesLonger() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, clock);
    store.markIfAbsent("A", MINUTE);

    clock.advance(Duration.ofHours(-1));

    assertThat(store.markIfAbsent("A", MINUTE)).isFalse();
  }

  // ---------------------------------------------------------------- bounded memory

  @Test
  @DisplayName("Full of live keys: a new key is refused, never evicting a live one")
  void markIfAbsent_fullOfLiveKeys_refusesNewKeyAndKeepsOld() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(2, clock);
    store.markIfAbsent("A", MINUTE);
    store.markIfAbsent("B", MINUTE);

    assertThatThrownBy(() -> store.markIfAbsent("C", MINUTE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maximum of 2 unexpired keys")
        .hasMessageContaining("must not be handled now")
        .hasMessageNotContaining("\"C\"");

    assertThat(store.size()).isEqualTo(2);
    assertThat(store.markIfAbsent("A", MINUTE)).as("live keys stay duplicates").isFalse();
    assertThat(store.markIfAbsent("B", MINUTE)).isFalse();
    assertThatThrownBy(() -> store.markIfAbsent("C", MINUTE))
        .as("the refused key was not recorded")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("Full: expired keys are evicted first to make room")
  void markIfAbsent_fullWithExpiredKey_evictsExpiredAndAccepts() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(2, clock);
    store.markIfAbsent("A", MINUTE);
    store.markIfAbsent("B", Duration.ofMinutes(10));

    clock.advance(Duration.ofMinutes(2));

    assertThat(store.markIfAbsent("C", MINUTE)).isTrue();
    assertThat(store.markIfAbsent("B", MINUTE)).isFalse();
    assertThat(store.markIfAbsent("C", MINUTE)).isFalse();
    assertThatThrownBy(() -> store.markIfAbsent("A", MINUTE))
        .as("full again of live keys B and C")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void markIfAbsent_fullThenForget_acceptsNewKey() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(1, clock);
    store.markIfAbsent("A", MINUTE);

    store.forget("A");

    assertThat(store.markIfAbsent("B", MINUTE)).isTrue();
  }

  @Test
  void markIfAbsent_full_logsWarningWithoutTheKey() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(1, clock);
    store.markIfAbsent("RKL51ZDR4A", MINUTE);

    try (LogCapture logs = new LogCapture()) {
      assertThatThrownBy(() -> store.markIfAbsent("254712345678", MINUTE))
          .isInstanceOf(IllegalStateException.class);

      assertThat(logs.lines(Level.WARN))
          .singleElement(STRING)
          .contains("De-duplication store full: 1 keys")
          .doesNotContain("254712345678");
    }
  }

  @Test
  @DisplayName("Under concurrency the size bound holds: exactly maxSize keys are accepted")
  void markIfAbsent_32ThreadsDistinctKeys_acceptsExactlyMaxSize() throws Exception {
    int threads = 32;
    int perThread = 50;
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(500, clock);
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (LogCapture logs = new LogCapture()) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    try {
                      if (store.markIfAbsent("T" + thread + "-" + i, MINUTE)) {
                        accepted.incrementAndGet();
                      }
                    } catch (IllegalStateException full) {
                      refused.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(20, TimeUnit.SECONDS);
      }
      assertThat(logs.lines(Level.WARN)).hasSize(refused.get());
    } finally {
      pool.shutdownNow();
    }

    assertThat(accepted).hasValue(500);
    assertThat(refused).hasValue(threads * perThread - 500);
    assertThat(store.size()).isEqualTo(500);
  }

  @Test
  void markIfAbsent_32ThreadsSameKey_exactlyOneTrue() throws Exception {
    int threads = 32;
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, clock);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.markIfAbsent("ws_CO_1", MINUTE);
                }));
      }
      start.countDown();
      int trues = 0;
      for (Future<Boolean> f : results) {
        if (f.get(20, TimeUnit.SECONDS)) {
          trues++;
        }
      }
      assertThat(trues).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- arguments

  @ParameterizedTest(name = "maxSize {0}")
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void constructor_maxSizeBelowOne_throws(int maxSize) {
    assertThatThrownBy(() -> new InMemoryDeduplicationStore(maxSize, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSize must be at least 1");
  }

  @Test
  void constructor_nullClock_throws() {
    assertThatThrownBy(() -> new InMemoryDeduplicationStore(1, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_default_systemClockAndDefaultSize() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore();

    assertThat(store.maxSize()).isEqualTo(100_000);
    assertThat(store.markIfAbsent("A", MINUTE)).isTrue();
    assertThat(store.markIfAbsent("A", MINUTE)).isFalse();
    assertThat(store).hasToString("InMemoryDeduplicationStore[maxSize=100000]");
  }

  @ParameterizedTest(name = "ttl {0}")
  @ValueSource(strings = {"PT0S", "-PT1S", "-PT0.000000001S"})
  void markIfAbsent_ttlNotPositive_throws(String ttl) {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, Clock.systemUTC());

    assertThatThrownBy(() -> store.markIfAbsent("A", Duration.parse(ttl)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.size()).isZero();
  }

  @ParameterizedTest(name = "key \"{0}\"")
  @ValueSource(strings = {"", " ", "\n"})
  void markIfAbsentAndForget_blankKey_throw(String key) {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, clock);

    assertThatThrownBy(() -> store.markIfAbsent(key, MINUTE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.forget(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void markIfAbsentAndForget_nullArguments_throw() {
    InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(10, clock);

    assertThatThrownBy(() -> store.markIfAbsent(null, MINUTE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.markIfAbsent("A", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.forget(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.size()).isZero();
  }
}
