package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What the desks of the asynchronous APIs share (B2C, B2B, tax, Account Balance, Transaction
 * Status, Reversal): the initiator fields, the acknowledgement (API.md §3.1), the {@code
 * {"Result":{...}}} envelope (§3.2) with its key/value lists, the queue-timeout notice (§3.3), and
 * the life of an accepted request until its Result is POSTed ({@link Pending}).
 */
final class ResultEnvelope {
  static final String ACCEPTED = "Accept the service request successfully.";
  static final String INITIATOR_INVALID = "The initiator information is invalid.";
  static final String INSUFFICIENT_FUNDS = "The balance is insufficient for the transaction.";
  static final String TIMED_OUT = "The service request has timed out.";

  /** The name the fake gives every customer in result texts (Daraja's sandbox sample name). */
  static final String CUSTOMER_NAME = "John Doe";

  /** KRA's short code, the only {@code PartyB} of a tax remittance (API.md §5.9). */
  static final String KRA_SHORT_CODE = "572572";

  private static final Pattern RECEIPT = Pattern.compile("[A-Za-z0-9]{1,20}");
  private static final Pattern MSISDN = Pattern.compile("254\\d{9}");

  private ResultEnvelope() {}

  /**
   * How each product writes its results, following Daraja's samples: whether the success codes are
   * strings, the success text (with or without a full stop), whether a failure carries the lone
   * {@code BOCompletedTime} parameter, and the Safaricom-internal URL of the {@code
   * QueueTimeoutURL} reference item.
   */
  enum Product {
    /** B2C and B2Pochi (API.md §5.6, §5.7). */
    B2C(
        false,
        "The service request is processed successfully.",
        false,
        "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit"),
    /** B2B Pay Bill, Buy Goods and top-up (§5.8); the failure sample is on the abresults queue. */
    B2B(
        true,
        "The service request is processed successfully",
        true,
        "https://internalsandbox.safaricom.co.ke/mpesa/abresults/v1/submit"),
    /** Tax remittance (§5.9): B2B's shapes, with the success text of its own sample. */
    TAX(
        true,
        "The service request is processed successfully.",
        true,
        "https://internalsandbox.safaricom.co.ke/mpesa/abresults/v1/submit"),
    /** Account Balance (§5.11). */
    BALANCE(
        true,
        "The service request is processed successfully",
        true,
        "https://internalsandbox.safaricom.co.ke/mpesa/abresults/v1/submit"),
    /**
     * Transaction Status (§5.12). Its samples carry an {@code Occasion} reference item instead of a
     * queue URL; the queue URL here only appears in timeout notices, and no sample shows it.
     */
    STATUS(
        false,
        "The service request is processed successfully.",
        false,
        "https://internalsandbox.safaricom.co.ke/mpesa/abresults/v1/submit"),
    /** Reversal (§5.13). */
    REVERSAL(
        false,
        "The service request is processed successfully.",
        false,
        "https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit");

    final boolean stringSuccessCodes;
    final String successDesc;
    final boolean failureTime;
    final String queueUrl;

    Product(boolean stringSuccessCodes, String successDesc, boolean failureTime, String queueUrl) {
      this.stringSuccessCodes = stringSuccessCodes;
      this.successDesc = successDesc;
      this.failureTime = failureTime;
      this.queueUrl = queueUrl;
    }

    /** The reference data of failures and timeouts: the queue URL item (status: Occasion). */
    JsonNode failureReference() {
      return this == STATUS
          ? new Pairs().keyOnly("Occasion").single()
          : new Pairs().text("QueueTimeoutURL", queueUrl).single();
    }
  }

  /**
   * The API operator of a request. Its credentials are judged when the result is made, never in the
   * acknowledgement (API.md §10 #30).
   *
   * @param name {@code InitiatorName} (B2C) or {@code Initiator} (the others)
   * @param securityCredential the encrypted password; never logged
   */
  record Initiator(String name, String securityCredential) {
    @Override
    public String toString() {
      return "Initiator[" + name + "]";
    }
  }

  /**
   * Reads the initiator fields: {@code nameField} and {@code SecurityCredential}, both required.
   */
  static Initiator initiator(Exchange ex, String nameField) {
    String name = ex.required(nameField, 64);
    String credential = ex.required("SecurityCredential", 4096);
    return new Initiator(name, credential);
  }

  /** A required text of {@code min}..{@code max} characters ({@code Remarks}). */
  static String text(Exchange ex, String field, int min, int max) {
    String value = ex.required(field, max);
    if (value.length() < min) {
      throw Rejection.invalid(field);
    }
    return value;
  }

  /** A required M-Pesa receipt: letters and digits, at most 20. */
  static String receipt(Exchange ex, String field) {
    String value = ex.text(field);
    if (value == null || !RECEIPT.matcher(value).matches()) {
      throw Rejection.invalid(field);
    }
    return value;
  }

  /** {@code "<msisdn> - John Doe"} or {@code "<short code> - <name>"}, as results name parties. */
  static String partyName(String party) {
    if (party == null) {
      return "";
    }
    if (MSISDN.matcher(party).matches()) {
      return party + " - " + CUSTOMER_NAME;
    }
    if (party.equals(KRA_SHORT_CODE)) {
      return party + " - Kenya Revenue Authority";
    }
    return party + " - Test Business";
  }

  /** Whole shillings as money with two decimals. */
  static BigDecimal money(long amount) {
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.UNNECESSARY);
  }

  /** The acknowledgement of an accepted request (API.md §3.1); {@code ResponseCode} is a string. */
  static ObjectNode ack(String originatorConversationId, String conversationId) {
    ObjectNode ack = Wire.object();
    ack.put("OriginatorConversationID", originatorConversationId);
    ack.put("ConversationID", conversationId);
    ack.put("ResponseCode", "0");
    ack.put("ResponseDescription", ACCEPTED);
    return ack;
  }

  /** Puts a code as Daraja writes it: a number when all digits, else (or if asked) a string. */
  static void putCode(ObjectNode node, String field, String code, boolean asString) {
    if (!asString && code.matches("\\d{1,9}")) {
      node.put(field, Integer.parseInt(code));
    } else {
      node.put(field, code);
    }
  }

  /**
   * A list of {@code {"Key":...,"Value":...}} pairs: {@code ResultParameter} or {@code
   * ReferenceItem}. Values keep their JSON type (Daraja mixes numbers and strings); a pair may lack
   * its {@code Value}.
   */
  static final class Pairs {
    private final ArrayNode items = Wire.array();

    Pairs text(String key, String value) {
      items.addObject().put("Key", key).put("Value", value);
      return this;
    }

    Pairs number(String key, long value) {
      items.addObject().put("Key", key).put("Value", value);
      return this;
    }

    /** A decimal number exactly as given ({@code 1000000.00} stays so, not {@code 1E+6}). */
    Pairs money(String key, BigDecimal value) {
      items.addObject().put("Key", key).put("Value", value);
      return this;
    }

    /** A pair without {@code Value}, as Daraja sends {@code {"Key":"Occassion"}}. */
    Pairs keyOnly(String key) {
      items.addObject().put("Key", key);
      return this;
    }

    /** Text when present, else the key alone. */
    Pairs textOrKey(String key, String value) {
      return value == null ? keyOnly(key) : text(key, value);
    }

    ArrayNode array() {
      return items;
    }

    /** The first pair as a bare object: Daraja's form for a list of one (API.md §10 #5). */
    JsonNode single() {
      return items.get(0);
    }
  }

  /** What a desk does when an accepted request's time comes: the full Result body. */
  @FunctionalInterface
  interface Outcome {
    ObjectNode complete(Pending request, Instant at);
  }

  /**
   * Accepts a request: makes its ids (Daraja makes the {@code OriginatorConversationID} when the
   * request has none), takes the next script from {@link Results}, and schedules the Result after
   * the fake's result delay.
   *
   * @param originatorConversationId the request's own id (B2C v3, B2Pochi), or null
   * @return the acknowledgement the desk answers with
   */
  static ObjectNode accept(
      Backend backend,
      Product product,
      Initiator initiator,
      String originatorConversationId,
      URI resultUrl,
      URI queueTimeoutUrl,
      Outcome outcome) {
    Instant now = backend.now();
    Pending pending =
        new Pending(
            backend,
            product,
            initiator,
            originatorConversationId != null
                ? originatorConversationId
                : backend.ids.originatorConversationId(),
            backend.ids.conversationId(now),
            resultUrl,
            queueTimeoutUrl,
            backend.results.take());
    backend.later(backend.resultDelay, () -> pending.complete(outcome));
    return ack(pending.originatorConversationId, pending.conversationId);
  }

  /** An accepted request until its Result (or timeout notice) is sent. */
  static final class Pending {
    private final Backend backend;
    final Product product;
    final Initiator initiator;
    final String originatorConversationId;
    final String conversationId;
    final URI resultUrl;
    final URI queueTimeoutUrl;
    private final Results.Script script;

    private Pending(
        Backend backend,
        Product product,
        Initiator initiator,
        String originatorConversationId,
        String conversationId,
        URI resultUrl,
        URI queueTimeoutUrl,
        Results.Script script) {
      this.backend = backend;
      this.product = product;
      this.initiator = initiator;
      this.originatorConversationId = originatorConversationId;
      this.conversationId = conversationId;
      this.resultUrl = resultUrl;
      this.queueTimeoutUrl = queueTimeoutUrl;
      this.script = script;
    }

    /**
     * Sends what the request ends with: a scripted timeout or failure first, then a bad initiator
     * ({@code 2001}), else the desk's outcome.
     */
    private void complete(Outcome outcome) {
      Instant at = backend.now();
      if (script != null && script.timesOut()) {
        backend.courier.post(
            CallbackKind.QUEUE_TIMEOUT, queueTimeoutUrl, timeout(at), conversationId);
        return;
      }
      ObjectNode body;
      if (script != null) {
        body = failure(script.resultCode(), script.resultDesc(), at);
      } else if (!backend.initiatorValid(initiator.name(), initiator.securityCredential())) {
        body = failure("2001", INITIATOR_INVALID, at);
      } else {
        body = outcome.complete(this, at);
      }
      backend.courier.post(CallbackKind.RESULT, resultUrl, body, conversationId);
    }

    /** The queue-timeout notice: undocumented by Safaricom; the shape SDKs assume (§3.3). */
    private ObjectNode timeout(Instant at) {
      ObjectNode result = head(0, "1", false, TIMED_OUT, backend.ids.placeholderReceipt(at));
      result.putObject("ReferenceData").set("ReferenceItem", product.failureReference());
      return wrap(result);
    }

    /**
     * A failed Result: the code, a placeholder {@code TransactionID}, and no parameters, except the
     * lone {@code BOCompletedTime} (a bare object) of B2B-style products.
     */
    ObjectNode failure(String code, String desc, Instant at) {
      ObjectNode result = head(0, code, false, desc, backend.ids.placeholderReceipt(at));
      if (product.failureTime) {
        result
            .putObject("ResultParameters")
            .set(
                "ResultParameter",
                new Pairs().number("BOCompletedTime", Wire.compactNumber(at)).single());
      }
      result.putObject("ReferenceData").set("ReferenceItem", product.failureReference());
      return wrap(result);
    }

    /**
     * A successful Result.
     *
     * @param transactionId the receipt, or a placeholder where Daraja sends one
     * @param parameters the {@code ResultParameter} value (array, or object for one)
     * @param referenceItems the {@code ReferenceItem} value (array or object)
     */
    ObjectNode success(String transactionId, JsonNode parameters, JsonNode referenceItems) {
      boolean strings = product.stringSuccessCodes;
      ObjectNode result = head(0, "0", strings, product.successDesc, transactionId);
      result.putObject("ResultParameters").set("ResultParameter", parameters);
      result.putObject("ReferenceData").set("ReferenceItem", referenceItems);
      return wrap(result);
    }

    /** The {@code QueueTimeoutURL} reference item of this product. */
    JsonNode queueReference() {
      return new Pairs().text("QueueTimeoutURL", product.queueUrl).single();
    }

    /**
     * The ledger entry of money this request moves: under a new receipt and the request's ids.
     *
     * @param billReference the entry's bill reference, or null
     */
    Ledger.Entry entry(
        Ledger.Kind kind,
        BigDecimal amount,
        String debitParty,
        String creditParty,
        String billReference,
        Instant at) {
      return new Ledger.Entry(
          backend.ids.receipt(at),
          kind,
          amount,
          debitParty,
          creditParty,
          originatorConversationId,
          conversationId,
          billReference,
          at);
    }

    /**
     * A placeholder receipt ({@code OAK0000000}) for results that carry no receipt of their own.
     */
    String placeholder(Instant at) {
      return backend.ids.placeholderReceipt(at);
    }

    private ObjectNode head(
        int type, String code, boolean strings, String desc, String transactionId) {
      ObjectNode result = Wire.object();
      putCode(result, "ResultType", Integer.toString(type), strings);
      putCode(result, "ResultCode", code, strings);
      result.put("ResultDesc", desc);
      result.put("OriginatorConversationID", originatorConversationId);
      result.put("ConversationID", conversationId);
      result.put("TransactionID", transactionId);
      return result;
    }

    private static ObjectNode wrap(ObjectNode result) {
      ObjectNode body = Wire.object();
      body.set("Result", result);
      return body;
    }
  }
}
