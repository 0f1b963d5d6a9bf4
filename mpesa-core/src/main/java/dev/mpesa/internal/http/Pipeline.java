package dev.mpesa.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.MpesaListener;
import dev.mpesa.auth.AccessToken;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.internal.CallbackUrls;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.ClientContext;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.auth.TokenManager;
import dev.mpesa.internal.http.Endpoint.CallbackUrl;
import dev.mpesa.internal.http.Endpoint.Outgoing;
import dev.mpesa.internal.resilience.Deadline;
import dev.mpesa.internal.resilience.Resilience;
import dev.mpesa.result.DarajaError;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every Daraja operation is called: request check, callback-URL policy, wire body, the
 * exchange (a token from the {@link TokenManager}, each attempt through {@link Transport}, retry,
 * breaker and deadline by {@link Resilience}, outcome-unknown for an unreadable 2xx), the
 * operation's acceptance rule, the listener, and one DEBUG line. Services declare {@link Endpoint}s
 * and call {@link #call}; nothing else in a service touches the transport. Thread-safe.
 */
public final class Pipeline {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private final Transport transport;
  private final TokenManager tokens;
  private final Resilience resilience;
  private final ObjectMapper mapper;
  private final MpesaListener listener;
  private final ClientContext context;

  /**
   * A pipeline for one client.
   *
   * @param transport sends each attempt
   * @param tokens hands out access tokens (and owns the OAuth call)
   * @param resilience retry, circuit breaking, rate limiting and the per-call deadline
   * @param mapper writes wire bodies and reads answers
   * @param listener told about outcome-unknowns the acceptance rules find
   * @param context the client's settings
   */
  public Pipeline(
      Transport transport,
      TokenManager tokens,
      Resilience resilience,
      ObjectMapper mapper,
      MpesaListener listener,
      ClientContext context) {
    this.transport = transport;
    this.tokens = tokens;
    this.resilience = resilience;
    this.mapper = mapper;
    this.listener = listener;
    this.context = context;
  }

  /** The transport each attempt goes through. */
  public Transport transport() {
    return transport;
  }

  /** The client's settings (clock, sleeper, environment, STK and initiator settings). */
  public ClientContext context() {
    return context;
  }

  /**
   * Sends {@code request} as {@code endpoint} describes, once or as its idempotency class allows,
   * and returns what its acceptance rule makes of the answer.
   *
   * @throws IllegalArgumentException if {@code request} is null or breaks a rule, before any call
   * @throws IllegalStateException if the client lacks a setting the operation needs, before any
   *     call
   */
  public <Q, W, A> A call(Endpoint<Q, W, A> endpoint, Q request) {
    Checks.required(request, "request");
    Operation op = endpoint.op();
    Outgoing out = endpoint.request().apply(context, request);
    for (CallbackUrl url : endpoint.callbackUrls().apply(request)) {
      CallbackUrls.check(context.environment(), op.name(), url.field(), url.url());
    }
    Instant sentAt = context.clock().instant();
    W answer;
    try {
      answer = post(op, out.wireBody(), endpoint.answer(), out.references());
    } catch (DuplicateRequestException e) {
      if (op.idempotency() == IdempotencyClass.MONEY_KEYED) {
        log.warn(
            "{}: Daraja already has OriginatorConversationID {}: the payment was already accepted;"
                + " reconcile with Transaction Status by OriginatorConversationID, do not resend",
            op.name(),
            out.references().get("originatorConversationId"));
      }
      throw e;
    }
    A accepted =
        endpoint
            .acceptance()
            .accept(
                request,
                answer,
                new Acceptance.Verdict(op, out.references(), sentAt, this::notifyUnknown));
    if (log.isDebugEnabled()) {
      log.debug("{} accepted: {}", op.name(), endpoint.summary().apply(accepted));
    }
    return accepted;
  }

  /**
   * POSTs {@code body} as JSON to {@code op} with a bearer token and maps the answer to {@code
   * type}. An "Invalid Access Token" answer invalidates that token (if still current), refreshes
   * once and replays once; a second one is an {@link AuthenticationException}.
   *
   * @param references what identifies the request, for {@link OutcomeUnknownException} (no secrets,
   *     phone numbers masked)
   */
  public <T> T post(Operation op, Object body, Class<T> type, Map<String, String> references) {
    byte[] payload;
    try {
      payload = mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the " + op.name() + " request", e);
    }
    Deadline deadline = resilience.newDeadline();
    JsonNode json =
        resilience.execute(
            op, deadline, attempt -> attemptWithToken(op, payload, references, deadline, attempt));
    try {
      return map(op, json, type);
    } catch (MpesaApiException e) {
      if (op.idempotency().hasEffects()) {
        OutcomeUnknownException unknown =
            Errors.outcomeUnknown(
                op.name(),
                op.name() + " was answered 2xx with a body the SDK cannot read.",
                references,
                context.clock().instant(),
                e);
        notifyUnknown(unknown);
        throw unknown;
      }
      throw e;
    }
  }

  /** Tells the listener about an unknown outcome that an acceptance rule found. */
  void notifyUnknown(OutcomeUnknownException e) {
    resilience.notify(() -> listener.onOutcomeUnknown(e));
  }

  /**
   * One attempt of a business call: a token (refreshed within this call's deadline, passed down),
   * the exchange, and after "Invalid Access Token" one refresh and one replay.
   */
  private JsonNode attemptWithToken(
      Operation op,
      byte[] payload,
      Map<String, String> references,
      Deadline deadline,
      int attempt) {
    AccessToken token = tokens.token(deadline);
    try {
      return transport.exchange(
          op, transport.bearerRequest(op, payload, token), token, references, deadline, attempt);
    } catch (AuthenticationException e) {
      if (e.error() != DarajaError.INVALID_ACCESS_TOKEN) {
        throw e;
      }
      log.debug("{}: access token rejected; refreshing and replaying once", op.name());
      tokens.invalidate(token);
      AccessToken fresh = tokens.token(deadline);
      return transport.exchange(
          op, transport.bearerRequest(op, payload, fresh), fresh, references, deadline, attempt);
    }
  }

  private <T> T map(Operation op, JsonNode json, Class<T> type) {
    try {
      return mapper.treeToValue(json, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw Errors.api(
          op.name(),
          200,
          null,
          "the answer does not have the documented shape ("
              + (e instanceof JsonProcessingException jpe
                  ? jpe.getOriginalMessage()
                  : e.getMessage())
              + ")",
          null,
          DarajaError.UNKNOWN,
          null,
          e);
    }
  }
}
