package dev.mpesa.ratiba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.FakeClock;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.TestClients;
import java.time.Instant;
import java.time.LocalDate;
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

/** R36: a standing order Daraja would reject fails locally, and nothing reaches the server. */
class RatibaValidationTest {
  /** 2024-09-05 00:30 in Nairobi, still 2024-09-04 in UTC. */
  static final Instant NOW = Instant.parse("2024-09-04T21:30:00Z");

  final FakeClock clock = new FakeClock(NOW);
  MockWebServer server;
  MpesaClient sandbox;
  MpesaClient production;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(
        new DarajaStub()
            .handler(r -> DarajaStub.json(200, Fixtures.read("ratiba/create-response.json"))));
    server.start();
    sandbox = TestClients.sandbox(server).clock(clock).build();
    production =
        TestClients.sandbox(server).environment(Environment.PRODUCTION).clock(clock).build();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    production.close();
    server.close();
  }

  static StandingOrderRequest.Builder valid() {
    return StandingOrderRequest.builder()
        .standingOrderName("Bike loan")
        .startDate(LocalDate.of(2024, 9, 5))
        .endDate(LocalDate.of(2025, 9, 5))
        .amount(4500)
        .phoneNumber("0712345678")
        .callbackUrl("https://shop.example/ratiba/cb")
        .accountReference("LOAN-1234")
        .description("Bike loan")
        .frequency(Frequency.MONTHLY);
  }

  static Stream<Arguments> invalidRequests() {
    return Stream.of(
        bad("amount zero", b -> b.amount(0), "amount"),
        bad("negative amount", b -> b.amount(-1), "amount"),
        bad("amount above the M-Pesa limit", b -> b.amount(250_001), "amount"),
        bad("no name", b -> b.standingOrderName(null), "standingOrderName"),
        bad("blank name", b -> b.standingOrderName(" "), "standingOrderName"),
        bad("name of 101", b -> b.standingOrderName("n".repeat(101)), "standingOrderName"),
        bad("no start date", b -> b.startDate(null), "startDate"),
        bad("no end date", b -> b.endDate(null), "endDate"),
        bad("end before start", b -> b.endDate(LocalDate.of(2024, 9, 4)), "endDate"),
        bad("account reference of 13", b -> b.accountReference("LOAN-12345678"), "accountRef"),
        bad("no account reference", b -> b.accountReference(null), "accountReference"),
        bad("padded account reference", b -> b.accountReference(" L1"), "accountReference"),
        bad("description of 14", b -> b.description("Bike loan 1234"), "description"),
        bad("no description", b -> b.description(null), "description"),
        bad("no frequency", b -> b.frequency(null), "frequency"),
        bad("no phone", b -> b.phoneNumber((String) null), "phoneNumber"),
        bad("no callback", b -> b.callbackUrl((String) null), "callbackUrl"),
        bad("relative callback", b -> b.callbackUrl("/cb"), "callbackUrl"),
        bad("ftp callback", b -> b.callbackUrl("ftp://shop.example/cb"), "callbackUrl"),
        bad("padded callback", b -> b.callbackUrl(" https://shop.example/cb"), "callbackUrl"),
        bad("till with letters", b -> b.buyGoods("51234A"), "tillNumber"),
        bad("till of 4 digits", b -> b.buyGoods("5123"), "tillNumber"),
        bad("paybill of 9 digits", b -> b.payBill("123456789"), "shortCode"),
        bad(
            "custom id of 65",
            b -> b.customStandingOrderId("c".repeat(65)),
            "customStandingOrderId"));
  }

  static Arguments bad(String name, Consumer<StandingOrderRequest.Builder> change, String field) {
    return Arguments.of(name, change, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRequests")
  void build_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<StandingOrderRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              StandingOrderRequest.Builder b = valid();
              change.accept(b);
              sandbox.ratiba().createStandingOrder(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void build_limitsItself_areAccepted() {
    StandingOrderRequest r =
        valid()
            .amount(StandingOrderRequest.MAX_AMOUNT)
            .accountReference("A".repeat(12))
            .description("D".repeat(13))
            .endDate(LocalDate.of(2024, 9, 5))
            .frequency(Frequency.ONE_OFF)
            .build();

    sandbox.ratiba().createStandingOrder(r);

    assertThat(server.getRequestCount()).isEqualTo(2); // OAuth + create
  }

  /** "Today" is Nairobi's date, whatever the JVM's zone or UTC says. */
  @Test
  void createStandingOrder_startDateBeforeTodayInNairobi_failsBeforeAnyCall() {
    StandingOrderRequest r =
        valid().startDate(LocalDate.of(2024, 9, 4)).endDate(LocalDate.of(2025, 9, 4)).build();

    assertThatThrownBy(() -> sandbox.ratiba().createStandingOrder(r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in the past")
        .hasMessageContaining("2024-09-05");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void createStandingOrder_biWeeklyWithoutAMapping_failsBeforeAnyCall() {
    StandingOrderRequest r = valid().frequency(Frequency.BI_WEEKLY).build();

    assertThatThrownBy(() -> sandbox.ratiba().createStandingOrder(r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BI_WEEKLY");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void createStandingOrder_httpCallbackInProduction_failsBeforeAnyCall() {
    StandingOrderRequest r = valid().callbackUrl("http://shop.example/cb").build();

    assertThatThrownBy(() -> production.ratiba().createStandingOrder(r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://localhost/cb", "https://10.0.0.5/cb", "https://[::1]/cb"})
  void createStandingOrder_privateCallbackHostInProduction_failsBeforeAnyCall(String url) {
    StandingOrderRequest r = valid().callbackUrl(url).build();

    assertThatThrownBy(() -> production.ratiba().createStandingOrder(r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reachable from the internet");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void createStandingOrder_httpCallbackInSandbox_isAllowed() {
    sandbox.ratiba().createStandingOrder(valid().callbackUrl("http://127.0.0.1:8080/cb").build());

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void createStandingOrder_noShortCodeAnywhere_failsBeforeAnyCall() {
    try (MpesaClient noShortCode =
        MpesaClient.builder()
            .environment(Environment.SANDBOX)
            .baseUrl(server.url("/").toString())
            .consumerKey("key")
            .consumerSecret("secret")
            .clock(clock)
            .build()) {
      assertThatThrownBy(() -> noShortCode.ratiba().createStandingOrder(valid().build()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("payBill(shortCode)");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void settings_twoFrequenciesOnOneCode_areRefused() {
    RatibaSettings.Builder b = RatibaSettings.builder().frequencyCode(Frequency.MONTHLY, "5");

    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MONTHLY")
        .hasMessageContaining("BI_MONTHLY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "123", "a", " 4"})
  void settings_malformedFrequencyCode_isRefused(String code) {
    assertThatThrownBy(
            () -> RatibaSettings.builder().frequencyCode(Frequency.BI_WEEKLY, code).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 or 2 digits");
  }

  @Test
  void settings_defaults_arePortalForms() {
    RatibaSettings s = RatibaSettings.defaults();

    assertThat(s.transactionTypeNaming()).isEqualTo(TransactionTypeNaming.DARAJA_PORTAL);
    assertThat(s.frequencyCode(Frequency.ONE_OFF)).isEqualTo("1");
    assertThat(s.frequencyCode(Frequency.MONTHLY)).isEqualTo("4");
    assertThat(s.frequencyCode(Frequency.YEARLY)).isEqualTo("8");
  }
}
