package dev.mpesa.c2b;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mpesa.Environment;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.http.Acceptance;
import dev.mpesa.internal.http.Endpoint;
import dev.mpesa.internal.http.Endpoint.CallbackUrl;
import dev.mpesa.internal.http.Endpoint.Outgoing;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.internal.http.Pipeline;
import dev.mpesa.internal.http.Services;
import dev.mpesa.result.Acknowledgement;
import dev.mpesa.result.DarajaError;
import java.util.List;

/**
 * Customer to Business: registers the URLs M-Pesa reports a short code's payments to, and (in the
 * sandbox) simulates a payment.
 *
 * <p>Obtain it from {@code MpesaClient.c2b()}. Every call goes to the {@link C2bVersion} the client
 * was built with ({@code c2bVersion(...)}, default {@link C2bVersion#V2}). Thread-safe.
 */
public final class C2bService {
  static final Operation REGISTER_V1 =
      new Operation("c2b.register.v1", "/mpesa/c2b/v1/registerurl", IdempotencyClass.ONCE, "c2b");
  static final Operation REGISTER_V2 =
      new Operation("c2b.register.v2", "/mpesa/c2b/v2/registerurl", IdempotencyClass.ONCE, "c2b");
  static final Operation SIMULATE_V1 =
      new Operation("c2b.simulate.v1", "/mpesa/c2b/v1/simulate", IdempotencyClass.MONEY, "c2b");
  static final Operation SIMULATE_V2 =
      new Operation("c2b.simulate.v2", "/mpesa/c2b/v2/simulate", IdempotencyClass.MONEY, "c2b");

  private final Pipeline pipeline;
  private final C2bVersion version;
  private final Endpoint<C2bRegisterUrlRequest, Acknowledgement, Acknowledgement> registerSpec;
  private final Endpoint<C2bSimulateRequest, Acknowledgement, Acknowledgement> simulateSpec;

  static {
    Services.register(C2bService.class, C2bService::new);
  }

  /** Made by {@code MpesaClient}; obtain the service from it. */
  C2bService(Pipeline pipeline) {
    this.pipeline = Checks.required(pipeline, "pipeline");
    this.version = pipeline.context().c2bVersion();
    this.registerSpec = register(version == C2bVersion.V1 ? REGISTER_V1 : REGISTER_V2, version);
    this.simulateSpec = simulate(version == C2bVersion.V1 ? SIMULATE_V1 : SIMULATE_V2, version);
  }

  /** URL registration: ONCE, so never resent; an ambiguous answer is an unknown outcome. */
  private static Endpoint<C2bRegisterUrlRequest, Acknowledgement, Acknowledgement> register(
      Operation op, C2bVersion version) {
    return new Endpoint<>(
        op,
        r ->
            CallbackUrl.of(
                "confirmationUrl", r.confirmationUrl(), "validationUrl", r.validationUrl()),
        (context, r) ->
            Outgoing.body(
                    new RegisterBody(
                        r.shortCode(),
                        r.responseType().wireValue(),
                        r.confirmationUrl().toString(),
                        r.validationUrl().toString()))
                .ref("shortCode", r.shortCode())
                .ref("responseType", r.responseType().wireValue())
                .ref("version", version.name()),
        Acknowledgement.class,
        Acceptance.registration(),
        ack -> "OriginatorConversationID " + ack.originatorConversationId());
  }

  private static Endpoint<C2bSimulateRequest, Acknowledgement, Acknowledgement> simulate(
      Operation op, C2bVersion version) {
    return Endpoint.acknowledged(
        op,
        r -> List.of(),
        (context, r) -> {
          if (context.environment() == Environment.PRODUCTION) {
            throw new IllegalStateException(
                "C2B simulate exists only in the sandbox: in production, customers pay from their"
                    + " phones (use a sandbox client to test C2B)");
          }
          return Outgoing.body(
                  new SimulateBody(
                      Long.parseLong(r.shortCode()),
                      r.commandId(),
                      r.amount(),
                      Long.parseLong(r.phoneNumber().value()),
                      r.billRefNumber()))
              .ref("shortCode", r.shortCode())
              .ref("commandId", r.commandId())
              .ref("amount", Long.toString(r.amount()))
              .ref("phoneNumber", r.phoneNumber().masked())
              .ref("billRefNumber", r.billRefNumber())
              .ref("version", version.name());
        });
  }

  /** The C2B API version this service calls. */
  public C2bVersion version() {
    return version;
  }

  /**
   * Registers the confirmation and validation URLs of a short code ({@code POST
   * /mpesa/c2b/v2/registerurl}, or {@code v1} per the client's {@link C2bVersion}).
   *
   * <p>In the sandbox URLs can be registered again freely (do so before simulating). In production
   * registration is <b>one-time</b>: a second call is answered "Urls are already registered"
   * ({@link DarajaError#URLS_ALREADY_REGISTERED}); to change the URLs, delete them on the Daraja
   * portal (Self Services, URL Management) first. So the SDK never resends a registration: a call
   * whose answer was lost (read timeout, reset, an unexplained server error) raises {@link
   * OutcomeUnknownException}; check URL Management before registering again.
   *
   * <p>Daraja answers with its misspelt {@code OriginatorCoversationID} (read into {@link
   * Acknowledgement#originatorConversationId()}) and usually no {@code ConversationID}. Accepted
   * answers are {@code ResponseCode} {@code "0"} or {@code "00000000"}, and also (seen on new v2
   * accounts, single source) {@code {"ResponseDescription":"Success"}} without any {@code
   * ResponseCode}; the acknowledgement is returned as Daraja sent it, so its {@code responseCode()}
   * is then null.
   *
   * @param request the short code, response type and URLs
   * @return Daraja's acknowledgement: the URLs are registered
   * @throws IllegalArgumentException in production, if a URL is not https or its host is not
   *     reachable from the internet (localhost, private or link-local addresses, {@code .local}
   *     names), before any call
   * @throws InvalidRequestException if Daraja refuses a field, or the URLs are already registered
   *     ({@link DarajaError#URLS_ALREADY_REGISTERED})
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws OutcomeUnknownException if the registration may have been recorded; check the portal
   *     before registering again
   * @throws MpesaException for any other failure (never retried by the SDK)
   */
  public Acknowledgement registerUrls(C2bRegisterUrlRequest request) {
    return pipeline.call(registerSpec, request);
  }

  /**
   * Simulates a customer paying into a short code ({@code POST /mpesa/c2b/v2/simulate}, or {@code
   * v1} per the client's {@link C2bVersion}): the sandbox then calls the registered URLs.
   *
   * <p>Daraja offers this in the sandbox only, so a production client refuses it before any call.
   * Register the URLs first (the sandbox wants a registration before each simulation). Sandbox C2B
   * callbacks are known to be unreliable: an accepted simulation may never reach your URLs.
   *
   * <p>The body follows Daraja's sample exactly: {@code ShortCode}, {@code Amount} and {@code
   * Msisdn} are JSON numbers, and the phone field is spelt {@code Msisdn}. Like any payment, a
   * simulation is never sent twice: an ambiguous answer raises {@link OutcomeUnknownException}.
   *
   * @param request the short code, amount, customer and account number
   * @return Daraja's acknowledgement (with the misspelt {@code OriginatorCoversationID} read into
   *     {@link Acknowledgement#originatorConversationId()})
   * @throws IllegalStateException if the client is a production client, before any call
   * @throws InvalidRequestException if Daraja refuses a field
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws OutcomeUnknownException if the simulation may have been processed
   * @throws MpesaException for any other failure
   */
  public Acknowledgement simulate(C2bSimulateRequest request) {
    return pipeline.call(simulateSpec, request);
  }

  @JsonPropertyOrder({"ShortCode", "ResponseType", "ConfirmationURL", "ValidationURL"})
  record RegisterBody(
      @JsonProperty("ShortCode") String shortCode,
      @JsonProperty("ResponseType") String responseType,
      @JsonProperty("ConfirmationURL") String confirmationUrl,
      @JsonProperty("ValidationURL") String validationUrl) {
    @Override
    public String toString() {
      return "RegisterBody[redacted]";
    }
  }

  /** Numbers where Daraja's sample has numbers; {@code BillRefNumber} is null for a till. */
  @JsonPropertyOrder({"ShortCode", "CommandID", "Amount", "Msisdn", "BillRefNumber"})
  record SimulateBody(
      @JsonProperty("ShortCode") long shortCode,
      @JsonProperty("CommandID") String commandId,
      @JsonProperty("Amount") long amount,
      @JsonProperty("Msisdn") long msisdn,
      @JsonProperty("BillRefNumber") @JsonInclude(JsonInclude.Include.ALWAYS)
          String billRefNumber) {
    @Override
    public String toString() {
      return "SimulateBody[redacted]";
    }
  }
}
