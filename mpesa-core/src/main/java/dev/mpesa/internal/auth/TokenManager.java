package dev.mpesa.internal.auth;

import dev.mpesa.auth.AccessToken;
import dev.mpesa.auth.TokenStore;
import dev.mpesa.error.MpesaException;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.resilience.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out access tokens for one (base URL, consumer key), refreshing them single-flight.
 *
 * <p>Three states, by the injected clock: <b>fresh</b> (more than the refresh margin left) is
 * served without a lock; <b>stale</b> (inside the refresh margin, outside the expiry margin) starts
 * one background refresh and is still served; <b>expired</b> (inside the expiry margin, or no
 * token) waits for the one refresh in flight. A failed refresh is not cached: the next caller tries
 * again. Because each OAuth request invalidates the previous token, a new refresh is never started
 * while one is in flight, nor when the current token became fresh meanwhile.
 */
public final class TokenManager {
  private static final Logger log = LoggerFactory.getLogger(TokenManager.class);

  /** Asks Daraja for a new token: one OAuth request (with its own retries) within a deadline. */
  @FunctionalInterface
  public interface Fetcher {
    /**
     * A new token.
     *
     * @param deadline the time the refresh may take: the business call's that needs it, or a fresh
     *     one for a background refresh
     * @throws MpesaException on any failure (never cached)
     */
    AccessToken fetch(Deadline deadline);
  }

  /** Refresh in the background when less than this is left (Daraja tokens live 3599 s). */
  public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);

  /** Stop serving a token when less than this is left; callers then wait for a new one. */
  public static final Duration DEFAULT_EXPIRY_MARGIN = Duration.ofSeconds(60);

  private final String key;
  private final TokenStore store;
  private final Clock clock;
  private final Executor backgroundExecutor;
  private final Fetcher fetcher;
  private final Supplier<Deadline> newDeadline;
  private final Duration refreshMargin;
  private final Duration expiryMargin;

  private final Object lock = new Object();
  private volatile AccessToken local;
  private CompletableFuture<AccessToken> inFlight; // guarded by lock

  /**
   * Creates a manager.
   *
   * @param key the store key for this (base URL, consumer key)
   * @param store where tokens are shared
   * @param clock decides freshness
   * @param backgroundExecutor runs refreshes of stale tokens
   * @param fetcher asks Daraja for a new token (one OAuth request per call)
   * @param newDeadline the deadline of a background refresh (the client's call timeout)
   * @param refreshMargin see {@link #DEFAULT_REFRESH_MARGIN}
   * @param expiryMargin see {@link #DEFAULT_EXPIRY_MARGIN}
   */
  public TokenManager(
      String key,
      TokenStore store,
      Clock clock,
      Executor backgroundExecutor,
      Fetcher fetcher,
      Supplier<Deadline> newDeadline,
      Duration refreshMargin,
      Duration expiryMargin) {
    if (refreshMargin.compareTo(expiryMargin) < 0) {
      throw new IllegalArgumentException(
          "the refresh margin must not be shorter than the expiry margin");
    }
    this.key = key;
    this.store = store;
    this.clock = clock;
    this.backgroundExecutor = backgroundExecutor;
    this.fetcher = fetcher;
    this.newDeadline = newDeadline;
    this.refreshMargin = refreshMargin;
    this.expiryMargin = expiryMargin;
  }

  /**
   * A token that Daraja should accept now.
   *
   * @param deadline the business call's deadline: a refresh this call runs itself, or its wait for
   *     another caller's, must fit in what is left of it
   * @throws MpesaException if no token is usable and the refresh failed or took too long
   */
  public AccessToken token(Deadline deadline) {
    AccessToken t = local;
    Instant now = clock.instant();
    if (t != null && isFresh(t, now)) {
      return t;
    }
    AccessToken shared = store.get(key).orElse(null);
    if (shared != null && !shared.equals(t) && isUsable(shared, now)) {
      // Another client sharing the store has refreshed.
      local = shared;
      t = shared;
      if (isFresh(t, now)) {
        return t;
      }
    }
    if (t != null && isUsable(t, now)) {
      refresh(null);
      return t;
    }
    return await(refresh(deadline), deadline.remaining());
  }

  /**
   * Forgets {@code rejected} if it is still the current token, so the next {@link #token}
   * refreshes; a newer token is left alone (so concurrent rejections cause one refresh).
   */
  public void invalidate(AccessToken rejected) {
    synchronized (lock) {
      if (rejected.equals(local)) {
        local = null;
      }
    }
    store.remove(key, rejected);
  }

  private boolean isFresh(AccessToken t, Instant now) {
    return now.isBefore(t.expiresAt().minus(refreshMargin));
  }

  private boolean isUsable(AccessToken t, Instant now) {
    return now.isBefore(t.expiresAt().minus(expiryMargin));
  }

  /** Starts (or joins) the one refresh: inline within {@code deadline}, or in the background. */
  private CompletableFuture<AccessToken> refresh(Deadline deadline) {
    boolean background = deadline == null;
    CompletableFuture<AccessToken> future;
    synchronized (lock) {
      if (inFlight != null) {
        return inFlight;
      }
      AccessToken current = local;
      if (current != null && isFresh(current, clock.instant())) {
        return CompletableFuture.completedFuture(current);
      }
      future = new CompletableFuture<>();
      inFlight = future;
    }
    Runnable task = () -> runRefresh(future, background, background ? newDeadline.get() : deadline);
    if (background) {
      try {
        backgroundExecutor.execute(task);
      } catch (RejectedExecutionException e) {
        synchronized (lock) {
          inFlight = null;
        }
        future.completeExceptionally(e);
      }
    } else {
      task.run();
    }
    return future;
  }

  private void runRefresh(
      CompletableFuture<AccessToken> future, boolean background, Deadline deadline) {
    try {
      AccessToken fresh = fetcher.fetch(deadline);
      store.put(key, fresh);
      synchronized (lock) {
        local = fresh;
        inFlight = null;
      }
      log.debug(
          "access token refreshed ({}), valid until {}",
          background ? "ahead of expiry" : "on demand",
          fresh.expiresAt());
      future.complete(fresh);
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        inFlight = null;
      }
      if (background) {
        log.warn(
            "background access token refresh failed; the current token is still served: {}",
            e.toString());
      }
      future.completeExceptionally(e);
    }
  }

  private static AccessToken await(CompletableFuture<AccessToken> future, Duration maxWait) {
    try {
      return future.get(Math.max(maxWait.toNanos(), 0), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw Errors.network(
          "oauth", "no access token within the call's deadline; nothing was sent", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.network("oauth", "interrupted while waiting for an access token", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MpesaException me) {
        throw me;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw Errors.network("oauth", "access token refresh failed: " + cause, cause);
    }
  }
}
