package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A request {@link FakeDaraja} received and what it answered. The {@code Authorization} header is
 * not kept.
 *
 * @param at when it arrived (the fake's clock)
 * @param method the HTTP method
 * @param path the path, without the query string
 * @param body the request body as sent (empty for OAuth)
 * @param status the HTTP status answered; {@code 0} when the connection was dropped instead
 * @param responseBody the body answered (empty when dropped or empty)
 * @param fault the injected fault that shaped the answer, or {@code null}
 */
public record ReceivedRequest(
    Instant at,
    String method,
    String path,
    String body,
    int status,
    String responseBody,
    Fault fault) {

  /** The request body parsed as JSON ({@code null} if it was not JSON). */
  public JsonNode json() {
    return Wire.parse(body);
  }

  /** The answer parsed as JSON ({@code null} if it was not JSON). */
  public JsonNode responseJson() {
    return Wire.parse(responseBody);
  }
}
