package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bill Manager (API.md §5.16): opt-in, invoices, cancellations, reconciliation, and the payment
 * notifications pushed to the opt-in {@code callbackUrl}. Every answer is Bill Manager's {@code
 * rescode}/{@code resmsg} envelope with HTTP 200; bad fields are the gateway's {@code 400.002.02}.
 *
 * <p><b>Opt-in</b> stores the details per {@code shortcode} and answers an {@code app_key}; opting
 * in again keeps the key and replaces the details (Daraja documents no refusal). {@code
 * change-optin-details} needs an opted-in short code.
 *
 * <p><b>Invoices</b> ({@code single-invoicing}, {@code bulk-invoicing} with 1 to {@value
 * #MAX_BULK}) are stored by {@code externalReference}. Their bodies name no short code (Bill
 * Manager ties them to the biller through the app key), so the fake needs some short code opted in
 * first and treats an invoice as the biller's on every opted-in short code. An {@code
 * externalReference} that is already stored, or repeated within one bulk call, is refused with
 * {@code rescode "409"}; a bulk call is all or nothing.
 *
 * <p><b>Payments.</b> When a C2B payment completes into an opted-in short code with a {@code
 * BillRefNumber} equal (ignoring case and surrounding spaces) to the {@code accountReference} of an
 * open invoice (the oldest, if several), the invoice is marked paid (partly, if the amount is
 * smaller) and the notification of §5.16 is POSTed to the short code's {@code callbackUrl}: {@code
 * transactionId} the receipt, {@code paidAmount} whole, {@code msisdn} the payer's {@code 2547...}
 * number (the documented sample's {@code "2547220000"} is a shortened placeholder), {@code
 * dateCreated} {@code yyyy-MM-dd}. As documented it is retried, up to 5 times {@code resultDelay}
 * apart, while the receiver does not answer 2xx. Its correlation id is the receipt. Payments that
 * match no open invoice are not notified.
 *
 * <p><b>Cancelling</b> an unknown or already cancelled invoice answers {@code rescode "404"}; a
 * partly or fully paid one answers the documented {@code 409 Conflict}. A bulk cancellation with
 * any paid invoice cancels none and answers {@code 409}, naming the paid ones in {@code errors};
 * without one it cancels the open ones and names the unknown ones in {@code errors}. {@code
 * reconciliation} checks its fields and answers success (the e-receipt SMS it causes is beyond the
 * fake).
 */
final class BillManagerDesk {
  private static final Logger log = LoggerFactory.getLogger(BillManagerDesk.class);

  static final String BASE = "/v1/billmanager-invoice/";
  static final String OPT_IN = BASE + "optin";
  static final String CHANGE_OPT_IN = BASE + "change-optin-details";
  static final String SINGLE_INVOICE = BASE + "single-invoicing";
  static final String BULK_INVOICES = BASE + "bulk-invoicing";
  static final String RECONCILIATION = BASE + "reconciliation";
  static final String CANCEL_SINGLE = BASE + "cancel-single-invoice";
  static final String CANCEL_BULK = BASE + "cancel-bulk-invoices";

  static final int MAX_BULK = 1000;
  static final int MAX_TEXT = 100;
  static final int MAX_ACCOUNT_REFERENCE = 20;
  static final int RETRIES = 5;
  static final String PAID_MESSAGE = "Partially or fully paid invoices cannot be cancelled.";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SS").withResolverStyle(ResolverStyle.STRICT);

  /** One opted-in short code. */
  private record OptIn(String appKey, URI callbackUrl) {}

  /** One invoice; guarded by the desk's lock. */
  private static final class Invoice {
    final String externalReference;
    final String accountReference;
    final BigDecimal amount;
    BigDecimal paid = BigDecimal.ZERO;
    boolean cancelled;

    Invoice(String externalReference, String accountReference, long amount) {
      this.externalReference = externalReference;
      this.accountReference = accountReference;
      this.amount = BigDecimal.valueOf(amount);
    }

    boolean open() {
      return !cancelled && paid.compareTo(amount) < 0;
    }

    boolean anyPaid() {
      return paid.signum() > 0;
    }
  }

  /** A checked invoice body, not yet stored. */
  private record InvoiceFields(String externalReference, String accountReference, long amount) {}

  private final Backend backend;

  /** Guarded by {@code this}, as are the invoices. */
  private final Map<String, OptIn> optIns = new LinkedHashMap<>();

  private final Map<String, Invoice> invoices = new LinkedHashMap<>();

  BillManagerDesk(Backend backend, C2bPayments payments) {
    this.backend = backend;
    payments.subscribe(this::paid);
  }

  void install(Routes routes) {
    routes.post(OPT_IN, TokenError.NOT_FOUND, this::optIn);
    routes.post(CHANGE_OPT_IN, TokenError.NOT_FOUND, this::changeOptIn);
    routes.post(SINGLE_INVOICE, TokenError.NOT_FOUND, this::singleInvoice);
    routes.post(BULK_INVOICES, TokenError.NOT_FOUND, this::bulkInvoices);
    routes.post(RECONCILIATION, TokenError.NOT_FOUND, this::reconcile);
    routes.post(CANCEL_SINGLE, TokenError.NOT_FOUND, this::cancelSingle);
    routes.post(CANCEL_BULK, TokenError.NOT_FOUND, this::cancelBulk);
  }

  private JsonNode optIn(Exchange ex) {
    String shortCode = ex.digits("shortcode", 5, 8);
    URI callbackUrl = optInFields(ex);
    String appKey;
    synchronized (this) {
      OptIn previous = optIns.get(shortCode);
      appKey = previous != null ? previous.appKey() : backend.ids.conversationId(backend.now());
      optIns.put(shortCode, new OptIn(appKey, callbackUrl));
    }
    ObjectNode answer = Wire.object();
    answer.put("app_key", appKey);
    answer.put("resmsg", "Success");
    answer.put("rescode", "200");
    return answer;
  }

  private JsonNode changeOptIn(Exchange ex) {
    String shortCode = ex.digits("shortcode", 5, 8);
    URI callbackUrl = optInFields(ex);
    synchronized (this) {
      OptIn previous = optIns.get(shortCode);
      if (previous == null) {
        return answer("400", "Bad Request", "Short code is not opted in to Bill Manager.", false);
      }
      optIns.put(shortCode, new OptIn(previous.appKey(), callbackUrl));
    }
    return answer("200", "Success", null, false);
  }

  /** The opt-in fields after {@code shortcode}; returns the callback URL. */
  private static URI optInFields(Exchange ex) {
    String email = ex.required("email", 254);
    if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw Rejection.invalid("email");
    }
    Msisdns.anyForm(ex, "officialContact");
    ex.oneOf("sendReminders", "0", "1");
    ex.optional("logo", Integer.MAX_VALUE);
    return ex.url("callbackUrl", false);
  }

  private JsonNode singleInvoice(Exchange ex) {
    InvoiceFields fields = invoiceFields(ex);
    return store(List.of(fields));
  }

  private JsonNode bulkInvoices(Exchange ex) {
    JsonNode array = ex.array();
    ObjectNode refused = bulkSizeRefused(array, false);
    if (refused != null) {
      return refused;
    }
    List<InvoiceFields> all = new ArrayList<>(array.size());
    for (JsonNode element : array) {
      all.add(invoiceFields(element(ex, element)));
    }
    return store(all);
  }

  /** Stores every invoice, or none if a reference is taken or repeated. */
  private synchronized JsonNode store(List<InvoiceFields> all) {
    if (optIns.isEmpty()) {
      return answer("400", "Bad Request", "No short code is opted in to Bill Manager.", false);
    }
    Set<String> seen = new HashSet<>();
    for (InvoiceFields f : all) {
      if (invoices.containsKey(f.externalReference()) || !seen.add(f.externalReference())) {
        return answer(
            "409",
            "Conflict",
            "An invoice with externalReference " + f.externalReference() + " already exists.",
            false);
      }
    }
    for (InvoiceFields f : all) {
      invoices.put(
          f.externalReference(),
          new Invoice(f.externalReference(), f.accountReference(), f.amount()));
    }
    log.debug("billmanager: {} invoice(s) stored", all.size());
    return answer("200", "Success", "Invoice sent successfully", false);
  }

  private static InvoiceFields invoiceFields(Exchange ex) {
    String externalReference = ex.required("externalReference", MAX_TEXT);
    ex.required("billedFullName", MAX_TEXT);
    Msisdns.anyForm(ex, "billedPhoneNumber");
    ex.required("billedPeriod", MAX_TEXT);
    ex.required("invoiceName", MAX_TEXT);
    dueDate(ex);
    String accountReference = ex.required("accountReference", MAX_ACCOUNT_REFERENCE);
    long amount = ex.amount("amount", 1, Long.MAX_VALUE);
    JsonNode items = ex.object().get("invoiceItems");
    if (items != null && !items.isNull()) {
      if (!items.isArray()) {
        throw Rejection.invalid("invoiceItems");
      }
      for (JsonNode item : items) {
        Exchange line = element(ex, item);
        line.required("itemName", MAX_TEXT);
        line.amount("amount", 1, Long.MAX_VALUE);
      }
    }
    return new InvoiceFields(externalReference, accountReference, amount);
  }

  /** {@code 2021-10-15}, or {@code 2021-09-15 00:00:00.00} as the docs also show. */
  private static void dueDate(Exchange ex) {
    String value = ex.text("dueDate");
    if (value != null) {
      try {
        LocalDate.parse(value, DAY);
        return;
      } catch (DateTimeParseException e) {
        // try the long form
      }
      try {
        LocalDateTime.parse(value, DAY_AND_TIME);
        return;
      } catch (DateTimeParseException e) {
        // neither form
      }
    }
    throw Rejection.invalid("dueDate");
  }

  private JsonNode reconcile(Exchange ex) {
    String day = ex.text("paymentDate");
    try {
      LocalDate.parse(day == null ? "" : day, DAY);
    } catch (DateTimeParseException e) {
      throw Rejection.invalid("paymentDate");
    }
    ex.amount("paidAmount", 1, Long.MAX_VALUE);
    ex.required("accountReference", MAX_ACCOUNT_REFERENCE);
    String transactionId = ex.required("transactionId", 20);
    if (!transactionId.matches("[A-Za-z0-9]+")) {
      throw Rejection.invalid("transactionId");
    }
    Msisdns.anyForm(ex, "phoneNumber");
    ex.required("fullName", MAX_TEXT);
    ex.required("invoiceName", MAX_TEXT);
    ex.required("externalReference", MAX_TEXT);
    // Bill Manager would now text the customer an e-receipt: nothing the fake can show.
    return answer("200", "Success", null, false);
  }

  private JsonNode cancelSingle(Exchange ex) {
    String reference = ex.required("externalReference", MAX_TEXT);
    synchronized (this) {
      Invoice invoice = invoices.get(reference);
      if (invoice == null || invoice.cancelled) {
        return answer("404", "Not Found", "Invoice not found.", true);
      }
      if (invoice.anyPaid()) {
        return answer("409", "Conflict", PAID_MESSAGE, true);
      }
      invoice.cancelled = true;
    }
    return answer("200", "Success", "Invoice cancelled successfully.", true);
  }

  private JsonNode cancelBulk(Exchange ex) {
    JsonNode array = ex.array();
    ObjectNode refused = bulkSizeRefused(array, true);
    if (refused != null) {
      return refused;
    }
    List<String> references = new ArrayList<>(array.size());
    for (JsonNode element : array) {
      references.add(element(ex, element).required("externalReference", MAX_TEXT));
    }
    synchronized (this) {
      List<String> paid = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (String reference : references) {
        Invoice invoice = invoices.get(reference);
        if (invoice == null || invoice.cancelled) {
          unknown.add(reference);
        } else if (invoice.anyPaid()) {
          paid.add(reference);
        }
      }
      if (!paid.isEmpty()) {
        ObjectNode conflict = answer("409", "Conflict", PAID_MESSAGE, true);
        paid.forEach(r -> ((ArrayNode) conflict.get("errors")).add(r + ": " + PAID_MESSAGE));
        return conflict;
      }
      for (String reference : references) {
        Invoice invoice = invoices.get(reference);
        if (invoice != null) {
          invoice.cancelled = true;
        }
      }
      ObjectNode done = answer("200", "Success", "Invoice cancelled successfully.", true);
      unknown.forEach(r -> ((ArrayNode) done.get("errors")).add(r + ": Invoice not found."));
      return done;
    }
  }

  /** A C2B payment completed: pay the matching invoice and notify the biller. */
  private void paid(C2bPayments.Payment payment) {
    if (payment.billRefNumber() == null) {
      return;
    }
    String account = payment.billRefNumber().strip().toLowerCase(Locale.ROOT);
    OptIn optIn;
    Invoice invoice = null;
    synchronized (this) {
      optIn = optIns.get(payment.shortCode());
      if (optIn == null) {
        return;
      }
      for (Invoice i : invoices.values()) {
        if (i.open() && i.accountReference.strip().toLowerCase(Locale.ROOT).equals(account)) {
          invoice = i;
          break;
        }
      }
      if (invoice == null) {
        return;
      }
      invoice.paid = invoice.paid.add(payment.amount());
    }
    ObjectNode body = Wire.object();
    body.put("transactionId", payment.receipt());
    body.put("paidAmount", payment.amount().stripTrailingZeros().toPlainString());
    body.put("msisdn", payment.msisdn());
    body.put("dateCreated", DAY.format(LocalDate.ofInstant(payment.at(), Wire.NAIROBI)));
    body.put("accountReference", invoice.accountReference);
    body.put("shortCode", payment.shortCode());
    log.debug("billmanager: {} pays invoice {}", payment.receipt(), invoice.externalReference);
    deliver(optIn.callbackUrl(), body, payment.receipt(), 0);
  }

  /** POSTs the notification; retried while unacknowledged (not when a fault dropped it). */
  private void deliver(URI url, ObjectNode body, String receipt, int retry) {
    CallbackDelivery delivery = backend.courier.post(CallbackKind.BILL_PAYMENT, url, body, receipt);
    if (!delivery.acknowledged() && !delivery.dropped() && retry < RETRIES) {
      backend.later(backend.resultDelay, () -> deliver(url, body, receipt, retry + 1));
    }
  }

  /**
   * The answer to a bulk call of other than 1 to {@value #MAX_BULK} invoices, or null when its size
   * is right.
   */
  private static ObjectNode bulkSizeRefused(JsonNode array, boolean withErrors) {
    if (array.isEmpty() || array.size() > MAX_BULK) {
      return answer(
          "400",
          "Bad Request",
          "A bulk request holds 1 to " + MAX_BULK + " invoices, got " + array.size() + ".",
          withErrors);
    }
    return null;
  }

  /** A bulk element as an exchange, so that the field checks apply to it. */
  private static Exchange element(Exchange ex, JsonNode element) {
    if (element == null || !element.isObject()) {
      throw Rejection.payload();
    }
    return new Exchange(ex.method, ex.path, ex.rawBody, element, ex.receivedAt);
  }

  /** {@code Status_Message} (when given), {@code resmsg}, {@code rescode}, and {@code errors}. */
  private static ObjectNode answer(
      String rescode, String resmsg, String statusMessage, boolean withErrors) {
    ObjectNode answer = Wire.object();
    if (statusMessage != null) {
      answer.put("Status_Message", statusMessage);
    }
    answer.put("resmsg", resmsg);
    answer.put("rescode", rescode);
    if (withErrors) {
      answer.putArray("errors");
    }
    return answer;
  }
}
