package dev.mpesa.stk;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.callback.PaymentExpectation;
import dev.mpesa.callback.PaymentExpectation.Mismatch;
import dev.mpesa.callback.StkCallback;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.MpesaNetworkException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.ClientContext;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.http.Acceptance;
import dev.mpesa.internal.http.Endpoint;
import dev.mpesa.internal.http.Endpoint.CallbackUrl;
import dev.mpesa.internal.http.Endpoint.Outgoing;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.internal.http.Pipeline;
import dev.mpesa.internal.http.Services;
import dev.mpesa.result.DarajaError;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.stk.StkConfirmation.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * M-Pesa Express: push a PIN prompt to a customer's phone, and ask how it went.
 *
 * <p>Obtain it from {@code MpesaClient.stk()}. Thread-safe.
 */
public final class StkService {
  private static final Logger log = LoggerFactory.getLogger(StkService.class);

  static final Operation PUSH =
      new Operation("stk.push", "/mpesa/stkpush/v1/processrequest", IdempotencyClass.MONEY, "stk");
  static final Operation QUERY =
      new Operation("stk.query", "/mpesa/stkpushquery/v1/query", IdempotencyClass.SAFE, "stk");

  /** First query of {@link #await}: the prompt takes a while to reach and be answered. */
  public static final Duration AWAIT_FIRST_DELAY = Duration.ofSeconds(15);

  /** Later queries start this far apart and grow by half each time... */
  public static final Duration AWAIT_INTERVAL = Duration.ofSeconds(5);

  /** ...up to this, so that polling stays clear of Daraja's spike arrest. */
  public static final Duration AWAIT_MAX_INTERVAL = Duration.ofSeconds(15);

  private static final Endpoint<StkPushRequest, StkPushResponse, StkPushResponse> PUSH_SPEC =
      new Endpoint<>(
          PUSH,
          r -> CallbackUrl.of("callbackUrl", r.callbackUrl()),
          StkService::pushBody,
          StkPushResponse.class,
          Acceptance.<StkPushRequest, StkPushResponse>responseCode(
                  StkPushResponse::responseCode,
                  StkPushResponse::responseDescription,
                  StkPushResponse::merchantRequestId)
              .then(Acceptance.carries("CheckoutRequestID", StkPushResponse::checkoutRequestId)),
          r ->
              "CheckoutRequestID "
                  + r.checkoutRequestId()
                  + ", MerchantRequestID "
                  + r.merchantRequestId());

  private static final Endpoint<String, StkQueryResponse, StkQueryResponse> QUERY_SPEC =
      Endpoint.of(
          QUERY,
          (context, id) -> {
            requireExpressSettings(context);
            String timestamp = timestamp(context);
            return Outgoing.body(
                    new QueryBody(
                        context.shortCode(),
                        password(context, context.shortCode(), timestamp),
                        timestamp,
                        id))
                .ref("CheckoutRequestID", id);
          },
          StkQueryResponse.class,
          (id, r, v) -> {
            if (r.responseCode() != null) {
              v.requireResponseCode(r.responseCode(), r.responseDescription(), id);
            }
            return r;
          },
          r -> "CheckoutRequestID " + r.checkoutRequestId() + ", status " + r.status());

  private final Pipeline pipeline;
  private final ClientContext context;
  private final Duration awaitFirst;
  private final Duration awaitInterval;
  private final Duration awaitMax;

  static {
    Services.register(StkService.class, StkService::new);
  }

  /** Made by {@code MpesaClient}; obtain the service from it. */
  StkService(Pipeline pipeline) {
    this.pipeline = Checks.required(pipeline, "pipeline");
    this.context = pipeline.context();
    this.awaitFirst = context.awaitFirst();
    this.awaitInterval = context.awaitInterval();
    this.awaitMax = context.awaitMax();
  }

  /**
   * Sends the PIN prompt.
   *
   * <p>The timestamp is taken once from the client's clock in Africa/Nairobi time and used both in
   * {@code Password = base64(ShortCode + Passkey + Timestamp)} and in the body. A push is never
   * sent twice by the SDK: a push answered ambiguously (read timeout, reset, an unexplained server
   * error) raises {@link OutcomeUnknownException}; reconcile by the callback before pushing again.
   *
   * @return the acknowledgement; keep its {@code CheckoutRequestID}
   * @throws IllegalArgumentException if the request breaks a rule of this client (amount above the
   *     configured maximum; http or private callback URL in production), before any call
   * @throws IllegalStateException if the client has no short code and passkey
   * @throws dev.mpesa.error.SubscriberBusyException if the customer has another session open
   * @throws InvalidRequestException if Daraja rejects a field or the STK credentials
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws OutcomeUnknownException if the push may have been received; do not resend
   * @throws MpesaException for any other failure
   */
  public StkPushResponse push(StkPushRequest request) {
    return pipeline.call(PUSH_SPEC, request);
  }

  /**
   * Asks Daraja how an STK push went.
   *
   * @param checkoutRequestId the {@code CheckoutRequestID} of the push
   * @return the status; {@link dev.mpesa.result.PaymentStatus#PENDING} while the customer has not
   *     answered (Daraja's "The transaction is being processed" is not an exception)
   * @throws IllegalArgumentException if {@code checkoutRequestId} is blank
   * @throws MpesaApiException if Daraja answers with an error (for an unknown id, {@link
   *     DarajaError#TRANSACTION_NOT_FOUND})
   * @throws MpesaNetworkException if no usable answer came back
   */
  public StkQueryResponse query(String checkoutRequestId) {
    if (checkoutRequestId == null || checkoutRequestId.isBlank()) {
      throw new IllegalArgumentException("checkoutRequestId is required");
    }
    String id = checkoutRequestId.strip();
    try {
      return pipeline.call(QUERY_SPEC, id);
    } catch (MpesaApiException e) {
      if (e.error() == DarajaError.TRANSACTION_PENDING) {
        return StkQueryResponse.pending(id, e.errorMessage());
      }
      throw e;
    }
  }

  /**
   * Polls {@link #query(String)} until the payment reaches a final status or {@code timeout}
   * passes.
   *
   * <p>The first query comes after 15 seconds (or at the deadline, if sooner): the customer needs
   * time to see the prompt and type the PIN. Later queries start 5 seconds apart and grow by half
   * up to 15 seconds, each with up to 20% random jitter, so that many concurrent waits do not poll
   * in step and trip Daraja's spike arrest. Transient failures (network, throttling, outages, an id
   * Daraja does not know yet) are ridden out until the deadline.
   *
   * <p>Blocks the calling thread; waits through the client's {@code Sleeper}.
   *
   * @param checkoutRequestId the {@code CheckoutRequestID} of the push
   * @param timeout how long to wait in all; a prompt lives about a minute, so 2 to 3 minutes is a
   *     sensible value
   * @return the final answer, or the last one seen when the time ran out (then its status is {@link
   *     dev.mpesa.result.PaymentStatus#PENDING} or {@code UNKNOWN}: do not treat it as failed)
   * @throws IllegalArgumentException if {@code timeout} is not positive
   * @throws AuthenticationException or {@link InvalidRequestException} at once: waiting would not
   *     help
   * @throws MpesaException the last failure, if no query succeeded before the deadline
   */
  public StkQueryResponse await(String checkoutRequestId, Duration timeout) {
    Checks.required(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (checkoutRequestId == null || checkoutRequestId.isBlank()) {
      throw new IllegalArgumentException("checkoutRequestId is required");
    }
    Instant start = context.clock().instant();
    Duration slept = Duration.ZERO;
    Duration wait = min(awaitFirst, timeout);
    Duration interval = awaitInterval;
    StkQueryResponse last = null;
    MpesaException lastFailure = null;
    while (true) {
      sleep(wait);
      slept = slept.plus(wait);
      try {
        last = query(checkoutRequestId);
        if (last.status().isFinal()) {
          return last;
        }
      } catch (AuthenticationException | InvalidRequestException e) {
        throw e;
      } catch (MpesaApiException e) {
        if (!e.isTransient() && e.error() != DarajaError.TRANSACTION_NOT_FOUND) {
          throw e;
        }
        lastFailure = e;
      } catch (MpesaNetworkException e) {
        lastFailure = e;
      }
      Duration elapsed = max(Duration.between(start, context.clock().instant()), slept);
      Duration remaining = timeout.minus(elapsed);
      if (remaining.isNegative() || remaining.isZero()) {
        break;
      }
      wait = min(jitter(interval), remaining);
      interval = min(Duration.ofMillis(interval.toMillis() * 3 / 2), awaitMax);
    }
    if (last != null) {
      log.debug("stk.await {}: deadline reached, last status {}", checkoutRequestId, last.status());
      return last;
    }
    throw lastFailure;
  }

  /**
   * Confirms an STK callback before it counts: parses the body, checks it names the push you
   * expect, checks it against what you expected (amount, phone), and asks Daraja with one {@link
   * #query} whether the payment really went that way. The callback's own {@code ResultCode} is
   * never trusted on its own: a signed callback URL can be replayed with any body.
   *
   * <pre>{@code
   * StkConfirmation c = mpesa.stk().confirm(body, payment.checkoutRequestId(),
   *     PaymentExpectation.builder().amount(payment.amount()).build());
   * switch (c.outcome()) {
   *   case PAID -> fulfil(order, c.receiptNumber());
   *   case NOT_PAID -> markNotPaid(order, c.confirmedStatus());
   *   case HOLD -> holdForReview(order, c.mismatches());
   *   case REFUTED, UNCONFIRMED -> log.warn("not settled: {}", c.detail()); // query again later
   * }
   * }</pre>
   *
   * @param body the callback's HTTP body exactly as received (at most {@link
   *     dev.mpesa.callback.Callbacks#MAX_BODY_BYTES} bytes)
   * @param expectedCheckoutRequestId the {@code CheckoutRequestID} your push was answered with, or
   *     null if its answer was lost (an {@link OutcomeUnknownException}); then make sure that no
   *     other payment of yours holds the callback's id (a unique column), or a genuine callback of
   *     another payment could settle this one
   * @param expected what the payment should be; the amount is always compared, the phone number if
   *     set (a masked number is not held against the payment)
   * @return what to do with the payment (see {@link StkConfirmation})
   * @throws dev.mpesa.error.CallbackParseException if the body is not an STK callback
   * @throws AuthenticationException if Daraja refuses the client's credentials (a configuration
   *     problem, not the callback's)
   * @throws InvalidRequestException if Daraja refuses the query itself
   */
  public StkConfirmation confirm(
      byte[] body, String expectedCheckoutRequestId, PaymentExpectation expected) {
    Checks.required(expected, "expected");
    return confirm(Callbacks.parseStk(body), expectedCheckoutRequestId, expected);
  }

  /**
   * Confirms a callback already parsed; see {@link #confirm(byte[], String, PaymentExpectation)}.
   *
   * @throws IllegalArgumentException if {@code callback} or {@code expected} is null
   */
  public StkConfirmation confirm(
      StkCallback callback, String expectedCheckoutRequestId, PaymentExpectation expected) {
    Checks.required(callback, "callback");
    Checks.required(expected, "expected");
    String id = callback.checkoutRequestId();
    if (expectedCheckoutRequestId != null && !expectedCheckoutRequestId.equals(id)) {
      return confirmation(
          Outcome.REFUTED,
          callback,
          null,
          List.of(),
          "the callback names CheckoutRequestID " + id + ", not this payment's");
    }
    StkQueryResponse answer;
    try {
      answer = query(id);
    } catch (AuthenticationException | InvalidRequestException e) {
      throw e;
    } catch (MpesaException e) {
      // Throttled, unknown id, network, open breaker: Daraja has not said anything yet.
      return confirmation(
          Outcome.UNCONFIRMED,
          callback,
          null,
          List.of(),
          "Daraja could not confirm it yet: " + e.getClass().getSimpleName());
    }
    PaymentStatus confirmed = answer.status();
    if (!confirmed.isFinal()) {
      return confirmation(
          Outcome.UNCONFIRMED,
          callback,
          confirmed,
          List.of(),
          "Daraja's query says " + confirmed + ", not final yet");
    }
    boolean paid = confirmed == PaymentStatus.COMPLETED;
    if (paid != callback.isSuccess()) {
      return confirmation(
          Outcome.REFUTED,
          callback,
          confirmed,
          List.of(),
          "the callback says "
              + callback.status()
              + " but Daraja's query says "
              + confirmed
              + ": the callback is not genuine");
    }
    if (!paid) {
      return confirmation(
          Outcome.NOT_PAID, callback, confirmed, List.of(), "not paid: " + confirmed);
    }
    List<Mismatch> mismatches = new ArrayList<>();
    for (Mismatch m : expected.check(callback)) {
      if (!m.isUnverifiable()) {
        mismatches.add(m);
      }
    }
    if (callback.receiptNumber() == null || callback.receiptNumber().isBlank()) {
      mismatches.add(
          new Mismatch(
              PaymentExpectation.Field.RECEIPT_NUMBER,
              PaymentExpectation.Reason.MISSING,
              "a receipt number",
              callback.receiptNumber()));
    }
    if (!mismatches.isEmpty()) {
      return confirmation(
          Outcome.HOLD,
          callback,
          confirmed,
          mismatches,
          "Daraja confirms a payment, but the callback differs from what was expected: "
              + mismatches);
    }
    return confirmation(
        Outcome.PAID, callback, confirmed, List.of(), "paid, confirmed by Daraja's query");
  }

  private static StkConfirmation confirmation(
      Outcome outcome,
      StkCallback callback,
      PaymentStatus confirmed,
      List<Mismatch> mismatches,
      String detail) {
    StkConfirmation c = new StkConfirmation(outcome, callback, confirmed, mismatches, detail);
    if (outcome == Outcome.REFUTED || outcome == Outcome.HOLD) {
      log.warn("stk.confirm {}: {} ({})", callback.checkoutRequestId(), outcome, detail);
    } else {
      log.debug("stk.confirm {}: {} ({})", callback.checkoutRequestId(), outcome, detail);
    }
    return c;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private void sleep(Duration d) {
    try {
      context.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.network("stk.await", "interrupted while waiting to query", e);
    }
  }

  private static Duration jitter(Duration d) {
    double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Duration.ofMillis(Math.round(d.toMillis() * factor));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** The push's wire body: the Nairobi timestamp and the password computed once. */
  private static Outgoing pushBody(ClientContext context, StkPushRequest request) {
    requireExpressSettings(context);
    if (request.amount() > context.stkMaxAmount()) {
      throw new IllegalArgumentException(
          "amount "
              + request.amount()
              + " is above the maximum of "
              + context.stkMaxAmount()
              + " shillings for M-Pesa Express (set stkMaxAmount on the client to change it)");
    }
    String shortCode = context.shortCode();
    String timestamp = timestamp(context);
    return Outgoing.body(
            new PushBody(
                shortCode,
                password(context, shortCode, timestamp),
                timestamp,
                request.transactionType(),
                Long.toString(request.amount()),
                request.phoneNumber().value(),
                request.isBuyGoods() ? request.tillNumber() : shortCode,
                request.phoneNumber().value(),
                request.callbackUrl().toString(),
                request.accountReference(),
                request.description()))
        .ref("shortCode", shortCode)
        .ref("accountReference", request.accountReference())
        .ref("amount", Long.toString(request.amount()))
        .ref("phoneNumber", request.phoneNumber().masked())
        .ref("timestamp", timestamp);
  }

  private static void requireExpressSettings(ClientContext context) {
    if (context.shortCode() == null || context.passkey() == null) {
      throw new IllegalStateException(
          "M-Pesa Express needs a short code and passkey: set shortCode(...) and passkey(...) on"
              + " MpesaClient.builder()");
    }
  }

  private static String timestamp(ClientContext context) {
    return LocalDateTime.now(context.clock().withZone(ClientContext.NAIROBI))
        .format(ClientContext.TIMESTAMP);
  }

  private static String password(ClientContext context, String shortCode, String timestamp) {
    return Base64.getEncoder()
        .encodeToString(
            (shortCode + context.passkey() + timestamp).getBytes(StandardCharsets.UTF_8));
  }

  @JsonPropertyOrder({
    "BusinessShortCode",
    "Password",
    "Timestamp",
    "TransactionType",
    "Amount",
    "PartyA",
    "PartyB",
    "PhoneNumber",
    "CallBackURL",
    "AccountReference",
    "TransactionDesc"
  })
  record PushBody(
      @JsonProperty("BusinessShortCode") String businessShortCode,
      @JsonProperty("Password") String password,
      @JsonProperty("Timestamp") String timestamp,
      @JsonProperty("TransactionType") String transactionType,
      @JsonProperty("Amount") String amount,
      @JsonProperty("PartyA") String partyA,
      @JsonProperty("PartyB") String partyB,
      @JsonProperty("PhoneNumber") String phoneNumber,
      @JsonProperty("CallBackURL") String callBackUrl,
      @JsonProperty("AccountReference") String accountReference,
      @JsonProperty("TransactionDesc") String transactionDesc) {
    @Override
    public String toString() {
      return "PushBody[redacted]";
    }
  }

  @JsonPropertyOrder({"BusinessShortCode", "Password", "Timestamp", "CheckoutRequestID"})
  record QueryBody(
      @JsonProperty("BusinessShortCode") String businessShortCode,
      @JsonProperty("Password") String password,
      @JsonProperty("Timestamp") String timestamp,
      @JsonProperty("CheckoutRequestID") String checkoutRequestId) {
    @Override
    public String toString() {
      return "QueryBody[redacted]";
    }
  }
}
