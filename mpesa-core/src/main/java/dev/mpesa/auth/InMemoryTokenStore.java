package dev.mpesa.auth;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The default {@link TokenStore}: a map in memory. Clients given the same instance share tokens;
 * each client built without one gets its own. Thread-safe.
 */
public final class InMemoryTokenStore implements TokenStore {
  private final ConcurrentMap<String, AccessToken> tokens = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryTokenStore() {}

  @Override
  public Optional<AccessToken> get(String key) {
    return Optional.ofNullable(tokens.get(key));
  }

  @Override
  public void put(String key, AccessToken token) {
    tokens.put(key, token);
  }

  @Override
  public void remove(String key, AccessToken token) {
    tokens.remove(key, token);
  }
}
