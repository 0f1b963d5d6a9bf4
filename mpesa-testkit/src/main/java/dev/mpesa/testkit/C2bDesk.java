package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer to Business: URL registration (API.md §5.3), simulated payments (§5.4), and the
 * validation and confirmation callbacks they cause (§5.5).
 *
 * <p>Registration works as in the sandbox: any short code, registered again as often as wanted (the
 * last registration counts). Both URLs are required and must avoid the banned words of §9.2; {@code
 * ResponseType} is exactly {@code Completed} or {@code Cancelled}.
 *
 * <p>A simulation is acknowledged at once; {@code resultDelay} later the payment is processed:
 *
 * <ol>
 *   <li>If the short code has no registered URLs, the payment completes without any callback ("if
 *       no URLs are registered M-Pesa just completes", §5.5). The sandbox asks integrators to
 *       register before simulating, but nothing documents a refusal, so the fake does not refuse.
 *   <li>With external validation on ({@code FakeDaraja.Builder.externalValidation(true)}), the flat
 *       body is POSTed to the {@code ValidationURL} with an empty {@code OrgAccountBalance}. A
 *       {@code ResultCode} of {@code "0"} (or {@code 0}) accepts; any other code ({@code
 *       C2B00011}..{@code C2B00016}) rejects: no payment, no confirmation. No usable answer
 *       (refused, timed out after 8 s, non-2xx, not JSON, no {@code ResultCode}, or a dropped
 *       callback) leaves it to the registered {@code ResponseType}: {@code Completed} completes,
 *       {@code Cancelled} cancels silently.
 *   <li>A completed payment gets a ledger entry (so Pull Transactions and Transaction Status see
 *       it) under its {@code TransID}, then the confirmation is POSTed with {@code
 *       ThirdPartyTransID} echoed from the validation answer and {@code OrgAccountBalance} the
 *       short code's balance as the fake knows it (the sum of the C2B payments it received).
 * </ol>
 *
 * <p>The callbacks' {@code MSISDN} follows the version of the registration, since the callbacks
 * belong to the registered URLs: v2 masked ({@code "2547 ***** 149"}), v1 the SHA-256 hex of the
 * number. Every customer is called {@value #FIRST_NAME} with empty middle and last names (Daraja
 * minimises names). The correlation id of both callbacks is the {@code TransID}.
 */
final class C2bDesk {
  private static final Logger log = LoggerFactory.getLogger(C2bDesk.class);

  static final String REGISTER_V1 = "/mpesa/c2b/v1/registerurl";
  static final String REGISTER_V2 = "/mpesa/c2b/v2/registerurl";
  static final String SIMULATE_V1 = "/mpesa/c2b/v1/simulate";
  static final String SIMULATE_V2 = "/mpesa/c2b/v2/simulate";

  static final String PAY_BILL = "CustomerPayBillOnline";
  static final String BUY_GOODS = "CustomerBuyGoodsOnline";
  static final long MAX_AMOUNT = 250_000;
  static final int MAX_BILL_REF_NUMBER = 20;
  static final String FIRST_NAME = "JOHN";

  /** The URLs of one short code and what to do when validation does not answer. */
  private record Registration(
      boolean v1, boolean completeByDefault, URI confirmationUrl, URI validationUrl) {}

  /** One accepted simulation, waiting to be processed. */
  private record Simulation(
      String transId,
      String shortCode,
      boolean buyGoods,
      long amount,
      String msisdn,
      String billRefNumber) {}

  /** What the validation answer decided. */
  private enum Decision {
    ACCEPT,
    REJECT,
    NO_ANSWER
  }

  private final Backend backend;
  private final C2bPayments payments;
  private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
  private final Map<String, BigDecimal> balances = new ConcurrentHashMap<>();

  C2bDesk(Backend backend, C2bPayments payments) {
    this.backend = backend;
    this.payments = payments;
  }

  void install(Routes routes) {
    routes.post(REGISTER_V1, TokenError.BAD_REQUEST, ex -> register(ex, true));
    routes.post(REGISTER_V2, TokenError.BAD_REQUEST, ex -> register(ex, false));
    routes.post(SIMULATE_V1, TokenError.BAD_REQUEST, this::simulate);
    routes.post(SIMULATE_V2, TokenError.BAD_REQUEST, this::simulate);
  }

  private JsonNode register(Exchange ex, boolean v1) {
    String shortCode = ex.digits("ShortCode", 5, 8);
    String responseType = ex.oneOf("ResponseType", "Completed", "Cancelled");
    URI confirmation = ex.url("ConfirmationURL", true);
    URI validation = ex.url("ValidationURL", true);
    registrations.put(
        shortCode,
        new Registration(v1, responseType.equals("Completed"), confirmation, validation));
    log.debug("c2b register v{}: short code {}, {}", v1 ? 1 : 2, shortCode, responseType);
    ObjectNode ack = Wire.object();
    // Daraja's misspelling (API.md §5.3).
    ack.put("OriginatorCoversationID", backend.ids.originatorConversationId());
    ack.put("ResponseCode", "0");
    ack.put("ResponseDescription", "success");
    return ack;
  }

  private JsonNode simulate(Exchange ex) {
    String shortCode = ex.digits("ShortCode", 5, 8);
    String command = ex.oneOf("CommandID", PAY_BILL, BUY_GOODS);
    long amount = ex.amount("Amount", 1, MAX_AMOUNT);
    String msisdn = ex.phone("Msisdn");
    boolean buyGoods = command.equals(BUY_GOODS);
    String billRef = ex.optional("BillRefNumber", MAX_BILL_REF_NUMBER);
    if (buyGoods) {
      // A till has no account number: one sent anyway is not passed on.
      billRef = null;
    } else if (billRef == null) {
      // A PayBill payment always carries the account number the customer typed.
      throw Rejection.invalid("BillRefNumber");
    }
    Simulation s =
        new Simulation(
            backend.ids.receipt(backend.now()), shortCode, buyGoods, amount, msisdn, billRef);
    backend.later(backend.resultDelay, () -> process(s));
    log.debug(
        "c2b simulate: {} into {}, phone {}, TransID {}",
        amount,
        shortCode,
        Msisdns.forLog(msisdn),
        s.transId());
    ObjectNode ack = Wire.object();
    ack.put("OriginatorCoversationID", backend.ids.requestId());
    ack.put("ResponseCode", "0");
    ack.put("ResponseDescription", "Accept the service request successfully.");
    return ack;
  }

  /** Validation (if on), then the payment and its confirmation, or nothing. */
  private void process(Simulation s) {
    Instant at = backend.now();
    Registration reg = registrations.get(s.shortCode());
    String thirdPartyTransId = "";
    if (reg != null && backend.externalValidation && reg.validationUrl() != null) {
      CallbackDelivery delivery =
          backend.courier.post(
              CallbackKind.C2B_VALIDATION,
              reg.validationUrl(),
              body(s, reg, at, "", ""),
              s.transId());
      JsonNode answer = delivery.acknowledged() ? Wire.parse(delivery.responseBody()) : null;
      Decision decision = decide(answer);
      if (decision == Decision.REJECT
          || (decision == Decision.NO_ANSWER && !reg.completeByDefault())) {
        log.debug("c2b {} not completed: validation {}", s.transId(), decision);
        return;
      }
      if (decision == Decision.ACCEPT) {
        JsonNode echo = answer.get("ThirdPartyTransID");
        if (echo != null && echo.isValueNode() && !echo.isNull()) {
          thirdPartyTransId = echo.asText();
        }
      }
    }
    BigDecimal amount = BigDecimal.valueOf(s.amount()).setScale(2);
    backend.ledger.add(
        new Ledger.Entry(
            s.transId(),
            Ledger.Kind.C2B,
            amount,
            s.msisdn(),
            s.shortCode(),
            null,
            null,
            s.billRefNumber(),
            at));
    BigDecimal balance = balances.merge(s.shortCode(), amount, BigDecimal::add);
    if (reg != null) {
      backend.courier.post(
          CallbackKind.C2B_CONFIRMATION,
          reg.confirmationUrl(),
          body(s, reg, at, balance.toPlainString(), thirdPartyTransId),
          s.transId());
    }
    payments.completed(
        new C2bPayments.Payment(
            s.transId(), s.shortCode(), s.billRefNumber(), amount, s.msisdn(), at));
  }

  /** The validation answer: {@code "0"} accepts, another code rejects, anything else is none. */
  private static Decision decide(JsonNode answer) {
    if (answer == null || !answer.isObject()) {
      return Decision.NO_ANSWER;
    }
    JsonNode code = answer.get("ResultCode");
    if (code == null || !code.isValueNode() || code.isNull() || code.asText().isBlank()) {
      return Decision.NO_ANSWER;
    }
    String text = code.isNumber() ? code.numberValue().toString() : code.asText().strip();
    return text.equals("0") ? Decision.ACCEPT : Decision.REJECT;
  }

  /** The flat body both callbacks share (API.md §5.5). */
  private static ObjectNode body(
      Simulation s, Registration reg, Instant at, String orgAccountBalance, String thirdParty) {
    ObjectNode b = Wire.object();
    b.put("TransactionType", s.buyGoods() ? "Buy Goods" : "Pay Bill");
    b.put("TransID", s.transId());
    b.put("TransTime", Wire.compact(at));
    // A string with two decimals in real payloads, although the docs type it as a number.
    b.put("TransAmount", BigDecimal.valueOf(s.amount()).setScale(2).toPlainString());
    b.put("BusinessShortCode", s.shortCode());
    b.put("BillRefNumber", s.billRefNumber() == null ? "" : s.billRefNumber());
    b.put("InvoiceNumber", "");
    b.put("OrgAccountBalance", orgAccountBalance);
    b.put("ThirdPartyTransID", thirdParty);
    b.put("MSISDN", reg.v1() ? Msisdns.sha256(s.msisdn()) : Msisdns.c2bMasked(s.msisdn()));
    b.put("FirstName", FIRST_NAME);
    b.put("MiddleName", "");
    b.put("LastName", "");
    return b;
  }
}
