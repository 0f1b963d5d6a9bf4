package dev.mpesa.callback;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpesa.internal.Checks;
import java.util.Optional;

/**
 * Your answer to a C2B validation request: accept the payment, or reject it with a reason.
 *
 * <p>Send {@link #toJson()} as the body of an HTTP 200 ({@code application/json}) within about 8
 * seconds of the request; if M-Pesa gets no usable answer in time it applies the {@code
 * ResponseType} registered for the short code ({@code Completed} accepts, {@code Cancelled}
 * rejects). An accepted payment is not yet paid: wait for the confirmation. Daraja's wire format:
 *
 * <pre>{@code
 * {"ResultCode":"0","ResultDesc":"Accepted"}                     accept()
 * {"ResultCode":"0","ResultDesc":"Accepted","ThirdPartyTransID":"INV-7"}   accept("INV-7")
 * {"ResultCode":"C2B00012","ResultDesc":"Rejected"}              reject(INVALID_ACCOUNT_NUMBER)
 * }</pre>
 *
 * <p>{@code ResultCode} is a JSON <b>string</b> here, unlike the numeric {@code 0} of {@link
 * CallbackReply}. Instances are immutable and thread-safe.
 *
 * @param resultCode {@code ResultCode}: {@code "0"} to accept, or the code of a {@link
 *     RejectReason}
 * @param resultDesc {@code ResultDesc}: not blank, at most {@value #MAX_RESULT_DESC} characters
 * @param thirdPartyTransId {@code ThirdPartyTransID}: your own reference for the payment, which
 *     M-Pesa echoes in the confirmation; only with an acceptance; null to leave it out
 */
public record C2bValidationReply(String resultCode, String resultDesc, String thirdPartyTransId) {

  /**
   * Longest {@code ResultDesc} accepted. One SDK warns beyond 90 characters (single source); what
   * Daraja does with a longer one is not documented, and a reply it cannot use means the default
   * {@code ResponseType} decides the payment, so the SDK refuses to build one.
   */
  public static final int MAX_RESULT_DESC = 90;

  private static final String ACCEPTED_CODE = "0";
  private static final C2bValidationReply ACCEPT =
      new C2bValidationReply(ACCEPTED_CODE, "Accepted", null);

  /** Why a payment is rejected: the documented C2B rejection codes. */
  public enum RejectReason {
    /** {@code C2B00011}: the payer's number is not acceptable. */
    INVALID_MSISDN("C2B00011", "Invalid MSISDN"),
    /** {@code C2B00012}: no such account ({@code BillRefNumber}). */
    INVALID_ACCOUNT_NUMBER("C2B00012", "Invalid Account Number"),
    /**
     * {@code C2B00013}: the amount is not acceptable (too small, too large, not the amount due).
     */
    INVALID_AMOUNT("C2B00013", "Invalid Amount"),
    /** {@code C2B00014}: the payer's KYC details (names) are not acceptable. */
    INVALID_KYC_DETAILS("C2B00014", "Invalid KYC Details"),
    /** {@code C2B00015}: the short code is not acceptable. */
    INVALID_SHORTCODE("C2B00015", "Invalid Shortcode"),
    /** {@code C2B00016}: any other reason. */
    OTHER_ERROR("C2B00016", "Other Error");

    private final String code;
    private final String description;

    RejectReason(String code, String description) {
      this.code = code;
      this.description = description;
    }

    /** The code sent as {@code ResultCode}, such as {@code "C2B00011"}. */
    public String code() {
      return code;
    }

    /** Daraja's name for the reason, such as {@code "Invalid MSISDN"}. */
    public String description() {
      return description;
    }

    /**
     * The reason with this code.
     *
     * @param code a code such as {@code "C2B00012"}; may be null
     * @return the reason, or empty if {@code code} is not a rejection code
     */
    public static Optional<RejectReason> of(String code) {
      for (RejectReason r : values()) {
        if (r.code.equals(code)) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Validates the reply so that only one Daraja understands can be built.
   *
   * @throws IllegalArgumentException if {@code resultCode} or {@code resultDesc} is null
   * @throws IllegalArgumentException if {@code resultCode} is neither {@code "0"} nor a rejection
   *     code, {@code resultDesc} is blank or longer than {@value #MAX_RESULT_DESC} characters, or
   *     {@code thirdPartyTransId} is blank or given with a rejection
   */
  public C2bValidationReply {
    Checks.required(resultCode, "resultCode");
    Checks.required(resultDesc, "resultDesc");
    if (!ACCEPTED_CODE.equals(resultCode) && RejectReason.of(resultCode).isEmpty()) {
      throw new IllegalArgumentException(
          "resultCode must be \"0\" (accept) or a C2B rejection code C2B00011..C2B00016, got '"
              + resultCode
              + "'");
    }
    checkResultDesc(resultDesc);
    if (thirdPartyTransId != null) {
      if (!ACCEPTED_CODE.equals(resultCode)) {
        throw new IllegalArgumentException(
            "thirdPartyTransId goes only with an acceptance; Daraja echoes it in the confirmation");
      }
      if (thirdPartyTransId.isBlank()) {
        throw new IllegalArgumentException("thirdPartyTransId is blank; use null to leave it out");
      }
    }
  }

  /** Accepts the payment: {@code {"ResultCode":"0","ResultDesc":"Accepted"}}. */
  public static C2bValidationReply accept() {
    return ACCEPT;
  }

  /**
   * Accepts the payment and tags it with your own reference, which M-Pesa echoes as {@code
   * ThirdPartyTransID} in the confirmation.
   *
   * @param thirdPartyTransId your reference, not blank
   * @return {@code {"ResultCode":"0","ResultDesc":"Accepted","ThirdPartyTransID":"..."}}
   * @throws IllegalArgumentException if {@code thirdPartyTransId} is null
   * @throws IllegalArgumentException if it is blank
   */
  public static C2bValidationReply accept(String thirdPartyTransId) {
    Checks.required(thirdPartyTransId, "thirdPartyTransId");
    return new C2bValidationReply(ACCEPTED_CODE, "Accepted", thirdPartyTransId);
  }

  /**
   * Rejects the payment: M-Pesa cancels it and the customer's money does not move.
   *
   * @param reason why
   * @return {@code {"ResultCode":"<reason code>","ResultDesc":"Rejected"}}
   * @throws IllegalArgumentException if {@code reason} is null
   */
  public static C2bValidationReply reject(RejectReason reason) {
    Checks.required(reason, "reason");
    return new C2bValidationReply(reason.code(), "Rejected", null);
  }

  /** Whether this reply accepts the payment. */
  public boolean isAccepted() {
    return ACCEPTED_CODE.equals(resultCode);
  }

  /** Why the payment is rejected; empty for an acceptance. */
  public Optional<RejectReason> rejectReason() {
    return RejectReason.of(resultCode);
  }

  /**
   * The reply as Daraja expects it: compact JSON, {@code ResultCode} as a string, text escaped.
   * Send it UTF-8 encoded with {@code Content-Type: application/json}.
   */
  public String toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("ResultCode", resultCode);
    json.put("ResultDesc", resultDesc);
    if (thirdPartyTransId != null) {
      json.put("ThirdPartyTransID", thirdPartyTransId);
    }
    return json.toString();
  }

  static void checkResultDesc(String resultDesc) {
    if (resultDesc.isBlank()) {
      throw new IllegalArgumentException("resultDesc is blank");
    }
    if (resultDesc.length() > MAX_RESULT_DESC) {
      throw new IllegalArgumentException(
          "resultDesc must be at most "
              + MAX_RESULT_DESC
              + " characters, got "
              + resultDesc.length());
    }
  }
}
