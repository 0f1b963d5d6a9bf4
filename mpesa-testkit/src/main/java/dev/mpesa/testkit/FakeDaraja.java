package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Daraja that behaves like the sandbox, offline: OAuth that issues, expires and invalidates
 * tokens; every endpoint the SDK covers, with Daraja's validation errors and acknowledgements;
 * scripted customers ({@link #customer(String)}); and asynchronous results really POSTed to the
 * {@code CallBackURL} / {@code ResultURL} a request named. Built on MockWebServer.
 *
 * <pre>{@code
 * try (FakeDaraja fake = FakeDaraja.start();
 *      MpesaClient mpesa = fake.clientBuilder().build()) {
 *   fake.customer(SandboxNumbers.PAYS).paysAfter(Duration.ofMillis(100));
 *   StkPushResponse ack = mpesa.stk().push(...);
 *   CallbackDelivery cb = fake.journal().awaitCallback(ack.checkoutRequestId(), Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>It knows one app ({@link #CONSUMER_KEY} / {@link #CONSUMER_SECRET}), the M-Pesa Express short
 * code {@link #SHORT_CODE} with the public sandbox passkey, and the initiator {@link
 * #INITIATOR_NAME}; the {@link Builder} adds more. Callbacks go to whatever URL a request names,
 * http or https, loopback included (the sandbox allows http).
 *
 * <p>Thread-safe. Close it to stop the server and the callback scheduler.
 */
public final class FakeDaraja implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FakeDaraja.class);

  /** The consumer key of the app the fake knows. */
  public static final String CONSUMER_KEY = "fake-consumer-key";

  /** The consumer secret of the app the fake knows. */
  public static final String CONSUMER_SECRET = "fake-consumer-secret";

  /** The M-Pesa Express short code of the sandbox (API.md §9.1). */
  public static final String SHORT_CODE = "174379";

  /** The public sandbox passkey of {@link #SHORT_CODE} (API.md §9.1). */
  public static final String PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

  /** The sandbox initiator (API operator) name. */
  public static final String INITIATOR_NAME = "testapi";

  /** The sandbox "short code 1" for B2C, C2B, B2B and account APIs. */
  public static final String BUSINESS_SHORT_CODE = "600984";

  static final String OAUTH_PATH = "/oauth/v1/generate";

  private final MockWebServer server;
  private final Backend backend;
  private final Tokens tokens;
  private final Routes routes = new Routes();
  private final ScheduledExecutorService scheduler;

  private FakeDaraja(Builder b) {
    Ids ids = new Ids(b.seed);
    this.tokens = new Tokens(b.clock, b.tokenLifetime, ids);
    b.apps.forEach(tokens::addApp);
    Journal journal = new Journal();
    Faults faults = new Faults(tokens);
    AtomicInteger threads = new AtomicInteger();
    this.scheduler =
        Executors.newScheduledThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "fake-daraja-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    Courier courier = new Courier(b.clock, journal, faults, scheduler);
    this.backend =
        new Backend(
            b.clock,
            ids,
            journal,
            faults,
            courier,
            scheduler,
            b.passkeys,
            b.initiators,
            b.customerResponseTime,
            b.promptTimeout,
            b.resultDelay,
            b.externalValidation);
    Desks.install(routes, backend);
    this.server = new MockWebServer();
    server.setDispatcher(new Router());
    try {
      server.start(b.address, b.port);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("FakeDaraja could not listen on port " + b.port, e);
    }
    log.debug("FakeDaraja listening on {}", baseUrl());
  }

  /** Starts a fake with the defaults on a free loopback port. */
  public static FakeDaraja start() {
    return builder().start();
  }

  /** A builder for a fake with other settings. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The base URL to give the SDK ({@code http://localhost:PORT/} unless another address was set).
   */
  public String baseUrl() {
    return server.url("/").toString();
  }

  /** The port the fake listens on. */
  public int port() {
    return server.getPort();
  }

  /**
   * A client builder pointed at this fake: sandbox, {@link #baseUrl()}, the fake's app, {@link
   * #SHORT_CODE} with {@link #PASSKEY}, {@link #INITIATOR_NAME}, and a fast {@code stk().await}
   * schedule ({@link #AWAIT_FIRST_QUERY}, {@link #AWAIT_INTERVAL}, {@link #AWAIT_MAX_INTERVAL}) so
   * that an await in a test takes milliseconds, not Daraja's 15 s. Add settings, then {@code
   * build()}.
   */
  public MpesaClient.Builder clientBuilder() {
    return MpesaClient.builder()
        .environment(Environment.SANDBOX)
        .baseUrl(baseUrl())
        .consumerKey(CONSUMER_KEY)
        .consumerSecret(CONSUMER_SECRET)
        .shortCode(SHORT_CODE)
        .passkey(PASSKEY)
        .initiator(INITIATOR_NAME, "Safaricom123!!")
        .stkAwaitSchedule(AWAIT_FIRST_QUERY, AWAIT_INTERVAL, AWAIT_MAX_INTERVAL);
  }

  /**
   * The wait before {@code stk().await}'s first query, on a client from {@link #clientBuilder()}.
   */
  public static final Duration AWAIT_FIRST_QUERY = Duration.ofMillis(50);

  /**
   * The first interval between {@code stk().await}'s queries on a {@link #clientBuilder()} client.
   */
  public static final Duration AWAIT_INTERVAL = Duration.ofMillis(50);

  /**
   * The longest interval between {@code stk().await}'s queries on a {@link #clientBuilder()}
   * client.
   */
  public static final Duration AWAIT_MAX_INTERVAL = Duration.ofMillis(250);

  /**
   * The customer behind {@code phone} ({@code 2547...}, {@code 07...} or {@code +2547...}), to
   * script how it answers STK pushes. Its default comes from {@link SandboxNumbers}.
   */
  public Customer customer(String phone) {
    Objects.requireNonNull(phone, "phone");
    return backend.customer(phone);
  }

  /** Fault injection. */
  public Faults faults() {
    return backend.faults;
  }

  /** What the fake received and delivered. */
  public Journal journal() {
    return backend.journal;
  }

  /**
   * Scripts how the next asynchronous requests end (B2C, B2Pochi, B2B, top-up, tax, Account
   * Balance, Transaction Status, Reversal): a failure code, or a queue timeout. Thread-safe.
   */
  public Results results() {
    return backend.results;
  }

  /** Stops the server and the scheduler; callbacks not yet sent are not sent. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (backend != null) {
      backend.courier.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  public String toString() {
    return "FakeDaraja[" + (server == null ? "not started" : baseUrl()) + "]";
  }

  /** Answers every request: faults, OAuth, tokens, then the endpoint. */
  private final class Router extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      Instant at = backend.now();
      String path = request.getUrl().encodedPath();
      String method = request.getMethod();
      ByteString raw = request.getBody();
      String body = raw == null ? "" : raw.string(StandardCharsets.UTF_8);
      boolean oauth = path.equals(OAUTH_PATH);
      Fault fault = backend.faults.take(path, oauth);
      Answer answer;
      try {
        answer = answer(request, path, method, body, at, oauth, fault);
      } catch (Rejection r) {
        answer = Answer.of(r, backend.ids);
      } catch (RuntimeException e) {
        log.error("FakeDaraja failed on {} {}", method, path, e);
        answer =
            Answer.of(new Rejection(500, "500.003.1001", "Internal Server Error"), backend.ids);
      }
      boolean reset =
          fault == Fault.RESET_BEFORE_PROCESSING || fault == Fault.RESET_AFTER_PROCESSING;
      backend.journal.record(
          new ReceivedRequest(
              at, method, path, body, reset ? 0 : answer.status, reset ? "" : answer.body, fault));
      MockResponse.Builder response =
          new MockResponse.Builder()
              .code(answer.status)
              .addHeader("Content-Type", answer.contentType)
              .body(answer.body);
      Duration latency = backend.faults.latency();
      if (!latency.isZero()) {
        response.headersDelay(latency.toNanos(), TimeUnit.NANOSECONDS);
      }
      if (reset) {
        response.onResponseStart(SocketEffect.ShutdownConnection.INSTANCE);
      }
      return response.build();
    }

    private Answer answer(
        RecordedRequest request,
        String path,
        String method,
        String body,
        Instant at,
        boolean oauth,
        Fault fault) {
      if (fault != null && fault != Fault.RESET_AFTER_PROCESSING) {
        return Answer.of(fault, backend.ids, bearer(request));
      }
      if (oauth) {
        return Answer.json(200, oauth(request, method));
      }
      Routes.Route route = routes.find(path);
      if (route == null) {
        throw new Rejection(404, "404.001.01", "Resource not found");
      }
      if (!method.equals("POST")) {
        throw new Rejection(405, "405.001", "Method Not Allowed");
      }
      String token = bearer(request);
      if (!tokens.valid(token)) {
        throw route.tokenError().rejection(token);
      }
      String contentType = request.getHeaders().get("Content-Type");
      if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
        // The gateway then fails on the first field it reads (API.md §1).
        throw path.startsWith("/mpesa/stkpush")
            ? Rejection.invalid("BusinessShortCode")
            : Rejection.payload();
      }
      JsonNode json = Wire.parse(body);
      return Answer.json(200, route.endpoint().handle(new Exchange(method, path, body, json, at)));
    }

    private JsonNode oauth(RecordedRequest request, String method) {
      if (!method.equals("GET")) {
        throw new Rejection(404, "404.001.04", "Invalid Authentication Header");
      }
      if (!"client_credentials".equals(request.getUrl().queryParameter("grant_type"))) {
        throw new Rejection(400, "400.008.02", "Invalid grant type passed");
      }
      String header = request.getHeaders().get("Authorization");
      if (header == null || !header.startsWith("Basic ")) {
        throw new Rejection(400, "400.008.01", "Invalid authentication type passed");
      }
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new Rejection(400, "400.008.01", "Invalid authentication type passed");
      }
      int colon = decoded.indexOf(':');
      String key = colon < 0 ? decoded : decoded.substring(0, colon);
      String secret = colon < 0 ? null : decoded.substring(colon + 1);
      if (!tokens.knows(key, secret)) {
        throw Rejection.badConsumerCredentials();
      }
      ObjectNode token = Wire.object();
      token.put("access_token", tokens.issue(key));
      // The live sandbox sends expires_in as a string (API.md §2).
      token.put("expires_in", Long.toString(tokens.expiresInSeconds()));
      return token;
    }

    private String bearer(RecordedRequest request) {
      String header = request.getHeaders().get("Authorization");
      if (header == null || !header.startsWith("Bearer ")) {
        return null;
      }
      return header.substring(7).trim();
    }
  }

  /** An HTTP answer. */
  private record Answer(int status, String contentType, String body) {
    static Answer json(int status, JsonNode body) {
      return new Answer(status, "application/json", Wire.write(body));
    }

    static Answer of(Rejection r, Ids ids) {
      if (r.emptyBody()) {
        return new Answer(r.httpStatus, "application/json", "");
      }
      ObjectNode envelope = Wire.object();
      envelope.put("requestId", r.requestId != null ? r.requestId : ids.requestId());
      envelope.put("errorCode", r.errorCode);
      envelope.put("errorMessage", r.errorMessage);
      return json(r.httpStatus, envelope);
    }

    static Answer of(Fault fault, Ids ids, String token) {
      return switch (fault) {
        case SERVER_ERROR ->
            of(
                new Rejection(
                    500,
                    "500.003.1001",
                    "Service is currently unreachable. Please try again later."),
                ids);
        case GATEWAY_PAGE ->
            new Answer(
                503,
                "text/html",
                "<html><head><title>503 Service Temporarily Unavailable</title></head><body>"
                    + "<center><h1>503 Service Temporarily Unavailable</h1></center></body>"
                    + "</html>");
        case THROTTLED ->
            of(new Rejection(500, "500.003.02", "Error Occurred: Spike Arrest Violation"), ids);
        case QUOTA_EXCEEDED ->
            of(new Rejection(500, "500.003.03", "Error Occurred: Quota Violation"), ids);
        case INVALID_TOKEN -> of(TokenError.NOT_FOUND.rejection(token), ids);
        case PRODUCT_NOT_ENABLED ->
            of(
                new Rejection(
                    401,
                    "401.002.01",
                    "Error Occurred - Invalid Access Token - Invalid API call as no apiproduct"
                        + " match found"),
                ids);
        case RESET_BEFORE_PROCESSING, RESET_AFTER_PROCESSING -> new Answer(200, "text/plain", "");
      };
    }
  }

  /** Settings for a fake; {@link #start()} starts it. */
  public static final class Builder {
    private int port;
    private InetAddress address = InetAddress.getLoopbackAddress();
    private Clock clock = Clock.systemUTC();
    private long seed = ThreadLocalRandom.current().nextLong();
    private Duration customerResponseTime = Duration.ofMillis(300);
    private Duration promptTimeout = Duration.ofSeconds(2);
    private Duration resultDelay = Duration.ofMillis(200);
    private Duration tokenLifetime = Duration.ofHours(1);
    private boolean externalValidation;
    private final Map<String, String> apps = new LinkedHashMap<>();
    private final Map<String, String> passkeys = new LinkedHashMap<>();
    private final Set<String> initiators = new LinkedHashSet<>();

    private Builder() {
      apps.put(CONSUMER_KEY, CONSUMER_SECRET);
      passkeys.put(SHORT_CODE, PASSKEY);
      initiators.add(INITIATOR_NAME);
    }

    /** The port to listen on; {@code 0} (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** The address to listen on; loopback by default. */
    public Builder address(InetAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The clock for timestamps, receipts and token expiry (delays stay real time). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Seeds the ids (tokens, receipts, ...), so runs can be repeated. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How long a customer takes to answer a prompt unless scripted (300 ms by default). */
    public Builder customerResponseTime(Duration d) {
      this.customerResponseTime = nonNegative(d);
      return this;
    }

    /** When an unanswered prompt ends with {@code 1037} (2 s by default; about a minute live). */
    public Builder promptTimeout(Duration d) {
      this.promptTimeout = nonNegative(d);
      return this;
    }

    /** How long asynchronous APIs (B2C, B2B, status, ...) take to send their Result (200 ms). */
    public Builder resultDelay(Duration d) {
      this.resultDelay = nonNegative(d);
      return this;
    }

    /** How long a token lives (one hour, reported as {@code expires_in} "3599"). */
    public Builder tokenLifetime(Duration d) {
      if (d.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("tokenLifetime must be at least 1 s, got " + d);
      }
      this.tokenLifetime = d;
      return this;
    }

    /**
     * Turns on C2B external validation: a simulated C2B payment is first POSTed to the registered
     * validation URL, and completes only if it accepts. Off by default, as on Daraja, where
     * Safaricom enables it per short code on request (API.md §5.3).
     */
    public Builder externalValidation(boolean on) {
      this.externalValidation = on;
      return this;
    }

    /** Another Daraja app the fake accepts at OAuth. */
    public Builder app(String consumerKey, String consumerSecret) {
      apps.put(
          Objects.requireNonNull(consumerKey, "consumerKey"),
          Objects.requireNonNull(consumerSecret, "consumerSecret"));
      return this;
    }

    /** Another M-Pesa Express short code and its passkey. */
    public Builder stkShortCode(String shortCode, String passkey) {
      passkeys.put(
          Objects.requireNonNull(shortCode, "shortCode"),
          Objects.requireNonNull(passkey, "passkey"));
      return this;
    }

    /** Another initiator name whose requests pass (any 2048-bit credential is accepted). */
    public Builder initiator(String name) {
      initiators.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** Starts the fake. */
    public FakeDaraja start() {
      return new FakeDaraja(this);
    }

    private static Duration nonNegative(Duration d) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative()) {
        throw new IllegalArgumentException("duration must not be negative: " + d);
      }
      return d;
    }
  }
}
