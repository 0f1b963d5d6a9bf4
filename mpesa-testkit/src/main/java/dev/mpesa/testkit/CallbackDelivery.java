package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;

/**
 * A callback {@link FakeDaraja} POSTed (or chose not to) and the answer it got.
 *
 * @param at when it was sent (the fake's clock)
 * @param kind what it carries
 * @param url where it went: the URL the request named or C2B registered
 * @param body the JSON sent
 * @param status the HTTP status of the answer; {@code 0} if none came (connection refused, timeout)
 *     or it was {@linkplain #dropped() dropped}
 * @param responseBody the answer's body ({@code ""} when none)
 * @param error why no answer came, or {@code null}
 * @param correlationId the id that ties it to its request: the {@code CheckoutRequestID} (STK), the
 *     {@code ConversationID} (Result envelopes), the {@code TransID} (C2B), the request reference
 *     (B2B express checkout, Ratiba)
 * @param dropped whether {@link Faults#dropCallbacks(boolean)} kept it from being sent
 */
public record CallbackDelivery(
    Instant at,
    CallbackKind kind,
    URI url,
    String body,
    int status,
    String responseBody,
    String error,
    String correlationId,
    boolean dropped) {

  /** The body parsed as JSON. */
  public JsonNode json() {
    return Wire.parse(body);
  }

  /** Whether the receiver answered with a 2xx status. */
  public boolean acknowledged() {
    return status >= 200 && status < 300;
  }
}
