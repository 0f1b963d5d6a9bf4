package dev.mpesa.b2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.TestClients;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every documented B2B limit fails locally, naming the field, and nothing reaches the server. */
class B2bValidationTest {
  static final String LONG_101 = "r".repeat(101);

  MockWebServer server;
  MpesaClient sandbox;
  MpesaClient production;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(
        new DarajaStub().handler(r -> DarajaStub.json(200, Fixtures.read("b2b/ack.json"))));
    server.start();
    sandbox = client(Environment.SANDBOX);
    production = client(Environment.PRODUCTION);
  }

  MpesaClient client(Environment environment) {
    return MpesaClient.builder()
        .sleeper(TestClients.NO_SLEEP)
        .environment(environment)
        .baseUrl(server.url("/").toString())
        .consumerKey("key")
        .consumerSecret("secret")
        .initiator("testapi", "Safaricom123!!")
        .build();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    production.close();
    server.close();
  }

  static B2bPaymentRequest.Builder payBill() {
    return B2bPaymentRequest.builder()
        .partyA("600000")
        .payBill("600001", "INV-2026-0001")
        .amount(500)
        .remarks("Supplier invoice")
        .resultUrl("https://shop.example/b2b/result")
        .queueTimeoutUrl("https://shop.example/b2b/timeout");
  }

  static B2bPaymentRequest.Builder buyGoods() {
    return B2bPaymentRequest.builder()
        .partyA("600000")
        .buyGoods("5123456")
        .amount(500)
        .remarks("Stock purchase")
        .resultUrl("https://shop.example/b2b/result")
        .queueTimeoutUrl("https://shop.example/b2b/timeout");
  }

  static TaxRemittanceRequest.Builder tax() {
    return TaxRemittanceRequest.builder()
        .partyA("600000")
        .amount(500)
        .paymentRegistrationNumber("2026030212345")
        .remarks("VAT March")
        .resultUrl("https://shop.example/b2b/result")
        .queueTimeoutUrl("https://shop.example/b2b/timeout");
  }

  static B2bExpressCheckoutRequest.Builder express() {
    return B2bExpressCheckoutRequest.builder()
        .primaryShortCode("5123456")
        .receiverShortCode("600000")
        .amount(500)
        .paymentReference("INV-0001")
        .callbackUrl("https://vendor.example/ussd/result")
        .partnerName("Vendor Ltd");
  }

  // ---- Business Pay Bill

  static Stream<Arguments> invalidPayBills() {
    return Stream.of(
        payBill("amount zero", b -> b.amount(0), "amount"),
        payBill("negative amount", b -> b.amount(-239), "amount"),
        payBill("no partyA", b -> b.partyA(null), "partyA"),
        payBill("partyA of 4 digits", b -> b.partyA("6000"), "partyA"),
        payBill("partyA of 8 digits", b -> b.partyA("60000012"), "partyA"),
        payBill("partyA with letters", b -> b.partyA("60000A"), "partyA"),
        payBill("no PayBill", b -> b.payBill(null, "INV-2026-0001"), "payBill"),
        payBill("PayBill of 8 digits", b -> b.payBill("60000012", "INV-2026-0001"), "payBill"),
        payBill("PayBill padded", b -> b.payBill(" 600001", "INV-2026-0001"), "payBill"),
        payBill("no account reference", b -> b.payBill("600001", null), "accountReference"),
        payBill("blank account reference", b -> b.payBill("600001", "  "), "accountReference"),
        payBill(
            "account reference of 14",
            b -> b.payBill("600001", "INV-2026-00001"),
            "accountReference"),
        payBill("padded account reference", b -> b.payBill("600001", "INV1 "), "accountReference"),
        payBill("no remarks", b -> b.remarks(null), "remarks"),
        payBill("empty remarks", b -> b.remarks(""), "remarks"),
        payBill("remarks of 101", b -> b.remarks(LONG_101), "remarks"),
        payBill("occasion of 101", b -> b.occasion(LONG_101), "occasion"),
        payBill("empty occasion", b -> b.occasion(""), "occasion"),
        payBill("no result URL", b -> b.resultUrl((String) null), "resultUrl"),
        payBill("relative result URL", b -> b.resultUrl("/b2b/result"), "resultUrl"),
        payBill("ftp result URL", b -> b.resultUrl("ftp://shop.example/r"), "resultUrl"),
        payBill("padded result URL", b -> b.resultUrl(" https://shop.example/r"), "resultUrl"),
        payBill("no timeout URL", b -> b.queueTimeoutUrl((String) null), "queueTimeoutUrl"),
        payBill(
            "timeout URL not a URL", b -> b.queueTimeoutUrl("https://a b/t"), "queueTimeoutUrl"),
        payBill("requester not Kenyan", b -> b.requester("0812345678"), "phone number"));
  }

  static Arguments payBill(String name, Consumer<B2bPaymentRequest.Builder> c, String field) {
    return Arguments.of(name, c, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPayBills")
  void payBill_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<B2bPaymentRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              B2bPaymentRequest.Builder b = payBill();
              change.accept(b);
              sandbox.b2b().pay(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void payBill_limitsExactly_areAccepted() {
    sandbox
        .b2b()
        .pay(
            payBill()
                .partyA("12345")
                .payBill("1234567", "A".repeat(13))
                .amount(1)
                .remarks("r".repeat(100))
                .occasion("o".repeat(100))
                .build());
    assertThat(server.getRequestCount()).isEqualTo(2); // OAuth + payment
  }

  // ---- Business Buy Goods

  static Stream<Arguments> invalidBuyGoods() {
    return Stream.of(
        buyGoods("amount zero", b -> b.amount(0), "amount"),
        buyGoods("partyA of 8 digits", b -> b.partyA("60000012"), "partyA"),
        buyGoods("no till", b -> b.buyGoods(null), "till"),
        buyGoods("till of 4 digits", b -> b.buyGoods("5123"), "till"),
        buyGoods("till of 9 digits", b -> b.buyGoods("512345678"), "till"),
        buyGoods("till with letters", b -> b.buyGoods("51234X6"), "till"),
        buyGoods(
            "account reference of 14",
            b -> b.buyGoods("5123456", "ABCDEFGHIJKLMN"),
            "accountReference"),
        buyGoods("blank account reference", b -> b.buyGoods("5123456", " "), "accountReference"),
        buyGoods("no remarks", b -> b.remarks(null), "remarks"),
        buyGoods("remarks of 101", b -> b.remarks(LONG_101), "remarks"),
        buyGoods("occasion of 101", b -> b.occasion(LONG_101), "occasion"),
        buyGoods("no result URL", b -> b.resultUrl((String) null), "resultUrl"),
        buyGoods("no timeout URL", b -> b.queueTimeoutUrl((String) null), "queueTimeoutUrl"),
        buyGoods("mailto timeout URL", b -> b.queueTimeoutUrl("mailto:a@b.c"), "queueTimeoutUrl"));
  }

  static Arguments buyGoods(String name, Consumer<B2bPaymentRequest.Builder> c, String f) {
    return Arguments.of(name, c, f);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidBuyGoods")
  void buyGoods_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<B2bPaymentRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              B2bPaymentRequest.Builder b = buyGoods();
              change.accept(b);
              sandbox.b2b().pay(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void buyGoods_tillOfEightDigits_isAccepted() {
    sandbox.b2b().pay(buyGoods().buyGoods("51234567").build());
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // ---- tax

  static Stream<Arguments> invalidTaxes() {
    return Stream.of(
        tax("amount zero", b -> b.amount(0), "amount"),
        tax("no partyA", b -> b.partyA(null), "partyA"),
        tax("partyA with letters", b -> b.partyA("KRA572"), "partyA"),
        tax("no PRN", b -> b.paymentRegistrationNumber(null), "paymentRegistrationNumber"),
        tax("blank PRN", b -> b.paymentRegistrationNumber(""), "paymentRegistrationNumber"),
        tax(
            "PRN of 14",
            b -> b.paymentRegistrationNumber("20260302123456"),
            "paymentRegistrationNumber"),
        tax("no remarks", b -> b.remarks(null), "remarks"),
        tax("remarks of 101", b -> b.remarks(LONG_101), "remarks"),
        tax("no result URL", b -> b.resultUrl((String) null), "resultUrl"),
        tax("no timeout URL", b -> b.queueTimeoutUrl((String) null), "queueTimeoutUrl"));
  }

  static Arguments tax(String name, Consumer<TaxRemittanceRequest.Builder> c, String field) {
    return Arguments.of(name, c, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTaxes")
  void remitTax_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<TaxRemittanceRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              TaxRemittanceRequest.Builder b = tax();
              change.accept(b);
              production.b2b().remitTax(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void remitTax_partyB_isAlwaysKra() {
    assertThat(tax().build().partyB()).isEqualTo("572572");
  }

  // ---- Express Checkout

  static Stream<Arguments> invalidExpressCheckouts() {
    return Stream.of(
        express("amount zero", b -> b.amount(0), "amount"),
        express("negative amount", b -> b.amount(-1), "amount"),
        express("no till", b -> b.primaryShortCode(null), "primaryShortCode"),
        express("till of 9 digits", b -> b.primaryShortCode("512345678"), "primaryShortCode"),
        express("no PayBill", b -> b.receiverShortCode(null), "receiverShortCode"),
        express("PayBill of 8 digits", b -> b.receiverShortCode("60000012"), "receiverShortCode"),
        express("no payment reference", b -> b.paymentReference(null), "paymentReference"),
        express("blank payment reference", b -> b.paymentReference(" "), "paymentReference"),
        express(
            "payment reference of 183",
            b -> b.paymentReference("p".repeat(183)),
            "paymentReference"),
        express("no partner name", b -> b.partnerName(null), "partnerName"),
        express("padded partner name", b -> b.partnerName("Vendor "), "partnerName"),
        express("partner name of 183", b -> b.partnerName("v".repeat(183)), "partnerName"),
        express("no callback URL", b -> b.callbackUrl((String) null), "callbackUrl"),
        express("relative callback URL", b -> b.callbackUrl("result"), "callbackUrl"),
        express(
            "request reference with space",
            b -> b.requestReferenceId("ref 1"),
            "requestReferenceId"),
        express(
            "request reference with slash",
            b -> b.requestReferenceId("ORD/1"),
            "requestReferenceId"),
        express(
            "request reference of 65",
            b -> b.requestReferenceId("a".repeat(65)),
            "requestReferenceId"),
        express("empty request reference", b -> b.requestReferenceId(""), "requestReferenceId"),
        express("null request reference", b -> b.requestReferenceId(null), "requestReferenceId"));
  }

  static Arguments express(
      String name, Consumer<B2bExpressCheckoutRequest.Builder> c, String field) {
    return Arguments.of(name, c, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidExpressCheckouts")
  void expressCheckout_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<B2bExpressCheckoutRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              B2bExpressCheckoutRequest.Builder b = express();
              change.accept(b);
              sandbox.b2b().expressCheckout(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void expressCheckout_builderUsedTwice_givesEachRequestItsOwnReference() {
    B2bExpressCheckoutRequest.Builder b = express();
    assertThat(b.build().requestReferenceId()).isNotEqualTo(b.build().requestReferenceId());
  }

  // ---- production URL rules, for every operation and every URL

  static Stream<Arguments> productionCalls() {
    return Stream.of(
        Arguments.of(
            "payBill resultUrl",
            "resultUrl",
            (UrlCall) (c, u) -> c.b2b().pay(payBill().resultUrl(u).build())),
        Arguments.of(
            "payBill queueTimeoutUrl",
            "queueTimeoutUrl",
            (UrlCall) (c, u) -> c.b2b().pay(payBill().queueTimeoutUrl(u).build())),
        Arguments.of(
            "buyGoods resultUrl",
            "resultUrl",
            (UrlCall) (c, u) -> c.b2b().pay(buyGoods().resultUrl(u).build())),
        Arguments.of(
            "buyGoods queueTimeoutUrl",
            "queueTimeoutUrl",
            (UrlCall) (c, u) -> c.b2b().pay(buyGoods().queueTimeoutUrl(u).build())),
        Arguments.of(
            "remitTax resultUrl",
            "resultUrl",
            (UrlCall) (c, u) -> c.b2b().remitTax(tax().resultUrl(u).build())),
        Arguments.of(
            "remitTax queueTimeoutUrl",
            "queueTimeoutUrl",
            (UrlCall) (c, u) -> c.b2b().remitTax(tax().queueTimeoutUrl(u).build())),
        Arguments.of(
            "expressCheckout callbackUrl",
            "callbackUrl",
            (UrlCall) (c, u) -> c.b2b().expressCheckout(express().callbackUrl(u).build())));
  }

  /** Sends one operation with one of its URLs replaced. */
  @FunctionalInterface
  interface UrlCall {
    void send(MpesaClient client, String url);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("productionCalls")
  void call_httpUrlInProduction_failsBeforeAnyCall(String name, String field, UrlCall call) {
    assertThatThrownBy(() -> call.send(production, "http://shop.example/b2b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field)
        .hasMessageContaining("https");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("productionCalls")
  void call_privateHostInProduction_failsBeforeAnyCall(String name, String field, UrlCall call) {
    assertThatThrownBy(() -> call.send(production, "https://192.168.1.20/b2b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field)
        .hasMessageContaining("reachable from the internet");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/b2b", "http://shop.example/b2b"})
  void payBill_httpUrlsInSandbox_areAllowed(String url) {
    sandbox.b2b().pay(payBill().resultUrl(url).queueTimeoutUrl(url).build());
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // ---- toString

  @Test
  void payBill_toString_masksTheRequesterAndHidesUrlPaths() {
    String text =
        payBill()
            .requester("0712345678")
            .resultUrl("https://shop.example/b2b/result?token=s3cr3t")
            .build()
            .toString();
    assertThat(text)
        .contains("2547******78")
        .doesNotContain("254712345678")
        .doesNotContain("s3cr3t");
  }

  @Test
  void buyGoods_toString_masksTheRequester() {
    assertThat(buyGoods().requester("0712345678").build().toString())
        .contains("2547******78")
        .doesNotContain("254712345678");
  }

  @Test
  void taxAndExpress_toString_hideUrlPaths() {
    assertThat(tax().resultUrl("https://shop.example/r/s3cr3t").build().toString())
        .doesNotContain("s3cr3t");
    assertThat(express().callbackUrl("https://vendor.example/cb/s3cr3t").build().toString())
        .doesNotContain("s3cr3t");
  }
}
