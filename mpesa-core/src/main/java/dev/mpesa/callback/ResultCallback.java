package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.result.AccountQueryResult;
import dev.mpesa.result.B2cResult;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ResultCode;
import dev.mpesa.result.ReversalResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The outcome of an asynchronous Daraja request, as Daraja POSTs it to the request's {@code
 * ResultURL} (or, for a timeout, its {@code QueueTimeOutURL}): the {@code {"Result":{...}}}
 * envelope shared by B2C, B2Pochi, B2B, B2C account top-up, tax remittance, Account Balance,
 * Transaction Status and Reversal (API.md §3.2).
 *
 * <p>This record is the envelope as sent; the typed views read the parameters of each product:
 * {@link B2cPaymentResult}, {@link B2bPaymentResult}, {@link TaxRemittanceResult}, {@link
 * AccountBalanceResult}, {@link TransactionStatusResult} and {@link TransactionReversalResult}.
 * Parameters are looked up by {@code Key}, never by position.
 *
 * <p>A result is correlated with its request by {@code OriginatorConversationID} and {@code
 * ConversationID}, both returned by the acknowledgement. Daraja does not sign results: confirm a
 * payment (for example with Transaction Status) before releasing value, and use {@link
 * #idempotencyKey()} to handle a result delivered twice only once.
 *
 * <p>Build one with {@link Callbacks#parseResult(String)} or {@link
 * Callbacks#parseQueueTimeout(String)}. Instances are immutable and thread-safe. {@link
 * #toString()} prints parameters and reference items by key only (their values can hold phone
 * numbers and names) and the raw body by length only.
 *
 * @param resultType {@code ResultType} as text, numbers normalised like result codes ({@code 0},
 *     {@code "0"} and {@code 0.0} are all {@code "0"}): {@code "0"} completed, {@code "1"} waiting
 *     for further messages (see {@link #isInterim()}); null if absent or not a string or number
 * @param resultCode {@code ResultCode}, normalised to a string; never null, except for a timeout
 *     notice that carried no code
 * @param resultDesc {@code ResultDesc}, or null if absent
 * @param originatorConversationId {@code OriginatorConversationID} (also read under Daraja's
 *     misspelling {@code OriginatorCoversationID}), or null if absent; never null when {@code
 *     conversationId} is
 * @param conversationId {@code ConversationID}, or null if absent; never null when {@code
 *     originatorConversationId} is
 * @param transactionId the envelope's {@code TransactionID}: the M-Pesa receipt on success, a
 *     placeholder such as {@code OAK0000000} on many failures; null if absent
 * @param parameterValues every {@code ResultParameter} in the order sent, {@code Key} to the text
 *     of each {@code Value} sent under it (a key can repeat, as {@code DebitPartyName} does in
 *     Transaction Status results); an item without a {@code Value} contributes null; never null,
 *     unmodifiable
 * @param referenceData every {@code ReferenceItem}, {@code Key} to the text of its {@code Value}
 *     (null for an item without one, such as {@code {"Key":"Occassion"}}); when a key repeats, the
 *     first item with a value wins; never null, unmodifiable
 * @param timeout whether this is a queue-timeout notice (see {@link #isTimeout()})
 * @param rawJson the body as received, or null if this result was not parsed from a body
 */
public record ResultCallback(
    String resultType,
    ResultCode resultCode,
    String resultDesc,
    String originatorConversationId,
    String conversationId,
    String transactionId,
    Map<String, List<String>> parameterValues,
    Map<String, String> referenceData,
    boolean timeout,
    String rawJson)
    implements MpesaCallback {

  /**
   * Validates the identifiers and copies the parameters.
   *
   * @throws IllegalArgumentException if both conversation ids are null or blank
   * @throws IllegalArgumentException if {@code resultCode} is null and this is not a timeout, or a
   *     parameter or reference key (or a parameter's list of values) is null
   */
  public ResultCallback {
    originatorConversationId = blankToNull(originatorConversationId);
    conversationId = blankToNull(conversationId);
    if (originatorConversationId == null && conversationId == null) {
      throw new IllegalArgumentException(
          "a result needs an originatorConversationId or a conversationId");
    }
    if (resultCode == null && !timeout) {
      throw new IllegalArgumentException("resultCode");
    }
    parameterValues = copyValues(parameterValues);
    referenceData = copyReferences(referenceData);
  }

  /**
   * The parameters by {@code Key}: for each key, the first value sent under it, or null if no item
   * of that key has a {@code Value}. Use {@link #parameterValues(String)} for every value of a key
   * that repeats.
   *
   * @return the parameters in the order sent; never null, unmodifiable
   */
  public Map<String, String> parameters() {
    Map<String, String> first = new LinkedHashMap<>();
    parameterValues.forEach((key, values) -> first.put(key, firstValue(values)));
    return Collections.unmodifiableMap(first);
  }

  /**
   * The value of one parameter: the first value sent under {@code key}, matched exactly and then
   * ignoring case.
   *
   * @param key a {@code ResultParameter} key such as {@code "TransactionAmount"}
   * @return the value as text (a number in plain notation), or null if no item of that key has a
   *     {@code Value}
   */
  public String parameter(String key) {
    return firstValue(parameterValues(key));
  }

  /**
   * Every value sent under one parameter key, matched exactly and then ignoring case, in the order
   * sent: Transaction Status results, for one, send {@code DebitPartyName} twice.
   *
   * @param key a {@code ResultParameter} key
   * @return the values, null for an item without a {@code Value}; empty if the key is absent;
   *     unmodifiable
   */
  public List<String> parameterValues(String key) {
    if (key == null) {
      return List.of();
    }
    List<String> exact = parameterValues.get(key);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, List<String>> e : parameterValues.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return List.of();
  }

  /**
   * The value of one reference item, matched exactly and then ignoring case.
   *
   * @param key a {@code ReferenceItem} key such as {@code "BillReferenceNumber"}
   * @return the value as text, or null if absent or sent without a {@code Value}
   */
  public String reference(String key) {
    if (key == null) {
      return null;
    }
    if (referenceData.containsKey(key)) {
      return referenceData.get(key);
    }
    for (Map.Entry<String, String> e : referenceData.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key) && e.getValue() != null) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * The occasion the request carried, echoed as a reference item under either of Daraja's
   * spellings: {@code Occassion} (B2C v3, B2B, top-up) or {@code Occasion} (Transaction Status,
   * Reversal, B2C v1). Daraja often echoes the key without a {@code Value}.
   *
   * @return the occasion, or null if absent or sent without a value
   */
  public String occasion() {
    String occassion = reference("Occassion");
    return occassion != null ? occassion : reference("Occasion");
  }

  /**
   * Whether Daraja processed the request: {@code ResultCode} is {@code 0} and this is neither a
   * timeout notice nor an interim message. For a Transaction Status result this says the query
   * worked, not that the transaction it asked about completed: see {@link #status()}.
   */
  public boolean isSuccess() {
    return resultCode != null && resultCode.isSuccess() && !timeout && !isInterim();
  }

  /**
   * Whether this is a queue-timeout notice: parsed by {@link Callbacks#parseQueueTimeout(String)}
   * (a body posted to the request's {@code QueueTimeOutURL}), or a result with a non-zero code
   * whose {@code ResultDesc} says the request timed out ({@code "The service request has timed
   * out."}).
   *
   * <p>A timeout says nothing about whether money moved: the request may still be processed, or may
   * have been. Reconcile with Transaction Status (by {@code OriginatorConversationID} or receipt)
   * before sending the payment again.
   */
  public boolean isTimeout() {
    return timeout;
  }

  /**
   * Whether {@code ResultType} is {@code 1}, "waiting for further messages": Daraja has more to say
   * about this request, so nothing here is final.
   */
  public boolean isInterim() {
    return "1".equals(resultType);
  }

  /**
   * Where the request stands according to this result, without knowing which product sent it.
   *
   * <ul>
   *   <li>A timeout notice is {@link PaymentStatus#UNKNOWN}, never {@link PaymentStatus#TIMED_OUT}:
   *       {@code TIMED_OUT} is final (a new attempt is a new payment), but a queue timeout does not
   *       say whether the money moved, and paying again could pay twice. Reconcile first.
   *   <li>An interim message ({@code ResultType} 1) is {@link PaymentStatus#PENDING}.
   *   <li>{@code ResultCode} 0 is {@link PaymentStatus#COMPLETED}, except for a Transaction Status
   *       result (recognised by its {@code TransactionStatus} parameter), which reports the state
   *       of the transaction it asked about: {@code Completed} is {@code COMPLETED}, {@code
   *       Cancelled} {@code CANCELLED}, {@code Declined} {@code FAILED}, {@code Expired} {@code
   *       TIMED_OUT}, {@code Initiated} or {@code Authorized} {@code PENDING}, anything else {@code
   *       UNKNOWN}.
   *   <li>A non-zero code is {@link PaymentStatus#FAILED} when a payment view knows it ({@link
   *       B2cResult}, {@link ReversalResult}) and every view that knows it, {@link
   *       AccountQueryResult} included, calls it a failure ({@code 1}, {@code 2001}, {@code
   *       R000002}...). Otherwise it is {@link PaymentStatus#UNKNOWN}: unknown codes, codes after
   *       which the outcome is not known ({@code 15} duplicate, {@code 17} internal failure, {@code
   *       26} system busy), and codes only queries send ({@code 2032} receipt not found), since a
   *       failed query says nothing about a payment.
   * </ul>
   *
   * <p>The typed views refine this with their product's codes, for example {@link
   * B2cPaymentResult#status()}.
   */
  @Override
  public PaymentStatus status() {
    return statusBy(this::genericStatus);
  }

  /**
   * The key to de-duplicate deliveries by: {@code OriginatorConversationID + "/" + ConversationID},
   * each as sent (an absent one is empty), for example {@code
   * "53e3-4aa8-9fe0-8fb5e4092cdd3533373/AG_20240706_2010364430d9bbdaf872"}.
   *
   * <p>A timeout notice gets {@code "#timeout"} appended and an interim message {@code "#interim"},
   * so that the final result of the same request, which carries the same ids, is not mistaken for a
   * repeat of them.
   */
  @Override
  public String idempotencyKey() {
    String key =
        (originatorConversationId == null ? "" : originatorConversationId)
            + "/"
            + (conversationId == null ? "" : conversationId);
    if (timeout) {
      return key + "#timeout";
    }
    return isInterim() ? key + "#interim" : key;
  }

  /**
   * The status under a product's reading of the code: timeouts are {@link PaymentStatus#UNKNOWN}
   * and interim messages {@link PaymentStatus#PENDING} whatever the code says.
   */
  PaymentStatus statusBy(Function<ResultCode, PaymentStatus> view) {
    if (timeout || resultCode == null) {
      return PaymentStatus.UNKNOWN;
    }
    if (isInterim()) {
      return PaymentStatus.PENDING;
    }
    return view.apply(resultCode);
  }

  private PaymentStatus genericStatus(ResultCode code) {
    if (code.isSuccess()) {
      List<String> states = parameterValues("TransactionStatus");
      return states.isEmpty()
          ? PaymentStatus.COMPLETED
          : TransactionStatusResult.stateOf(firstValue(states));
    }
    // Only a code that a payment view knows can say a payment failed; every view must agree.
    B2cResult b2c = code.b2c();
    ReversalResult reversal = code.reversal();
    AccountQueryResult query = code.accountQuery();
    if (b2c == B2cResult.UNKNOWN && reversal == ReversalResult.UNKNOWN) {
      return PaymentStatus.UNKNOWN;
    }
    boolean failed =
        (b2c == B2cResult.UNKNOWN || b2c.status() == PaymentStatus.FAILED)
            && (reversal == ReversalResult.UNKNOWN || reversal.status() == PaymentStatus.FAILED)
            && (query == AccountQueryResult.UNKNOWN || query.status() == PaymentStatus.FAILED);
    return failed ? PaymentStatus.FAILED : PaymentStatus.UNKNOWN;
  }

  /** Whether a {@code ResultDesc} says the request timed out. */
  static boolean describesTimeout(String resultDesc) {
    if (resultDesc == null) {
      return false;
    }
    String d = resultDesc.toLowerCase(Locale.ROOT);
    return d.contains("timed out") || d.contains("timeout") || d.contains("time out");
  }

  /**
   * A description for logs: parameters and reference items by key only, the raw body by length
   * only.
   */
  @Override
  public String toString() {
    return "ResultCallback[resultType="
        + resultType
        + ", resultCode="
        + resultCode
        + ", resultDesc="
        + resultDesc
        + ", originatorConversationId="
        + originatorConversationId
        + ", conversationId="
        + conversationId
        + ", transactionId="
        + transactionId
        + ", parameters="
        + parameterValues.keySet()
        + ", referenceData="
        + referenceData.keySet()
        + ", timeout="
        + timeout
        + ", rawJson="
        + (rawJson == null ? null : "<" + rawJson.length() + " chars>")
        + "]";
  }

  private static String firstValue(List<String> values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Map<String, List<String>> copyValues(Map<String, List<String>> values) {
    if (values == null) {
      return Map.of();
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach(
        (key, list) -> {
          Checks.required(key, "parameter key");
          Checks.required(list, "parameter values");
          // List.copyOf would reject the nulls that stand for items without a Value.
          copy.put(key, Collections.unmodifiableList(new ArrayList<>(list)));
        });
    return Collections.unmodifiableMap(copy);
  }

  private static Map<String, String> copyReferences(Map<String, String> references) {
    if (references == null) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>(references);
    if (copy.containsKey(null)) {
      throw new IllegalArgumentException("reference key");
    }
    return Collections.unmodifiableMap(copy);
  }
}
