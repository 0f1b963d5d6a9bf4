package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pull Transactions (API.md §5.17): a one-time registration per short code, then queries over the
 * ledger's C2B payments into it.
 *
 * <p>Unlike the live sandbox (whose apps are refused with {@code 401.001}), the fake serves Pull to
 * its app, so that tests can recover a missed confirmation. A query lists the ledger's C2B payments
 * and M-Pesa Express payments into the short code, oldest first, completed within the period
 * (inclusive, to the second, Nairobi time) and within the last 48 hours of the fake's clock. {@code
 * OffSetValue} skips rows; a page holds at most {@value #PAGE_SIZE} rows (Daraja documents no page
 * size). A page without rows is {@code 1001} with Daraja's {@code "Transaction": "[[]]"}.
 *
 * <p>Rows: {@code transactionId} the receipt; {@code trxDate} the completion time in UTC with a
 * {@code Z} (the fake's reading of the suffix Daraja sends; whether Daraja's is really UTC is
 * unverified); {@code msisdn} and {@code sender} the payer masked {@code 2547******49}; {@code
 * transactiontype} {@code c2b-buy-goods-debit} for payments without an account number, else {@code
 * c2b-pay-bill-debit}; {@code amount} without trailing zeros ({@code "233.8"}).
 *
 * <p>Errors: a short code that is not 5 to 8 digits, or not registered for a query, is {@code
 * 400.001 Invalid ShortCode}; other bad fields {@code 400.002.02}; a rejected token {@code
 * 401.001}.
 */
final class PullDesk {
  static final String REGISTER = "/pulltransactions/v1/register";
  static final String QUERY = "/pulltransactions/v1/query";

  static final int PAGE_SIZE = 100;
  static final Duration WINDOW = Duration.ofHours(48);
  static final String ORGANIZATION_NAME = "FakeDaraja Test Organisation";

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** Short code → its nominated number. */
  private final Map<String, String> registered = new ConcurrentHashMap<>();

  private final Backend backend;

  PullDesk(Backend backend) {
    this.backend = backend;
  }

  void install(Routes routes) {
    routes.post(REGISTER, TokenError.PULL, this::register);
    routes.post(QUERY, TokenError.PULL, this::query);
  }

  private JsonNode register(Exchange ex) {
    String shortCode = shortCode(ex);
    ex.oneOf("RequestType", "Pull");
    String nominated = Msisdns.anyForm(ex, "NominatedNumber");
    // Daraja documents no use of it for queries; checked, not kept.
    ex.url("CallBackURL", false);
    boolean first = registered.putIfAbsent(shortCode, nominated) == null;
    ObjectNode answer = Wire.object();
    answer.put("ResponseRefID", backend.ids.uuid());
    answer.put("ResponseStatus", first ? "1000" : "1001");
    answer.put("ShortCode", shortCode);
    answer.put(
        "ResponseDescription",
        first ? "Shortcode Registered Successfully" : "Shortcode already registered");
    return answer;
  }

  private JsonNode query(Exchange ex) {
    String shortCode = shortCode(ex);
    if (!registered.containsKey(shortCode)) {
      throw invalidShortCode();
    }
    LocalDateTime start = dateTime(ex, "StartDate");
    LocalDateTime end = dateTime(ex, "EndDate");
    if (end.isBefore(start)) {
      throw Rejection.invalid("EndDate");
    }
    String offsetText = ex.text("OffSetValue");
    long offset;
    if (offsetText == null) {
      offset = 0;
    } else if (offsetText.matches("\\d{1,9}")) {
      offset = Long.parseLong(offsetText);
    } else {
      throw Rejection.invalid("OffSetValue");
    }

    Instant oldest = backend.now().minus(WINDOW);
    List<Ledger.Entry> rows =
        backend.ledger.all().stream()
            .filter(e -> e.kind() == Ledger.Kind.C2B || e.kind() == Ledger.Kind.STK)
            .filter(e -> shortCode.equals(e.creditParty()))
            .filter(e -> !e.at().isBefore(oldest))
            .filter(e -> within(e.at(), start, end))
            .sorted(Comparator.comparing(Ledger.Entry::at))
            .skip(offset)
            .limit(PAGE_SIZE)
            .toList();

    ObjectNode answer = Wire.object();
    answer.put("ResponseRefID", backend.ids.uuid());
    if (rows.isEmpty()) {
      answer.put("ResponseCode", "1001");
      answer.put("ResponseMessage", "No transactions found");
      // A string, as D3 shows it (API.md §5.17).
      answer.put("Transaction", "[[]]");
      return answer;
    }
    answer.put("ResponseCode", "1000");
    answer.put("ResponseMessage", "Success");
    ArrayNode page = answer.putArray("Response").addArray();
    for (Ledger.Entry e : rows) {
      ObjectNode row = page.addObject();
      row.put("transactionId", e.receipt());
      row.put(
          "trxDate", DateTimeFormatter.ISO_INSTANT.format(e.at().truncatedTo(ChronoUnit.SECONDS)));
      row.put("msisdn", Msisdns.pullMasked(e.debitParty()));
      row.put("sender", Msisdns.pullMasked(e.debitParty()));
      row.put(
          "transactiontype",
          e.billReference() == null ? "c2b-buy-goods-debit" : "c2b-pay-bill-debit");
      row.put("billreference", e.billReference() == null ? "" : e.billReference());
      row.put("amount", e.amount().stripTrailingZeros().toPlainString());
      row.put("organizationname", ORGANIZATION_NAME);
    }
    return answer;
  }

  private static boolean within(Instant at, LocalDateTime start, LocalDateTime end) {
    LocalDateTime local = LocalDateTime.ofInstant(at, Wire.NAIROBI).truncatedTo(ChronoUnit.SECONDS);
    return !local.isBefore(start) && !local.isAfter(end);
  }

  private static String shortCode(Exchange ex) {
    String value = ex.text("ShortCode");
    if (value == null || !value.matches("\\d{5,8}")) {
      throw invalidShortCode();
    }
    return value;
  }

  /** {@code 400.001 Invalid ShortCode}, Pull's own code (API.md §6.1). */
  private static Rejection invalidShortCode() {
    return new Rejection(400, "400.001", "Invalid ShortCode");
  }

  /** {@code yyyy-MM-dd HH:mm:ss}, or {@code yyyy-MM-dd HH:mm} as the docs also show. */
  private static LocalDateTime dateTime(Exchange ex, String field) {
    String value = ex.text(field);
    if (value != null) {
      for (DateTimeFormatter f : new DateTimeFormatter[] {SECONDS, MINUTES}) {
        try {
          return LocalDateTime.parse(value, f);
        } catch (DateTimeParseException e) {
          // try the next form
        }
      }
    }
    throw Rejection.invalid(field);
  }
}
