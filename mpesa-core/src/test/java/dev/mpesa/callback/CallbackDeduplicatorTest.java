package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import ch.qos.logback.classic.Level;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackDeduplicatorTest {

  private static final Duration TTL = Duration.ofMinutes(10);
  private static final String CHECKOUT_ID = "ws_CO_191220191020363925";
  private static final String TRANS_ID = "RKL51ZDR4F";

  private final FakeClock clock = new FakeClock(Instant.parse("2024-07-06T19:48:52Z"));
  private final InMemoryDeduplicationStore store = new InMemoryDeduplicationStore(1_000, clock);
  private final CallbackDeduplicator once = new CallbackDeduplicator(store, TTL);
  private final AtomicInteger runs = new AtomicInteger();

  /** A C2B confirmation as the C2B parser will model it: keyed by its {@code TransID}. */
  private record Confirmation(String transId) implements MpesaCallback {
    @Override
    public String idempotencyKey() {
      return transId;
    }

    @Override
    public PaymentStatus status() {
      return PaymentStatus.COMPLETED;
    }

    @Override
    public String rawJson() {
      return null;
    }
  }

  /** A callback whose key is whatever the test says, including what no parser produces. */
  private record Keyed(String idempotencyKey) implements MpesaCallback {
    @Override
    public PaymentStatus status() {
      return PaymentStatus.UNKNOWN;
    }

    @Override
    public String rawJson() {
      return null;
    }
  }

  /** Records every call and can be told to fail. */
  private static final class RecordingStore implements DeduplicationStore {
    final List<String> calls = new ArrayList<>();
    final InMemoryDeduplicationStore delegate =
        new InMemoryDeduplicationStore(10, new FakeClock(Instant.EPOCH));
    RuntimeException markFailure;
    RuntimeException forgetFailure;

    @Override
    public synchronized boolean markIfAbsent(String key, Duration ttl) {
      calls.add("mark " + key + " " + ttl);
      if (markFailure != null) {
        throw markFailure;
      }
      return delegate.markIfAbsent(key, ttl);
    }

    @Override
    public synchronized void forget(String key) {
      calls.add("forget " + key);
      if (forgetFailure != null) {
        throw forgetFailure;
      }
      delegate.forget(key);
    }
  }

  private String handle(StkCallback cb) {
    runs.incrementAndGet();
    return cb.receiptNumber();
  }

  // ---------------------------------------------------------------- R32: duplicates

  @Test
  @DisplayName("R32: the same STK callback delivered twice runs the handler once")
  void handleOnce_sameStkCallbackTwice_runsHandlerOnce() {
    String body = Fixtures.read("stk/callback-success.json");

    Optional<String> first = once.handleOnce(Callbacks.parseStk(body), this::handle);
    Optional<String> second = once.handleOnce(Callbacks.parseStk(body), this::handle);

    assertThat(runs).hasValue(1);
    assertThat(first).contains("NLJ7RT61SV");
    assertThat(second).isEmpty();
  }

  @Test
  @DisplayName(
      "R32: a redelivery with different formatting but the same CheckoutRequestID is a duplicate")
  void handleOnce_sameCheckoutIdReformatted_runsHandlerOnce() {
    String compact =
        "{\"Body\":{\"stkCallback\":{\"CheckoutRequestID\":\""
            + CHECKOUT_ID
            + "\",\"ResultCode\":\"0\"}}}";

    once.handleOnce(Callbacks.parseStk(Fixtures.read("stk/callback-success.json")), this::handle);
    once.handleOnce(Callbacks.parseStk(compact), this::handle);

    assertThat(runs).hasValue(1);
  }

  @Test
  void handleOnce_differentCheckoutIds_runsHandlerForEach() {
    once.handleOnce(Callbacks.parseStk(Fixtures.read("stk/callback-success.json")), this::handle);
    once.handleOnce(Callbacks.parseStk(Fixtures.read("stk/callback-cancelled.json")), this::handle);

    assertThat(runs).hasValue(2);
  }

  @Test
  @DisplayName("R32: the same C2B confirmation (same TransID) twice runs the handler once")
  void runOnce_sameTransIdTwice_runsHandlerOnce() {
    boolean first = once.runOnce(new Confirmation(TRANS_ID), c -> runs.incrementAndGet());
    boolean second = once.runOnce(new Confirmation(TRANS_ID), c -> runs.incrementAndGet());

    assertThat(runs).hasValue(1);
    assertThat(first).isTrue();
    assertThat(second).isFalse();
  }

  @Test
  @DisplayName("R32: a raw C2B TransID key twice runs the handler once")
  void handleOnce_rawKeyTwice_runsHandlerOnce() {
    Optional<Integer> first = once.handleOnce(TRANS_ID, runs::incrementAndGet);
    Optional<Integer> second = once.handleOnce(TRANS_ID, runs::incrementAndGet);

    assertThat(runs).hasValue(1);
    assertThat(first).contains(1);
    assertThat(second).isEmpty();
  }

  @Test
  void handleOnce_callbackThenRawKey_shareOneKey() {
    once.runOnce(new Confirmation(TRANS_ID), c -> runs.incrementAndGet());
    boolean ran = once.runOnce(TRANS_ID, runs::incrementAndGet);

    assertThat(ran).isFalse();
    assertThat(runs).hasValue(1);
  }

  @Test
  void firstTime_sameKeyTwice_trueThenFalse() {
    StkCallback cb = Callbacks.parseStk(Fixtures.read("stk/callback-success.json"));

    assertThat(once.firstTime(cb)).isTrue();
    assertThat(once.firstTime(cb)).isFalse();
    assertThat(once.firstTime(CHECKOUT_ID)).isFalse();
    assertThat(once.firstTime(TRANS_ID)).isTrue();
  }

  @Test
  void firstTime_afterForget_isTrueAgain() {
    Confirmation cb = new Confirmation(TRANS_ID);
    once.firstTime(cb);

    once.forget(cb);

    assertThat(once.firstTime(cb)).isTrue();
    once.forget(TRANS_ID);
    assertThat(once.firstTime(TRANS_ID)).isTrue();
  }

  @Test
  void handleOnce_handlerReturnsNull_isEmptyButKeyIsRecorded() {
    Optional<Object> result = once.handleOnce(TRANS_ID, () -> null);

    assertThat(result).isEmpty();
    assertThat(once.firstTime(TRANS_ID)).isFalse();
  }

  @Test
  void runOnce_rawKeyTwice_trueThenFalse() {
    assertThat(once.runOnce(TRANS_ID, runs::incrementAndGet)).isTrue();
    assertThat(once.runOnce(TRANS_ID, runs::incrementAndGet)).isFalse();
    assertThat(runs).hasValue(1);
  }

  // ---------------------------------------------------------------- R32: TTL

  @Test
  @DisplayName("R32: once the TTL has passed (fake clock) the same callback is handled again")
  void handleOnce_afterTtl_runsHandlerAgain() {
    String body = Fixtures.read("stk/callback-success.json");
    once.handleOnce(Callbacks.parseStk(body), this::handle);

    clock.advance(TTL.minusMillis(1));
    once.handleOnce(Callbacks.parseStk(body), this::handle);
    assertThat(runs).hasValue(1);

    clock.advance(Duration.ofMillis(1));
    Optional<String> again = once.handleOnce(Callbacks.parseStk(body), this::handle);
    assertThat(runs).hasValue(2);
    assertThat(again).contains("NLJ7RT61SV");
  }

  @Test
  void handleOnce_afterTtl_rawKeyRunsAgain() {
    once.runOnce(TRANS_ID, runs::incrementAndGet);

    clock.advance(TTL);
    once.runOnce(TRANS_ID, runs::incrementAndGet);

    assertThat(runs).hasValue(2);
  }

  @Test
  void handleOnce_passesTtlToStore() {
    RecordingStore recording = new RecordingStore();
    CallbackDeduplicator dedup = new CallbackDeduplicator(recording, Duration.ofHours(5));

    dedup.runOnce(TRANS_ID, runs::incrementAndGet);

    assertThat(recording.calls).containsExactly("mark " + TRANS_ID + " PT5H");
  }

  // ---------------------------------------------------------------- R32: handler failure

  @Test
  @DisplayName("R32: when the handler throws, the exception propagates and a redelivery is handled")
  void handleOnce_handlerThrows_redeliveryIsHandled() {
    StkCallback cb = Callbacks.parseStk(Fixtures.read("stk/callback-success.json"));
    IllegalStateException boom = new IllegalStateException("database down");

    Throwable thrown =
        catchThrowable(
            () ->
                once.handleOnce(
                    cb,
                    c -> {
                      runs.incrementAndGet();
                      throw boom;
                    }));
    Optional<String> redelivery = once.handleOnce(cb, this::handle);
    Optional<String> third = once.handleOnce(cb, this::handle);

    assertThat(thrown).isSameAs(boom);
    assertThat(thrown.getSuppressed()).isEmpty();
    assertThat(redelivery).contains("NLJ7RT61SV");
    assertThat(third).isEmpty();
    assertThat(runs).hasValue(2);
  }

  @Test
  void runOnce_handlerThrowsError_keyIsForgottenAndErrorPropagates() {
    AssertionError error = new AssertionError("handler bug");

    Throwable thrown =
        catchThrowable(
            () ->
                once.runOnce(
                    TRANS_ID,
                    () -> {
                      throw error;
                    }));

    assertThat(thrown).isSameAs(error);
    assertThat(once.firstTime(TRANS_ID)).isTrue();
  }

  @Test
  void handleOnce_rawKeyHandlerThrows_keyIsForgotten() {
    RecordingStore recording = new RecordingStore();
    CallbackDeduplicator dedup = new CallbackDeduplicator(recording, TTL);

    assertThatThrownBy(
            () ->
                dedup.handleOnce(
                    TRANS_ID,
                    () -> {
                      throw new IllegalArgumentException("bad order");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad order");

    assertThat(recording.calls)
        .containsExactly("mark " + TRANS_ID + " " + TTL, "forget " + TRANS_ID);
  }

  @Test
  void handleOnce_handlerAndForgetThrow_handlerExceptionWithForgetSuppressed() {
    RecordingStore recording = new RecordingStore();
    CallbackDeduplicator dedup = new CallbackDeduplicator(recording, TTL);
    RuntimeException handlerFailure = new RuntimeException("handler failed");
    RuntimeException forgetFailure = new RuntimeException("redis down");
    recording.forgetFailure = forgetFailure;

    Throwable thrown;
    try (LogCapture logs = new LogCapture()) {
      thrown =
          catchThrowable(
              () ->
                  dedup.runOnce(
                      new Confirmation(TRANS_ID),
                      c -> {
                        throw handlerFailure;
                      }));

      assertThat(logs.lines(Level.WARN))
          .singleElement(STRING)
          .contains(TRANS_ID)
          .contains("could not be forgotten");
    }
    assertThat(thrown).isSameAs(handlerFailure);
    assertThat(thrown.getSuppressed()).containsExactly(forgetFailure);
  }

  @Test
  void firstTime_storeThrows_propagatesAndHandlerDoesNotRun() {
    RecordingStore recording = new RecordingStore();
    recording.markFailure = new IllegalStateException("store unavailable");
    CallbackDeduplicator dedup = new CallbackDeduplicator(recording, TTL);

    assertThatThrownBy(() -> dedup.runOnce(TRANS_ID, runs::incrementAndGet))
        .isSameAs(recording.markFailure);
    assertThat(runs).hasValue(0);
    assertThat(recording.calls).containsExactly("mark " + TRANS_ID + " " + TTL);
  }

  @Test
  void handleOnce_storeFull_throwsAndHandlerDoesNotRun() {
    CallbackDeduplicator dedup =
        new CallbackDeduplicator(new InMemoryDeduplicationStore(1, clock), TTL);
    dedup.runOnce("RKL51ZDR4A", runs::incrementAndGet);

    try (LogCapture logs = new LogCapture()) {
      assertThatThrownBy(() -> dedup.handleOnce(new Confirmation(TRANS_ID), c -> runs.get()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("maximum of 1");
      assertThat(logs.lines(Level.WARN)).hasSize(1);
    }
    assertThat(runs).hasValue(1);
    assertThat(dedup.runOnce("RKL51ZDR4A", runs::incrementAndGet)).isFalse();
  }

  // ---------------------------------------------------------------- R32: concurrency

  @Test
  @DisplayName("R32: 32 threads delivering the same callback at once run the handler exactly once")
  void handleOnce_32ThreadsSameKey_runsHandlerExactlyOnce() throws Exception {
    int threads = 32;
    StkCallback cb = Callbacks.parseStk(Fixtures.read("stk/callback-success.json"));
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch duplicatesReturned = new CountDownLatch(threads - 1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Optional<String>>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  Optional<String> r =
                      once.handleOnce(
                          cb,
                          c -> {
                            runs.incrementAndGet();
                            // Hold the handler until every other delivery has been turned away,
                            // so they all overlap with the running handler.
                            try {
                              assertThat(duplicatesReturned.await(10, TimeUnit.SECONDS)).isTrue();
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                              throw new IllegalStateException(e);
                            }
                            return c.receiptNumber();
                          });
                  if (r.isEmpty()) {
                    duplicatesReturned.countDown();
                  }
                  return r;
                }));
      }
      start.countDown();

      int handled = 0;
      for (Future<Optional<String>> f : results) {
        if (f.get(20, TimeUnit.SECONDS).isPresent()) {
          handled++;
        }
      }
      assertThat(runs).hasValue(1);
      assertThat(handled).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("R32: 32 threads over 200 keys run each key's handler exactly once")
  void runOnce_32ThreadsManyKeys_eachKeyExactlyOnce() throws Exception {
    int threads = 32;
    int keys = 200;
    Map<String, AtomicInteger> perKey = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < keys; i++) {
                    String key = "TX" + ((i + offset) % keys);
                    once.runOnce(
                        key,
                        () ->
                            perKey
                                .computeIfAbsent(key, k -> new AtomicInteger())
                                .incrementAndGet());
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(20, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(perKey).hasSize(keys);
    assertThat(perKey.values()).allSatisfy(count -> assertThat(count).hasValue(1));
  }

  // ---------------------------------------------------------------- R31: malformed bodies

  static Stream<Arguments> malformedBodies() {
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("truncated", "{\"Body\":{\"stkCallback\":{\"CheckoutRequestID\":\"ws_1\""),
        Arguments.of("not an object", "[]"),
        Arguments.of("no Body", "{\"stkCallback\":{}}"),
        Arguments.of("no CheckoutRequestID", "{\"Body\":{\"stkCallback\":{\"ResultCode\":0}}}"),
        Arguments.of(
            "blank CheckoutRequestID",
            "{\"Body\":{\"stkCallback\":{\"CheckoutRequestID\":\" \",\"ResultCode\":0}}}"),
        Arguments.of(
            "CheckoutRequestID an object",
            "{\"Body\":{\"stkCallback\":{\"CheckoutRequestID\":{},\"ResultCode\":0}}}"),
        Arguments.of("trailing garbage", Fixtures.read("stk/callback-success.json") + "}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  @DisplayName("R31: a malformed body fails to parse before de-duplication and records no key")
  void handleOnce_malformedBody_parseExceptionAndNoKeyRecorded(String name, String body) {
    Throwable thrown =
        catchThrowable(() -> once.handleOnce(Callbacks.parseStk(body), this::handle));

    assertThat(thrown).isExactlyInstanceOf(CallbackParseException.class);
    assertThat(runs).hasValue(0);
    assertThat(store.size()).isZero();
  }

  // ---------------------------------------------------------------- keys and configuration

  @ParameterizedTest(name = "key \"{0}\"")
  @ValueSource(strings = {"", " ", "\t\n"})
  void firstTime_blankKey_throwsAndStoreUntouched(String key) {
    RecordingStore recording = new RecordingStore();
    CallbackDeduplicator dedup = new CallbackDeduplicator(recording, TTL);

    assertThatThrownBy(() -> dedup.firstTime(key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> dedup.firstTime(new Keyed(key)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> dedup.runOnce(key, runs::incrementAndGet))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> dedup.forget(key)).isInstanceOf(IllegalArgumentException.class);
    assertThat(recording.calls).isEmpty();
    assertThat(runs).hasValue(0);
  }

  @Test
  void firstTime_callbackWithNullKey_throwsNamingTheType() {
    assertThatThrownBy(() -> once.firstTime(new Keyed(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Keyed has no idempotency key");
    assertThatThrownBy(() -> once.handleOnce(new Keyed(null), c -> runs.incrementAndGet()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(runs).hasValue(0);
  }

  @Test
  void firstTime_tooLongKey_throwsWithoutQuotingIt() {
    String key = "K".repeat(CallbackDeduplicator.MAX_KEY_LENGTH + 1);

    assertThatThrownBy(() -> once.firstTime(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1025 characters")
        .hasMessageNotContaining("KKKK");
    assertThat(once.firstTime("K".repeat(CallbackDeduplicator.MAX_KEY_LENGTH))).isTrue();
  }

  @Test
  void methods_nullArguments_throwNullPointer() {
    assertThatThrownBy(() -> once.firstTime((String) null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> once.firstTime((MpesaCallback) null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> once.forget((MpesaCallback) null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> once.handleOnce(TRANS_ID, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> once.runOnce(new Confirmation(TRANS_ID), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> once.handleOnce((StkCallback) null, this::handle))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.size()).isZero();
  }

  @ParameterizedTest(name = "ttl {0}")
  @ValueSource(strings = {"PT0S", "-PT1S", "PT0.000999S", "PT87601H"})
  void constructor_ttlOutOfRange_throws(String ttl) {
    Duration d = Duration.parse(ttl);
    assertThatThrownBy(() -> new CallbackDeduplicator(store, d))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl must be from 1 ms to 3650 days");
  }

  @Test
  void constructor_nullArguments_throw() {
    assertThatThrownBy(() -> new CallbackDeduplicator(null, TTL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CallbackDeduplicator(store, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_boundaryTtls_accepted() {
    assertThat(new CallbackDeduplicator(store, Duration.ofMillis(1)).ttl())
        .isEqualTo(Duration.ofMillis(1));
    assertThat(new CallbackDeduplicator(store, CallbackDeduplicator.MAX_TTL).ttl())
        .isEqualTo(Duration.ofDays(3650));
  }

  @Test
  void inMemory_defaults_72HoursInMemory() {
    CallbackDeduplicator dedup = CallbackDeduplicator.inMemory();

    assertThat(dedup.ttl()).isEqualTo(Duration.ofHours(72));
    assertThat(dedup.store()).isInstanceOf(InMemoryDeduplicationStore.class);
    assertThat(((InMemoryDeduplicationStore) dedup.store()).maxSize())
        .isEqualTo(InMemoryDeduplicationStore.DEFAULT_MAX_SIZE);
    assertThat(dedup.runOnce(TRANS_ID, runs::incrementAndGet)).isTrue();
    assertThat(dedup.runOnce(TRANS_ID, runs::incrementAndGet)).isFalse();
    assertThat(CallbackDeduplicator.inMemory().runOnce(TRANS_ID, runs::incrementAndGet))
        .as("each deduplicator from inMemory() has its own store")
        .isTrue();
  }

  @Test
  void toString_namesStoreAndTtl() {
    assertThat(once)
        .hasToString(
            "CallbackDeduplicator[store=InMemoryDeduplicationStore[maxSize=1000], ttl=PT10M]");
  }

  // ---------------------------------------------------------------- logging

  @Test
  void firstTime_duplicate_logsKeyAtDebugWithPhoneMasked() {
    String key = "order-254712345678";
    try (LogCapture logs = new LogCapture()) {
      once.firstTime(key);
      once.firstTime(key);

      assertThat(logs.lines())
          .singleElement(STRING)
          .startsWith("DEBUG Duplicate callback order-2547")
          .doesNotContain("254712345678");
    }
  }

  @Test
  void handleOnce_stkDuplicate_logsCheckoutIdOnly() {
    String body = Fixtures.read("stk/callback-success.json");
    try (LogCapture logs = new LogCapture()) {
      once.handleOnce(Callbacks.parseStk(body), this::handle);
      once.handleOnce(Callbacks.parseStk(body), this::handle);

      assertThat(String.join("\n", logs.lines()))
          .contains(CHECKOUT_ID)
          .doesNotContain("254708374149")
          .doesNotContain("NLJ7RT61SV");
    }
  }
}
