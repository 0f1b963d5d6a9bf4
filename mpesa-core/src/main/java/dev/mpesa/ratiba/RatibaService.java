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
import dev.mpesa.internal.Redaction;
import dev.mpesa.internal.http.ErrorClassifier;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.result.DarajaError;
import dev.mpesa.result.ResultCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger log = LoggerFactory.getLogger(RatibaService.class);

  static final Operation CREATE =
      new Operation(
          "ratiba.createStandingOrder",
          "/standingorder/v1/createStandingOrderExternal",
          IdempotencyClass.MONEY,
          "ratiba");

  /** {@code StartDate} and {@code EndDate}. */
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

  private static final Pattern HTTP_LIKE = Pattern.compile("[1-5]\\d\\d");

  private final ClientContext context;
  private final RatibaSettings settings;

  /**
   * Used by {@code MpesaClient}; obtain the service from {@code MpesaClient.ratiba()}.
   *
   * @param context the client's shared context
   * @param settings how this client writes the fields Daraja's sources disagree on
   */
  @SuppressWarnings("exports") // ClientContext is internal: only MpesaClient can call this
  public RatibaService(ClientContext context, RatibaSettings settings) {
    this.context = Checks.required(context, "context");
    this.settings = Checks.required(settings, "settings");
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
    Checks.required(request, "request");
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
    context.checkCallbackUrl("callbackUrl", request.callbackUrl());
    if (!ClientContext.bannedWords(request.callbackUrl()).isEmpty()) {
      log.warn(
          "{} callbackUrl contains {}, which Daraja bans in C2B URLs and may reject",
          CREATE.name(),
          ClientContext.bannedWords(request.callbackUrl()));
    }
    String frequencyCode = settings.frequencyCode(request.frequency());
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
            frequencyCode,
            request.customStandingOrderId());
    Map<String, String> references = new LinkedHashMap<>();
    references.put("shortCode", shortCode);
    references.put("standingOrderName", request.name());
    references.put("accountReference", request.accountReference());
    references.put("amount", Long.toString(request.amount()));
    references.put("phoneNumber", request.phoneNumber().masked());
    references.put("frequency", request.frequency().name());
    references.put("startDate", body.startDate());
    if (request.customStandingOrderId() != null) {
      references.put("customStandingOrderId", request.customStandingOrderId());
    }
    Instant sentAt = context.clock().instant();
    StandingOrderResponse response =
        context.transport().post(CREATE, body, StandingOrderResponse.class, references);
    requireAccepted(response, references, sentAt);
    log.debug(
        "{} accepted: responseRefID {}, phone {}",
        CREATE.name(),
        response.responseRefId(),
        request.phoneNumber().masked());
    return response;
  }

  /** Throws unless Ratiba's envelope says the request was accepted. */
  private void requireAccepted(
      StandingOrderResponse response, Map<String, String> references, Instant sentAt) {
    String code = response.responseCode();
    if (code == null || code.isBlank()) {
      throw context
          .transport()
          .outcomeUnknown(
              CREATE,
              CREATE.name() + " was answered without a responseCode.",
              references,
              sentAt,
              null);
    }
    String normalised = normalise(code);
    if (normalised.equals("200") || normalised.equals("0")) {
      return;
    }
    String description = Redaction.redact(response.responseDescription(), null);
    if (HTTP_LIKE.matcher(normalised).matches() && normalised.startsWith("5")) {
      // "500 for a system failure": nothing says whether the order was created first.
      throw context
          .transport()
          .outcomeUnknown(
              CREATE,
              CREATE.name()
                  + " was answered with responseCode "
                  + normalised
                  + (description == null ? "" : " (" + description + ")")
                  + ".",
              references,
              sentAt,
              null);
    }
    DarajaError error =
        switch (normalised) {
          case "1050" -> DarajaError.DUPLICATE_REQUEST; // standing order name already used
          case "1051" -> DarajaError.INVALID_FIELD; // invalid payload field
          case "401", "403" -> DarajaError.PRODUCT_NOT_ENABLED;
          default ->
              ErrorClassifier.classify(
                  CREATE,
                  HTTP_LIKE.matcher(normalised).matches() ? Integer.parseInt(normalised) : 200,
                  null,
                  description,
                  true);
        };
    throw ErrorClassifier.toException(
        CREATE.name(), 200, code, description, response.responseRefId(), error, null);
  }

  private static String normalise(String code) {
    try {
      return ResultCode.of(code).value();
    } catch (IllegalArgumentException e) {
      return code.strip();
    }
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
