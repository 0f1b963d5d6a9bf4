package dev.mpesa.billmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.TestClients;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** R36: a Bill Manager request that breaks a documented rule fails locally, sending nothing. */
class BillManagerValidationTest {
  MockWebServer server;
  MpesaClient sandbox;
  MpesaClient production;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(
        new DarajaStub()
            .handler(
                r -> DarajaStub.json(200, Fixtures.read("billmanager/success-response.json"))));
    server.start();
    sandbox = TestClients.sandbox(server).build();
    production = TestClients.sandbox(server).environment(Environment.PRODUCTION).build();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    production.close();
    server.close();
  }

  static OptInRequest.Builder validOptIn() {
    return OptInRequest.builder()
        .shortCode("718003")
        .email("billing@shop.example")
        .officialContact("0710123456")
        .callbackUrl("https://shop.example/billmanager/payments");
  }

  static Invoice.Builder validInvoice() {
    return Invoice.builder()
        .externalReference("INV-1")
        .billedFullName("Jane Doe")
        .billedPhoneNumber("0712345678")
        .billedPeriod(YearMonth.of(2024, 9))
        .invoiceName("Water")
        .dueDate(LocalDate.of(2024, 9, 30))
        .accountReference("G70")
        .amount(1500);
  }

  static PaymentAcknowledgement.Builder validAcknowledgement() {
    return PaymentAcknowledgement.builder()
        .paymentDate(LocalDate.of(2024, 9, 10))
        .paidAmount(1500)
        .accountReference("G70")
        .transactionId("SC8F2IQMH5")
        .phoneNumber("0712345678")
        .fullName("Jane Doe")
        .invoiceName("Water")
        .externalReference("INV-1");
  }

  static Arguments bad(String name, Runnable call, String field) {
    return Arguments.of(name, call, field);
  }

  static Runnable optIn(Consumer<OptInRequest.Builder> change) {
    return () -> {
      OptInRequest.Builder b = validOptIn();
      change.accept(b);
      b.build();
    };
  }

  static Runnable invoice(Consumer<Invoice.Builder> change) {
    return () -> {
      Invoice.Builder b = validInvoice();
      change.accept(b);
      b.build();
    };
  }

  static Runnable acknowledgement(Consumer<PaymentAcknowledgement.Builder> change) {
    return () -> {
      PaymentAcknowledgement.Builder b = validAcknowledgement();
      change.accept(b);
      b.build();
    };
  }

  static Stream<Arguments> invalidRecords() {
    return Stream.of(
        bad("short code of 4", optIn(b -> b.shortCode("7180")), "shortCode"),
        bad("short code of 8", optIn(b -> b.shortCode("71800312")), "shortCode"),
        bad("short code with letters", optIn(b -> b.shortCode("71800A")), "shortCode"),
        bad("no short code", optIn(b -> b.shortCode(null)), "shortCode"),
        bad("no email", optIn(b -> b.email(null)), "email"),
        bad("email without @", optIn(b -> b.email("billing.shop.example")), "email"),
        bad("email without domain dot", optIn(b -> b.email("billing@shop")), "email"),
        bad("email of 255", optIn(b -> b.email("a".repeat(243) + "@shop.example")), "email"),
        bad("no official contact", optIn(b -> b.officialContact((String) null)), "official"),
        bad("official contact not mobile", optIn(b -> b.officialContact("020 123 4567")), "phone"),
        bad("blank logo", optIn(b -> b.logo(" ")), "logo"),
        bad("no callback", optIn(b -> b.callbackUrl((String) null)), "callbackUrl"),
        bad("relative callback", optIn(b -> b.callbackUrl("/payments")), "callbackUrl"),
        bad("padded callback", optIn(b -> b.callbackUrl("https://x.example/p ")), "callbackUrl"),
        bad("no external reference", invoice(b -> b.externalReference(null)), "externalRef"),
        bad("blank external reference", invoice(b -> b.externalReference("")), "externalRef"),
        bad("external ref of 101", invoice(b -> b.externalReference("x".repeat(101))), "external"),
        bad("no billed name", invoice(b -> b.billedFullName(null)), "billedFullName"),
        bad("billed name of 101", invoice(b -> b.billedFullName("n".repeat(101))), "billedFull"),
        bad("no billed phone", invoice(b -> b.billedPhoneNumber((String) null)), "billedPh"),
        bad("billed phone not mobile", invoice(b -> b.billedPhoneNumber("0812345678")), "phone"),
        bad("no billed period", invoice(b -> b.billedPeriod(null)), "billedPeriod"),
        bad("no invoice name", invoice(b -> b.invoiceName(null)), "invoiceName"),
        bad("no due date", invoice(b -> b.dueDate(null)), "dueDate"),
        bad("no account reference", invoice(b -> b.accountReference(null)), "accountReference"),
        bad("empty account reference", invoice(b -> b.accountReference("")), "accountReference"),
        bad("account ref of 21", invoice(b -> b.accountReference("A".repeat(21))), "accountRef"),
        bad("amount zero", invoice(b -> b.amount(0)), "amount"),
        bad("negative amount", invoice(b -> b.amount(-600)), "amount"),
        bad("item amount zero", invoice(b -> b.item("food", 0)), "item amount"),
        bad("blank item name", invoice(b -> b.item(" ", 100)), "itemName"),
        bad("null item", invoice(b -> b.item((InvoiceItem) null)), "item"),
        bad("no payment date", acknowledgement(b -> b.paymentDate(null)), "paymentDate"),
        bad("paid amount zero", acknowledgement(b -> b.paidAmount(0)), "paidAmount"),
        bad("no transaction id", acknowledgement(b -> b.transactionId(null)), "transactionId"),
        bad("transaction id symbols", acknowledgement(b -> b.transactionId("SC8F-2IQ")), "transac"),
        bad("transaction id of 21", acknowledgement(b -> b.transactionId("S".repeat(21))), "trans"),
        bad(
            "ack account ref of 21",
            acknowledgement(b -> b.accountReference("A".repeat(21))),
            "acc"),
        bad("no ack phone", acknowledgement(b -> b.phoneNumber((String) null)), "phoneNumber"),
        bad("no full name", acknowledgement(b -> b.fullName(null)), "fullName"),
        bad("no ack invoice name", acknowledgement(b -> b.invoiceName(null)), "invoiceName"),
        bad("no ack external ref", acknowledgement(b -> b.externalReference(null)), "external"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRecords")
  void build_invalidField_failsNamingItAndSendsNothing(String name, Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  static List<Invoice> invoices(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> validInvoice().externalReference("INV-" + i).build())
        .toList();
  }

  static List<String> references(int n) {
    return IntStream.range(0, n).mapToObj(i -> "INV-" + i).toList();
  }

  static Arguments call(String name, Consumer<BillManagerService> call, String message) {
    return Arguments.of(name, call, message);
  }

  static Stream<Arguments> invalidCalls() {
    List<Invoice> withNull = new ArrayList<>(invoices(2));
    withNull.add(null);
    return Stream.of(
        call("no invoices", s -> s.sendInvoices(List.of()), "1 to 1000"),
        call("1001 invoices", s -> s.sendInvoices(invoices(1001)), "1001"),
        call(
            "repeated externalReference",
            s -> s.sendInvoices(List.of(validInvoice().build(), validInvoice().build())),
            "repeats externalReference 'INV-1'"),
        call("null invoice", s -> s.sendInvoices(withNull), "null"),
        call("no invoice list", s -> s.sendInvoices(null), "invoices"),
        call("no invoice", s -> s.sendInvoice(null), "invoice"),
        call("no acknowledgement", s -> s.reconcile(null), "acknowledgement"),
        call("no opt-in", s -> s.optIn(null), "request"),
        call("blank cancel", s -> s.cancelInvoice(" "), "externalReference"),
        call("no cancel", s -> s.cancelInvoice(null), "externalReference"),
        call("cancel of 101", s -> s.cancelInvoice("x".repeat(101)), "externalReference"),
        call("no cancels", s -> s.cancelInvoices(List.of()), "1 to 1000"),
        call("1001 cancels", s -> s.cancelInvoices(references(1001)), "1001"),
        call(
            "repeated cancel (as in the docs' own sample)",
            s -> s.cancelInvoices(List.of("113", "113")),
            "repeats '113'"),
        call("blank in cancels", s -> s.cancelInvoices(List.of("113", "")), "externalReference"),
        call(
            "null in cancels",
            s -> s.cancelInvoices(Arrays.asList("113", null)),
            "externalReference"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCalls")
  void call_invalidArgument_failsBeforeAnyCall(
      String name, Consumer<BillManagerService> call, String message) {
    assertThatThrownBy(() -> call.accept(sandbox.billManager()))
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(message);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void optIn_httpCallbackInProduction_failsBeforeAnyCall() {
    OptInRequest r = validOptIn().callbackUrl("http://shop.example/payments").build();

    assertThatThrownBy(() -> production.billManager().optIn(r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
    assertThatThrownBy(() -> production.billManager().updateOptIn(r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"https://localhost/cb", "https://192.168.1.20/cb", "https://shop.local/cb"})
  void optIn_privateCallbackHostInProduction_failsBeforeAnyCall(String url) {
    OptInRequest r = validOptIn().callbackUrl(url).build();

    assertThatThrownBy(() -> production.billManager().optIn(r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reachable from the internet");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void optIn_httpCallbackInSandbox_isAllowed() {
    sandbox.billManager().optIn(validOptIn().callbackUrl("http://127.0.0.1:8080/cb").build());

    assertThat(server.getRequestCount()).isEqualTo(2); // OAuth + opt-in
  }

  @Test
  void limits_themselves_areAccepted() {
    validOptIn().shortCode("12345").build();
    validOptIn().shortCode("1234567").build();
    validInvoice().accountReference("A".repeat(20)).amount(1).item("x", 1).build();
    validAcknowledgement().transactionId("S".repeat(20)).paidAmount(1).build();

    sandbox.billManager().sendInvoices(invoices(1));
    sandbox.billManager().cancelInvoices(references(1000));

    assertThat(server.getRequestCount()).isEqualTo(3); // OAuth + two calls
  }
}
