package dev.mpesa.billmanager;

import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.MpesaClient;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.result.DarajaError;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bill Manager against the golden payloads of API.md §5.16 (samples of its sources D3, AK). */
class BillManagerServiceTest {
  static final String BASE = "/v1/billmanager-invoice/";
  static final Instant NOW = Instant.parse("2021-09-01T06:00:00Z");

  final ObjectMapper mapper = new ObjectMapper();
  final DarajaStub daraja = new DarajaStub();
  final FakeClock clock = new FakeClock(NOW);
  MockWebServer server;
  MpesaClient mpesa;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(daraja);
    server.start();
    mpesa = TestClients.sandbox(server).clock(clock).build();
  }

  @AfterEach
  void stop() {
    mpesa.close();
    server.close();
  }

  BillManagerService billManager() {
    return mpesa.billManager();
  }

  static OptInRequest.Builder sampleOptIn() {
    return OptInRequest.builder()
        .shortCode("718003")
        .email("youremail@gmail.com")
        .officialContact("0710123456")
        .sendReminders(true)
        .logo("image")
        .callbackUrl("http://my-server.com/bar/callback");
  }

  static Invoice.Builder sampleInvoice() {
    return Invoice.builder()
        .externalReference("#993340")
        .billedFullName("John Doe")
        .billedPhoneNumber("0722000000")
        .billedPeriod(YearMonth.of(2021, 8))
        .invoiceName("Jentys")
        .dueDate(LocalDate.of(2021, 10, 15))
        .accountReference("1A50678H")
        .amount(600)
        .item("food", 700)
        .item("water", 100);
  }

  static Invoice.Builder bulkInvoice(String externalReference, String accountReference) {
    return Invoice.builder()
        .externalReference(externalReference)
        .billedFullName("John Doe")
        .billedPhoneNumber("+254 722 000 000")
        .billedPeriod(YearMonth.of(2021, 8))
        .invoiceName("Jentrys")
        .dueDate(LocalDate.of(2021, 9, 15))
        .accountReference(accountReference)
        .amount(2000);
  }

  static List<Invoice> sampleBulk() {
    return List.of(
        bulkInvoice("1107", "A1").item("food", 1000).item("water", 1000).build(),
        bulkInvoice("967", "halboo45").build());
  }

  static PaymentAcknowledgement.Builder sampleAcknowledgement() {
    return PaymentAcknowledgement.builder()
        .paymentDate(LocalDate.of(2021, 10, 1))
        .paidAmount(500)
        .accountReference("halboo45")
        .transactionId("PBS3MTR1N")
        .phoneNumber("254710123456")
        .fullName("John Doe")
        .invoiceName("School Fees")
        .externalReference("955");
  }

  JsonNode body(RecordedRequest r) throws Exception {
    return mapper.readTree(r.getBody().utf8());
  }

  void answer(String fixture) {
    daraja.handler(r -> json(200, Fixtures.read(fixture)));
  }

  /** Path, method, headers and the body as a JSON tree (every field, every JSON type). */
  void assertGolden(String path, String fixture) throws Exception {
    assertThat(daraja.businessRequests()).hasSize(1);
    RecordedRequest r = daraja.businessRequests().get(0);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo(BASE + path);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok1");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(body(r)).isEqualTo(mapper.readTree(Fixtures.read("billmanager/" + fixture)));
  }

  void assertInvalidFieldKeptOnce(Runnable call) {
    daraja.handler(r -> json(400, Fixtures.read("billmanager/error-invalid-field.json")));

    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.INVALID_FIELD);
              assertThat(e.errorCode()).isEqualTo("400.002.02");
              assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid billedPhoneNumber");
              assertThat(e.requestId()).isEqualTo("1c5b-4ba8-815c-ac45c57a3db01495926");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  void assertOutcomeUnknownOnServerErrorAndSentOnce(
      Runnable call, Consumer<OutcomeUnknownException> references) {
    daraja.handler(r -> json(500, Fixtures.read("billmanager/error-internal.json")));

    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            OutcomeUnknownException.class,
            e -> {
              references.accept(e);
              assertThat(e.sentAt()).isEqualTo(NOW);
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  // --- opt-in (ONCE) ---

  @Test
  void optIn_sampleRequest_sendsTheGoldenPayload() throws Exception {
    answer("billmanager/optin-response.json");

    billManager().optIn(sampleOptIn().build());

    assertGolden("optin", "optin-request.json");
  }

  @Test
  void optIn_sampleAnswer_isParsedAndTheAppKeyNeverPrinted() {
    answer("billmanager/optin-response.json");

    OptInResponse r = billManager().optIn(sampleOptIn().build());

    assertThat(r.appKey()).isEqualTo("AG_237648736_126732989KJ");
    assertThat(r.responseMessage()).isEqualTo("Success");
    assertThat(r.responseCode()).isEqualTo("200");
    assertThat(r.toString()).doesNotContain("AG_237648736_126732989KJ");
  }

  @Test
  void optIn_invalidField_raisesInvalidRequestKeepingTheMessage() {
    assertInvalidFieldKeptOnce(() -> billManager().optIn(sampleOptIn().build()));
  }

  /** ONCE: never resent; a server error after sending leaves the opt-in's fate unknown. */
  @Test
  void optIn_internalServerError_raisesOutcomeUnknownAndSendsOnce() {
    assertOutcomeUnknownOnServerErrorAndSentOnce(
        () -> billManager().optIn(sampleOptIn().build()),
        e -> assertThat(e.references()).containsEntry("shortCode", "718003"));
  }

  @Test
  void optIn_answerWithoutRescode_raisesOutcomeUnknown() {
    daraja.handler(r -> json(200, "{\"app_key\":\"AG_1\"}"));

    assertThatThrownBy(() -> billManager().optIn(sampleOptIn().build()))
        .isInstanceOf(OutcomeUnknownException.class)
        .hasMessageContaining("without a rescode");
  }

  /** SAFE: a cancellation answered without a code is an error, not an unknown outcome. */
  @Test
  void cancelInvoice_answerWithoutRescode_raisesApiError() {
    daraja.handler(r -> json(200, "{}"));

    assertThatThrownBy(() -> billManager().cancelInvoice("113"))
        .isInstanceOfSatisfying(
            MpesaApiException.class,
            e -> assertThat(e.errorMessage()).isEqualTo("the answer has no rescode"));
  }

  @Test
  void optIn_rescodeOtherThan200_raisesAnError() {
    daraja.handler(r -> json(200, "{\"resmsg\":\"Bad Request\",\"rescode\":\"400\"}"));

    assertThatThrownBy(() -> billManager().optIn(sampleOptIn().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("400");
              assertThat(e.errorMessage()).isEqualTo("Bad Request");
            });
  }

  // --- change opt-in details (SAFE) ---

  @Test
  void updateOptIn_sampleRequest_sendsTheGoldenPayload() throws Exception {
    answer("billmanager/success-response.json");

    billManager()
        .updateOptIn(
            sampleOptIn()
                .sendReminders(false)
                .logo(null)
                .callbackUrl("https://my.server.com/bar/callback")
                .build());

    assertGolden("change-optin-details", "change-optin-request.json");
  }

  @Test
  void updateOptIn_sampleAnswer_isParsed() {
    answer("billmanager/success-response.json");

    BillManagerResponse r = billManager().updateOptIn(sampleOptIn().build());

    assertThat(r.responseCode()).isEqualTo("200");
    assertThat(r.responseMessage()).isEqualTo("Success");
    assertThat(r.statusMessage()).isNull();
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void updateOptIn_invalidField_raisesInvalidRequestKeepingTheMessage() {
    assertInvalidFieldKeptOnce(() -> billManager().updateOptIn(sampleOptIn().build()));
  }

  /** Changing the details twice changes nothing more: transient failures are retried. */
  @Test
  void updateOptIn_internalServerErrorThenSuccess_isRetried() {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    daraja.handler(
        r ->
            calls.incrementAndGet() == 1
                ? json(500, Fixtures.read("billmanager/error-internal.json"))
                : json(200, Fixtures.read("billmanager/success-response.json")));

    BillManagerResponse r = billManager().updateOptIn(sampleOptIn().build());

    assertThat(r.responseCode()).isEqualTo("200");
    assertThat(daraja.businessCount()).isEqualTo(2);
  }

  // --- single invoice (MONEY) ---

  @Test
  void sendInvoice_sampleRequest_sendsTheGoldenPayload() throws Exception {
    answer("billmanager/invoice-response.json");

    billManager().sendInvoice(sampleInvoice().build());

    assertGolden("single-invoicing", "single-invoice-request.json");
  }

  @Test
  void sendInvoice_sampleAnswer_isParsed() {
    answer("billmanager/invoice-response.json");

    BillManagerResponse r = billManager().sendInvoice(sampleInvoice().build());

    assertThat(r.statusMessage()).isEqualTo("Invoice sent successfully");
    assertThat(r.responseMessage()).isEqualTo("Success");
    assertThat(r.responseCode()).isEqualTo("200");
  }

  @Test
  void sendInvoice_withoutItems_omitsInvoiceItems() throws Exception {
    answer("billmanager/invoice-response.json");

    billManager().sendInvoice(bulkInvoice("967", "halboo45").build());

    JsonNode body = body(daraja.businessRequests().get(0));
    assertThat(body.has("invoiceItems")).isFalse();
    assertThat(body.get("billedPhoneNumber").asText()).isEqualTo("0722000000");
  }

  @Test
  void sendInvoice_invalidField_raisesInvalidRequestKeepingTheMessage() {
    assertInvalidFieldKeptOnce(() -> billManager().sendInvoice(sampleInvoice().build()));
  }

  @Test
  void sendInvoice_internalServerError_raisesOutcomeUnknownAndSendsOnce() {
    assertOutcomeUnknownOnServerErrorAndSentOnce(
        () -> billManager().sendInvoice(sampleInvoice().build()),
        e -> {
          assertThat(e.references())
              .containsEntry("externalReference", "#993340")
              .containsEntry("amount", "600")
              .containsEntry("billedPhoneNumber", "2547******00");
          assertThat(e.getMessage()).doesNotContain("0722000000").doesNotContain("254722000000");
        });
  }

  @Test
  void sendInvoice_readTimeout_raisesOutcomeUnknownAndSendsOnce() {
    mpesa.close();
    mpesa = TestClients.sandbox(server).clock(clock).readTimeout(Duration.ofMillis(300)).build();
    daraja.handler(
        r ->
            new MockResponse.Builder()
                .headersDelay(2, TimeUnit.SECONDS)
                .body(Fixtures.read("billmanager/invoice-response.json"))
                .build());

    assertThatThrownBy(() -> billManager().sendInvoice(sampleInvoice().build()))
        .isInstanceOf(OutcomeUnknownException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void sendInvoice_rescode500InTheAnswer_raisesOutcomeUnknown() {
    daraja.handler(r -> json(200, "{\"resmsg\":\"Internal Server Error\",\"rescode\":\"500\"}"));

    assertThatThrownBy(() -> billManager().sendInvoice(sampleInvoice().build()))
        .isInstanceOf(OutcomeUnknownException.class)
        .hasMessageContaining("rescode 500");
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void sendInvoice_answerWithoutRescode_raisesOutcomeUnknown() {
    daraja.handler(r -> json(200, "{\"ResponseCode\":\"0\"}"));

    assertThatThrownBy(() -> billManager().sendInvoice(sampleInvoice().build()))
        .isInstanceOf(OutcomeUnknownException.class)
        .hasMessageContaining("without a rescode");
  }

  @Test
  void sendInvoice_rescodeAsNumber_isReadAsString() {
    daraja.handler(r -> json(200, "{\"resmsg\":\"Success\",\"rescode\":200}"));

    assertThat(billManager().sendInvoice(sampleInvoice().build()).responseCode()).isEqualTo("200");
  }

  @Test
  void sendInvoice_conflict409_raisesInvalidRequestWithTheMessageMasked() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"Status_Message\":\"Invoice already exists for 0722000000\","
                    + "\"resmsg\":\"Conflict\",\"rescode\":\"409\"}"));

    assertThatThrownBy(() -> billManager().sendInvoice(sampleInvoice().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("409");
              assertThat(e.errorMessage()).startsWith("Conflict: Invoice already exists for");
              assertThat(e.getMessage()).doesNotContain("0722000000");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  // --- bulk invoices (MONEY) ---

  @Test
  void sendInvoices_sampleRequest_sendsTheGoldenArray() throws Exception {
    answer("billmanager/invoice-response.json");

    billManager().sendInvoices(sampleBulk());

    assertGolden("bulk-invoicing", "bulk-invoice-request.json");
  }

  @Test
  void sendInvoices_sampleAnswer_isParsed() {
    answer("billmanager/invoice-response.json");

    BillManagerResponse r = billManager().sendInvoices(sampleBulk());

    assertThat(r.statusMessage()).isEqualTo("Invoice sent successfully");
    assertThat(r.responseCode()).isEqualTo("200");
  }

  @Test
  void sendInvoices_thousandInvoices_goInOneCall() throws Exception {
    answer("billmanager/invoice-response.json");
    List<Invoice> invoices =
        java.util.stream.IntStream.range(0, BillManagerService.MAX_BULK)
            .mapToObj(i -> bulkInvoice("INV" + i, "A" + i).build())
            .toList();

    billManager().sendInvoices(invoices);

    assertThat(body(daraja.businessRequests().get(0))).hasSize(1000);
  }

  @Test
  void sendInvoices_invalidField_raisesInvalidRequestKeepingTheMessage() {
    assertInvalidFieldKeptOnce(() -> billManager().sendInvoices(sampleBulk()));
  }

  @Test
  void sendInvoices_internalServerError_raisesOutcomeUnknownAndSendsOnce() {
    assertOutcomeUnknownOnServerErrorAndSentOnce(
        () -> billManager().sendInvoices(sampleBulk()),
        e ->
            assertThat(e.references())
                .containsEntry("invoices", "2")
                .containsEntry("firstExternalReference", "1107")
                .containsEntry("lastExternalReference", "967"));
  }

  // --- reconciliation (MONEY: each copy texts a receipt) ---

  @Test
  void reconcile_sampleRequest_sendsTheGoldenPayload() throws Exception {
    answer("billmanager/success-response.json");

    billManager().reconcile(sampleAcknowledgement().build());

    assertGolden("reconciliation", "reconciliation-request.json");
  }

  @Test
  void reconcile_sampleAnswer_isParsed() {
    answer("billmanager/success-response.json");

    BillManagerResponse r = billManager().reconcile(sampleAcknowledgement().build());

    assertThat(r.responseCode()).isEqualTo("200");
    assertThat(r.responseMessage()).isEqualTo("Success");
  }

  @Test
  void reconcile_invalidField_raisesInvalidRequestKeepingTheMessage() {
    assertInvalidFieldKeptOnce(() -> billManager().reconcile(sampleAcknowledgement().build()));
  }

  @Test
  void reconcile_internalServerError_raisesOutcomeUnknownAndSendsOnce() {
    assertOutcomeUnknownOnServerErrorAndSentOnce(
        () -> billManager().reconcile(sampleAcknowledgement().build()),
        e ->
            assertThat(e.references())
                .containsEntry("transactionId", "PBS3MTR1N")
                .containsEntry("phoneNumber", "2547******56"));
  }

  // --- cancel one (SAFE) ---

  @Test
  void cancelInvoice_sampleRequest_sendsTheGoldenPayload() throws Exception {
    answer("billmanager/cancel-response.json");

    billManager().cancelInvoice("113");

    assertGolden("cancel-single-invoice", "cancel-single-request.json");
  }

  @Test
  void cancelInvoice_sampleAnswer_isParsed() {
    answer("billmanager/cancel-response.json");

    BillManagerResponse r = billManager().cancelInvoice("113");

    assertThat(r.statusMessage()).isEqualTo("Invoice cancelled successfully.");
    assertThat(r.responseCode()).isEqualTo("200");
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void cancelInvoice_paidInvoice409_raisesInvalidRequestNotRetried() {
    answer("billmanager/cancel-conflict.json");

    assertThatThrownBy(() -> billManager().cancelInvoice("113"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("409");
              assertThat(e.errorMessage())
                  .isEqualTo("Conflict: Partially or fully paid invoices cannot be cancelled.");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void cancelInvoice_invalidField_raisesInvalidRequestKeepingTheMessage() {
    assertInvalidFieldKeptOnce(() -> billManager().cancelInvoice("113"));
  }

  // --- cancel many (SAFE) ---

  @Test
  void cancelInvoices_sampleRequest_sendsTheGoldenArray() throws Exception {
    answer("billmanager/cancel-response.json");

    billManager().cancelInvoices(List.of("113", "114"));

    assertGolden("cancel-bulk-invoices", "cancel-bulk-request.json");
  }

  @Test
  void cancelInvoices_answerWithErrors_keepsThem() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"Status_Message\":\"Invoice cancelled successfully.\",\"resmsg\":\"Success\","
                    + "\"rescode\":\"200\",\"errors\":[\"114 not found\"]}"));

    BillManagerResponse r = billManager().cancelInvoices(List.of("113", "114"));

    assertThat(r.errors()).containsExactly("114 not found");
  }

  @Test
  void cancelInvoices_paidInvoice409_raisesInvalidRequest() {
    answer("billmanager/cancel-conflict.json");

    assertThatThrownBy(() -> billManager().cancelInvoices(List.of("113", "114")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.errorCode()).isEqualTo("409"));
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void cancelInvoices_invalidField_raisesInvalidRequestKeepingTheMessage() {
    assertInvalidFieldKeptOnce(() -> billManager().cancelInvoices(List.of("113", "114")));
  }

  // --- what never reaches a log ---

  @Test
  void requests_toString_maskPhoneNumbers() {
    assertThat(sampleOptIn().build().toString())
        .contains("2547******56")
        .doesNotContain("710123456");
    assertThat(sampleInvoice().build().toString())
        .contains("2547******00")
        .doesNotContain("722000000");
    assertThat(sampleAcknowledgement().build().toString())
        .contains("2547******56")
        .doesNotContain("710123456")
        .doesNotContain("John Doe");
  }
}
