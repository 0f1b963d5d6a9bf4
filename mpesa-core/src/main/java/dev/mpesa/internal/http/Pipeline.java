package dev.mpesa.internal.http;

import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.internal.CallbackUrls;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.ClientContext;
import dev.mpesa.internal.http.Endpoint.CallbackUrl;
import dev.mpesa.internal.http.Endpoint.Outgoing;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every Daraja operation is called: request check, callback-URL policy, wire body, the
 * exchange (with retry, breaker, token and outcome-unknown rules of {@link Transport}), the
 * operation's acceptance rule, the listener, and one DEBUG line. Services declare {@link Endpoint}s
 * and call {@link #call}; nothing else in a service touches the transport. Thread-safe.
 */
public final class Pipeline {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private final Transport transport;
  private final ClientContext context;

  /** A pipeline sending through {@code transport} with the client's settings. */
  public Pipeline(Transport transport, ClientContext context) {
    this.transport = transport;
    this.context = context;
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
      answer = transport.post(op, out.wireBody(), endpoint.answer(), out.references());
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
                new Acceptance.Verdict(op, out.references(), sentAt, transport::notifyUnknown));
    if (log.isDebugEnabled()) {
      log.debug("{} accepted: {}", op.name(), endpoint.summary().apply(accepted));
    }
    return accepted;
  }
}
