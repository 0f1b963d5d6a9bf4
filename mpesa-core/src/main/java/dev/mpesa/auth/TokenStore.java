package dev.mpesa.auth;

import java.util.Optional;

/**
 * Where access tokens are kept, so that several clients (in one JVM or in many) can share one token
 * per Daraja app.
 *
 * <p>Sharing matters because every OAuth request invalidates the token issued before it: two
 * processes refreshing independently keep breaking each other's calls. Implement this over a shared
 * cache (Redis, a database row) for several JVMs; the default, {@link InMemoryTokenStore}, shares
 * between the clients that are given the same instance.
 *
 * <p>Keys are opaque strings built by the SDK from the base URL and a digest of the consumer key
 * (the consumer key itself is never used as a key). Implementations must be thread-safe.
 */
public interface TokenStore {

  /**
   * The token stored under {@code key}, if any (expired tokens may be returned; the SDK checks).
   */
  Optional<AccessToken> get(String key);

  /** Stores {@code token} under {@code key}, replacing what was there. */
  void put(String key, AccessToken token);

  /**
   * Removes the token under {@code key} only if it is still {@code token}: Daraja rejected it, and
   * a newer token stored meanwhile by another client must survive.
   */
  void remove(String key, AccessToken token);
}
