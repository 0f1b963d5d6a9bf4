package dev.mpesa.callback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.callback.C2bTransaction.Stage;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.internal.Checks;
import java.math.BigDecimal;

/**
 * Parses the C2B validation and confirmation bodies (API.md §5.5), one flat object:
 *
 * <pre>{@code
 * {"TransactionType":"Pay Bill","TransID":"RKL51ZDR4F","TransTime":"20231121121325",
 *  "TransAmount":"5.00","BusinessShortCode":"600966","BillRefNumber":"Sample Transaction",
 *  "InvoiceNumber":"","OrgAccountBalance":"25.00","ThirdPartyTransID":"",
 *  "MSISDN":"2547 ***** 126","FirstName":"NICHOLAS","MiddleName":"","LastName":""}
 * }</pre>
 *
 * <p>{@code TransID} (string or number, not blank) and {@code TransAmount} (a number or numeric
 * string greater than zero) are required: without them the body cannot be matched to a payment.
 * Everything else is optional and read as sent; fields are matched exactly first, then ignoring
 * case; unknown fields are ignored. Stateless and thread-safe.
 */
final class C2bCallbackParser {

  static final String VALIDATION = "C2B validation: ";
  static final String CONFIRMATION = "C2B confirmation: ";

  private C2bCallbackParser() {}

  /** A validation request from the raw bytes, decoded as strict UTF-8. */
  static C2bTransaction parseValidation(byte[] body) {
    return parse(CallbackJson.utf8(VALIDATION, body), Stage.VALIDATION);
  }

  /** A validation request: a payment M-Pesa has not made yet. */
  static C2bTransaction parseValidation(String body) {
    return parse(body, Stage.VALIDATION);
  }

  /** A confirmation from the raw bytes, decoded as strict UTF-8. */
  static C2bTransaction parseConfirmation(byte[] body) {
    return parse(CallbackJson.utf8(CONFIRMATION, body), Stage.CONFIRMATION);
  }

  /** A confirmation: a completed payment. */
  static C2bTransaction parseConfirmation(String body) {
    return parse(body, Stage.CONFIRMATION);
  }

  /**
   * Parses a C2B body received at the URL of {@code stage}.
   *
   * @throws CallbackParseException if the body is null, blank, not exactly one JSON object, or
   *     lacks a usable {@code TransID} or {@code TransAmount}
   */
  static C2bTransaction parse(String body, Stage stage) {
    Checks.required(stage, "stage");
    String kind = stage == Stage.VALIDATION ? VALIDATION : CONFIRMATION;
    JsonNode root = CallbackJson.readObject(kind, body);

    String transId = CallbackJson.requireText(kind, root, "TransID", "TransID");
    BigDecimal amount = CallbackFields.requireAmount(kind, root, "TransAmount", "TransAmount");

    return new C2bTransaction(
        stage,
        CallbackFields.text(root, "TransactionType"),
        transId,
        CallbackFields.text(root, "TransTime"),
        amount,
        CallbackFields.text(root, "BusinessShortCode"),
        CallbackFields.text(root, "BillRefNumber"),
        CallbackFields.text(root, "InvoiceNumber"),
        CallbackFields.optionalAmount(root, "OrgAccountBalance"),
        CallbackFields.text(root, "ThirdPartyTransID"),
        CallbackFields.text(root, "MSISDN"),
        CallbackFields.text(root, "FirstName"),
        CallbackFields.text(root, "MiddleName"),
        CallbackFields.text(root, "LastName"),
        body);
  }
}
