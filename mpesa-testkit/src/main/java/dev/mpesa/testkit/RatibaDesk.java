package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * M-Pesa Ratiba standing orders (API.md §5.15): the synchronous acceptance, the customer's PIN
 * prompt, and the callback to {@code CallBackURL}.
 *
 * <p>Checks, in the sample's field order: {@code StandingOrderName} present; {@code StartDate} and
 * {@code EndDate} real {@code yyyyMMdd} dates, the start not before today (Nairobi, the fake's
 * clock) and the end not before the start; {@code BusinessShortCode} 5 to 8 digits; {@code
 * TransactionType} in either naming family ({@code Standing Order Customer Pay Bill} / {@code ...
 * Pay Merchant}, or {@code Standing Order Pay Bill External Third Party} / {@code Standing Order
 * Pay Merchant External Third Party}); {@code ReceiverPartyIdentifierType} {@code "4"} for a
 * PayBill type, {@code "2"} for a merchant type; {@code Amount} whole 1 to 250,000; {@code PartyA}
 * a mobile number; {@code AccountReference} at most 12 characters, {@code TransactionDesc} at most
 * 13; {@code Frequency} {@code 1} to {@code 9} (both numbering schemes); {@code CustomStoId}
 * optional.
 *
 * <p>A customer who already has a standing order of that name (created, or still awaiting the PIN)
 * is answered {@code 1050} in Ratiba's envelope. Otherwise the answer is {@code responseCode 200}
 * and the customer behind {@code PartyA} is prompted, scripted like an STK push ({@link
 * FakeDaraja#customer(String)}): paying gives the lowercase success callback ({@code
 * responseHeader}, {@code responseBody.responseData}, {@code name}/{@code value}, a receipt-shaped
 * {@code TransactionID}, masked {@code Msisdn}); anything else gives the PascalCase failure
 * callback with the script's code ({@code 1032} cancelled, {@code 1037} no answer, {@code 1001}
 * busy, ...) and frees the name. The callback's {@code responseRefID} and {@code requestRefID} are
 * the {@code responseRefID} of the acceptance, which is also the callback's correlation id. The
 * fake creates the order only: its scheduled payments are not run and move no money.
 */
final class RatibaDesk {
  private static final Logger log = LoggerFactory.getLogger(RatibaDesk.class);

  static final String CREATE = "/standingorder/v1/createStandingOrderExternal";

  static final Set<String> PAY_BILL_TYPES =
      Set.of("Standing Order Customer Pay Bill", "Standing Order Pay Bill External Third Party");
  static final Set<String> MERCHANT_TYPES =
      Set.of(
          "Standing Order Customer Pay Merchant",
          "Standing Order Pay Merchant External Third Party");

  static final int MAX_NAME = 100;
  static final long MAX_AMOUNT = 250_000;
  static final String DUPLICATE_CODE = "1050";
  static final String DUPLICATE_MESSAGE = "Standing order name already exists for this customer";

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  private final Backend backend;

  /** Customer and name → the responseRefID of the order holding the name. */
  private final Map<String, String> names = new ConcurrentHashMap<>();

  RatibaDesk(Backend backend) {
    this.backend = backend;
  }

  void install(Routes routes) {
    routes.post(CREATE, TokenError.NOT_FOUND, this::create);
  }

  private JsonNode create(Exchange ex) {
    String name = ex.required("StandingOrderName", MAX_NAME);
    LocalDate start = date(ex, "StartDate");
    LocalDate end = date(ex, "EndDate");
    if (start.isBefore(LocalDate.ofInstant(backend.now(), Wire.NAIROBI))) {
      throw Rejection.invalid("StartDate");
    }
    if (end.isBefore(start)) {
      throw Rejection.invalid("EndDate");
    }
    ex.digits("BusinessShortCode", 5, 8);
    String type = ex.text("TransactionType");
    boolean payBill = PAY_BILL_TYPES.contains(type);
    if (!payBill && !MERCHANT_TYPES.contains(type)) {
      throw Rejection.invalid("TransactionType");
    }
    String identifierType = ex.oneOf("ReceiverPartyIdentifierType", "2", "4");
    if (!identifierType.equals(payBill ? "4" : "2")) {
      throw Rejection.invalid("ReceiverPartyIdentifierType");
    }
    ex.amount("Amount", 1, MAX_AMOUNT);
    String partyA = ex.phone("PartyA");
    URI callbackUrl = ex.url("CallBackURL", false);
    ex.required("AccountReference", 12);
    ex.required("TransactionDesc", 13);
    String frequency = ex.text("Frequency");
    if (frequency == null || !frequency.matches("[1-9]")) {
      throw Rejection.invalid("Frequency");
    }
    ex.optional("CustomStoId", 64);

    String refId = backend.ids.uuid();
    String key = Msisdns.normalise(partyA) + '\n' + name;
    if (names.putIfAbsent(key, refId) != null) {
      return envelope(refId, DUPLICATE_CODE, DUPLICATE_MESSAGE, null);
    }
    PromptOutcome outcome = PromptOutcome.of(backend, backend.customer(partyA).script());
    backend.later(outcome.after(), () -> finish(refId, key, partyA, callbackUrl, outcome));
    log.debug("ratiba accepted: responseRefID {}, phone {}", refId, Msisdns.forLog(partyA));
    return envelope(
        refId,
        "200",
        "Request accepted for processing",
        "The service request is processed successfully.");
  }

  /** The customer has acted: the callback, and the name freed if no order was made. */
  private void finish(
      String refId, String key, String msisdn, URI callbackUrl, PromptOutcome outcome) {
    ObjectNode body = Wire.object();
    boolean paid = outcome.paid();
    // Success uses lowercase keys, failure PascalCase (API.md §5.15): both as documented.
    ObjectNode header = body.putObject(paid ? "responseHeader" : "ResponseHeader");
    header.put("responseRefID", refId);
    header.put("requestRefID", refId);
    header.put("responseCode", outcome.resultCode());
    header.put("responseDescription", outcome.resultDesc());
    ArrayNode data =
        body.putObject(paid ? "responseBody" : "ResponseBody")
            .putArray(paid ? "responseData" : "ResponseData");
    String n = paid ? "name" : "Name";
    String v = paid ? "value" : "Value";
    String transactionId = paid ? backend.ids.receipt(backend.now()) : "0000000000";
    data.addObject().put(n, "TransactionID").put(v, transactionId);
    data.addObject().put(n, "responseCode").put(v, outcome.resultCode());
    data.addObject().put(n, "Status").put(v, paid ? "OKAY" : "ERROR");
    data.addObject().put(n, "Msisdn").put(v, Msisdns.ratibaMasked(msisdn));
    if (!paid) {
      names.remove(key, refId);
    }
    backend.courier.post(CallbackKind.STANDING_ORDER, callbackUrl, body, refId);
  }

  /** Ratiba's synchronous envelope, as the samples write it ({@code ResponseHeader}, ...). */
  private static ObjectNode envelope(
      String refId, String code, String description, String resultDesc) {
    ObjectNode answer = Wire.object();
    ObjectNode header = answer.putObject("ResponseHeader");
    header.put("responseRefID", refId);
    header.put("responseCode", code);
    header.put("responseDescription", description);
    if (resultDesc != null) {
      header.put("ResultDesc", resultDesc);
    }
    ObjectNode body = answer.putObject("ResponseBody");
    body.put("responseDescription", description);
    body.put("responseCode", code);
    return answer;
  }

  private static LocalDate date(Exchange ex, String field) {
    String value = ex.text(field);
    if (value == null || !value.matches("\\d{8}")) {
      throw Rejection.invalid(field);
    }
    try {
      return LocalDate.parse(value, DATE);
    } catch (DateTimeParseException e) {
      throw Rejection.invalid(field);
    }
  }
}
