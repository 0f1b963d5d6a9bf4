package dev.mpesa.internal.http;

import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.Redaction;
import dev.mpesa.result.Acknowledgement;
import dev.mpesa.result.DarajaError;
import dev.mpesa.result.ResultCode;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule set for "is this 2xx answer an acceptance?". An HTTP 200 can still carry a refusal,
 * and an operation with effects answered without what it needs has an unknown outcome. Every
 * operation's {@link Endpoint} names one of these rules (or chains them with {@link Rule#then});
 * {@link Pipeline} applies it, in one place, with a {@link Verdict} that builds the exceptions.
 */
public final class Acceptance {
  private static final Logger log = LoggerFactory.getLogger(Acceptance.class);
  private static final Pattern HTTP_LIKE = Pattern.compile("[1-5][0-9][0-9]");

  private Acceptance() {}

  /**
   * Judges a 2xx answer of a request.
   *
   * @param <Q> the request
   * @param <W> the answer as read
   * @param <A> what the caller gets
   */
  @FunctionalInterface
  public interface Rule<Q, W, A> {
    /**
     * Returns what the caller gets, or throws what {@code verdict} built.
     *
     * @throws OutcomeUnknownException if the answer does not say whether an operation with effects
     *     was processed
     * @throws MpesaApiException if the answer is a refusal or cannot be used
     */
    A accept(Q request, W answer, Verdict verdict);

    /** This rule, then {@code next} on what it returned. */
    default <B> Rule<Q, W, B> then(Rule<Q, A, B> next) {
      return (q, w, v) -> next.accept(q, accept(q, w, v), v);
    }
  }

  /** The answer as it came: for reads whose shape Jackson already checked. */
  public static <Q, W> Rule<Q, W, W> asIs() {
    return (q, w, v) -> w;
  }

  /**
   * Daraja's {@code ResponseCode}: accepted if {@code 0} in any shape ({@code "0"}, {@code 0},
   * {@code "00000000"}); a missing code is an unknown outcome for an operation with effects and an
   * error for a read; another code is a refusal, classified from the description like an error
   * envelope ("Unable to lock subscriber" is a {@code SubscriberBusyException}).
   */
  public static <Q, W> Rule<Q, W, W> responseCode(
      Function<W, String> code, Function<W, String> description, Function<W, String> requestId) {
    return (q, w, v) -> {
      v.requireResponseCode(code.apply(w), description.apply(w), requestId.apply(w));
      return w;
    };
  }

  /**
   * The answer must carry {@code field}, the id its result is matched by: without it the caller
   * cannot tell what happened (unknown outcome for an operation with effects, an error for a read).
   */
  public static <Q, W> Rule<Q, W, W> carries(String field, Function<W, String> id) {
    return (q, w, v) -> {
      if (isBlank(id.apply(w))) {
        throw v.unmatched(
            v.op().name()
                + " was answered without a "
                + field
                + ", so its result cannot be matched.");
      }
      return w;
    };
  }

  /**
   * The answer must carry {@code field} (QR's image): without it, the answer is a refusal
   * classified from its description, or an error if it has none.
   */
  public static <Q, W> Rule<Q, W, W> present(
      String field,
      Function<W, String> value,
      Function<W, String> code,
      Function<W, String> description,
      Function<W, String> requestId) {
    return (q, w, v) -> {
      if (isBlank(value.apply(w))) {
        String d = description.apply(w);
        DarajaError error =
            d == null ? DarajaError.UNKNOWN : ErrorClassifier.classify(v.op(), 200, null, d, true);
        throw Errors.api(
            v.op().name(),
            200,
            code.apply(w),
            "the answer has no " + field + (d == null ? "" : ": " + d),
            requestId.apply(w),
            error,
            null,
            null);
      }
      return w;
    };
  }

  /**
   * An {@link Acknowledgement}: its {@code ResponseCode}, and a {@code ConversationID} or {@code
   * OriginatorConversationID} to match the result by.
   */
  public static <Q> Rule<Q, Acknowledgement, Acknowledgement> acknowledgement() {
    return (q, ack, v) -> {
      String id =
          isBlank(ack.conversationId()) ? ack.originatorConversationId() : ack.conversationId();
      v.requireResponseCode(ack.responseCode(), ack.responseDescription(), id);
      if (isBlank(id)) {
        throw v.unmatched(
            v.op().name()
                + " was accepted without a ConversationID or OriginatorConversationID, so its"
                + " result cannot be matched.");
      }
      return ack;
    };
  }

  /**
   * An {@link Acknowledgement} of a request that carries its own {@code OriginatorConversationID}
   * (B2C v3): a missing one is the request's, a different one is kept and logged.
   */
  public static <Q> Rule<Q, Acknowledgement, Acknowledgement> keyedAcknowledgement(
      Function<Q, String> sentId) {
    Rule<Q, Acknowledgement, Acknowledgement> fill =
        (q, ack, v) ->
            isBlank(ack.originatorConversationId())
                ? new Acknowledgement(
                    sentId.apply(q),
                    ack.conversationId(),
                    ack.responseCode(),
                    ack.responseDescription())
                : ack;
    return fill.<Acknowledgement>then(acknowledgement())
        .then(
            (q, ack, v) -> {
              if (!ack.originatorConversationId().equals(sentId.apply(q))) {
                log.warn(
                    "{}: sent OriginatorConversationID {} but Daraja acknowledged {}; keep both",
                    v.op().name(),
                    sentId.apply(q),
                    ack.originatorConversationId());
              }
              return ack;
            });
  }

  /**
   * C2B URL registration: like {@link #responseCode}, and {@code {"ResponseDescription":"Success"}}
   * without a code is an acceptance too (API.md §5.3).
   */
  public static <Q> Rule<Q, Acknowledgement, Acknowledgement> registration() {
    return (q, ack, v) -> {
      boolean bareSuccess =
          isBlank(ack.responseCode())
              && ack.responseDescription() != null
              && ack.responseDescription().strip().equalsIgnoreCase("success");
      if (!bareSuccess) {
        v.requireResponseCode(
            ack.responseCode(), ack.responseDescription(), ack.originatorConversationId());
      }
      return ack;
    };
  }

  /**
   * A status code among {@code accepted} (Pull's {@code 1000}/{@code 1001}); any other is a refusal
   * classified like an error envelope, a missing one an error.
   */
  public static <Q, W> Rule<Q, W, W> statusIn(
      String field,
      Set<String> accepted,
      Function<W, String> code,
      Function<W, String> description,
      Function<W, String> requestId) {
    return (q, w, v) -> {
      String c = strip(code.apply(w));
      if (c == null || c.isEmpty()) {
        String d = description.apply(w);
        throw v.unreadable(
            null, "the answer has no " + field + (d == null ? "" : ": " + d), requestId.apply(w));
      }
      if (!accepted.contains(c)) {
        throw v.refused(c, description.apply(w), requestId.apply(w));
      }
      return w;
    };
  }

  /**
   * An HTTP-like code in the body (Ratiba's {@code responseCode}, Bill Manager's {@code rescode}):
   * accepted if among {@code accepted}; missing, or {@code 5xx}, is an unknown outcome for an
   * operation with effects; {@code 409} (a conflict with what exists) is an invalid request; {@code
   * known} maps product codes to errors; anything else is classified like an error envelope with
   * the code as its HTTP status.
   */
  public static <Q, W> Rule<Q, W, W> bodyStatus(
      String field,
      Set<String> accepted,
      Map<String, DarajaError> known,
      Function<W, String> code,
      Function<W, String> description,
      Function<W, String> requestId) {
    return (q, w, v) -> {
      String raw = code.apply(w);
      String id = requestId.apply(w);
      if (isBlank(raw)) {
        if (v.hasEffects()) {
          throw v.unknown(v.op().name() + " was answered without a " + field + ".");
        }
        throw v.unreadable(null, "the answer has no " + field, id);
      }
      String c = normalise(raw);
      if (accepted.contains(c)) {
        return w;
      }
      String message = Redaction.redact(description.apply(w), null);
      boolean httpLike = HTTP_LIKE.matcher(c).matches();
      if (httpLike && c.startsWith("5")) {
        if (v.hasEffects()) {
          // "500 for a system failure": nothing says whether it was done first.
          throw v.unknown(
              v.op().name()
                  + " was answered with "
                  + field
                  + " "
                  + c
                  + (message == null ? "" : " (" + message + ")")
                  + ".");
        }
        throw Errors.api(
            v.op().name(), 200, c, message, id, DarajaError.SERVICE_UNAVAILABLE, null, null);
      }
      if (c.equals("409")) {
        // A conflict with what exists (paid, already there): sending it again changes nothing.
        throw Errors.invalidRequest(v.op().name(), 200, c, message, id, DarajaError.UNKNOWN);
      }
      DarajaError error = known.get(c);
      if (error == null) {
        error =
            ErrorClassifier.classify(
                v.op(), httpLike ? Integer.parseInt(c) : 200, null, message, true);
      }
      throw Errors.api(v.op().name(), 200, raw, message, id, error, null, null);
    };
  }

  /** Daraja's code in its canonical form ({@code "00000000"} is {@code "0"}). */
  private static String normalise(String code) {
    try {
      return ResultCode.of(code).value();
    } catch (IllegalArgumentException e) {
      return code.strip();
    }
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * What a rule needs to judge one answer: the operation, and the exceptions it may end in, built
   * with the request's references (an unknown outcome also tells the listener).
   */
  public static final class Verdict {
    private final Operation op;
    private final Map<String, String> references;
    private final Instant sentAt;
    private final Consumer<OutcomeUnknownException> onUnknown;

    Verdict(
        Operation op,
        Map<String, String> references,
        Instant sentAt,
        Consumer<OutcomeUnknownException> onUnknown) {
      this.op = op;
      this.references = references;
      this.sentAt = sentAt;
      this.onUnknown = onUnknown;
    }

    /** The operation answered. */
    public Operation op() {
      return op;
    }

    /** Whether the operation changes something at Daraja. */
    public boolean hasEffects() {
      return op.idempotency().hasEffects();
    }

    /** An unknown outcome, with the request's references; the listener is told. */
    public OutcomeUnknownException unknown(String message) {
      OutcomeUnknownException e =
          Errors.outcomeUnknown(op.name(), message, references, sentAt, null);
      onUnknown.accept(e);
      return e;
    }

    /** An answer without the id its result is matched by: unknown if it had effects. */
    RuntimeException unmatched(String message) {
      return hasEffects() ? unknown(message) : unreadable(null, message, null);
    }

    /** A 2xx answer the SDK cannot use. */
    public MpesaApiException unreadable(String code, String message, String requestId) {
      return unreadable(code, message, requestId, null);
    }

    /** A 2xx answer the SDK cannot use, because of {@code cause}. */
    public MpesaApiException unreadable(
        String code, String message, String requestId, Throwable cause) {
      return Errors.api(op.name(), 200, code, message, requestId, DarajaError.UNKNOWN, null, cause);
    }

    /** A refusal in a 2xx answer: nothing was processed; classified from its description. */
    public MpesaApiException refused(String code, String description, String requestId) {
      DarajaError error = ErrorClassifier.classify(op, 200, code, description, true);
      return Errors.api(op.name(), 200, code, description, requestId, error, null, null);
    }

    /**
     * Daraja's {@code ResponseCode} rule (see {@link Acceptance#responseCode}), for a rule that
     * needs the request's own id in the exception.
     */
    public void requireResponseCode(String code, String description, String requestId) {
      if (isBlank(code)) {
        if (hasEffects()) {
          throw unknown(op.name() + " was answered without a ResponseCode.");
        }
        throw unreadable(null, "the answer has no ResponseCode", requestId);
      }
      boolean accepted;
      try {
        accepted = ResultCode.of(code).isSuccess();
      } catch (IllegalArgumentException e) {
        accepted = false;
      }
      if (!accepted) {
        DarajaError error = ErrorClassifier.classify(op, 200, null, description, true);
        throw Errors.api(op.name(), 200, code, description, requestId, error, null, null);
      }
    }
  }
}
