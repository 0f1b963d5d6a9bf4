package dev.mpesa.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.auth.AccessToken;
import dev.mpesa.auth.InMemoryTokenStore;
import dev.mpesa.error.MpesaNetworkException;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.resilience.Deadline;
import dev.mpesa.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The token cache's states, driven by a fake clock and a counting fetcher. */
class TokenManagerTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  final FakeClock clock = new FakeClock(T0);
  final AtomicInteger fetches = new AtomicInteger();
  final List<Runnable> background = new ArrayList<>();
  final List<Deadline> deadlines = new ArrayList<>();
  Supplier<AccessToken> fetcher =
      () -> new AccessToken("tok" + fetches.incrementAndGet(), clock.instant().plusSeconds(3599));

  /** A call's deadline, a minute from now (long enough never to pass in a test). */
  static Deadline soon() {
    return Deadline.after(Duration.ofMinutes(1));
  }

  TokenManager manager() {
    return new TokenManager(
        "key",
        new InMemoryTokenStore(),
        clock,
        background::add,
        deadline -> {
          deadlines.add(deadline);
          return fetcher.get();
        },
        TokenManagerTest::soon,
        TokenManager.DEFAULT_REFRESH_MARGIN,
        TokenManager.DEFAULT_EXPIRY_MARGIN);
  }

  /** R2: fresh tokens cost no OAuth call. */
  @Test
  void token_beforeRefreshMargin_servesCachedTokenWithoutFetching() {
    TokenManager tokens = manager();
    assertThat(tokens.token(soon()).value()).isEqualTo("tok1");

    clock.advance(Duration.ofSeconds(3599).minus(Duration.ofMinutes(5)).minusSeconds(1));

    assertThat(tokens.token(soon()).value()).isEqualTo("tok1");
    assertThat(fetches).hasValue(1);
    assertThat(background).isEmpty();
  }

  /** R2: inside the refresh margin the old token is served and one background refresh starts. */
  @Test
  void token_insideRefreshMargin_servesOldTokenAndRefreshesOnceInBackground() {
    TokenManager tokens = manager();
    tokens.token(soon());
    clock.advance(Duration.ofSeconds(3599).minus(Duration.ofMinutes(4)));

    assertThat(tokens.token(soon()).value()).isEqualTo("tok1");
    assertThat(tokens.token(soon()).value()).isEqualTo("tok1");
    assertThat(tokens.token(soon()).value()).isEqualTo("tok1");

    assertThat(background).hasSize(1);
    assertThat(fetches).hasValue(1);
    background.get(0).run();
    assertThat(fetches).hasValue(2);
    assertThat(tokens.token(soon()).value()).isEqualTo("tok2");
  }

  /** R2: inside the expiry margin callers wait for the refresh. */
  @Test
  void token_insideExpiryMargin_waitsForNewToken() {
    TokenManager tokens = manager();
    tokens.token(soon());
    clock.advance(Duration.ofSeconds(3599).minusSeconds(30));

    assertThat(tokens.token(soon()).value()).isEqualTo("tok2");
    assertThat(background).isEmpty();
    assertThat(fetches).hasValue(2);
  }

  /** R5: a failed refresh is not cached; the next caller tries again. */
  @Test
  void token_failedRefresh_isNotCached() {
    AtomicInteger attempts = new AtomicInteger();
    fetcher =
        () -> {
          if (attempts.incrementAndGet() == 1) {
            throw Errors.network("oauth", "boom", null);
          }
          return new AccessToken("tok" + attempts.get(), clock.instant().plusSeconds(3599));
        };
    TokenManager tokens = manager();

    assertThatThrownBy(() -> tokens.token(soon())).isInstanceOf(MpesaNetworkException.class);
    assertThat(tokens.token(soon()).value()).isEqualTo("tok2");
    assertThat(attempts).hasValue(2);
  }

  /** R5: a failed background refresh keeps the current token and allows another attempt. */
  @Test
  void token_failedBackgroundRefresh_keepsServingCurrentToken() {
    TokenManager tokens = manager();
    tokens.token(soon());
    clock.advance(Duration.ofSeconds(3599).minus(Duration.ofMinutes(4)));
    fetcher =
        () -> {
          throw Errors.network("oauth", "down", null);
        };

    assertThat(tokens.token(soon()).value()).isEqualTo("tok1");
    background.get(0).run();

    assertThat(tokens.token(soon()).value()).isEqualTo("tok1");
    assertThat(background).hasSize(2);
  }

  @Test
  void invalidate_currentToken_forcesRefresh() {
    TokenManager tokens = manager();
    AccessToken first = tokens.token(soon());

    tokens.invalidate(first);

    assertThat(tokens.token(soon()).value()).isEqualTo("tok2");
  }

  /** R4: invalidating a token that was already replaced leaves the newer one alone. */
  @Test
  void invalidate_staleToken_keepsNewerToken() {
    TokenManager tokens = manager();
    AccessToken first = tokens.token(soon());
    tokens.invalidate(first);
    AccessToken second = tokens.token(soon());

    tokens.invalidate(first);

    assertThat(tokens.token(soon())).isEqualTo(second);
    assertThat(fetches).hasValue(2);
  }

  /** R7: a second manager on the same store uses the token the first one stored. */
  @Test
  void token_sharedStore_reusesOtherManagersToken() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    TokenManager a =
        new TokenManager(
            "key",
            store,
            clock,
            Runnable::run,
            d -> fetcher.get(),
            TokenManagerTest::soon,
            Duration.ofMinutes(5),
            Duration.ofMinutes(1));
    TokenManager b =
        new TokenManager(
            "key",
            store,
            clock,
            Runnable::run,
            d -> fetcher.get(),
            TokenManagerTest::soon,
            Duration.ofMinutes(5),
            Duration.ofMinutes(1));

    a.token(soon());
    b.token(soon());

    assertThat(fetches).hasValue(1);
  }

  /**
   * The refresh a waiting call runs itself gets that call's deadline: no thread-local, no guess.
   */
  @Test
  void token_inlineRefresh_runsWithinTheCallersDeadline() {
    TokenManager tokens = manager();
    Deadline callers = soon();

    tokens.token(callers);

    assertThat(deadlines).containsExactly(callers);
  }

  /** A background refresh has a deadline of its own, not the caller's that happened to start it. */
  @Test
  void token_backgroundRefresh_getsItsOwnDeadline() {
    TokenManager tokens = manager();
    tokens.token(soon());
    clock.advance(Duration.ofSeconds(3599).minus(Duration.ofMinutes(4)));
    Deadline callers = soon();

    tokens.token(callers);
    background.get(0).run();

    assertThat(deadlines).hasSize(2);
    assertThat(deadlines.get(1)).isNotSameAs(callers);
  }

  /** A call whose deadline has passed does not wait for another caller's refresh. */
  @Test
  void token_passedDeadlineWhileAnotherRefreshRuns_failsAsNothingSent() {
    List<Runnable> parked = new ArrayList<>();
    TokenManager tokens =
        new TokenManager(
            "key",
            new InMemoryTokenStore(),
            clock,
            parked::add,
            d -> fetcher.get(),
            TokenManagerTest::soon,
            TokenManager.DEFAULT_REFRESH_MARGIN,
            TokenManager.DEFAULT_EXPIRY_MARGIN);
    tokens.token(soon());
    clock.advance(Duration.ofSeconds(3599).minus(Duration.ofMinutes(4)));
    tokens.token(soon()); // starts the background refresh, parked and never run
    clock.advance(Duration.ofMinutes(4)); // now expired: callers must wait for that refresh

    assertThatThrownBy(() -> tokens.token(Deadline.after(Duration.ZERO)))
        .isInstanceOf(MpesaNetworkException.class)
        .hasMessageContaining("nothing was sent");
  }

  @Test
  void constructor_refreshMarginShorterThanExpiryMargin_isRejected() {
    assertThatThrownBy(
            () ->
                new TokenManager(
                    "k",
                    new InMemoryTokenStore(),
                    clock,
                    Runnable::run,
                    d -> fetcher.get(),
                    TokenManagerTest::soon,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(60)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
