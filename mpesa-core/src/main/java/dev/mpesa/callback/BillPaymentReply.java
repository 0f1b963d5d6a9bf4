package dev.mpesa.callback;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpesa.internal.Checks;

/**
 * Your answer to a Bill Manager payment notification ({@link BillPaymentNotification}).
 *
 * <p>Bill Manager retries a notification up to 5 times until it gets this answer, so persist the
 * payment first, then answer HTTP 200 with {@link #toJson()} ({@code application/json}). Bill
 * Manager's lowercase wire format, codes as strings:
 *
 * <pre>{@code
 * {"resmsg":"Success","rescode":"200"}
 * }</pre>
 *
 * <p>This tells Bill Manager you received the payment; sending the e-receipt to the customer is a
 * separate call ({@code reconciliation}). Instances are immutable and thread-safe.
 *
 * @param resultMessage {@code resmsg}, not blank
 * @param resultCode {@code rescode}, not blank; {@code "200"} is success
 */
public record BillPaymentReply(String resultMessage, String resultCode) {

  private static final BillPaymentReply SUCCESS = new BillPaymentReply("Success", "200");

  /**
   * Validates the reply.
   *
   * @throws IllegalArgumentException if a component is null
   * @throws IllegalArgumentException if a component is blank
   */
  public BillPaymentReply {
    Checks.required(resultMessage, "resultMessage");
    Checks.required(resultCode, "resultCode");
    if (resultMessage.isBlank() || resultCode.isBlank()) {
      throw new IllegalArgumentException("resultMessage and resultCode must not be blank");
    }
  }

  /** The documented answer: {@code {"resmsg":"Success","rescode":"200"}}. */
  public static BillPaymentReply success() {
    return SUCCESS;
  }

  /**
   * The reply as Bill Manager expects it: compact JSON, both values strings, text escaped. Send it
   * UTF-8 encoded with {@code Content-Type: application/json}.
   */
  public String toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("resmsg", resultMessage);
    json.put("rescode", resultCode);
    return json.toString();
  }
}
