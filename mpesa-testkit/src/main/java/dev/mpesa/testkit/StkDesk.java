package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * M-Pesa Express: the push (API.md §5.1), the customer's answer, the callback, and the query (§5.2)
 * that says "being processed" until the customer has acted.
 */
final class StkDesk {
  static final String PUSH = "/mpesa/stkpush/v1/processrequest";
  static final String QUERY = "/mpesa/stkpushquery/v1/query";

  static final long MAX_AMOUNT = 250_000;
  static final String BUSY_MESSAGE =
      "Unable to lock subscriber, a transaction is already in process for the current subscriber";

  /** One push and, once the customer has acted, its result. */
  private static final class Prompt {
    final String checkoutRequestId;
    final String merchantRequestId;
    final String shortCode;
    final String msisdn;
    final long amount;
    final String accountReference;
    final URI callbackUrl;
    volatile String resultCode;
    volatile String resultDesc;

    Prompt(
        String checkoutRequestId,
        String merchantRequestId,
        String shortCode,
        String msisdn,
        long amount,
        String accountReference,
        URI callbackUrl) {
      this.checkoutRequestId = checkoutRequestId;
      this.merchantRequestId = merchantRequestId;
      this.shortCode = shortCode;
      this.msisdn = msisdn;
      this.amount = amount;
      this.accountReference = accountReference;
      this.callbackUrl = callbackUrl;
    }
  }

  private final Backend backend;
  private final Map<String, Prompt> prompts = new ConcurrentHashMap<>();

  /** msisdn → the CheckoutRequestID of its open prompt. */
  private final Map<String, String> open = new ConcurrentHashMap<>();

  StkDesk(Backend backend) {
    this.backend = backend;
  }

  void install(Routes routes) {
    routes.post(PUSH, TokenError.NOT_FOUND, this::push);
    routes.post(QUERY, TokenError.NOT_FOUND, this::query);
  }

  private JsonNode push(Exchange ex) {
    String shortCode = checkCredentials(ex);
    String type = ex.oneOf("TransactionType", "CustomerPayBillOnline", "CustomerBuyGoodsOnline");
    long amount = ex.amount("Amount", 1, Long.MAX_VALUE);
    String partyA = ex.phone("PartyA");
    ex.digits("PartyB", 5, 8);
    String msisdn = ex.phone("PhoneNumber");
    URI callbackUrl = ex.url("CallBackURL", false);
    String reference =
        type.equals("CustomerPayBillOnline")
            ? ex.required("AccountReference", 12)
            : ex.optional("AccountReference", 12);
    ex.optional("TransactionDesc", 182);

    Customer customer = backend.customer(msisdn);
    Customer.Script script = customer.script();
    if (script.answer() == Customer.Answer.BUSY) {
      throw Rejection.coreError(BUSY_MESSAGE);
    }
    Instant now = backend.now();
    Prompt prompt =
        new Prompt(
            backend.ids.checkoutRequestId(now),
            backend.ids.merchantRequestId(),
            shortCode,
            msisdn,
            amount,
            reference,
            callbackUrl);
    if (open.putIfAbsent(msisdn, prompt.checkoutRequestId) != null) {
      // A prompt is still on the phone: Daraja cannot lock the subscriber.
      throw Rejection.coreError(BUSY_MESSAGE);
    }
    prompts.put(prompt.checkoutRequestId, prompt);

    Duration delay;
    String code;
    String desc;
    if (amount > MAX_AMOUNT) {
      delay = Duration.ZERO;
      code = "3";
      desc = "Declined due to limit rule: greater than the maximum transaction amount.";
    } else if (script.answer() == Customer.Answer.NO_ANSWER) {
      delay = script.after() != null ? script.after() : backend.promptTimeout;
      code = script.resultCode();
      desc = script.resultDesc();
    } else {
      delay = script.after() != null ? script.after() : backend.customerResponseTime;
      code = script.resultCode();
      desc = script.resultDesc();
    }
    String payer = partyA;
    backend.later(delay, () -> complete(prompt, payer, code, desc));

    ObjectNode ack = Wire.object();
    ack.put("MerchantRequestID", prompt.merchantRequestId);
    ack.put("CheckoutRequestID", prompt.checkoutRequestId);
    ack.put("ResponseCode", "0");
    ack.put("ResponseDescription", "Success. Request accepted for processing");
    ack.put("CustomerMessage", "Success. Request accepted for processing");
    return ack;
  }

  /** The customer has acted (or the prompt timed out): record, then call back. */
  private void complete(Prompt prompt, String payer, String code, String desc) {
    Instant at = backend.now();
    ObjectNode stk = Wire.object();
    stk.put("MerchantRequestID", prompt.merchantRequestId);
    stk.put("CheckoutRequestID", prompt.checkoutRequestId);
    putCode(stk, code);
    stk.put("ResultDesc", desc);
    if ("0".equals(code)) {
      String receipt = backend.ids.receipt(at);
      BigDecimal amount = BigDecimal.valueOf(prompt.amount).setScale(2);
      backend.ledger.add(
          new Ledger.Entry(
              receipt,
              Ledger.Kind.STK,
              amount,
              payer,
              prompt.shortCode,
              null,
              null,
              prompt.accountReference,
              at));
      ArrayNode items = Wire.array();
      items.addObject().put("Name", "Amount").put("Value", amount);
      items.addObject().put("Name", "MpesaReceiptNumber").put("Value", receipt);
      // Real callbacks carry Balance without a Value (API.md §5.1).
      items.addObject().put("Name", "Balance");
      items.addObject().put("Name", "TransactionDate").put("Value", Wire.compactNumber(at));
      items.addObject().put("Name", "PhoneNumber").put("Value", Long.parseLong(prompt.msisdn));
      stk.putObject("CallbackMetadata").set("Item", items);
    }
    prompt.resultCode = code;
    prompt.resultDesc = desc;
    open.remove(prompt.msisdn, prompt.checkoutRequestId);
    ObjectNode body = Wire.object();
    body.putObject("Body").set("stkCallback", stk);
    backend.courier.post(CallbackKind.STK, prompt.callbackUrl, body, prompt.checkoutRequestId);
  }

  private JsonNode query(Exchange ex) {
    checkCredentials(ex);
    String id = ex.required("CheckoutRequestID", 64);
    Prompt prompt = prompts.get(id);
    if (prompt == null) {
      throw new Rejection(500, "500.001.1001", "The transaction does not Exist", id);
    }
    String code = prompt.resultCode;
    if (code == null) {
      throw new Rejection(500, "500.001.1001", "The transaction is being processed", id);
    }
    ObjectNode answer = Wire.object();
    answer.put("ResponseCode", "0");
    answer.put("ResponseDescription", "The service request has been accepted successfully");
    answer.put("MerchantRequestID", prompt.merchantRequestId);
    answer.put("CheckoutRequestID", prompt.checkoutRequestId);
    // The query writes the code as a string, the callback as a number (API.md §5.2).
    answer.put("ResultCode", code);
    answer.put("ResultDesc", prompt.resultDesc);
    return answer;
  }

  /**
   * The short code, timestamp and password checks shared by push and query (API.md §4.1); returns
   * the short code.
   */
  private String checkCredentials(Exchange ex) {
    String shortCode = ex.digits("BusinessShortCode", 5, 7);
    String timestamp = ex.text("Timestamp");
    if (timestamp == null || !timestamp.matches("\\d{14}") || !isDateTime(timestamp)) {
      throw Rejection.invalid("Timestamp");
    }
    String password = ex.text("Password");
    String passkey = backend.passkeys.get(shortCode);
    if (passkey == null) {
      throw Rejection.coreError("Merchant does not exist");
    }
    String expected =
        Base64.getEncoder()
            .encodeToString((shortCode + passkey + timestamp).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(password)) {
      throw Rejection.coreError("[MerchantValidate] - Wrong credentials");
    }
    return shortCode;
  }

  private static boolean isDateTime(String timestamp) {
    try {
      LocalDateTime.parse(timestamp, Wire.COMPACT);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Numeric codes as JSON numbers (the callback's type), others as strings. */
  static void putCode(ObjectNode node, String code) {
    if (code.matches("\\d{1,9}")) {
      node.put("ResultCode", Integer.parseInt(code));
    } else {
      node.put("ResultCode", code);
    }
  }
}
