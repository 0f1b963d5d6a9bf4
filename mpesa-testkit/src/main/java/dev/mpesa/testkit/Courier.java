package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.security.CallbackUrlSigner;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers callbacks: POSTs JSON to the URL a request named, records each delivery and its answer
 * in the journal, and applies the callback faults (drop, duplicate). Like Daraja it does not retry
 * a failed delivery (API.md §3.4).
 */
final class Courier {
  private static final Logger log = LoggerFactory.getLogger(Courier.class);
  private static final MediaType JSON = MediaType.get("application/json");

  private final Clock clock;
  private final Journal journal;
  private final Faults faults;
  private final ScheduledExecutorService scheduler;
  private final OkHttpClient http;

  Courier(Clock clock, Journal journal, Faults faults, ScheduledExecutorService scheduler) {
    this.clock = clock;
    this.journal = journal;
    this.faults = faults;
    this.scheduler = scheduler;
    // C2B validation must answer within about 8 s (API.md §5.5); other callbacks get as long.
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(8))
            .callTimeout(Duration.ofSeconds(10))
            .retryOnConnectionFailure(false)
            .build();
  }

  /** Sends {@code body} to {@code url} after {@code delay}, on the fake's scheduler. */
  void send(CallbackKind kind, URI url, JsonNode body, String correlationId, Duration delay) {
    scheduler.schedule(
        () -> post(kind, url, body, correlationId), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Sends now and returns the first delivery (the one whose answer counts). With duplicate
   * callbacks on, sends a second copy right after.
   */
  CallbackDelivery post(CallbackKind kind, URI url, JsonNode body, String correlationId) {
    String json = Wire.write(body);
    if (faults.dropCallbacks()) {
      CallbackDelivery dropped =
          new CallbackDelivery(
              clock.instant(), kind, url, json, 0, "", "dropped", correlationId, true);
      journal.record(dropped);
      return dropped;
    }
    CallbackDelivery first = deliver(kind, url, json, correlationId);
    if (faults.duplicateCallbacks()) {
      deliver(kind, url, json, correlationId);
    }
    return first;
  }

  private CallbackDelivery deliver(CallbackKind kind, URI url, String json, String correlationId) {
    Request request =
        new Request.Builder()
            .url(url.toString())
            .header("User-Agent", "FakeDaraja")
            .post(RequestBody.create(json, JSON))
            .build();
    CallbackDelivery delivery;
    try (Response response = http.newCall(request).execute()) {
      ResponseBody rb = response.body();
      String answer = rb == null ? "" : rb.string();
      if (!response.isSuccessful()) {
        log.warn(
            "{} callback to {} was answered HTTP {}: the endpoint did not acknowledge it",
            kind,
            shown(url),
            response.code());
      }
      delivery =
          new CallbackDelivery(
              clock.instant(),
              kind,
              url,
              json,
              response.code(),
              answer,
              null,
              correlationId,
              false);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "{} callback to {} could not be delivered: {} (is anything listening there?)",
          kind,
          shown(url),
          e.toString());
      delivery =
          new CallbackDelivery(
              clock.instant(), kind, url, json, 0, "", e.toString(), correlationId, false);
    }
    journal.record(delivery);
    return delivery;
  }

  /** The URL for a log line: no query, signed tokens shortened. */
  static String shown(URI url) {
    return CallbackUrlSigner.redact(url);
  }

  void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
