package dev.mpesa.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth authority: the apps it knows, and the one live token per app. Issuing a token
 * invalidates the app's previous one, as Daraja does (API.md §2).
 */
final class Tokens {
  private record Issued(String consumerKey, Instant expiresAt) {}

  private final Clock clock;
  private final Duration lifetime;
  private final Ids ids;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();

  /** consumer key → its live token. */
  private final Map<String, String> current = new ConcurrentHashMap<>();

  /** token → what it is; kept after invalidation so the journal can tell why one failed. */
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();

  Tokens(Clock clock, Duration lifetime, Ids ids) {
    this.clock = clock;
    this.lifetime = lifetime;
    this.ids = ids;
  }

  void addApp(String consumerKey, String consumerSecret) {
    secrets.put(consumerKey, consumerSecret);
  }

  boolean knows(String consumerKey, String consumerSecret) {
    return consumerSecret != null && consumerSecret.equals(secrets.get(consumerKey));
  }

  /** Issues a token for the app, invalidating its previous one. */
  synchronized String issue(String consumerKey) {
    String token = ids.token();
    issued.put(token, new Issued(consumerKey, clock.instant().plus(lifetime)));
    current.put(consumerKey, token);
    return token;
  }

  /** {@code expires_in}: the lifetime less one second, as Daraja reports 3599 for an hour. */
  long expiresInSeconds() {
    return Math.max(0, lifetime.toSeconds() - 1);
  }

  /** Whether {@code token} is its app's live token and has not expired. */
  boolean valid(String token) {
    if (token == null) {
      return false;
    }
    Issued i = issued.get(token);
    return i != null
        && token.equals(current.get(i.consumerKey()))
        && clock.instant().isBefore(i.expiresAt());
  }

  synchronized void expireAll() {
    Instant now = clock.instant();
    issued.replaceAll((t, i) -> new Issued(i.consumerKey(), now));
  }
}
