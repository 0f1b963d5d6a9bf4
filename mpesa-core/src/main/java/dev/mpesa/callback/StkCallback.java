package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ResultCode;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The outcome of an M-Pesa Express (STK push) request, as Daraja POSTs it to the request's {@code
 * CallBackURL}.
 *
 * <p>Daraja sends {@code {"Body":{"stkCallback":{...}}}} once the customer has paid, cancelled, or
 * failed to answer. Only a successful payment ({@code ResultCode} 0) carries {@code
 * CallbackMetadata}; on every other outcome {@link #amount()}, {@link #receiptNumber()}, {@link
 * #transactionDate()} and {@link #phoneNumber()} are null. Daraja does not sign callbacks: confirm
 * the payment with an STK query before releasing value, and use {@link #idempotencyKey()} to handle
 * a callback delivered twice only once.
 *
 * <p>Build one with {@link Callbacks#parseStk(String)}. Instances are immutable and thread-safe.
 * {@link #toString()} masks the phone number and leaves out the raw body.
 *
 * @param merchantRequestId Daraja's {@code MerchantRequestID}, or null if absent
 * @param checkoutRequestId Daraja's {@code CheckoutRequestID}, the identifier returned by the push;
 *     never null
 * @param resultCode the outcome ({@code ResultCode}), normalised to a string; never null
 * @param resultDesc Daraja's {@code ResultDesc}, or null if absent
 * @param amount the {@code Amount} item, with at least two decimal places ({@code 1}, {@code 1.00}
 *     and {@code "1.00"} all give {@code 1.00}); null if absent or not numeric
 * @param receiptNumber the {@code MpesaReceiptNumber} item, or null if absent
 * @param balance the {@code Balance} item as a number, normalised like {@code amount}; null when it
 *     has no {@code Value} (the usual case) or is not numeric, such as {@code
 *     "{Amount={BasicAmount=123.45, ...}}"}, whose text stays in {@code metadata}
 * @param transactionDate the {@code TransactionDate} item exactly as sent, {@code yyyyMMddHHmmss}
 *     in East Africa Time (for example {@code "20191219102115"}), or null if absent
 * @param phoneNumber the {@code PhoneNumber} item exactly as sent (for example {@code
 *     "254708374149"}), not validated because Daraja may mask it; null if absent
 * @param metadata every {@code CallbackMetadata} item in the order sent, {@code Name} to the text
 *     of its {@code Value}; an item without a {@code Value} maps to null; never null, unmodifiable
 * @param rawJson the body as received, or null if this callback was not parsed from a body
 */
public record StkCallback(
    String merchantRequestId,
    String checkoutRequestId,
    ResultCode resultCode,
    String resultDesc,
    BigDecimal amount,
    String receiptNumber,
    BigDecimal balance,
    String transactionDate,
    String phoneNumber,
    Map<String, String> metadata,
    String rawJson)
    implements MpesaCallback {

  private static final Pattern FOURTEEN_DIGITS = Pattern.compile("\\d{14}");
  private static final DateTimeFormatter TRANSACTION_DATE =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

  /**
   * Validates the identifiers, normalises the amounts and copies the metadata.
   *
   * @throws IllegalArgumentException if {@code checkoutRequestId} or {@code resultCode} is null, or
   *     {@code metadata} has a null name
   */
  public StkCallback {
    Checks.required(checkoutRequestId, "checkoutRequestId");
    Checks.required(resultCode, "resultCode");
    amount = CallbackJson.money(amount);
    balance = CallbackJson.money(balance);
    if (metadata == null) {
      metadata = Map.of();
    } else {
      Map<String, String> copy = new LinkedHashMap<>(metadata);
      if (copy.containsKey(null)) {
        throw new IllegalArgumentException("metadata name");
      }
      // Map.copyOf would reject the null values that stand for items without a Value.
      metadata = Collections.unmodifiableMap(copy);
    }
  }

  /**
   * The {@code TransactionDate} as a local date and time in East Africa Time (UTC+3).
   *
   * @return the time, or empty if the callback has no date or it is not a valid {@code
   *     yyyyMMddHHmmss} value
   */
  public Optional<LocalDateTime> transactionTime() {
    if (transactionDate == null || !FOURTEEN_DIGITS.matcher(transactionDate).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(transactionDate, TRANSACTION_DATE));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Where the payment stands according to this callback: {@code 0} is {@link
   * PaymentStatus#COMPLETED}, {@code 1032} {@link PaymentStatus#CANCELLED}, an unknown code {@link
   * PaymentStatus#UNKNOWN}.
   */
  @Override
  public PaymentStatus status() {
    return resultCode.stk().status();
  }

  /** Whether the customer paid: {@code ResultCode} is {@code 0}. */
  public boolean isSuccess() {
    return resultCode.isSuccess();
  }

  /**
   * The key to de-duplicate deliveries by: the {@code CheckoutRequestID}, which Daraja repeats in
   * every delivery of the same outcome and which the push response already returned.
   */
  @Override
  public String idempotencyKey() {
    return checkoutRequestId;
  }

  /**
   * A description for logs: the phone number masked, the metadata by name only and the raw body by
   * length only.
   */
  @Override
  public String toString() {
    return "StkCallback[merchantRequestId="
        + merchantRequestId
        + ", checkoutRequestId="
        + checkoutRequestId
        + ", resultCode="
        + resultCode
        + ", resultDesc="
        + resultDesc
        + ", amount="
        + amount
        + ", receiptNumber="
        + receiptNumber
        + ", balance="
        + balance
        + ", transactionDate="
        + transactionDate
        + ", phoneNumber="
        + (phoneNumber == null ? null : PhoneNumber.mask(phoneNumber))
        + ", metadata="
        + metadata.keySet()
        + ", rawJson="
        + (rawJson == null ? null : "<" + rawJson.length() + " chars>")
        + "]";
  }
}
