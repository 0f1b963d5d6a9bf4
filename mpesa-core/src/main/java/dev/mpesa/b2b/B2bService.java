package dev.mpesa.b2b;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.http.Endpoint;
import dev.mpesa.internal.http.Endpoint.CallbackUrl;
import dev.mpesa.internal.http.Endpoint.Outgoing;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.internal.http.Pipeline;
import dev.mpesa.internal.http.Services;
import dev.mpesa.internal.wire.B2bPaymentBody;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.Acknowledgement;
import dev.mpesa.result.ResultRequest;
import java.net.URI;
import java.util.function.Function;

/**
 * Business to business payments from your own short code: Business Pay Bill and Business Buy Goods
 * ({@link #pay}), tax remittance to KRA, and B2B Express Checkout (a USSD payment prompt to a
 * merchant's till).
 *
 * <p>Obtain it from {@code MpesaClient.b2b()}. Every operation moves money and Daraja offers no
 * idempotency key for any of them, so the SDK never sends one twice: it resends only what provably
 * never reached Daraja (a refused connection) or what the gateway refused for its rate limits. An
 * ambiguous answer (a read timeout, a reset after the request was written, an unexplained server
 * error) raises {@link OutcomeUnknownException} carrying the parties, amount, account reference and
 * command; wait for the result, or ask Transaction Status, before paying again.
 *
 * <p>Pay Bill, Buy Goods and tax need the client's initiator (API operator) with the matching
 * portal role; its {@code SecurityCredential} is the one the client encrypted at build time. The
 * outcome of those three arrives at the request's {@code ResultURL} as Daraja's {@code Result}
 * envelope; a wrong initiator is reported there (result code {@code 2001}), not here. Thread-safe.
 */
public final class B2bService {

  /** KRA's short code, the only {@code PartyB} of a tax remittance. */
  static final String KRA_SHORT_CODE = "572572";

  /** Fewest digits of a short code, PayBill or till. */
  static final int MIN_SHORT_CODE = 5;

  /** Most digits of a short code or PayBill. */
  static final int MAX_SHORT_CODE = 7;

  /** Most digits of a till, store or head-office number. */
  static final int MAX_TILL = 8;

  /** Longest {@code AccountReference} Daraja accepts on the B2B body. */
  static final int MAX_ACCOUNT_REFERENCE = 13;

  /** Longest {@code Remarks} Daraja accepts on the B2B body. */
  static final int MAX_REMARKS = 100;

  /** Longest {@code Occassion} Daraja accepts on the B2B body. */
  static final int MAX_OCCASION = 100;

  /**
   * Longest B2B Express Checkout {@code paymentRef} and {@code partnerName}: not Daraja's limit (it
   * documents none) but the most one USSD page can show.
   */
  static final int MAX_USSD_TEXT = 182;

  /** Longest {@code RequestRefID} the SDK sends (a UUID has 36 characters). */
  static final int MAX_REQUEST_REFERENCE_ID = 64;

  static final Operation PAY_BILL =
      new Operation("b2b.payBill", "/mpesa/b2b/v1/paymentrequest", IdempotencyClass.MONEY, "b2b");
  static final Operation BUY_GOODS =
      new Operation("b2b.buyGoods", "/mpesa/b2b/v1/paymentrequest", IdempotencyClass.MONEY, "b2b");
  static final Operation REMIT_TAX =
      new Operation("b2b.remitTax", "/mpesa/b2b/v1/remittax", IdempotencyClass.MONEY, "b2b");

  /**
   * Its own breaker group: the USSD push is a separate Daraja product, and its outages should not
   * stop Pay Bill, Buy Goods or tax (nor theirs stop it).
   */
  static final Operation EXPRESS_CHECKOUT =
      new Operation(
          "b2bExpress.checkout", "/v1/ussdpush/get-msisdn", IdempotencyClass.MONEY, "b2bExpress");

  static final String PAY_BILL_COMMAND = "BusinessPayBill";
  static final String BUY_GOODS_COMMAND = "BusinessBuyGoods";
  static final String TAX_COMMAND = "PayTaxToKRA";

  /** Organisation short code: the only identifier type these APIs accept, on both sides. */
  static final String SHORT_CODE_IDENTIFIER = "4";

  private static final Endpoint<B2bPaymentRequest, Acknowledgement, Acknowledgement> PAY_BILL_SPEC =
      payment(PAY_BILL, "Business Pay Bill", PAY_BILL_COMMAND, B2bService::parts);

  private static final Endpoint<B2bPaymentRequest, Acknowledgement, Acknowledgement>
      BUY_GOODS_SPEC =
          payment(BUY_GOODS, "Business Buy Goods", BUY_GOODS_COMMAND, B2bService::parts);

  private static final Endpoint<TaxRemittanceRequest, Acknowledgement, Acknowledgement>
      REMIT_TAX_SPEC =
          payment(
              REMIT_TAX,
              "Tax remittance",
              TAX_COMMAND,
              r ->
                  new Parts(
                      r.partyA(),
                      KRA_SHORT_CODE,
                      r.amount(),
                      r.paymentRegistrationNumber(),
                      null,
                      r.remarks(),
                      null,
                      r.resultUrl(),
                      r.queueTimeoutUrl()));

  private static final Endpoint<B2bExpressCheckoutRequest, ExpressAck, B2bExpressCheckoutResponse>
      EXPRESS_CHECKOUT_SPEC =
          new Endpoint<>(
              EXPRESS_CHECKOUT,
              r -> CallbackUrl.of("callbackUrl", r.callbackUrl()),
              (context, r) ->
                  Outgoing.body(
                          new ExpressBody(
                              r.primaryShortCode(),
                              r.receiverShortCode(),
                              Long.toString(r.amount()),
                              r.paymentReference(),
                              r.callbackUrl().toString(),
                              r.partnerName(),
                              r.requestReferenceId()))
                      .ref("partyA", r.primaryShortCode())
                      .ref("partyB", r.receiverShortCode())
                      .ref("amount", Long.toString(r.amount()))
                      .ref("accountReference", r.paymentReference())
                      .ref("requestReferenceId", r.requestReferenceId()),
              ExpressAck.class,
              (r, ack, v) -> {
                v.requireResponseCode(ack.code(), ack.status(), r.requestReferenceId());
                return new B2bExpressCheckoutResponse(
                    r.requestReferenceId(), ack.code(), ack.status());
              },
              response -> "RequestRefID " + response.requestReferenceId());

  private final Pipeline pipeline;

  static {
    Services.register(B2bService.class, B2bService::new);
  }

  /** Made by {@code MpesaClient}; obtain the service from it. */
  B2bService(Pipeline pipeline) {
    this.pipeline = Checks.required(pipeline, "pipeline");
  }

  /**
   * Pays another business from your short code: its PayBill ({@code BusinessPayBill}) or its till
   * ({@code BusinessBuyGoods}), as the request's {@link B2bPaymentRequest#recipient()} says.
   *
   * <p>Needs the initiator role "Business Paybill Org API initiator" or "Business Buy Goods Org API
   * initiator". The request is sent once; see the class documentation for what happens when its
   * outcome is unknown.
   *
   * @param request the payment
   * @return the acknowledgement; keep its {@code ConversationID} and {@code
   *     OriginatorConversationID} to match the result
   * @throws IllegalStateException if the client has no initiator, before any call
   * @throws IllegalArgumentException if a URL breaks the rules of the client's environment (https
   *     and a public host in production), before any call
   * @throws InvalidRequestException if Daraja rejects a field
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws OutcomeUnknownException if the payment may have been received; do not resend
   * @throws MpesaException for any other failure
   */
  public Acknowledgement pay(B2bPaymentRequest request) {
    Checks.required(request, "request");
    return pipeline.call(
        request.recipient() instanceof B2bRecipient.Till ? BUY_GOODS_SPEC : PAY_BILL_SPEC, request);
  }

  /**
   * Remits tax to KRA ({@code PayTaxToKRA} to short code 572572) against the PRN KRA issued.
   *
   * <p>Needs the initiator role "Tax Remittance to KRA API" and a prior integration with KRA. The
   * request is sent once; see the class documentation for what happens when its outcome is unknown.
   *
   * @return the acknowledgement; keep its {@code ConversationID} and {@code
   *     OriginatorConversationID} to match the result
   * @throws IllegalStateException if the client has no initiator, before any call
   * @throws IllegalArgumentException if a URL breaks the rules of the client's environment (https
   *     and a public host in production), before any call
   * @throws InvalidRequestException if Daraja rejects a field
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws OutcomeUnknownException if the payment may have been received; do not resend
   * @throws MpesaException for any other failure
   */
  public Acknowledgement remitTax(TaxRemittanceRequest request) {
    return pipeline.call(REMIT_TAX_SPEC, request);
  }

  /**
   * Pushes a USSD payment prompt to a merchant's till operator (B2B Express Checkout): if the
   * operator enters an operator ID and PIN, money moves from the merchant's till to your PayBill.
   *
   * <p>The body is camelCase and carries no initiator. {@code RequestRefID} is sent with that
   * spelling, as Daraja's JSON sample and the .NET SDK write it (some of Daraja's tables write
   * {@code RequestRefId}); it is never read back. The outcome arrives at the request's {@code
   * callbackUrl}: {@code resultCode} {@code 0} paid, {@code 4001} cancelled by the operator. The
   * request is sent once; see the class documentation for what happens when its outcome is unknown.
   *
   * @return the acknowledgement, with the request's {@code RequestRefID}
   * @throws IllegalArgumentException if the callback URL breaks the rules of the client's
   *     environment (https and a public host in production), before any call
   * @throws InvalidRequestException if Daraja rejects a field
   * @throws AuthenticationException if Daraja refuses the app's credentials or the product is not
   *     enabled for the app
   * @throws OutcomeUnknownException if the prompt may have been sent; do not resend
   * @throws MpesaException for any other failure
   */
  public B2bExpressCheckoutResponse expressCheckout(B2bExpressCheckoutRequest request) {
    return pipeline.call(EXPRESS_CHECKOUT_SPEC, request);
  }

  private static Parts parts(B2bPaymentRequest r) {
    return new Parts(
        r.partyA(),
        r.recipient().partyB(),
        r.amount(),
        r.recipient().accountReference(),
        r.requester(),
        r.remarks(),
        r.occasion(),
        r.resultUrl(),
        r.queueTimeoutUrl());
  }

  /** What the three B2B payments fill into the one B2B body. */
  private record Parts(
      String partyA,
      String partyB,
      long amount,
      String accountReference,
      PhoneNumber requester,
      String remarks,
      String occasion,
      URI resultUrl,
      URI queueTimeoutUrl) {}

  /** One B2B body, sent and acknowledged: the three products differ only in what they fill in. */
  private static <Q extends ResultRequest> Endpoint<Q, Acknowledgement, Acknowledgement> payment(
      Operation op, String product, String commandId, Function<Q, Parts> parts) {
    return Endpoint.acknowledged(
        op,
        Endpoint::resultUrls,
        (context, r) -> {
          Parts p = parts.apply(r);
          return Outgoing.body(
                  new B2bPaymentBody(
                      context.initiatorName(product),
                      context.securityCredential(product).value(),
                      commandId,
                      SHORT_CODE_IDENTIFIER,
                      SHORT_CODE_IDENTIFIER,
                      Long.toString(p.amount()),
                      p.partyA(),
                      p.partyB(),
                      p.accountReference(),
                      p.requester() == null ? null : p.requester().value(),
                      p.remarks(),
                      p.queueTimeoutUrl().toString(),
                      p.resultUrl().toString(),
                      p.occasion()))
              .ref("commandId", commandId)
              .ref("partyA", p.partyA())
              .ref("partyB", p.partyB())
              .ref("amount", Long.toString(p.amount()))
              .ref("accountReference", p.accountReference())
              .ref("requester", p.requester() == null ? null : p.requester().masked());
        });
  }

  @JsonPropertyOrder({
    "primaryShortCode",
    "receiverShortCode",
    "amount",
    "paymentRef",
    "callbackUrl",
    "partnerName",
    "RequestRefID"
  })
  record ExpressBody(
      @JsonProperty("primaryShortCode") String primaryShortCode,
      @JsonProperty("receiverShortCode") String receiverShortCode,
      @JsonProperty("amount") String amount,
      @JsonProperty("paymentRef") String paymentRef,
      @JsonProperty("callbackUrl") String callbackUrl,
      @JsonProperty("partnerName") String partnerName,
      @JsonProperty("RequestRefID") String requestRefId) {
    @Override
    public String toString() {
      return "ExpressBody[redacted]";
    }
  }

  /**
   * The acknowledgement's wire shape: {@code {"code":"0","status":"USSD Initiated Successfully"}}.
   */
  record ExpressAck(@JsonProperty("code") String code, @JsonProperty("status") String status) {}
}
