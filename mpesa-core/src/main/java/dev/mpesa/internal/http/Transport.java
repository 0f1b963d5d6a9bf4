package dev.mpesa.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.MpesaListener;
import dev.mpesa.auth.AccessToken;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.Redaction;
import dev.mpesa.internal.json.Json;
import dev.mpesa.internal.resilience.Deadline;
import dev.mpesa.internal.resilience.Resilience;
import dev.mpesa.result.DarajaError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Daraja requests: one HTTP exchange and the classification of its failures. Tokens are the
 * {@link dev.mpesa.internal.auth.TokenManager}'s, the call around the exchange is {@link
 * Pipeline}'s.
 *
 * <p>{@link #exchange} is the one place where an HTTP call is attempted; {@link Resilience} (retry
 * and circuit breaking by idempotency class, rate limiting, the per-call deadline) wraps it.
 * Money-moving bodies are one-shot and go through a client with OkHttp's silent retry off, so
 * OkHttp itself can never send them twice. Whether a request may have reached Daraja is tracked by
 * a network interceptor, which runs only once a connection exists, just before the request is
 * written.
 *
 * <p>Thread-safe.
 */
public final class Transport {
  private static final Logger log = LoggerFactory.getLogger(Transport.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final long MAX_BODY_BYTES = 1 << 20;
  private static final int SNIPPET_CHARS = 160;

  private final OkHttpClient client;
  private final OkHttpClient moneyClient;
  private final ObjectMapper mapper;
  private final String baseUrl;
  private final Clock clock;
  private final Resilience resilience;
  private final MpesaListener listener;

  /** Each operation's URL, parsed once: HttpUrl parsing (with IDN checks) is not free per call. */
  private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>();

  /**
   * Creates a transport.
   *
   * @param httpClient the client to derive from (its pool and dispatcher are shared)
   * @param mapper the client's JSON mapper
   * @param baseUrl the Daraja base URL, without a trailing slash
   * @param clock the client's clock (sent-at times, {@code Retry-After} dates)
   * @param resilience retry, circuit breaking and rate limiting around each attempt
   * @param listener told about every attempt
   */
  public Transport(
      OkHttpClient httpClient,
      ObjectMapper mapper,
      String baseUrl,
      Clock clock,
      Resilience resilience,
      MpesaListener listener) {
    this.client = httpClient.newBuilder().addNetworkInterceptor(Transport::markSent).build();
    this.moneyClient = client.newBuilder().retryOnConnectionFailure(false).build();
    this.mapper = mapper;
    this.baseUrl = baseUrl;
    this.clock = clock;
    this.resilience = resilience;
    this.listener = listener;
  }

  /**
   * The OkHttpClient the transport sends read-only calls with (its pool is shared by all calls).
   */
  public OkHttpClient httpClient() {
    return client;
  }

  /** The URL of {@code op}, parsed once. */
  HttpUrl url(Operation op) {
    return urls.computeIfAbsent(op.path(), path -> HttpUrl.get(baseUrl + path));
  }

  /** A JSON POST of {@code payload} to {@code op} with the bearer {@code token}. */
  Request bearerRequest(Operation op, byte[] payload, AccessToken token) {
    RequestBody body =
        op.idempotency().hasEffects()
            ? new OneShotBody(payload)
            : RequestBody.create(payload, JSON);
    return new Request.Builder()
        .url(url(op))
        .post(body)
        .header("Authorization", "Bearer " + token.value())
        .header("Accept", "application/json")
        .build();
  }

  /**
   * One HTTP exchange: sends, reads, and returns the JSON object of a 2xx answer, or throws the
   * classified failure. The single attempt point that resilience decorates.
   */
  JsonNode exchange(
      Operation op,
      Request request,
      AccessToken token,
      Map<String, String> references,
      Deadline deadline,
      int attempt) {
    OkHttpClient http = op.idempotency().hasEffects() ? moneyClient : client;
    Duration timeout = deadline.remainingWithin(Duration.ofMillis(http.callTimeoutMillis()));
    if (timeout.isNegative() || timeout.isZero()) {
      throw Errors.network(
          op.name(), op.name() + " was not sent: the call's deadline has passed.", null);
    }
    SendState state = new SendState();
    request = request.newBuilder().tag(SendState.class, state).build();
    Call call = http.newCall(request);
    call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Instant sentAt = clock.instant();
    long started = System.nanoTime();
    int status;
    byte[] bytes;
    String retryAfter;
    try (Response response = call.execute()) {
      status = response.code();
      retryAfter = response.header("Retry-After");
      bytes = readCapped(response.body());
    } catch (IOException e) {
      Duration latency = Duration.ofNanos(System.nanoTime() - started);
      resilience.notify(() -> listener.onAttempt(op.name(), attempt, 0, latency, null));
      throw networkFailure(op, e, state.sent, references, sentAt);
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - started);
    JsonNode json = parseObject(bytes);
    String requestId = json == null ? null : Json.text(json.get("requestId"));
    log.debug(
        "{} attempt {} -> HTTP {} in {} ms, requestId {}",
        op.name(),
        attempt,
        status,
        latency.toMillis(),
        requestId);
    resilience.notify(() -> listener.onAttempt(op.name(), attempt, status, latency, requestId));
    if (status >= 200 && status < 300 && json != null) {
      return json;
    }
    MpesaApiException failure = apiFailure(op, status, json, bytes, token, retryAfter);
    if (op.idempotency().hasEffects() && mayHaveBeenProcessed(status, failure.error())) {
      throw Errors.outcomeUnknown(
          op.name(),
          op.name()
              + " got an answer that does not say whether it was processed: HTTP "
              + status
              + ".",
          references,
          sentAt,
          failure);
    }
    throw failure;
  }

  private static boolean mayHaveBeenProcessed(int status, DarajaError error) {
    return switch (error) {
      // A money call cannot be "pending" or "not found": such an answer is not about it.
      case SERVICE_UNAVAILABLE,
          NON_JSON_RESPONSE,
          UNKNOWN,
          TRANSACTION_PENDING,
          TRANSACTION_NOT_FOUND ->
          status >= 500 || status < 300;
      default -> false;
    };
  }

  private MpesaException networkFailure(
      Operation op, IOException e, boolean sent, Map<String, String> references, Instant sentAt) {
    String what = describe(e);
    if (sent && op.idempotency().hasEffects()) {
      log.debug("{} outcome unknown after {}", op.name(), what);
      return Errors.outcomeUnknown(
          op.name(),
          op.name() + " failed after the request was sent: " + what + ".",
          references,
          sentAt,
          e);
    }
    // Read-only, or (for a money call) the network interceptor never marked it: it runs only once
    // a connection exists, so without its mark (a refused connection, an unknown host) nothing
    // left the client. Either way the same request may be sent again.
    boolean nothingSent = !sent;
    log.debug("{} failed: {}{}", op.name(), what, nothingSent ? " (nothing was sent)" : "");
    return Errors.network(
        op.name(),
        op.name() + " failed: " + what + (nothingSent ? " (nothing was sent)." : "."),
        e);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private MpesaApiException apiFailure(
      Operation op, int status, JsonNode json, byte[] bytes, AccessToken token, String retryAfter) {
    String code = null;
    String message;
    String requestId = null;
    if (json != null) {
      code = Json.text(json.get("errorCode"));
      requestId = Json.text(json.get("requestId"));
      message =
          firstText(json, "errorMessage", "ResponseDescription", "message", "error_description");
      if (message == null && json.path("fault").isObject()) {
        message = Json.text(json.path("fault").get("faultstring"));
      }
    } else {
      message = bytes.length == 0 ? "empty body" : "non-JSON body: " + snippet(bytes);
    }
    message = redact(message, token);
    DarajaError error = ErrorClassifier.classify(op, status, code, message, json != null);
    return Errors.api(
        op.name(), status, code, message, requestId, error, parseRetryAfter(retryAfter), null);
  }

  private static String firstText(JsonNode json, String... fields) {
    for (String f : fields) {
      String t = Json.text(json.get(f));
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private static String redact(String message, AccessToken token) {
    return Redaction.redact(message, token == null ? null : token.value());
  }

  private static String snippet(byte[] bytes) {
    String text = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8);
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "..." : text;
  }

  private Duration parseRetryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at =
            ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
  }

  private JsonNode parseObject(byte[] bytes) {
    if (bytes.length == 0) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(bytes);
      return node != null && node.isObject() ? node : null;
    } catch (IOException | NumberFormatException | ArithmeticException e) {
      // Not Daraja's JSON (or a number too large for BigDecimal): handled as a non-JSON answer.
      return null;
    }
  }

  private static byte[] readCapped(ResponseBody body) throws IOException {
    BufferedSource source = body.source();
    if (source.request(MAX_BODY_BYTES + 1)) {
      throw new IOException("answer body larger than " + MAX_BODY_BYTES + " bytes");
    }
    return source.readByteArray();
  }

  private static Response markSent(Interceptor.Chain chain) throws IOException {
    SendState state = chain.request().tag(SendState.class);
    if (state != null) {
      state.sent = true;
    }
    return chain.proceed(chain.request());
  }

  /** Whether a request got as far as a connection (and so may have reached Daraja). */
  static final class SendState {
    volatile boolean sent;
  }

  /** A JSON body OkHttp must never write twice. */
  private static final class OneShotBody extends RequestBody {
    private final byte[] bytes;

    OneShotBody(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public MediaType contentType() {
      return JSON;
    }

    @Override
    public long contentLength() {
      return bytes.length;
    }

    @Override
    public boolean isOneShot() {
      return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.write(bytes);
    }
  }
}
