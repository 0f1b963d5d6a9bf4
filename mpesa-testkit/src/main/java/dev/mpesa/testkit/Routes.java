package dev.mpesa.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The API paths the fake serves, each with its endpoint and its invalid-token answer. */
final class Routes {
  record Route(String path, TokenError tokenError, Endpoint endpoint) {}

  private final Map<String, Route> routes = new ConcurrentHashMap<>();

  /** Serves {@code path} (POST with a JSON body, Bearer token). */
  void post(String path, TokenError tokenError, Endpoint endpoint) {
    if (routes.putIfAbsent(path, new Route(path, tokenError, endpoint)) != null) {
      throw new IllegalStateException("two endpoints for " + path);
    }
  }

  Route find(String path) {
    return routes.get(path);
  }
}
