package dev.mpesa.callback;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpesa.internal.Checks;

/**
 * The acknowledgement you send back for a callback that is not a C2B validation request: the C2B
 * confirmation, the STK callback, and the Result and QueueTimeOut callbacks of the asynchronous
 * APIs.
 *
 * <p>Persist the callback first, then answer HTTP 200 with {@link #toJson()} ({@code
 * application/json}) quickly, and act on it afterwards. The wire format:
 *
 * <pre>{@code
 * {"ResultCode":0,"ResultDesc":"Success"}    confirmationReceived(): the C2B confirmation (documented)
 * {"ResultCode":0,"ResultDesc":"Accepted"}   acknowledge(): everything else (common practice)
 * }</pre>
 *
 * <p>{@code ResultCode} is a JSON <b>number</b> here, unlike the string of {@link
 * C2bValidationReply}. Daraja documents only the C2B confirmation acknowledgement; for STK, Result
 * and timeout callbacks no body is documented and the SDK follows common practice. Bill Manager
 * payment notifications take {@link BillPaymentReply} instead. Instances are immutable and
 * thread-safe.
 *
 * @param resultCode {@code ResultCode}; Daraja documents only {@code 0}
 * @param resultDesc {@code ResultDesc}: not blank, at most {@value
 *     C2bValidationReply#MAX_RESULT_DESC} characters
 */
public record CallbackReply(int resultCode, String resultDesc) {

  private static final CallbackReply ACKNOWLEDGE = new CallbackReply(0, "Accepted");
  private static final CallbackReply CONFIRMATION_RECEIVED = new CallbackReply(0, "Success");

  /**
   * Validates the description.
   *
   * @throws IllegalArgumentException if {@code resultDesc} is null
   * @throws IllegalArgumentException if it is blank or longer than {@value
   *     C2bValidationReply#MAX_RESULT_DESC} characters
   */
  public CallbackReply {
    Checks.required(resultDesc, "resultDesc");
    C2bValidationReply.checkResultDesc(resultDesc);
  }

  /**
   * The acknowledgement for an STK, Result, QueueTimeOut, B2B Express Checkout or Ratiba callback:
   * {@code {"ResultCode":0,"ResultDesc":"Accepted"}}.
   */
  public static CallbackReply acknowledge() {
    return ACKNOWLEDGE;
  }

  /**
   * The documented acknowledgement of a C2B confirmation: {@code
   * {"ResultCode":0,"ResultDesc":"Success"}}.
   */
  public static CallbackReply confirmationReceived() {
    return CONFIRMATION_RECEIVED;
  }

  /**
   * The reply as Daraja expects it: compact JSON, {@code ResultCode} as a number, text escaped.
   * Send it UTF-8 encoded with {@code Content-Type: application/json}.
   */
  public String toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("ResultCode", resultCode);
    json.put("ResultDesc", resultDesc);
    return json.toString();
  }
}
