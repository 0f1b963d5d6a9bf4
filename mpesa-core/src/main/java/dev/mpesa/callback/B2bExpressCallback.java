package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ResultCode;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The outcome of a B2B Express Checkout (USSD push to a merchant's till), as Daraja POSTs it to the
 * request's {@code callbackUrl}: a flat camelCase object whose values are all strings.
 *
 * <pre>{@code
 * {"resultCode":"0","resultDesc":"The service request is processed successfully.","amount":"71.0",
 *  "requestId":"404e1aec-...","resultType":"0","conversationID":"AG_20230426_...",
 *  "transactionId":"RDQ01NFT1Q","status":"SUCCESS"}
 * {"resultCode":"4001","resultDesc":"User cancelled transaction","requestId":"c2a9ba32-...",
 *  "amount":"71.0","paymentReference":"MAndbubry3hi"}
 * }</pre>
 *
 * <p>Daraja documents two codes for this API: {@code 0} (paid) and {@code 4001} (the till operator
 * cancelled). Any other code is {@link PaymentStatus#UNKNOWN}: check with Transaction Status before
 * treating the payment as failed or pushing again. Daraja does not sign callbacks: match {@link
 * #requestId()} and {@link #amount()} against your own request before releasing value.
 *
 * <p>Instances are immutable and thread-safe; {@link #toString()} leaves out the raw body.
 *
 * @param requestId {@code requestId}: the {@code RequestRefID} your request sent; never null or
 *     blank
 * @param resultCode {@code resultCode}, normalised to a string; never null
 * @param resultDesc {@code resultDesc}, or null if absent
 * @param resultType {@code resultType} as sent ({@code "0"}), or null if absent
 * @param amount {@code amount} with at least two decimals ({@code "71.0"} gives {@code 71.00});
 *     null if absent or not numeric
 * @param transactionId {@code transactionId}: the M-Pesa receipt; null if absent (a cancellation
 *     has none)
 * @param conversationId {@code conversationID}, or null if absent
 * @param paymentReference {@code paymentReference}: the {@code paymentRef} of the request, where
 *     Daraja sends it
 * @param statusText {@code status} as sent ({@code "SUCCESS"}), or null if absent
 * @param rawJson the body as received, or null if this record was not parsed from a body
 */
public record B2bExpressCallback(
    String requestId,
    ResultCode resultCode,
    String resultDesc,
    String resultType,
    BigDecimal amount,
    String transactionId,
    String conversationId,
    String paymentReference,
    String statusText,
    String rawJson)
    implements MpesaCallback {

  /** The code Daraja sends when the till operator cancels the prompt. */
  public static final ResultCode USER_CANCELLED = new ResultCode("4001");

  /**
   * Validates the identifiers and normalises the amount.
   *
   * @throws IllegalArgumentException if {@code requestId} or {@code resultCode} is null
   * @throws IllegalArgumentException if {@code requestId} is blank
   */
  public B2bExpressCallback {
    Checks.required(requestId, "requestId");
    Checks.required(resultCode, "resultCode");
    if (requestId.isBlank()) {
      throw new IllegalArgumentException("requestId is blank");
    }
    amount = CallbackJson.money(amount);
  }

  /**
   * Where the payment stands: {@code 0} is {@link PaymentStatus#COMPLETED}, {@code 4001} {@link
   * PaymentStatus#CANCELLED}, any other code {@link PaymentStatus#UNKNOWN}. A {@code 0} whose
   * {@code status} field is present but not {@code SUCCESS} contradicts itself and is {@link
   * PaymentStatus#UNKNOWN} too.
   */
  @Override
  public PaymentStatus status() {
    if (resultCode.isSuccess()) {
      return statusText == null || "SUCCESS".equals(statusText.strip().toUpperCase(Locale.ROOT))
          ? PaymentStatus.COMPLETED
          : PaymentStatus.UNKNOWN;
    }
    return USER_CANCELLED.equals(resultCode) ? PaymentStatus.CANCELLED : PaymentStatus.UNKNOWN;
  }

  /** Whether the merchant paid: {@link #status()} is {@link PaymentStatus#COMPLETED}. */
  public boolean isSuccess() {
    return status() == PaymentStatus.COMPLETED;
  }

  /**
   * The key to de-duplicate deliveries by: the {@code requestId}, your own {@code RequestRefID},
   * present in every outcome (a cancellation has no {@code transactionId}).
   */
  @Override
  public String idempotencyKey() {
    return requestId;
  }

  /** A description for logs, with the raw body by length only. */
  @Override
  public String toString() {
    return "B2bExpressCallback[requestId="
        + requestId
        + ", resultCode="
        + resultCode
        + ", resultDesc="
        + resultDesc
        + ", resultType="
        + resultType
        + ", amount="
        + amount
        + ", transactionId="
        + transactionId
        + ", conversationId="
        + conversationId
        + ", paymentReference="
        + paymentReference
        + ", statusText="
        + statusText
        + ", rawJson="
        + CallbackFields.rawJsonSummary(rawJson)
        + "]";
  }
}
