package dev.mpesa.b2c;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.CircuitOpenException;
import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.error.ThrottledException;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.ClientContext;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.internal.wire.B2bPaymentBody;
import dev.mpesa.result.Acknowledgement;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Business to customer: B2C payments, B2Pochi payments and B2C account top-ups.
 *
 * <p>Obtain it from {@code MpesaClient.b2c()}. Every operation needs the client's initiator (API
 * operator, set with {@code initiator(name, password)}), whose name and encrypted {@code
 * SecurityCredential} go into each request; the initiator needs the "ORG B2C API Initiator" role
 * (B2C, B2Pochi) or "Org Business Pay to Bulk API initiator" (top-up) on the M-Pesa portal, or the
 * result comes back as {@code 21} (see {@link dev.mpesa.result.B2cResult}).
 *
 * <p>Each call returns Daraja's {@link Acknowledgement}: the request was accepted for processing,
 * nothing more. The outcome arrives at the request's {@code ResultURL}; keep the {@code
 * ConversationID} and {@code OriginatorConversationID} to match it. A bad initiator password is not
 * refused here but reported later in the result ({@code 2001}); repeating it locks the operator
 * ({@code 8006}).
 *
 * <p>What is retried: B2C v3 and B2Pochi carry the request's {@code OriginatorConversationID} and
 * are retried on transient failures with the same bytes, so Daraja itself refuses a second payment
 * ({@code 500.002.1001}, raised as {@link DuplicateRequestException}). B2C v1 and top-ups carry no
 * such key: they are resent only when the request provably never reached Daraja (a failed connect,
 * the gateway's rate limiting); anything else raises {@link OutcomeUnknownException}.
 *
 * <p>Thread-safe.
 */
public final class B2cService {
  private static final Logger log = LoggerFactory.getLogger(B2cService.class);

  /** B2C v3, keyed by the request's {@code OriginatorConversationID}. */
  static final Operation PAY =
      new Operation("b2c.pay", B2cVersion.V3.path(), IdempotencyClass.MONEY_KEYED, "b2c");

  /** Legacy B2C v1: no idempotency key. */
  static final Operation PAY_V1 =
      new Operation("b2c.pay.v1", B2cVersion.V1.path(), IdempotencyClass.MONEY, "b2c");

  /** B2Pochi, keyed like B2C v3. */
  static final Operation POCHI =
      new Operation(
          "b2c.pochi", "/mpesa/b2pochi/v1/paymentrequest", IdempotencyClass.MONEY_KEYED, "b2c");

  /**
   * B2C account top-up. It is a call of Daraja's B2B payment endpoint, so it shares the B2B circuit
   * breaker: an outage of that endpoint says nothing about B2C payments.
   */
  static final Operation TOP_UP =
      new Operation("b2b.b2cTopUp", "/mpesa/b2b/v1/paymentrequest", IdempotencyClass.MONEY, "b2b");

  /**
   * {@code SenderIdentifierType} and {@code RecieverIdentifierType}: an organisation short code.
   */
  static final String SHORT_CODE_IDENTIFIER = "4";

  private final ClientContext context;
  private final B2cVersion version;

  /**
   * Used by {@code MpesaClient}; obtain the service from {@code MpesaClient.b2c()}.
   *
   * @param context the client's shared context
   * @param version the B2C endpoint {@link #pay(B2cPaymentRequest)} uses
   */
  @SuppressWarnings("exports") // ClientContext is internal: only MpesaClient can call this
  public B2cService(ClientContext context, B2cVersion version) {
    this.context = Checks.required(context, "context");
    this.version = Checks.required(version, "version");
  }

  /** The B2C endpoint {@link #pay(B2cPaymentRequest)} uses, as configured on the client. */
  public B2cVersion version() {
    return version;
  }

  /**
   * Pays a customer's M-Pesa wallet from a B2C short code's utility account.
   *
   * <p>With {@link B2cVersion#V3} (the default) the body carries the request's {@code
   * OriginatorConversationID} and the optional field as {@code Occassion} (Safaricom's spelling);
   * with {@link B2cVersion#V1} it carries neither the id nor that spelling ({@code Occasion}
   * instead). The body is serialised once, so every retry sends the same id.
   *
   * <p>If a v3 call ends in {@link OutcomeUnknownException}, the payment may or may not have been
   * made. Reconcile first (the result callback, or Transaction Status by the request's {@code
   * OriginatorConversationID}); if you then send again, send the <em>same</em> request object, so
   * that Daraja refuses it as a duplicate should the first one have gone through. Never build a new
   * request for a payment whose outcome is unknown: it would get a new id and could pay twice.
   *
   * @param request the payment; its {@code OriginatorConversationID} is fixed
   * @return Daraja's acknowledgement; for v3 its {@code OriginatorConversationID} is the request's
   *     (filled in from the request if Daraja's answer omits it)
   * @throws IllegalStateException if the client has no initiator, before any call
   * @throws IllegalArgumentException if a callback URL breaks the environment's rules (http or a
   *     private host in production), before any call
   * @throws DuplicateRequestException if Daraja already has a request with this {@code
   *     OriginatorConversationID} ({@code 500.002.1001}): it was already accepted, so do not treat
   *     it as failed; reconcile with Transaction Status by {@code OriginatorConversationID}
   * @throws InvalidRequestException if Daraja rejects a field ({@code 400.002.02}; the field is
   *     named in {@link InvalidRequestException#errorMessage()})
   * @throws AuthenticationException if Daraja refuses the app's credentials or the B2C product is
   *     not enabled for the app
   * @throws ThrottledException if the gateway kept rate-limiting the request (nothing was paid)
   * @throws CircuitOpenException if the B2C circuit breaker is open (nothing was sent)
   * @throws OutcomeUnknownException if the payment may have been received; reconcile before sending
   *     again (see above)
   * @throws MpesaException for any other failure
   */
  public Acknowledgement pay(B2cPaymentRequest request) {
    Checks.required(request, "request");
    String initiator = context.initiatorName("B2C");
    String credential = context.securityCredential("B2C").value();
    boolean keyed = version == B2cVersion.V3;
    Operation op = keyed ? PAY : PAY_V1;
    checkCallbackUrls(op.name(), request.resultUrl(), request.queueTimeoutUrl());
    Map<String, String> references = new LinkedHashMap<>();
    if (keyed) {
      references.put("originatorConversationId", request.originatorConversationId());
    }
    references.put("amount", Long.toString(request.amount()));
    references.put("phoneNumber", request.phoneNumber().masked());
    references.put("partyA", request.partyA());
    references.put("command", request.command().wireValue());
    String amount = Long.toString(request.amount());
    Object body =
        keyed
            ? new PayBody(
                request.originatorConversationId(),
                initiator,
                credential,
                request.command().wireValue(),
                amount,
                request.partyA(),
                request.phoneNumber().value(),
                request.remarks(),
                request.queueTimeoutUrl().toString(),
                request.resultUrl().toString(),
                request.occasion())
            : new PayV1Body(
                initiator,
                credential,
                request.command().wireValue(),
                amount,
                request.partyA(),
                request.phoneNumber().value(),
                request.remarks(),
                request.queueTimeoutUrl().toString(),
                request.resultUrl().toString(),
                request.occasion());
    Acknowledgement ack =
        send(op, body, references, keyed ? request.originatorConversationId() : null);
    log.debug(
        "{} accepted: ConversationID {}, OriginatorConversationID {}, amount {}, phone {}",
        op.name(),
        ack.conversationId(),
        ack.originatorConversationId(),
        request.amount(),
        request.phoneNumber().masked());
    return ack;
  }

  /**
   * Pays a customer's Pochi la Biashara wallet ({@code BusinessPayToPochi}) from a B2C short code.
   *
   * <p>Works like B2C v3 (whatever {@link #version()} says): the body carries the request's {@code
   * OriginatorConversationID}, is serialised once and resent unchanged on every retry. The
   * reconciliation advice of {@link #pay(B2cPaymentRequest)} applies as is.
   *
   * @param request the payment; its {@code OriginatorConversationID} is fixed
   * @return Daraja's acknowledgement
   * @throws IllegalStateException if the client has no initiator, before any call
   * @throws IllegalArgumentException if a callback URL breaks the environment's rules, before any
   *     call
   * @throws DuplicateRequestException if Daraja already has a request with this {@code
   *     OriginatorConversationID} ({@code 500.002.1001}): already accepted; reconcile with
   *     Transaction Status by {@code OriginatorConversationID}
   * @throws InvalidRequestException if Daraja rejects a field ({@code 400.002.02})
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws OutcomeUnknownException if the payment may have been received; reconcile before sending
   *     the same request again
   * @throws MpesaException for any other failure
   */
  public Acknowledgement payToPochi(PochiPaymentRequest request) {
    Checks.required(request, "request");
    String initiator = context.initiatorName("B2Pochi");
    String credential = context.securityCredential("B2Pochi").value();
    checkCallbackUrls(POCHI.name(), request.resultUrl(), request.queueTimeoutUrl());
    Map<String, String> references = new LinkedHashMap<>();
    references.put("originatorConversationId", request.originatorConversationId());
    references.put("amount", Long.toString(request.amount()));
    references.put("phoneNumber", request.phoneNumber().masked());
    references.put("partyA", request.partyA());
    references.put("command", PochiPaymentRequest.COMMAND_ID);
    PayBody body =
        new PayBody(
            request.originatorConversationId(),
            initiator,
            credential,
            PochiPaymentRequest.COMMAND_ID,
            Long.toString(request.amount()),
            request.partyA(),
            request.phoneNumber().value(),
            request.remarks(),
            request.queueTimeoutUrl().toString(),
            request.resultUrl().toString(),
            request.occasion());
    Acknowledgement ack = send(POCHI, body, references, request.originatorConversationId());
    log.debug(
        "{} accepted: ConversationID {}, OriginatorConversationID {}, amount {}, phone {}",
        POCHI.name(),
        ack.conversationId(),
        ack.originatorConversationId(),
        request.amount(),
        request.phoneNumber().masked());
    return ack;
  }

  /**
   * Tops up a B2C short code's utility account from your short code's MMF/Working account ({@code
   * BusinessPayToBulk} on Daraja's B2B payment endpoint). B2C payments are paid from the utility
   * account, so a B2C result {@code 1} (insufficient balance) with money in MMF calls for this.
   *
   * <p>The request carries no idempotency key: it is resent only if it provably never reached
   * Daraja. Its circuit breaker is the B2B one, as it is a call of the B2B endpoint.
   *
   * @param request the top-up
   * @return Daraja's acknowledgement (standard shape, API.md §3.1)
   * @throws IllegalStateException if the client has no initiator, before any call
   * @throws IllegalArgumentException if a callback URL breaks the environment's rules, before any
   *     call
   * @throws InvalidRequestException if Daraja rejects a field ({@code 400.002.02})
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws OutcomeUnknownException if the top-up may have been received; reconcile with
   *     Transaction Status before sending again
   * @throws MpesaException for any other failure
   */
  public Acknowledgement topUp(B2cTopUpRequest request) {
    Checks.required(request, "request");
    String initiator = context.initiatorName("B2C account top-up");
    String credential = context.securityCredential("B2C account top-up").value();
    checkCallbackUrls(TOP_UP.name(), request.resultUrl(), request.queueTimeoutUrl());
    Map<String, String> references = new LinkedHashMap<>();
    references.put("amount", Long.toString(request.amount()));
    references.put("partyA", request.partyA());
    references.put("partyB", request.partyB());
    references.put("command", B2cTopUpRequest.COMMAND_ID);
    if (request.accountReference() != null) {
      references.put("accountReference", request.accountReference());
    }
    if (request.requester() != null) {
      references.put("requester", request.requester().masked());
    }
    B2bPaymentBody body =
        new B2bPaymentBody(
            initiator,
            credential,
            B2cTopUpRequest.COMMAND_ID,
            SHORT_CODE_IDENTIFIER,
            SHORT_CODE_IDENTIFIER,
            Long.toString(request.amount()),
            request.partyA(),
            request.partyB(),
            request.accountReference(),
            request.requester() == null ? null : request.requester().value(),
            request.remarks(),
            request.queueTimeoutUrl().toString(),
            request.resultUrl().toString(),
            request.occasion());
    Acknowledgement ack = send(TOP_UP, body, references, null);
    log.debug(
        "{} accepted: ConversationID {}, OriginatorConversationID {}, amount {}, partyB {}",
        TOP_UP.name(),
        ack.conversationId(),
        ack.originatorConversationId(),
        request.amount(),
        request.partyB());
    return ack;
  }

  /**
   * Sends {@code body} once through the transport (which retries by the operation's class) and
   * checks the acknowledgement.
   *
   * @param originatorConversationId the request's own id for keyed operations, else null
   */
  private Acknowledgement send(
      Operation op, Object body, Map<String, String> references, String originatorConversationId) {
    Instant sentAt = context.clock().instant();
    Acknowledgement ack;
    try {
      ack = context.transport().post(op, body, Acknowledgement.class, references);
    } catch (DuplicateRequestException e) {
      if (originatorConversationId != null) {
        log.warn(
            "{}: Daraja already has OriginatorConversationID {}: the payment was already accepted;"
                + " reconcile with Transaction Status by OriginatorConversationID, do not resend",
            op.name(),
            originatorConversationId);
      }
      throw e;
    }
    if (originatorConversationId != null && isBlank(ack.originatorConversationId())) {
      // Daraja left out the id we sent: the result will carry it, so the acknowledgement should.
      ack =
          new Acknowledgement(
              originatorConversationId,
              ack.conversationId(),
              ack.responseCode(),
              ack.responseDescription());
    }
    ack = context.transport().acknowledged(op, ack, references, sentAt);
    if (originatorConversationId == null) {
      return ack;
    }
    if (!ack.originatorConversationId().equals(originatorConversationId)) {
      log.warn(
          "{}: sent OriginatorConversationID {} but Daraja acknowledged {}; keep both",
          op.name(),
          originatorConversationId,
          ack.originatorConversationId());
    }
    return ack;
  }

  private void checkCallbackUrls(String operation, URI resultUrl, URI queueTimeoutUrl) {
    context.checkCallbackUrl("resultUrl", resultUrl);
    context.checkCallbackUrl("queueTimeoutUrl", queueTimeoutUrl);
    warnBannedWords(operation, "resultUrl", resultUrl);
    warnBannedWords(operation, "queueTimeoutUrl", queueTimeoutUrl);
  }

  private static void warnBannedWords(String operation, String field, URI url) {
    Set<String> banned = ClientContext.bannedWords(url);
    if (!banned.isEmpty()) {
      log.warn(
          "{} {} contains {}, which Daraja bans in callback URLs and may reject",
          operation,
          field,
          banned);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** The B2C v3 and B2Pochi body (API.md §5.6, §5.7). */
  @JsonPropertyOrder({
    "OriginatorConversationID",
    "InitiatorName",
    "SecurityCredential",
    "CommandID",
    "Amount",
    "PartyA",
    "PartyB",
    "Remarks",
    "QueueTimeOutURL",
    "ResultURL",
    "Occassion"
  })
  record PayBody(
      @JsonProperty("OriginatorConversationID") String originatorConversationId,
      @JsonProperty("InitiatorName") String initiatorName,
      @JsonProperty("SecurityCredential") String securityCredential,
      @JsonProperty("CommandID") String commandId,
      @JsonProperty("Amount") String amount,
      @JsonProperty("PartyA") String partyA,
      @JsonProperty("PartyB") String partyB,
      @JsonProperty("Remarks") String remarks,
      @JsonProperty("QueueTimeOutURL") String queueTimeoutUrl,
      @JsonProperty("ResultURL") String resultUrl,
      @JsonProperty("Occassion") String occasion) {
    @Override
    public String toString() {
      return "PayBody[redacted]";
    }
  }

  /** The legacy B2C v1 body: no {@code OriginatorConversationID}, {@code Occasion} spelt right. */
  @JsonPropertyOrder({
    "InitiatorName",
    "SecurityCredential",
    "CommandID",
    "Amount",
    "PartyA",
    "PartyB",
    "Remarks",
    "QueueTimeOutURL",
    "ResultURL",
    "Occasion"
  })
  record PayV1Body(
      @JsonProperty("InitiatorName") String initiatorName,
      @JsonProperty("SecurityCredential") String securityCredential,
      @JsonProperty("CommandID") String commandId,
      @JsonProperty("Amount") String amount,
      @JsonProperty("PartyA") String partyA,
      @JsonProperty("PartyB") String partyB,
      @JsonProperty("Remarks") String remarks,
      @JsonProperty("QueueTimeOutURL") String queueTimeoutUrl,
      @JsonProperty("ResultURL") String resultUrl,
      @JsonProperty("Occasion") String occasion) {
    @Override
    public String toString() {
      return "PayV1Body[redacted]";
    }
  }
}
