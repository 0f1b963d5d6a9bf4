package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ResultCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of an M-Pesa Ratiba standing-order request, as Daraja POSTs it to the request's
 * {@code CallBackURL}: a {@code responseHeader} and a {@code responseBody} whose {@code
 * responseData} is a list of name/value pairs.
 *
 * <pre>{@code
 * {"responseHeader":{"responseRefID":"0acc0239-...","requestRefID":"0acc0239-...",
 *    "responseCode":"0","responseDescription":"The service request is processed successfully"},
 *  "responseBody":{"responseData":[{"name":"TransactionID","value":"SC8F2IQMH5"},
 *    {"name":"responseCode","value":"0"},{"name":"Status","value":"OKAY"},
 *    {"name":"Msisdn","value":"254******867"}]}}
 * }</pre>
 *
 * <p>Key casing varies between deliveries ({@code responseHeader}/{@code ResponseHeader}, {@code
 * name}/{@code Name}); all are read ignoring case. Success is {@code responseCode} {@code "0"}
 * here, not the {@code "200"} of the synchronous answer. A failure carries a placeholder {@code
 * TransactionID} such as {@code "0000000000"}. Daraja does not document whether a payment is taken
 * when the order is created: reconcile before treating {@link #transactionId()} as money received.
 *
 * <p>Instances are immutable and thread-safe; {@link #toString()} masks the number, lists the data
 * by name only and leaves out the raw body.
 *
 * @param requestRefId {@code responseHeader.requestRefID}, or null if absent
 * @param responseRefId {@code responseHeader.responseRefID}, or null if absent; at least one of the
 *     two ids is present and not blank
 * @param resultCode {@code responseHeader.responseCode} (or, without it, the {@code responseCode}
 *     pair), normalised to a string; never null
 * @param resultDesc {@code responseHeader.responseDescription}, or null if absent
 * @param transactionId the {@code TransactionID} pair: the M-Pesa transaction, or a placeholder of
 *     zeros on failure; null if absent
 * @param statusText the {@code Status} pair as sent ({@code "OKAY"}, {@code "ERROR"}), or null
 * @param msisdn the {@code Msisdn} pair exactly as sent, usually masked ({@code "254******867"});
 *     not validated; null if absent
 * @param data every {@code responseData} pair in the order sent, name to the text of its value (a
 *     pair without a value maps to null); never null, unmodifiable
 * @param rawJson the body as received, or null if this record was not parsed from a body
 */
public record StandingOrderCallback(
    String requestRefId,
    String responseRefId,
    ResultCode resultCode,
    String resultDesc,
    String transactionId,
    String statusText,
    String msisdn,
    Map<String, String> data,
    String rawJson)
    implements MpesaCallback {

  /** Codes that fail the request outright (LDD, single source): duplicate name, invalid field. */
  private static final Set<String> FAILURES = Set.of("1050", "1051");

  private static final Set<String> SUCCESS_STATUS_TEXTS = Set.of("OKAY", "OK", "SUCCESS");

  /**
   * Validates the identifiers and copies the data.
   *
   * @throws IllegalArgumentException if {@code resultCode} is null or {@code data} has a null name
   * @throws IllegalArgumentException if neither {@code requestRefId} nor {@code responseRefId} is
   *     present and not blank
   */
  public StandingOrderCallback {
    Checks.required(resultCode, "resultCode");
    if (isBlank(requestRefId) && isBlank(responseRefId)) {
      throw new IllegalArgumentException("requestRefId or responseRefId is required");
    }
    if (data == null) {
      data = Map.of();
    } else {
      Map<String, String> copy = new LinkedHashMap<>(data);
      if (copy.containsKey(null)) {
        throw new IllegalArgumentException("data name");
      }
      // Map.copyOf would reject the null values that stand for pairs without a value.
      data = Collections.unmodifiableMap(copy);
    }
  }

  /**
   * Where the standing-order request stands. {@code 0} is {@link PaymentStatus#COMPLETED}; {@code
   * 1050} and {@code 1051} are {@link PaymentStatus#FAILED}; the M-Pesa Express codes Ratiba shares
   * ({@code 1032} cancelled, {@code 1037} unreachable, {@code 2001} wrong PIN...) mean what they
   * mean for an STK push; any other code is {@link PaymentStatus#UNKNOWN}. A callback that
   * contradicts itself is {@link PaymentStatus#UNKNOWN} too: a {@code responseCode} pair that
   * differs from the header's, or a {@code 0} whose {@code Status} is present but not {@code OKAY}
   * (or {@code OK}, {@code SUCCESS}, in any case).
   */
  @Override
  public PaymentStatus status() {
    String pairCode = CallbackFields.lookup(data, "responseCode");
    if (pairCode != null && !sameCode(pairCode)) {
      return PaymentStatus.UNKNOWN;
    }
    if (resultCode.isSuccess()) {
      return statusText == null
              || SUCCESS_STATUS_TEXTS.contains(statusText.strip().toUpperCase(Locale.ROOT))
          ? PaymentStatus.COMPLETED
          : PaymentStatus.UNKNOWN;
    }
    if (FAILURES.contains(resultCode.value())) {
      return PaymentStatus.FAILED;
    }
    return resultCode.stk().status();
  }

  /**
   * Whether the standing order was created: {@link #status()} is {@link PaymentStatus#COMPLETED}.
   */
  public boolean isSuccess() {
    return status() == PaymentStatus.COMPLETED;
  }

  /**
   * The key to de-duplicate deliveries by: the {@code requestRefID}, or the {@code responseRefID}
   * when the header has no {@code requestRefID}.
   */
  @Override
  public String idempotencyKey() {
    return isBlank(requestRefId) ? responseRefId : requestRefId;
  }

  /** A description for logs: the number masked, the data by name only, the raw body by length. */
  @Override
  public String toString() {
    return "StandingOrderCallback[requestRefId="
        + requestRefId
        + ", responseRefId="
        + responseRefId
        + ", resultCode="
        + resultCode
        + ", resultDesc="
        + resultDesc
        + ", transactionId="
        + transactionId
        + ", statusText="
        + statusText
        + ", msisdn="
        + (msisdn == null ? null : PhoneNumber.mask(msisdn))
        + ", data="
        + data.keySet()
        + ", rawJson="
        + CallbackFields.rawJsonSummary(rawJson)
        + "]";
  }

  private boolean sameCode(String text) {
    try {
      return ResultCode.of(text).equals(resultCode);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
