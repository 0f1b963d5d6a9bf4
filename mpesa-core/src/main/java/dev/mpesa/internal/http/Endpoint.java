package dev.mpesa.internal.http;

import dev.mpesa.internal.ClientContext;
import dev.mpesa.result.Acknowledgement;
import dev.mpesa.result.ResultRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One Daraja operation, described once: what {@link Pipeline#call} needs to send it and to judge
 * its answer. A service method is {@code pipeline.call(SPEC, request)}.
 *
 * @param op the operation: its name, path, idempotency class and breaker group
 * @param callbackUrls the URLs Daraja will call, by request field; checked by the one callback-URL
 *     policy before anything else is done with the request
 * @param request builds the wire body and the references an outcome-unknown carries (no secrets,
 *     phone numbers masked); may throw {@link IllegalArgumentException} or {@link
 *     IllegalStateException}, before any call
 * @param answer the type Jackson reads a 2xx answer into
 * @param acceptance whether that answer is an acceptance, and what the caller gets (see {@link
 *     Acceptance} for the rules)
 * @param summary the tail of the one DEBUG line logged on acceptance (ids only, phones masked)
 * @param <Q> the public request type
 * @param <W> the wire answer type
 * @param <A> what the caller gets
 */
public record Endpoint<Q, W, A>(
    Operation op,
    Function<Q, List<CallbackUrl>> callbackUrls,
    BiFunction<ClientContext, Q, Outgoing> request,
    Class<W> answer,
    Acceptance.Rule<Q, W, A> acceptance,
    Function<A, String> summary) {

  /** A spec for an operation that carries no callback URL. */
  public static <Q, W, A> Endpoint<Q, W, A> of(
      Operation op,
      BiFunction<ClientContext, Q, Outgoing> request,
      Class<W> answer,
      Acceptance.Rule<Q, W, A> acceptance,
      Function<A, String> summary) {
    return new Endpoint<>(op, q -> List.of(), request, answer, acceptance, summary);
  }

  /**
   * A spec for an asynchronous operation answered with an {@link Acknowledgement} (its result comes
   * later, to a callback URL): {@link Acceptance#acknowledgement()}, and the ids in the DEBUG line.
   */
  public static <Q> Endpoint<Q, Acknowledgement, Acknowledgement> acknowledged(
      Operation op,
      Function<Q, List<CallbackUrl>> callbackUrls,
      BiFunction<ClientContext, Q, Outgoing> request) {
    return new Endpoint<>(
        op,
        callbackUrls,
        request,
        Acknowledgement.class,
        Acceptance.acknowledgement(),
        Endpoint::ids);
  }

  /**
   * A spec for a {@link ResultRequest}: acknowledged as {@link #acknowledged}, its {@code
   * ResultURL} and {@code QueueTimeOutURL} checked by the callback-URL policy.
   */
  public static <Q extends ResultRequest> Endpoint<Q, Acknowledgement, Acknowledgement> result(
      Operation op, BiFunction<ClientContext, Q, Outgoing> request) {
    return acknowledged(op, Endpoint::resultUrls, request);
  }

  /** The two callback URLs of a {@link ResultRequest}. */
  public static List<CallbackUrl> resultUrls(ResultRequest r) {
    return CallbackUrl.of("resultUrl", r.resultUrl(), "queueTimeoutUrl", r.queueTimeoutUrl());
  }

  /** The ids of an acknowledgement, for the DEBUG line. */
  public static String ids(Acknowledgement ack) {
    return "ConversationID "
        + ack.conversationId()
        + ", OriginatorConversationID "
        + ack.originatorConversationId();
  }

  /** This spec with another acceptance rule (same request, answer type and summary). */
  public Endpoint<Q, W, A> accepting(Acceptance.Rule<Q, W, A> rule) {
    return new Endpoint<>(op, callbackUrls, request, answer, rule, summary);
  }

  /** A URL that Daraja will call, named by its request field. */
  public record CallbackUrl(String field, URI url) {
    /** {@code field}/{@code url} pairs in order; null URLs (optional ones not set) are left out. */
    public static List<CallbackUrl> of(String field, URI url, Object... more) {
      List<CallbackUrl> urls = new ArrayList<>();
      if (url != null) {
        urls.add(new CallbackUrl(field, url));
      }
      for (int i = 0; i + 1 < more.length; i += 2) {
        if (more[i + 1] != null) {
          urls.add(new CallbackUrl((String) more[i], (URI) more[i + 1]));
        }
      }
      return urls;
    }
  }

  /** A wire body and the references that identify the request. */
  public static final class Outgoing {
    private final Object body;
    private final Map<String, String> references = new LinkedHashMap<>();

    private Outgoing(Object body) {
      this.body = body;
    }

    /** The body to send as JSON. */
    public static Outgoing body(Object body) {
      return new Outgoing(body);
    }

    /** Adds a reference; a null value is left out. Never a secret; phones masked. */
    public Outgoing ref(String name, String value) {
      if (value != null) {
        references.put(name, value);
      }
      return this;
    }

    Object wireBody() {
      return body;
    }

    Map<String, String> references() {
      return Collections.unmodifiableMap(references);
    }
  }
}
