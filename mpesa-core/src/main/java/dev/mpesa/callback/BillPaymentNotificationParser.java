package dev.mpesa.callback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.error.CallbackParseException;
import java.math.BigDecimal;

/**
 * Parses the Bill Manager payment notification (API.md §5.16), one flat camelCase object. {@code
 * transactionId} (string or number, not blank) and {@code paidAmount} (a number or numeric string
 * greater than zero) are required; everything else is optional. Fields are matched exactly first,
 * then ignoring case; unknown fields are ignored. Stateless and thread-safe.
 */
final class BillPaymentNotificationParser {

  static final String KIND = "Bill Manager payment notification: ";

  private BillPaymentNotificationParser() {}

  /** Parses the raw bytes, decoded as strict UTF-8. */
  static BillPaymentNotification parse(byte[] body) {
    return parse(CallbackJson.utf8(KIND, body));
  }

  /**
   * Parses a Bill Manager payment notification.
   *
   * @throws CallbackParseException if the body is null, blank, not exactly one JSON object, or
   *     lacks a usable {@code transactionId} or {@code paidAmount}
   */
  static BillPaymentNotification parse(String body) {
    JsonNode root = CallbackJson.readObject(KIND, body);
    String transactionId = CallbackJson.requireText(KIND, root, "transactionId", "transactionId");
    BigDecimal paidAmount = CallbackFields.requireAmount(KIND, root, "paidAmount", "paidAmount");
    return new BillPaymentNotification(
        transactionId,
        paidAmount,
        CallbackFields.text(root, "msisdn"),
        CallbackFields.text(root, "dateCreated"),
        CallbackFields.text(root, "accountReference"),
        CallbackFields.text(root, "shortCode"),
        body);
  }
}
