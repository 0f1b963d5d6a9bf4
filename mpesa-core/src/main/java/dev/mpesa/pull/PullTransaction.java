package dev.mpesa.pull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.internal.ClientContext;
import dev.mpesa.internal.json.Json;
import dev.mpesa.phone.PhoneNumber;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * One C2B payment reported by Pull Transactions.
 *
 * <p>Daraja's keys are lowercase ({@code transactiontype}, {@code billreference}) except {@code
 * transactionId} and {@code trxDate}; they are read in any case. The amount arrives as a string
 * ({@code "233.8"}) or a number and is read as a decimal; the phone number is a string, often
 * masked ({@code 2547******00}), and must not be used as an identifier. {@link #toString()} masks
 * the phone number and the sender.
 *
 * @param transactionId the M-Pesa receipt ({@code transactionId}): the key to de-duplicate on
 * @param transactionDate {@code trxDate} as Daraja sent it, such as {@code 2020-08-05T10:13:00Z}
 * @param msisdn the payer's number as sent ({@code msisdn}), possibly masked; null if absent
 * @param sender {@code sender}; null if absent
 * @param transactionType {@code transactiontype}, such as {@code c2b-pay-bill-debit}
 * @param billReference the account number the customer typed ({@code billreference}): untrusted
 *     free text
 * @param amount {@code amount}; null if absent or not a number
 * @param organizationName {@code organizationname}
 */
public record PullTransaction(
    String transactionId,
    String transactionDate,
    String msisdn,
    String sender,
    String transactionType,
    String billReference,
    BigDecimal amount,
    String organizationName) {

  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /**
   * {@link #transactionDate()} as an instant, or null if it is absent or in no known format.
   *
   * <p>An ISO-8601 date with a zone ({@code 2020-08-05T10:13:00Z}) is taken at its word, although
   * whether Daraja's {@code Z} really means UTC is unverified (it may be Nairobi time labelled
   * UTC); dates without a zone ({@code 2020-08-05 10:13:00}, {@code 20200805101300}) are read as
   * Nairobi time. Keep {@link #transactionDate()} for the record.
   */
  public Instant transactionTime() {
    if (transactionDate == null || transactionDate.isBlank()) {
      return null;
    }
    String s = transactionDate.strip();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // not ISO with a zone; try the local forms
    }
    for (DateTimeFormatter f :
        new DateTimeFormatter[] {
          SPACED, DateTimeFormatter.ISO_LOCAL_DATE_TIME, ClientContext.TIMESTAMP
        }) {
      try {
        return LocalDateTime.parse(s, f).atZone(ClientContext.NAIROBI).toInstant();
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "PullTransaction[transactionId="
        + transactionId
        + ", transactionDate="
        + transactionDate
        + ", msisdn="
        + (msisdn == null ? null : PhoneNumber.mask(msisdn))
        + ", sender="
        + (sender == null ? null : PhoneNumber.mask(sender))
        + ", transactionType="
        + transactionType
        + ", billReference="
        + billReference
        + ", amount="
        + amount
        + ", organizationName="
        + organizationName
        + "]";
  }

  /** Reads one item of Daraja's {@code Response} array. */
  static PullTransaction fromJson(JsonNode item) {
    return new PullTransaction(
        text(item, "transactionid"),
        text(item, "trxdate"),
        text(item, "msisdn"),
        text(item, "sender"),
        text(item, "transactiontype"),
        text(item, "billreference"),
        Json.decimal(field(item, "amount")),
        text(item, "organizationname"));
  }

  private static String text(JsonNode item, String lowerCaseKey) {
    return Json.text(field(item, lowerCaseKey));
  }

  private static JsonNode field(JsonNode item, String lowerCaseKey) {
    JsonNode exact = item.get(lowerCaseKey);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> e : item.properties()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(lowerCaseKey)) {
        return e.getValue();
      }
    }
    return null;
  }
}
