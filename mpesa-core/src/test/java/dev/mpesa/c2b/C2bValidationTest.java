package dev.mpesa.c2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.phone.PhoneNumber;
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

/**
 * R36 and API.md §9.2: a C2B request Daraja would refuse fails locally, and nothing reaches the
 * server (not even an OAuth request).
 */
class C2bValidationTest {
  MockWebServer server;
  MpesaClient sandbox;
  MpesaClient production;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(
        new DarajaStub()
            .handler(r -> DarajaStub.json(200, Fixtures.read("c2b/register-response.json"))));
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

  static C2bRegisterUrlRequest.Builder validRegistration() {
    return C2bRegisterUrlRequest.builder()
        .shortCode("600984")
        .responseType(ResponseType.COMPLETED)
        .confirmationUrl("https://shop.example/c2b/confirm")
        .validationUrl("https://shop.example/c2b/validate");
  }

  static C2bSimulateRequest.Builder validSimulation() {
    return C2bSimulateRequest.builder()
        .shortCode("600984")
        .amount(100)
        .phoneNumber("254708374149")
        .billRefNumber("INV-1");
  }

  // ---- registerUrls ----

  static Stream<Arguments> invalidRegistrations() {
    return Stream.of(
        reg("no short code", b -> b.shortCode(null), "shortCode"),
        reg("short code of 4 digits", b -> b.shortCode("6009"), "shortCode"),
        reg("short code of 9 digits", b -> b.shortCode("600984123"), "shortCode"),
        reg("short code with letters", b -> b.shortCode("60098A"), "shortCode"),
        reg("padded short code", b -> b.shortCode(" 600984"), "shortCode"),
        reg("no response type", b -> b.responseType((ResponseType) null), "responseType"),
        reg("no confirmation URL", b -> b.confirmationUrl((String) null), "confirmationUrl"),
        reg("no validation URL", b -> b.validationUrl((String) null), "validationUrl"),
        reg("relative confirmation URL", b -> b.confirmationUrl("/c2b/confirm"), "confirmationUrl"),
        reg("ftp validation URL", b -> b.validationUrl("ftp://shop.example/v"), "validationUrl"));
  }

  static Arguments reg(String name, Consumer<C2bRegisterUrlRequest.Builder> change, String field) {
    return Arguments.of(name, change, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRegistrations")
  void registerUrls_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<C2bRegisterUrlRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              C2bRegisterUrlRequest.Builder b = validRegistration();
              change.accept(b);
              sandbox.c2b().registerUrls(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  /** §9.2: the banned words, in any case and anywhere in the URL, in sandbox too. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://shop.example/M-PESA/confirm",
        "https://shop.example/m-pesa/confirm",
        "https://shop.example/M-Pesa/confirm",
        "https://mpesa.shop.example/confirm",
        "https://shop.example/MPesaConfirm",
        "https://shop.example/safaricom/confirm",
        "https://shop.example/SAFARICOM",
        "https://shop.example/confirm.exe",
        "https://shop.example/exec/confirm",
        "https://shop.example/cmd/confirm",
        "https://shop.example/SQL/confirm",
        "https://shop.example/confirm?Query=1",
        "https://shop.example/c2b/query"
      })
  void registerUrls_bannedWordInUrl_failsAndSendsNothing(String url) {
    assertThatThrownBy(
            () -> sandbox.c2b().registerUrls(validRegistration().confirmationUrl(url).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("confirmationUrl");
    assertThatThrownBy(
            () -> sandbox.c2b().registerUrls(validRegistration().validationUrl(url).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validationUrl");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {" https://shop.example/c2b/confirm", "https://shop.example/c2b/confirm "})
  void registerUrls_untrimmedUrl_failsAtTheBuilder(String url) {
    assertThatThrownBy(() -> validRegistration().confirmationUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spaces");
    assertThatThrownBy(() -> validRegistration().validationUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spaces");
    assertThat(server.getRequestCount()).isZero();
  }

  /** A.14: ResponseType is exactly Completed or Cancelled; another casing never leaves. */
  @ParameterizedTest
  @ValueSource(strings = {"completed", "COMPLETED", "cancelled", "Canceled", "Completed ", ""})
  void registerUrls_responseTypeInWrongCasing_failsAtTheBuilder(String responseType) {
    assertThatThrownBy(() -> validRegistration().responseType(responseType))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Completed")
        .hasMessageContaining("Cancelled");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void responseType_exactSpelling_mapsToTheConstants() {
    assertThat(ResponseType.of("Completed")).isEqualTo(ResponseType.COMPLETED);
    assertThat(ResponseType.of("Cancelled")).isEqualTo(ResponseType.CANCELLED);
    assertThat(ResponseType.COMPLETED.wireValue()).isEqualTo("Completed");
    assertThat(ResponseType.CANCELLED.wireValue()).isEqualTo("Cancelled");
  }

  @Test
  void registerUrls_httpUrlInProduction_failsAndSendsNothing() {
    assertThatThrownBy(
            () ->
                production
                    .c2b()
                    .registerUrls(
                        validRegistration().confirmationUrl("http://shop.example/c").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https")
        .hasMessageContaining("confirmationUrl");
    assertThatThrownBy(
            () ->
                production
                    .c2b()
                    .registerUrls(
                        validRegistration().validationUrl("http://shop.example/v").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validationUrl");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://localhost/c2b",
        "https://127.0.0.1:8443/c2b",
        "https://10.0.0.5/c2b",
        "https://192.168.1.20/c2b",
        "https://172.16.0.1/c2b",
        "https://[::1]/c2b",
        "https://shop.local/c2b"
      })
  void registerUrls_privateHostInProduction_failsAndSendsNothing(String url) {
    assertThatThrownBy(
            () -> production.c2b().registerUrls(validRegistration().confirmationUrl(url).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reachable from the internet");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void registerUrls_httpAndLocalUrlsInSandbox_areAllowed() {
    sandbox
        .c2b()
        .registerUrls(
            validRegistration()
                .confirmationUrl("http://127.0.0.1:8080/c2b/confirm")
                .validationUrl("http://localhost:8080/c2b/validate")
                .build());
    assertThat(server.getRequestCount()).isEqualTo(2); // OAuth + registration
  }

  @Test
  void registerUrls_validRequestInProduction_isSent() {
    production.c2b().registerUrls(validRegistration().build());
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void registerRequest_toString_hidesUrlPaths() {
    String text =
        validRegistration()
            .confirmationUrl("https://shop.example/c2b/confirm/token-s3cr3t")
            .build()
            .toString();
    assertThat(text).contains("600984", "Completed", "https://shop.example/...");
    assertThat(text).doesNotContain("token-s3cr3t");
  }

  // ---- simulate ----

  static Stream<Arguments> invalidSimulations() {
    return Stream.of(
        sim("amount zero", b -> b.amount(0), "amount"),
        sim("negative amount", b -> b.amount(-1), "amount"),
        sim("amount above 250,000", b -> b.amount(250_001), "amount"),
        sim("no short code", b -> b.shortCode(null), "shortCode"),
        sim("short code of 4 digits", b -> b.shortCode("6009"), "shortCode"),
        sim("short code with letters", b -> b.shortCode("6009AB"), "shortCode"),
        sim("no phone", b -> b.phoneNumber((String) null), "phoneNumber"),
        sim("no bill reference for a PayBill", b -> b.billRefNumber(null), "billRefNumber"),
        sim("blank bill reference", b -> b.billRefNumber(""), "billRefNumber"),
        sim("padded bill reference", b -> b.billRefNumber(" INV-1"), "billRefNumber"),
        sim("bill reference of 21", b -> b.billRefNumber("A".repeat(21)), "billRefNumber"));
  }

  static Arguments sim(String name, Consumer<C2bSimulateRequest.Builder> change, String field) {
    return Arguments.of(name, change, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSimulations")
  void simulate_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<C2bSimulateRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              C2bSimulateRequest.Builder b = validSimulation();
              change.accept(b);
              sandbox.c2b().simulate(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void simulate_billReferenceForATill_fails() {
    assertThatThrownBy(
            () ->
                new C2bSimulateRequest(
                    "5123456", 10, PhoneNumber.parse("254708374149"), "INV-1", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("billRefNumber");
  }

  @Test
  void simulate_phoneNotKenyanMobile_failsAtTheBuilder() {
    assertThatThrownBy(() -> validSimulation().phoneNumber("0812345678"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void simulate_limitValues_areAccepted() {
    assertThat(validSimulation().amount(1).build().amount()).isEqualTo(1);
    assertThat(validSimulation().amount(250_000).build().amount()).isEqualTo(250_000);
    assertThat(validSimulation().billRefNumber("A".repeat(20)).build().billRefNumber()).hasSize(20);
    assertThat(validSimulation().buyGoods().build().commandId())
        .isEqualTo("CustomerBuyGoodsOnline");
    assertThat(validSimulation().build().commandId()).isEqualTo("CustomerPayBillOnline");
  }

  /** §5.4: simulate exists only in the sandbox. */
  @Test
  void simulate_productionClient_isRefusedAndSendsNothing() {
    assertThatThrownBy(() -> production.c2b().simulate(validSimulation().build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sandbox");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void simulateRequest_toString_masksThePhoneNumber() {
    assertThat(validSimulation().build().toString())
        .contains("2547******49")
        .doesNotContain("254708374149");
  }

  @Test
  void c2bVersion_null_isRefusedByTheBuilder() {
    assertThatThrownBy(() -> MpesaClient.builder().c2bVersion(null).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("c2bVersion");
  }

  @Test
  void c2bVersion_default_isV2() {
    assertThat(sandbox.c2b().version()).isEqualTo(C2bVersion.V2);
  }
}
