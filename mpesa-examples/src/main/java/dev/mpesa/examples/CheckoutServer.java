package dev.mpesa.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mpesa.MpesaClient;
import dev.mpesa.callback.CallbackReply;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.callback.PaymentExpectation;
import dev.mpesa.callback.StkCallback;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.error.CallbackVerificationException;
import dev.mpesa.error.CircuitOpenException;
import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.MpesaNetworkException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.error.SubscriberBusyException;
import dev.mpesa.error.ThrottledException;
import dev.mpesa.examples.Payment.Status;
import dev.mpesa.examples.PaymentStore.CallbackOutcome;
import dev.mpesa.examples.PaymentStore.CheckoutConflict;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.security.CallbackUrlSigner;
import dev.mpesa.security.IpAllowList;
import dev.mpesa.security.VerifiedReference;
import dev.mpesa.stk.StkConfirmation;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.stk.StkPushResponse;
import dev.mpesa.stk.StkQueryResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checkout server of the kind integrators build around M-Pesa Express, on the JDK's own HTTP
 * server and plain JDBC: the front end asks for a payment, the customer gets a PIN prompt, Daraja
 * POSTs the outcome, and the front end polls for it.
 *
 * <pre>
 * POST /payments/checkout               {"orderId":"ORD-1001","amount":850,"phone":"0712345678"}
 * POST /payments/callback/{token}       Daraja's STK callback, at the URL signed for the payment
 * GET  /payments/status/{checkoutRequestId}
 * GET  /payments/orders/{orderId}       the order's latest payment, also before Daraja named it
 * </pre>
 *
 * <p>Every answer is JSON. A payment answer (checkout, status, order) has the same fields: {@code
 * orderId}, {@code amount}, {@code phone} (masked), {@code checkoutRequestId}, {@code status}
 * ({@code pending}, {@code completed}, {@code failed}, {@code cancelled} or {@code timed_out}),
 * {@code receipt}, {@code resultCode}, {@code resultDescription} and {@code statusUrl}; errors are
 * {@code {"error": "..."}}.
 *
 * <p>What it does about Daraja's failure modes (docs RELIABILITY.md):
 *
 * <ul>
 *   <li>The payment is stored as {@code pending} <b>before</b> the push: the callback can arrive
 *       before the push returns, and finds it.
 *   <li>Each push carries its own signed callback URL ({@link CallbackUrlSigner}), so a callback
 *       names its payment even when the push got no answer; forged or altered URLs are refused with
 *       403 and nothing is stored (R33).
 *   <li>A push that may have reached Daraja ({@link OutcomeUnknownException}) is never sent again
 *       (R9); the payment stays pending until its callback arrives.
 *   <li>A callback is stored and its payment settled in one transaction, once per {@code
 *       CheckoutRequestID} (R32), and only then acknowledged.
 *   <li>A payment still pending after {@link Builder#reconcileAfter(Duration)} is checked with an
 *       STK query when its status is asked for, at most once per that interval: callbacks get lost
 *       (A.5). The first final answer stands (R30).
 * </ul>
 *
 * <p>Start one with {@link #builder()}; {@link #close()} stops it. Thread-safe.
 */
public final class CheckoutServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CheckoutServer.class);

  /** How long a payment may stay pending before a status request queries Daraja: 30 seconds. */
  public static final Duration DEFAULT_RECONCILE_AFTER = Duration.ofSeconds(30);

  static final String CHECKOUT_PATH = "/payments/checkout";
  static final String CALLBACK_BASE_PATH = "/payments/callback";
  static final String CALLBACK_PATH = CALLBACK_BASE_PATH + "/";
  static final String STATUS_PATH = "/payments/status/";
  static final String ORDERS_PATH = "/payments/orders/";

  /** Daraja's callbacks are a few hundred bytes; anything much larger is not one. */
  private static final int MAX_BODY_BYTES = 64 * 1024;

  /** The order id is the {@code AccountReference} on the prompt: at most 12 characters. */
  private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9-]{1,12}");

  private static final Pattern PATH_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** {@code TransactionDesc}: at most 13 characters, not shown to the customer. */
  private static final String DESCRIPTION = "Online order";

  private static final String UNCONFIRMED =
      "Daraja did not confirm the payment prompt, which may still reach the phone. It will not be"
          + " sent again: this payment settles when Daraja's callback arrives. Do not ask the"
          + " customer to pay again until then.";

  private final MpesaClient mpesa;
  private final CallbackUrlSigner signer;
  private final PaymentStore store;
  private final IpAllowList allowList;
  private final Duration reconcileAfter;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final ExecutorService executor;
  private final HttpServer server;
  private final URI callbackBase;

  private CheckoutServer(Builder b) throws IOException, SQLException {
    this.mpesa = b.mpesa;
    this.signer = b.signer;
    this.allowList = b.allowList;
    this.reconcileAfter = b.reconcileAfter;
    this.clock = b.clock;
    this.store = new PaymentStore(b.dataSource, b.clock);
    store.createSchema();

    AtomicInteger threads = new AtomicInteger();
    // Several threads: a push can take seconds, and its callback must not wait behind it.
    this.executor =
        Executors.newFixedThreadPool(
            16, r -> new Thread(r, "checkout-http-" + threads.incrementAndGet()));
    this.server = HttpServer.create(b.address, 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();

    URI base = b.publicBaseUrl != null ? b.publicBaseUrl : localUrl();
    this.callbackBase = URI.create(base.toString().replaceAll("/+$", "") + CALLBACK_BASE_PATH);
    try {
      // Fails now, not at the first checkout, if Daraja would refuse the URL (banned words, ...).
      signer.sign(callbackBase, "startup-check");
    } catch (IllegalArgumentException e) {
      close();
      throw e;
    }
  }

  /** A builder; set at least the client, the signer and the data source. */
  public static Builder builder() {
    return new Builder();
  }

  /** The server's own address, such as {@code http://127.0.0.1:41234}. */
  public URI localUrl() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort());
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Where callbacks go: the public base URL and {@code /payments/callback}, before the token. */
  URI callbackBase() {
    return callbackBase;
  }

  /** Stops accepting requests and waits briefly for those in progress. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- routing

  private void handle(HttpExchange exchange) {
    try {
      route(exchange);
    } catch (HttpError e) {
      send(exchange, e.status, error(e.getMessage()));
    } catch (SQLException | RuntimeException e) {
      // The path is not logged: a callback path carries its token.
      log.error("{} request failed", exchange.getRequestMethod(), e);
      send(exchange, 500, error("internal error"));
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws SQLException {
    String path = exchange.getRequestURI().getRawPath();
    if (path.equals(CHECKOUT_PATH)) {
      allow(exchange, "POST");
      checkout(exchange);
    } else if (path.startsWith(CALLBACK_PATH)) {
      allow(exchange, "POST");
      callback(exchange, lastSegment(path, CALLBACK_PATH));
    } else if (path.startsWith(STATUS_PATH)) {
      allow(exchange, "GET");
      status(exchange, lastSegment(path, STATUS_PATH));
    } else if (path.startsWith(ORDERS_PATH)) {
      allow(exchange, "GET");
      order(exchange, lastSegment(path, ORDERS_PATH));
    } else {
      throw new HttpError(404, "no such endpoint");
    }
  }

  private static void allow(HttpExchange exchange, String method) {
    if (!exchange.getRequestMethod().equals(method)) {
      exchange.getResponseHeaders().set("Allow", method);
      throw new HttpError(405, "use " + method);
    }
  }

  /** The one path segment after {@code prefix}; 404 if there is none, or more than one. */
  private static String lastSegment(String path, String prefix) {
    String segment = path.substring(prefix.length());
    if (!PATH_ID.matcher(segment).matches()) {
      throw new HttpError(404, "no such endpoint");
    }
    return segment;
  }

  // ---------------------------------------------------------------- POST /payments/checkout

  private void checkout(HttpExchange exchange) throws SQLException {
    CheckoutRequest request = CheckoutRequest.from(readJson(exchange));
    Payment payment;
    try {
      payment = store.startPayment(request.orderId(), request.amount(), request.phone());
    } catch (CheckoutConflict e) {
      ObjectNode answer = error(e.getMessage());
      answer.put("orderId", request.orderId());
      send(exchange, 409, answer);
      return;
    }
    String reference = payment.reference();
    StkPushResponse ack;
    try {
      ack =
          mpesa
              .stk()
              .push(
                  StkPushRequest.builder()
                      .phoneNumber(request.phone().value())
                      .amount(request.amount())
                      .accountReference(request.orderId())
                      .description(DESCRIPTION)
                      .callbackUrl(signer.sign(callbackBase, reference).toString())
                      .build());
    } catch (OutcomeUnknownException | DuplicateRequestException e) {
      // The prompt may be on the phone, or paid already: never push again (R9). The callback
      // URL names this payment, so its callback settles it.
      store.pushUnconfirmed(reference);
      log.warn("Payment {}: the push got no usable answer; not resending it", reference);
      send(exchange, 202, view(reload(payment)));
      return;
    } catch (SubscriberBusyException e) {
      ObjectNode answer =
          refuse(
              payment,
              "The customer has another M-Pesa session open: ask them to close it and try"
                  + " again in a minute. Nothing was charged.");
      answer.put("retryAfterSeconds", e.suggestedWait().toSeconds());
      send(exchange, 409, answer);
      return;
    } catch (ThrottledException | CircuitOpenException e) {
      send(exchange, 503, refuse(payment, "M-Pesa is busy; nothing was charged. Try again soon."));
      return;
    } catch (MpesaApiException e) {
      // Invalid request, wrong credentials, product not enabled...: fix the configuration.
      log.warn("Payment {}: Daraja refused the push: {}", reference, e.getMessage());
      send(exchange, 502, refuse(payment, "M-Pesa refused the payment request: " + reason(e)));
      return;
    } catch (MpesaNetworkException e) {
      // Not an OutcomeUnknownException: the SDK knows the request never reached Daraja.
      send(exchange, 503, refuse(payment, "M-Pesa could not be reached; nothing was charged."));
      return;
    } catch (IllegalArgumentException e) {
      // A rule of the client's configuration, such as a lower stkMaxAmount; nothing was sent.
      send(exchange, 400, refuse(payment, e.getMessage()));
      return;
    } catch (RuntimeException e) {
      // Unexpected: assume the push may have gone out, as for an unknown outcome.
      store.pushUnconfirmed(reference);
      throw e;
    }
    store.pushAccepted(reference, ack.checkoutRequestId(), ack.merchantRequestId());
    log.debug("Payment {}: prompt sent, CheckoutRequestID {}", reference, ack.checkoutRequestId());
    send(exchange, 202, view(reload(payment)));
  }

  private ObjectNode refuse(Payment payment, String reason) throws SQLException {
    store.pushRefused(payment.reference(), reason);
    ObjectNode answer = view(reload(payment));
    answer.put("error", reason);
    return answer;
  }

  private static String reason(MpesaApiException e) {
    String message = e.errorMessage() != null ? e.errorMessage() : e.error().toString();
    return e.errorCode() != null ? message + " (" + e.errorCode() + ")" : message;
  }

  /** The body of a checkout request, validated before anything is stored or sent. */
  private record CheckoutRequest(String orderId, long amount, PhoneNumber phone) {
    static CheckoutRequest from(JsonNode body) {
      if (body == null || !body.isObject()) {
        throw badRequest(
            "send a JSON object such as {\"orderId\":\"ORD-1001\",\"amount\":850,"
                + "\"phone\":\"0712345678\"}");
      }
      JsonNode orderId = body.get("orderId");
      if (orderId == null
          || !orderId.isTextual()
          || !ORDER_ID.matcher(orderId.asText()).matches()) {
        throw badRequest(
            "orderId must be 1 to 12 letters, digits or dashes (it is the account reference on"
                + " the customer's prompt)");
      }
      JsonNode amount = body.get("amount");
      if (amount == null
          || !amount.isIntegralNumber()
          || !amount.canConvertToLong()
          || amount.asLong() < 1
          || amount.asLong() > MpesaClient.DEFAULT_STK_MAX_AMOUNT) {
        throw badRequest(
            "amount must be a whole number of shillings from 1 to "
                + MpesaClient.DEFAULT_STK_MAX_AMOUNT);
      }
      JsonNode phone = body.get("phone");
      if (phone == null || !phone.isTextual()) {
        throw badRequest("phone is required: a Kenyan mobile number such as 0712345678");
      }
      try {
        return new CheckoutRequest(
            orderId.asText(), amount.asLong(), PhoneNumber.parse(phone.asText()));
      } catch (IllegalArgumentException e) {
        throw badRequest(e.getMessage()); // the SDK's message shows the number masked
      }
    }
  }

  // ---------------------------------------------------------------- POST
  // /payments/callback/{token}

  private void callback(HttpExchange exchange, String token) throws SQLException {
    String remote = exchange.getRemoteAddress().getAddress().getHostAddress();
    List<String> forwardedFor = exchange.getRequestHeaders().get("X-Forwarded-For");
    if (!allowList.check(remote, forwardedFor).allowed()) {
      throw new HttpError(403, "callback refused");
    }
    VerifiedReference reference;
    try {
      reference = signer.verify(token);
    } catch (CallbackVerificationException e) {
      // Not a URL we minted (or an expired one): store nothing, act on nothing.
      log.warn("Refused a callback whose URL token is {}", e.reason());
      throw new HttpError(403, "callback refused");
    }
    StkCallback callback;
    try {
      callback = Callbacks.parseStk(readBody(exchange));
    } catch (CallbackParseException e) {
      log.warn("Refused a callback for {}: {}", reference.reference(), e.getMessage());
      throw new HttpError(400, "not an STK callback");
    }
    Payment payment = store.byReference(reference.reference()).orElse(null);
    if (payment == null) {
      // Signed by us for a payment we do not have: a bug of ours, not Daraja's; nothing to settle.
      log.warn(
          "STK callback {} names payment {}, which does not exist: not applied",
          callback.checkoutRequestId(),
          reference.reference());
      sendJson(exchange, 200, CallbackReply.acknowledge().toJson());
      return;
    }
    // A valid token proves only that the URL is ours: confirm the body with Daraja before it
    // counts, against the push's CheckoutRequestID, the amount and the phone of the order.
    StkConfirmation confirmation =
        mpesa
            .stk()
            .confirm(
                callback,
                payment.checkoutRequestId(),
                PaymentExpectation.builder()
                    .amount(payment.amount())
                    .phoneNumber(PhoneNumber.parse(payment.phone()))
                    .build());
    // Persist first (one transaction; settles only by the confirmation), then acknowledge.
    CallbackOutcome outcome = store.recordConfirmation(reference.reference(), confirmation);
    log.debug(
        "STK callback {} for {}: {} -> {}",
        confirmation.checkoutRequestId(),
        reference.reference(),
        confirmation.outcome(),
        outcome);
    sendJson(exchange, 200, CallbackReply.acknowledge().toJson());
  }

  // ---------------------------------------------------------------- GET status and order

  private void status(HttpExchange exchange, String checkoutRequestId) throws SQLException {
    Payment payment =
        store
            .byCheckoutRequestId(checkoutRequestId)
            .orElseThrow(() -> new HttpError(404, "no payment with this checkoutRequestId"));
    send(exchange, 200, view(reconcileIfDue(payment)));
  }

  private void order(HttpExchange exchange, String orderId) throws SQLException {
    Payment payment =
        store
            .latestForOrder(orderId)
            .orElseThrow(() -> new HttpError(404, "no payment for this order"));
    send(exchange, 200, view(reconcileIfDue(payment)));
  }

  /**
   * Asks Daraja about a payment still pending after {@code reconcileAfter}: its callback may be
   * lost (A.5). "Still being processed" and unknown codes leave it pending.
   */
  private Payment reconcileIfDue(Payment payment) throws SQLException {
    if (payment.status() != Status.PENDING) {
      return payment;
    }
    if (!store.claimQuery(payment.reference(), clock.instant().minus(reconcileAfter))) {
      return payment;
    }
    // A callback that came while Daraja could not confirm it is confirmed again: it carries the
    // receipt, which a query does not.
    for (String body : store.unconfirmedCallbacks(payment.reference())) {
      try {
        StkConfirmation again =
            mpesa
                .stk()
                .confirm(
                    body.getBytes(StandardCharsets.UTF_8),
                    payment.checkoutRequestId(),
                    PaymentExpectation.builder()
                        .amount(payment.amount())
                        .phoneNumber(PhoneNumber.parse(payment.phone()))
                        .build());
        if (again.outcome() != StkConfirmation.Outcome.UNCONFIRMED) {
          store.recordConfirmation(payment.reference(), again);
          return reload(payment);
        }
      } catch (MpesaException e) {
        log.warn(
            "Payment {}: could not confirm a callback: {}", payment.reference(), e.getMessage());
      }
    }
    if (payment.checkoutRequestId() == null) {
      return payment;
    }
    try {
      StkQueryResponse answer = mpesa.stk().query(payment.checkoutRequestId());
      if (!answer.status().isFinal()) {
        return payment;
      }
      store.queryAnswered(payment.reference(), answer);
      log.debug("Payment {} settled by STK query: {}", payment.reference(), answer.status());
    } catch (MpesaException e) {
      log.warn(
          "Payment {}: STK query failed, still pending: {}", payment.reference(), e.getMessage());
      return payment;
    }
    return reload(payment);
  }

  // ---------------------------------------------------------------- JSON

  private ObjectNode view(Payment p) {
    ObjectNode view = json.createObjectNode();
    view.put("orderId", p.orderId());
    view.put("amount", p.amount());
    view.put("phone", p.phoneMasked());
    view.put("checkoutRequestId", p.checkoutRequestId());
    view.put("status", p.status().wire());
    view.put("receipt", p.receipt());
    view.put("resultCode", p.resultCode());
    view.put("resultDescription", p.resultDescription());
    view.put(
        "statusUrl",
        p.checkoutRequestId() != null
            ? STATUS_PATH + p.checkoutRequestId()
            : ORDERS_PATH + p.orderId());
    if (p.awaitingUnconfirmedPush()) {
      view.put("message", UNCONFIRMED);
    }
    return view;
  }

  private Payment reload(Payment payment) throws SQLException {
    return store.byReference(payment.reference()).orElse(payment);
  }

  private ObjectNode error(String message) {
    return json.createObjectNode().put("error", message);
  }

  private JsonNode readJson(HttpExchange exchange) {
    try {
      return json.readTree(readBody(exchange));
    } catch (IOException e) { // readTree(byte[]) reads no stream: only a parse error lands here
      throw badRequest("the body is not JSON");
    }
  }

  private static byte[] readBody(HttpExchange exchange) {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new HttpError(413, "the body is too large");
      }
      return body;
    } catch (IOException e) {
      throw new HttpError(400, "the body could not be read");
    }
  }

  private void send(HttpExchange exchange, int status, ObjectNode body) {
    sendJson(exchange, status, body.toString());
  }

  private static void sendJson(HttpExchange exchange, int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      log.debug("Could not answer a {} request: {}", exchange.getRequestMethod(), e.toString());
    }
  }

  private static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }

  /** An answer other than 2xx, with its message for {@code {"error": ...}}. */
  private static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    HttpError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** Settings for a {@link CheckoutServer}; {@link #start()} starts it. Not thread-safe. */
  public static final class Builder {
    private MpesaClient mpesa;
    private CallbackUrlSigner signer;
    private DataSource dataSource;
    private URI publicBaseUrl;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private Duration reconcileAfter = DEFAULT_RECONCILE_AFTER;
    private IpAllowList allowList = IpAllowList.builder().mode(IpAllowList.Mode.OFF).build();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The client that pushes and queries; required. The server does not close it. */
    public Builder mpesa(MpesaClient mpesa) {
      this.mpesa = Objects.requireNonNull(mpesa, "mpesa");
      return this;
    }

    /** Signs each payment's callback URL and verifies it when Daraja calls; required. */
    public Builder signer(CallbackUrlSigner signer) {
      this.signer = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /**
     * Where orders, payments and callbacks are stored; required. The tables are created at start if
     * they do not exist. The server does not close it.
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * The public URL at which Daraja reaches this server's root, such as {@code
     * https://shop.example}; callbacks go to {@code <url>/payments/callback/<token>}. Unless set,
     * the server's own loopback address, which only a fake Daraja on this machine can call.
     */
    public Builder publicBaseUrl(URI publicBaseUrl) {
      this.publicBaseUrl = Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
      return this;
    }

    /** Where to listen; loopback on a free port unless set (port 0 picks a free one). */
    public Builder address(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * How long a payment may stay pending before a status request asks Daraja about it, and how
     * long between two such queries; {@link #DEFAULT_RECONCILE_AFTER} unless set. Zero queries on
     * every status request of a pending payment.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder reconcileAfter(Duration reconcileAfter) {
      Objects.requireNonNull(reconcileAfter, "reconcileAfter");
      if (reconcileAfter.isNegative()) {
        throw new IllegalArgumentException("reconcileAfter must not be negative");
      }
      this.reconcileAfter = reconcileAfter;
      return this;
    }

    /**
     * Checks where callbacks come from; off unless set (the sandbox calls from addresses not on
     * Safaricom's list). In production: {@code IpAllowList.safaricomDefaults()}, with your proxies
     * trusted, and watch its log before enforcing.
     */
    public Builder ipAllowList(IpAllowList allowList) {
      this.allowList = Objects.requireNonNull(allowList, "allowList");
      return this;
    }

    /** The clock for timestamps and reconciliation; the system clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Creates the tables if needed and starts serving.
     *
     * @throws IllegalStateException if the client, the signer or the data source is missing
     * @throws IllegalArgumentException if the callback URL would be refused by Daraja (a banned
     *     word such as {@code mpesa} in the public base URL, not http(s), ...)
     * @throws IOException if the address cannot be bound
     * @throws SQLException if the tables cannot be created
     */
    public CheckoutServer start() throws IOException, SQLException {
      if (mpesa == null) {
        throw new IllegalStateException("CheckoutServer: set mpesa(MpesaClient)");
      }
      if (signer == null) {
        throw new IllegalStateException("CheckoutServer: set signer(CallbackUrlSigner)");
      }
      if (dataSource == null) {
        throw new IllegalStateException("CheckoutServer: set dataSource(DataSource)");
      }
      return new CheckoutServer(this);
    }
  }
}
