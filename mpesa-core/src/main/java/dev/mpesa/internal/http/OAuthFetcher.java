package dev.mpesa.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.MpesaListener;
import dev.mpesa.auth.AccessToken;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.auth.TokenManager;
import dev.mpesa.internal.json.Json;
import dev.mpesa.internal.resilience.Deadline;
import dev.mpesa.internal.resilience.Resilience;
import dev.mpesa.result.DarajaError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daraja's OAuth call ({@code GET /oauth/v1/generate?grant_type=client_credentials} with the app's
 * key and secret as Basic credentials), for the {@link TokenManager} that owns it: one exchange
 * through the {@link Transport}, retried as a read under the {@code oauth} operation, within the
 * deadline it is given. Thread-safe.
 */
public final class OAuthFetcher implements TokenManager.Fetcher {
  private static final Logger log = LoggerFactory.getLogger(OAuthFetcher.class);
  private static final Duration DEFAULT_TOKEN_TTL = Duration.ofMinutes(50);

  private final Transport transport;
  private final Resilience resilience;
  private final Clock clock;
  private final MpesaListener listener;
  private final String basicAuthorization;

  /**
   * A fetcher for one Daraja app.
   *
   * @param transport sends the request
   * @param resilience retries and the {@code oauth} circuit breaker
   * @param clock stamps the token's issue time
   * @param listener told about each new token
   * @param consumerKey the app's consumer key
   * @param consumerSecret the app's consumer secret
   */
  public OAuthFetcher(
      Transport transport,
      Resilience resilience,
      Clock clock,
      MpesaListener listener,
      String consumerKey,
      String consumerSecret) {
    this.transport = transport;
    this.resilience = resilience;
    this.clock = clock;
    this.listener = listener;
    this.basicAuthorization =
        okhttp3.Credentials.basic(consumerKey, consumerSecret, StandardCharsets.UTF_8);
  }

  @Override
  public AccessToken fetch(Deadline deadline) {
    AccessToken token =
        resilience.execute(Operation.OAUTH, deadline, attempt -> once(deadline, attempt));
    resilience.notify(() -> listener.onTokenRefreshed(token.expiresAt()));
    return token;
  }

  private AccessToken once(Deadline deadline, int attempt) {
    Instant issuedAt = clock.instant();
    Request request =
        new Request.Builder()
            .url(transport.url(Operation.OAUTH))
            .get()
            .header("Authorization", basicAuthorization)
            .header("Accept", "application/json")
            .build();
    JsonNode json = transport.exchange(Operation.OAUTH, request, null, Map.of(), deadline, attempt);
    String value = Json.text(json.get("access_token"));
    if (value == null || value.isBlank()) {
      throw Errors.api(
          Operation.OAUTH.name(),
          200,
          null,
          "the OAuth answer has no access_token",
          null,
          DarajaError.UNKNOWN,
          null,
          null);
    }
    return new AccessToken(value, issuedAt.plus(expiresIn(json.get("expires_in"))));
  }

  private static Duration expiresIn(JsonNode node) {
    String text = Json.text(node);
    if (text != null) {
      try {
        long seconds = Long.parseLong(text.strip());
        if (seconds > 0) {
          return Duration.ofSeconds(seconds);
        }
      } catch (NumberFormatException e) {
        // fall through to the default
      }
    }
    log.warn(
        "the OAuth answer has no usable expires_in; assuming the token lives {} minutes",
        DEFAULT_TOKEN_TTL.toMinutes());
    return DEFAULT_TOKEN_TTL;
  }
}
