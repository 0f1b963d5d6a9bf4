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
import dev.mpesa.internal.http.Acceptance;
import dev.mpesa.internal.http.Endpoint;
import dev.mpesa.internal.http.Endpoint.Outgoing;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.internal.http.Pipeline;
import dev.mpesa.internal.http.Services;
import dev.mpesa.internal.wire.B2bPaymentBody;
import dev.mpesa.result.Acknowledgement;

/**
 * Business to customer: B2C payments (B2Pochi included, as {@link
 * B2cCommand#BUSINESS_PAY_TO_POCHI}) and B2C account top-ups.
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

  private static final Endpoint<B2cPaymentRequest, Acknowledgement, Acknowledgement> PAY_SPEC =
      keyed(PAY, "B2C");

  private static final Endpoint<B2cPaymentRequest, Acknowledgement, Acknowledgement> PAY_V1_SPEC =
      Endpoint.result(
          PAY_V1,
          (context, r) ->
              Outgoing.body(
                      new PayV1Body(
                          context.initiatorName("B2C"),
                          context.securityCredential("B2C").value(),
                          r.command().wireValue(),
                          Long.toString(r.amount()),
                          r.partyA(),
                          r.phoneNumber().value(),
                          r.remarks(),
                          r.queueTimeoutUrl().toString(),
                          r.resultUrl().toString(),
                          r.occasion()))
                  .ref("amount", Long.toString(r.amount()))
                  .ref("phoneNumber", r.phoneNumber().masked())
                  .ref("partyA", r.partyA())
                  .ref("command", r.command().wireValue()));

  private static final Endpoint<B2cPaymentRequest, Acknowledgement, Acknowledgement> POCHI_SPEC =
      keyed(POCHI, "B2Pochi");

  private static final Endpoint<B2cTopUpRequest, Acknowledgement, Acknowledgement> TOP_UP_SPEC =
      Endpoint.result(
          TOP_UP,
          (context, r) ->
              Outgoing.body(
                      new B2bPaymentBody(
                          context.initiatorName("B2C account top-up"),
                          context.securityCredential("B2C account top-up").value(),
                          B2cTopUpRequest.COMMAND,
                          SHORT_CODE_IDENTIFIER,
                          SHORT_CODE_IDENTIFIER,
                          Long.toString(r.amount()),
                          r.partyA(),
                          r.partyB(),
                          r.accountReference(),
                          r.requester() == null ? null : r.requester().value(),
                          r.remarks(),
                          r.queueTimeoutUrl().toString(),
                          r.resultUrl().toString(),
                          r.occasion()))
                  .ref("amount", Long.toString(r.amount()))
                  .ref("partyA", r.partyA())
                  .ref("partyB", r.partyB())
                  .ref("command", B2cTopUpRequest.COMMAND)
                  .ref("accountReference", r.accountReference())
                  .ref("requester", r.requester() == null ? null : r.requester().masked()));

  private final Pipeline pipeline;
  private final B2cVersion version;

  static {
    Services.register(B2cService.class, B2cService::new);
  }

  /** Made by {@code MpesaClient}; obtain the service from it. */
  B2cService(Pipeline pipeline) {
    this.pipeline = Checks.required(pipeline, "pipeline");
    this.version = pipeline.context().b2cVersion();
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
   * instead). The body is serialised once, so every retry sends the same id. A request with {@link
   * B2cCommand#BUSINESS_PAY_TO_POCHI} goes to Daraja's B2Pochi endpoint with the v3 body, whatever
   * the version; the initiator then needs the B2Pochi role.
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
    if (request.command() == B2cCommand.BUSINESS_PAY_TO_POCHI) {
      return pipeline.call(POCHI_SPEC, request);
    }
    return pipeline.call(version == B2cVersion.V3 ? PAY_SPEC : PAY_V1_SPEC, request);
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
    return pipeline.call(TOP_UP_SPEC, request);
  }

  /** B2C v3 and B2Pochi: the same body, keyed by the request's {@code OriginatorConversationID}. */
  private static Endpoint<B2cPaymentRequest, Acknowledgement, Acknowledgement> keyed(
      Operation op, String product) {
    return new Endpoint<>(
        op,
        Endpoint::resultUrls,
        (context, r) ->
            Outgoing.body(
                    new PayBody(
                        r.originatorConversationId(),
                        context.initiatorName(product),
                        context.securityCredential(product).value(),
                        r.command().wireValue(),
                        Long.toString(r.amount()),
                        r.partyA(),
                        r.phoneNumber().value(),
                        r.remarks(),
                        r.queueTimeoutUrl().toString(),
                        r.resultUrl().toString(),
                        r.occasion()))
                .ref("originatorConversationId", r.originatorConversationId())
                .ref("amount", Long.toString(r.amount()))
                .ref("phoneNumber", r.phoneNumber().masked())
                .ref("partyA", r.partyA())
                .ref("command", r.command().wireValue()),
        Acknowledgement.class,
        Acceptance.keyedAcknowledgement(B2cPaymentRequest::originatorConversationId),
        Endpoint::ids);
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
