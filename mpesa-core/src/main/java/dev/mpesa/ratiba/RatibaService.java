package dev.mpesa.ratiba;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.ClientContext;
import dev.mpesa.internal.http.Acceptance;
import dev.mpesa.internal.http.Endpoint;
import dev.mpesa.internal.http.Endpoint.CallbackUrl;
import dev.mpesa.internal.http.Endpoint.Outgoing;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.internal.http.Pipeline;
import dev.mpesa.internal.http.Services;
import dev.mpesa.result.DarajaError;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

/**
 * M-Pesa Ratiba: create standing orders, recurring payments from a customer to a PayBill or till.
 *
 * <p>Daraja sends the customer a PIN prompt, opts them in to standing orders if needed and creates
 * the order; the outcome arrives at the request's {@code CallBackURL}. Ratiba is a commercial API:
 * the app needs the "M-Pesa Ratiba" product, and production needs a contract with Safaricom.
 *
 * <p>Obtain it from {@code MpesaClient.ratiba()}. Thread-safe.
 */
public final class RatibaService {
  static final Operation CREATE =
      new Operation(
          "ratiba.createStandingOrder",
          "/standingorder/v1/createStandingOrderExternal",
          IdempotencyClass.MONEY,
          "ratiba");

  /** {@code StartDate} and {@code EndDate}. */
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

  /** Ratiba's own codes in {@code responseCode}, beside the HTTP-like ones. */
  private static final Map<String, DarajaError> CODES =
      Map.of(
          "1050", DarajaError.DUPLICATE_REQUEST, // standing order name already used
          "1051", DarajaError.INVALID_FIELD, // invalid payload field
          "401", DarajaError.PRODUCT_NOT_ENABLED,
          "403", DarajaError.PRODUCT_NOT_ENABLED);

  private final Pipeline pipeline;
  private final RatibaSettings settings;
  private final Endpoint<StandingOrderRequest, StandingOrderResponse, StandingOrderResponse>
      createSpec;

  static {
    Services.register(RatibaService.class, RatibaService::new);
  }

  /** Made by {@code MpesaClient}; obtain the service from it. */
  RatibaService(Pipeline pipeline) {
    this.pipeline = Checks.required(pipeline, "pipeline");
    this.settings = pipeline.context().ratibaSettings();
    this.createSpec =
        new Endpoint<>(
            CREATE,
            r -> CallbackUrl.of("callbackUrl", r.callbackUrl()),
            this::createBody,
            StandingOrderResponse.class,
            Acceptance.bodyStatus(
                "responseCode",
                Set.of("200", "0"),
                CODES,
                StandingOrderResponse::responseCode,
                StandingOrderResponse::responseDescription,
                StandingOrderResponse::responseRefId),
            r -> "responseRefID " + r.responseRefId());
  }

  /** The settings this service writes requests with. */
  public RatibaSettings settings() {
    return settings;
  }

  /**
   * Asks Daraja to create a standing order.
   *
   * <p>The {@code TransactionType} and the {@code Frequency} code come from the client's {@link
   * RatibaSettings} (by default the Daraja portal's {@code "Standing Order Customer Pay Bill"} /
   * {@code "Standing Order Customer Pay Merchant"} and codes {@code 1} to {@code 8}). Amounts and
   * identifier types go as strings, as in Daraja's sample.
   *
   * <p>Success is read from Ratiba's own envelope, not from a {@code ResponseCode}: {@code
   * responseCode} {@code "200"} (or {@code "0"}) in {@code ResponseHeader}, keys in any case. A
   * request is never sent twice by the SDK: Ratiba has no idempotency key, so an answer that does
   * not say whether the order was created (read timeout, reset, an unexplained server error, a
   * missing or 5xx {@code responseCode}) raises {@link OutcomeUnknownException}; wait for the
   * callback, or ask the customer, before trying again (a retry with the same name is refused with
   * {@code 1050} if the first one went through).
   *
   * @param request the standing order
   * @return the acknowledgement; keep its {@code responseRefID}
   * @throws IllegalArgumentException if the request breaks a rule of this client before any call: a
   *     start date before today (Nairobi time), a frequency without a code, an http or private
   *     callback URL in production
   * @throws IllegalStateException if the request names no short code and the client has none
   * @throws InvalidRequestException if Daraja rejects a field
   * @throws DuplicateRequestException if the customer already has a standing order of that name
   *     ({@code 1050})
   * @throws AuthenticationException if Daraja refuses the app's credentials or the Ratiba product
   * @throws OutcomeUnknownException if the request may have been processed; do not resend
   * @throws MpesaException for any other failure
   */
  public StandingOrderResponse createStandingOrder(StandingOrderRequest request) {
    return pipeline.call(createSpec, request);
  }

  private Outgoing createBody(ClientContext context, StandingOrderRequest request) {
    String shortCode =
        request.receiverShortCode() != null ? request.receiverShortCode() : context.shortCode();
    if (shortCode == null) {
      throw new IllegalStateException(
          "M-Pesa Ratiba needs the short code paid: call payBill(shortCode) or buyGoods(till) on"
              + " the request, or set shortCode(...) on MpesaClient.builder()");
    }
    LocalDate today = LocalDate.now(context.clock().withZone(ClientContext.NAIROBI));
    if (request.startDate().isBefore(today)) {
      throw new IllegalArgumentException(
          "startDate "
              + request.startDate()
              + " is in the past (today is "
              + today
              + " in Nairobi)");
    }
    CreateBody body =
        new CreateBody(
            request.name(),
            DATE.format(request.startDate()),
            DATE.format(request.endDate()),
            shortCode,
            settings.transactionTypeNaming().transactionType(request.buyGoods()),
            request.receiverIdentifierType(),
            Long.toString(request.amount()),
            request.phoneNumber().value(),
            request.callbackUrl().toString(),
            request.accountReference(),
            request.description(),
            settings.frequencyCode(request.frequency()),
            request.customStandingOrderId());
    return Outgoing.body(body)
        .ref("shortCode", shortCode)
        .ref("standingOrderName", request.name())
        .ref("accountReference", request.accountReference())
        .ref("amount", Long.toString(request.amount()))
        .ref("phoneNumber", request.phoneNumber().masked())
        .ref("frequency", request.frequency().name())
        .ref("startDate", body.startDate())
        .ref("customStandingOrderId", request.customStandingOrderId());
  }

  @JsonPropertyOrder({
    "StandingOrderName",
    "StartDate",
    "EndDate",
    "BusinessShortCode",
    "TransactionType",
    "ReceiverPartyIdentifierType",
    "Amount",
    "PartyA",
    "CallBackURL",
    "AccountReference",
    "TransactionDesc",
    "Frequency",
    "CustomStoId"
  })
  record CreateBody(
      @JsonProperty("StandingOrderName") String standingOrderName,
      @JsonProperty("StartDate") String startDate,
      @JsonProperty("EndDate") String endDate,
      @JsonProperty("BusinessShortCode") String businessShortCode,
      @JsonProperty("TransactionType") String transactionType,
      @JsonProperty("ReceiverPartyIdentifierType") String receiverPartyIdentifierType,
      @JsonProperty("Amount") String amount,
      @JsonProperty("PartyA") String partyA,
      @JsonProperty("CallBackURL") String callBackUrl,
      @JsonProperty("AccountReference") String accountReference,
      @JsonProperty("TransactionDesc") String transactionDesc,
      @JsonProperty("Frequency") String frequency,
      @JsonProperty("CustomStoId") String customStoId) {
    @Override
    public String toString() {
      return "CreateBody[redacted]";
    }
  }
}
