package dev.mpesa.billmanager;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.ClientContext;
import dev.mpesa.internal.http.Acceptance;
import dev.mpesa.internal.http.Endpoint;
import dev.mpesa.internal.http.Endpoint.CallbackUrl;
import dev.mpesa.internal.http.Endpoint.Outgoing;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.internal.http.Pipeline;
import dev.mpesa.internal.http.Services;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * M-Pesa Bill Manager: opt a short code in, send e-invoices, acknowledge payments and recall
 * invoices.
 *
 * <p>Bill Manager answers in its own envelope: {@code rescode} {@code "200"} is success, anything
 * else an error ({@code "409"} a conflict, such as cancelling a paid invoice). The SDK checks that
 * code, not the {@code ResponseCode} of other Daraja APIs, and raises every other code as an
 * exception: {@link InvalidRequestException} for a refusal ({@code 4xx}, {@code 409}), {@link
 * OutcomeUnknownException} where an invoice or acknowledgement may have been recorded anyway (a
 * {@code 5xx} code, a missing code, a read timeout).
 *
 * <p>What is resent on failure: opting in never (it is once per short code, and an ambiguous answer
 * is an {@link OutcomeUnknownException}); changing opt-in details and cancelling invoices are
 * retried on transient failures (repeating them changes nothing; a retried cancellation may report
 * the invoice as unknown if the first attempt went through); invoicing and reconciliation are
 * resent only when they provably never reached Daraja, because each accepted copy texts the
 * customer (a duplicate invoice can be paid twice).
 *
 * <p>Not exposed: {@code /v1/billmanager-invoice/update/single-invoicing}, which one SDK alone
 * lists (single source) with no documented body. To change an invoice, {@linkplain
 * #cancelInvoice(String) cancel} it and send a new one. Bill Manager's documentation also says the
 * opt-in {@code app_key} belongs in a header of every request without naming the header; the SDK
 * sends the Daraja bearer token only, as every SDK in the sources does.
 *
 * <p>Obtain it from {@code MpesaClient.billManager()}. Thread-safe.
 */
public final class BillManagerService {
  private static final String GROUP = "billmanager";
  private static final String BASE = "/v1/billmanager-invoice/";

  static final Operation OPT_IN =
      new Operation("billmanager.optIn", BASE + "optin", IdempotencyClass.ONCE, GROUP);
  static final Operation UPDATE_OPT_IN =
      new Operation(
          "billmanager.updateOptIn", BASE + "change-optin-details", IdempotencyClass.SAFE, GROUP);
  static final Operation SEND_INVOICE =
      new Operation(
          "billmanager.sendInvoice", BASE + "single-invoicing", IdempotencyClass.MONEY, GROUP);
  static final Operation SEND_INVOICES =
      new Operation(
          "billmanager.sendInvoices", BASE + "bulk-invoicing", IdempotencyClass.MONEY, GROUP);
  static final Operation RECONCILE =
      new Operation(
          "billmanager.reconcile", BASE + "reconciliation", IdempotencyClass.MONEY, GROUP);
  static final Operation CANCEL_INVOICE =
      new Operation(
          "billmanager.cancelInvoice",
          BASE + "cancel-single-invoice",
          IdempotencyClass.SAFE,
          GROUP);
  static final Operation CANCEL_INVOICES =
      new Operation(
          "billmanager.cancelInvoices",
          BASE + "cancel-bulk-invoices",
          IdempotencyClass.SAFE,
          GROUP);

  /** Most invoices Bill Manager takes in one bulk call. */
  public static final int MAX_BULK = 1000;

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

  private static final Endpoint<OptInRequest, OptInResponse, OptInResponse> OPT_IN_SPEC =
      new Endpoint<>(
          OPT_IN,
          r -> CallbackUrl.of("callbackUrl", r.callbackUrl()),
          (context, r) -> Outgoing.body(optInBody(r)).ref("shortCode", r.shortCode()),
          OptInResponse.class,
          Acceptance.bodyStatus(
              "rescode",
              Set.of("200"),
              Map.of(),
              OptInResponse::responseCode,
              OptInResponse::responseMessage,
              r -> null),
          r -> "app_key received");

  private static final Endpoint<OptInRequest, BillManagerResponse, BillManagerResponse>
      UPDATE_OPT_IN_SPEC =
          new Endpoint<>(
              UPDATE_OPT_IN,
              r -> CallbackUrl.of("callbackUrl", r.callbackUrl()),
              (context, r) -> Outgoing.body(optInBody(r)).ref("shortCode", r.shortCode()),
              BillManagerResponse.class,
              accepted(),
              BillManagerService::summary);

  private static final Endpoint<Invoice, BillManagerResponse, BillManagerResponse>
      SEND_INVOICE_SPEC =
          spec(
              SEND_INVOICE,
              (context, invoice) ->
                  Outgoing.body(invoiceBody(invoice))
                      .ref("externalReference", invoice.externalReference())
                      .ref("accountReference", invoice.accountReference())
                      .ref("amount", Long.toString(invoice.amount()))
                      .ref("billedPhoneNumber", invoice.billedPhoneNumber().masked()));

  private static final Endpoint<List<Invoice>, BillManagerResponse, BillManagerResponse>
      SEND_INVOICES_SPEC =
          spec(
              SEND_INVOICES,
              (context, invoices) -> {
                checkBulkSize("invoices", invoices.size());
                Set<String> seen = new HashSet<>();
                List<InvoiceBody> bodies = new ArrayList<>(invoices.size());
                for (Invoice invoice : invoices) {
                  if (invoice == null) {
                    throw new IllegalArgumentException("invoices holds a null invoice");
                  }
                  if (!seen.add(invoice.externalReference())) {
                    throw new IllegalArgumentException(
                        "invoices repeats externalReference '" + invoice.externalReference() + "'");
                  }
                  bodies.add(invoiceBody(invoice));
                }
                return Outgoing.body(bodies)
                    .ref("invoices", Integer.toString(invoices.size()))
                    .ref("firstExternalReference", invoices.get(0).externalReference())
                    .ref(
                        "lastExternalReference",
                        invoices.get(invoices.size() - 1).externalReference());
              });

  private static final Endpoint<PaymentAcknowledgement, BillManagerResponse, BillManagerResponse>
      RECONCILE_SPEC =
          spec(
              RECONCILE,
              (context, a) ->
                  Outgoing.body(
                          new ReconciliationBody(
                              DATE.format(a.paymentDate()),
                              Long.toString(a.paidAmount()),
                              a.accountReference(),
                              a.transactionId(),
                              a.phoneNumber().localForm(),
                              a.fullName(),
                              a.invoiceName(),
                              a.externalReference()))
                      .ref("transactionId", a.transactionId())
                      .ref("externalReference", a.externalReference())
                      .ref("paidAmount", Long.toString(a.paidAmount()))
                      .ref("phoneNumber", a.phoneNumber().masked()));

  private static final Endpoint<String, BillManagerResponse, BillManagerResponse>
      CANCEL_INVOICE_SPEC =
          spec(
              CANCEL_INVOICE,
              (context, reference) ->
                  Outgoing.body(new CancelBody(reference)).ref("externalReference", reference));

  private static final Endpoint<List<String>, BillManagerResponse, BillManagerResponse>
      CANCEL_INVOICES_SPEC =
          spec(
              CANCEL_INVOICES,
              (context, externalReferences) -> {
                checkBulkSize("externalReferences", externalReferences.size());
                Set<String> seen = new HashSet<>();
                List<CancelBody> bodies = new ArrayList<>(externalReferences.size());
                for (String reference : externalReferences) {
                  Checks.text("externalReference", reference, 1, Invoice.MAX_TEXT);
                  if (!seen.add(reference)) {
                    throw new IllegalArgumentException(
                        "externalReferences repeats '" + reference + "'");
                  }
                  bodies.add(new CancelBody(reference));
                }
                return Outgoing.body(bodies)
                    .ref("invoices", Integer.toString(externalReferences.size()))
                    .ref("firstExternalReference", externalReferences.get(0));
              });

  private final Pipeline pipeline;

  static {
    Services.register(BillManagerService.class, BillManagerService::new);
  }

  /** Made by {@code MpesaClient}; obtain the service from it. */
  BillManagerService(Pipeline pipeline) {
    this.pipeline = Checks.required(pipeline, "pipeline");
  }

  /** An operation answered with Bill Manager's {@code rescode} envelope. */
  private static <Q> Endpoint<Q, BillManagerResponse, BillManagerResponse> spec(
      Operation op, BiFunction<ClientContext, Q, Outgoing> request) {
    return new Endpoint<>(
        op,
        q -> List.of(),
        request,
        BillManagerResponse.class,
        accepted(),
        BillManagerService::summary);
  }

  /** {@code rescode} {@code "200"}; see {@link Acceptance#bodyStatus}. */
  private static <Q> Acceptance.Rule<Q, BillManagerResponse, BillManagerResponse> accepted() {
    return Acceptance.bodyStatus(
        "rescode",
        Set.of("200"),
        Map.of(),
        BillManagerResponse::responseCode,
        r -> describe(r.responseMessage(), r.statusMessage()),
        r -> null);
  }

  private static String summary(BillManagerResponse response) {
    return "rescode " + response.responseCode();
  }

  /**
   * Opts a short code in to Bill Manager ({@code optin}): the first call, after which the other
   * operations work for that short code. Never resent by the SDK: an answer that does not say
   * whether the short code was opted in raises {@link OutcomeUnknownException}; check with
   * Safaricom, or call {@link #updateOptIn}, rather than opting in again.
   *
   * @param request the biller's details
   * @return the answer, with the {@code app_key}
   * @throws IllegalArgumentException if the callback URL is http or private in production, before
   *     any call
   * @throws InvalidRequestException if Bill Manager refuses a field
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws OutcomeUnknownException if the opt-in may have been recorded
   * @throws MpesaException for any other failure
   */
  public OptInResponse optIn(OptInRequest request) {
    return pipeline.call(OPT_IN_SPEC, request);
  }

  /**
   * Changes the details of an opted-in short code ({@code change-optin-details}). Bill Manager
   * documents the same fields as for opting in; the SDK sends all of them.
   *
   * @param request the biller's new details
   * @return the answer
   * @throws IllegalArgumentException if the callback URL is http or private in production, before
   *     any call
   * @throws InvalidRequestException if Bill Manager refuses a field
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws MpesaException for any other failure
   */
  public BillManagerResponse updateOptIn(OptInRequest request) {
    return pipeline.call(UPDATE_OPT_IN_SPEC, request);
  }

  /**
   * Sends one e-invoice by SMS ({@code single-invoicing}).
   *
   * <p>Never resent once it may have reached Daraja: an ambiguous answer raises {@link
   * OutcomeUnknownException}. Before sending it again, ask the customer or cancel it by its {@code
   * externalReference} and send a new one.
   *
   * @param invoice the invoice
   * @return the answer ({@code Status_Message} "Invoice sent successfully")
   * @throws InvalidRequestException if Bill Manager refuses the invoice
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws OutcomeUnknownException if the invoice may have been sent; do not resend blindly
   * @throws MpesaException for any other failure
   */
  public BillManagerResponse sendInvoice(Invoice invoice) {
    Checks.required(invoice, "invoice");
    return pipeline.call(SEND_INVOICE_SPEC, invoice);
  }

  /**
   * Sends up to {@value #MAX_BULK} e-invoices in one call ({@code bulk-invoicing}, a JSON array).
   *
   * <p>Their {@code externalReference}s must differ: a repeated one in the same call is refused
   * before sending, since it could only bill a customer twice or be rejected. Never resent once it
   * may have reached Daraja (see {@link #sendInvoice}).
   *
   * @param invoices 1 to {@value #MAX_BULK} invoices
   * @return the answer for the whole call
   * @throws IllegalArgumentException if the list is empty, too long, holds null or repeats an
   *     {@code externalReference}, before any call
   * @throws InvalidRequestException if Bill Manager refuses the invoices
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws OutcomeUnknownException if the invoices may have been sent; do not resend blindly
   * @throws MpesaException for any other failure
   */
  public BillManagerResponse sendInvoices(List<Invoice> invoices) {
    Checks.required(invoices, "invoices");
    return pipeline.call(SEND_INVOICES_SPEC, invoices);
  }

  /**
   * Acknowledges a payment that Bill Manager pushed to the opt-in callback, once you have
   * reconciled it ({@code reconciliation}); Bill Manager then texts the customer an e-receipt.
   *
   * <p>No money moves, but each accepted acknowledgement sends the customer a receipt, so it is
   * resent only when it provably never reached Daraja; an ambiguous answer raises {@link
   * OutcomeUnknownException}.
   *
   * @param acknowledgement the reconciled payment
   * @return the answer
   * @throws InvalidRequestException if Bill Manager refuses a field
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws OutcomeUnknownException if the acknowledgement may have been recorded
   * @throws MpesaException for any other failure
   */
  public BillManagerResponse reconcile(PaymentAcknowledgement acknowledgement) {
    Checks.required(acknowledgement, "acknowledgement");
    return pipeline.call(RECONCILE_SPEC, acknowledgement);
  }

  /**
   * Recalls an unpaid invoice ({@code cancel-single-invoice}); it can no longer be paid against.
   *
   * @param externalReference the {@code externalReference} the invoice was sent with
   * @return the answer ({@code Status_Message} "Invoice cancelled successfully.")
   * @throws IllegalArgumentException if {@code externalReference} is blank or too long, before any
   *     call
   * @throws InvalidRequestException if the invoice is partly or fully paid ({@code rescode} {@code
   *     "409"}) or Bill Manager refuses the request
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws MpesaException for any other failure
   */
  public BillManagerResponse cancelInvoice(String externalReference) {
    Checks.text("externalReference", externalReference, 1, Invoice.MAX_TEXT);
    return pipeline.call(CANCEL_INVOICE_SPEC, externalReference);
  }

  /**
   * Recalls up to {@value #MAX_BULK} unpaid invoices in one call ({@code cancel-bulk-invoices}, a
   * JSON array). Bill Manager documents no limit for this call; the SDK applies the bulk invoicing
   * one.
   *
   * <p>If any is partly or fully paid, Bill Manager answers {@code rescode} {@code "409"}; its
   * documentation does not say whether the others were cancelled, so check before reissuing.
   *
   * @param externalReferences 1 to {@value #MAX_BULK} distinct {@code externalReference}s
   * @return the answer; see {@link BillManagerResponse#errors()}
   * @throws IllegalArgumentException if the list is empty, too long, or holds a blank, too long or
   *     repeated reference, before any call
   * @throws InvalidRequestException on {@code 409} (a paid invoice) or another refusal
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws MpesaException for any other failure
   */
  public BillManagerResponse cancelInvoices(List<String> externalReferences) {
    Checks.required(externalReferences, "externalReferences");
    return pipeline.call(CANCEL_INVOICES_SPEC, externalReferences);
  }

  private static OptInBody optInBody(OptInRequest request) {
    return new OptInBody(
        request.shortCode(),
        request.email(),
        request.officialContact().localForm(),
        request.sendReminders() ? "1" : "0",
        request.logo(),
        request.callbackUrl().toString());
  }

  private static InvoiceBody invoiceBody(Invoice invoice) {
    List<ItemBody> items =
        invoice.items().isEmpty()
            ? null
            : invoice.items().stream()
                .map(i -> new ItemBody(i.name(), Long.toString(i.amount())))
                .toList();
    return new InvoiceBody(
        invoice.externalReference(),
        invoice.billedFullName(),
        invoice.billedPhoneNumber().localForm(),
        PERIOD.format(invoice.billedPeriod()),
        invoice.invoiceName(),
        DATE.format(invoice.dueDate()),
        invoice.accountReference(),
        Long.toString(invoice.amount()),
        items);
  }

  private static void checkBulkSize(String field, int size) {
    if (size < 1 || size > MAX_BULK) {
      throw new IllegalArgumentException(
          field + " must hold 1 to " + MAX_BULK + " entries per call, got " + size);
    }
  }

  private static String describe(String resmsg, String statusMessage) {
    if (resmsg == null) {
      return statusMessage;
    }
    return statusMessage == null ? resmsg : resmsg + ": " + statusMessage;
  }

  @JsonPropertyOrder({
    "shortcode",
    "email",
    "officialContact",
    "sendReminders",
    "logo",
    "callbackUrl"
  })
  record OptInBody(
      @JsonProperty("shortcode") String shortcode,
      @JsonProperty("email") String email,
      @JsonProperty("officialContact") String officialContact,
      @JsonProperty("sendReminders") String sendReminders,
      @JsonProperty("logo") String logo,
      @JsonProperty("callbackUrl") String callbackUrl) {
    @Override
    public String toString() {
      return "OptInBody[redacted]";
    }
  }

  @JsonPropertyOrder({
    "externalReference",
    "billedFullName",
    "billedPhoneNumber",
    "billedPeriod",
    "invoiceName",
    "dueDate",
    "accountReference",
    "amount",
    "invoiceItems"
  })
  record InvoiceBody(
      @JsonProperty("externalReference") String externalReference,
      @JsonProperty("billedFullName") String billedFullName,
      @JsonProperty("billedPhoneNumber") String billedPhoneNumber,
      @JsonProperty("billedPeriod") String billedPeriod,
      @JsonProperty("invoiceName") String invoiceName,
      @JsonProperty("dueDate") String dueDate,
      @JsonProperty("accountReference") String accountReference,
      @JsonProperty("amount") String amount,
      @JsonProperty("invoiceItems") List<ItemBody> invoiceItems) {
    @Override
    public String toString() {
      return "InvoiceBody[redacted]";
    }
  }

  @JsonPropertyOrder({"itemName", "amount"})
  record ItemBody(
      @JsonProperty("itemName") String itemName, @JsonProperty("amount") String amount) {}

  @JsonPropertyOrder({
    "paymentDate",
    "paidAmount",
    "accountReference",
    "transactionId",
    "phoneNumber",
    "fullName",
    "invoiceName",
    "externalReference"
  })
  record ReconciliationBody(
      @JsonProperty("paymentDate") String paymentDate,
      @JsonProperty("paidAmount") String paidAmount,
      @JsonProperty("accountReference") String accountReference,
      @JsonProperty("transactionId") String transactionId,
      @JsonProperty("phoneNumber") String phoneNumber,
      @JsonProperty("fullName") String fullName,
      @JsonProperty("invoiceName") String invoiceName,
      @JsonProperty("externalReference") String externalReference) {
    @Override
    public String toString() {
      return "ReconciliationBody[redacted]";
    }
  }

  record CancelBody(@JsonProperty("externalReference") String externalReference) {}
}
