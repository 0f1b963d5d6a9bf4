package dev.mpesa.b2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.TestClients;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** R36: a B2C, B2Pochi or top-up request Daraja would reject fails locally; nothing is sent. */
class B2cValidationTest {
  MockWebServer server;
  MpesaClient sandbox;
  MpesaClient production;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(
        new DarajaStub()
            .handler(r -> DarajaStub.json(200, Fixtures.read("b2c/pay-response.json"))));
    server.start();
    sandbox = client(Environment.SANDBOX).build();
    production = client(Environment.PRODUCTION).build();
  }

  MpesaClient.Builder client(Environment environment) {
    return TestClients.sandbox(server)
        .environment(environment)
        .initiator("testapi", "Safaricom123!!");
  }

  @AfterEach
  void stop() {
    sandbox.close();
    production.close();
    server.close();
  }

  static B2cPaymentRequest.Builder validPayment() {
    return B2cServiceTest.samplePayment();
  }

  static B2cPaymentRequest.Builder validPochi() {
    return B2cServiceTest.samplePochi();
  }

  static B2cTopUpRequest.Builder validTopUp() {
    return B2cServiceTest.sampleTopUp();
  }

  // ---------------------------------------------------------------- B2C

  static Stream<Arguments> invalidPayments() {
    return Stream.of(
        payment("amount 9, below the minimum of 10", b -> b.amount(9), "amount"),
        payment("amount 250,001, above the maximum", b -> b.amount(250_001), "amount"),
        payment("amount 0", b -> b.amount(0), "amount"),
        payment("negative amount", b -> b.amount(-10), "amount"),
        payment("no command", b -> b.command(null), "command"),
        payment("no remarks", b -> b.remarks(null), "remarks"),
        payment("remarks of 1", b -> b.remarks("r"), "remarks"),
        payment("remarks of 101", b -> b.remarks("r".repeat(101)), "remarks"),
        payment("padded remarks", b -> b.remarks(" remarked"), "remarks"),
        payment("empty occasion", b -> b.occasion(""), "occasion"),
        payment("occasion of 101", b -> b.occasion("o".repeat(101)), "occasion"),
        payment("no partyA", b -> b.partyA(null), "partyA"),
        payment("partyA with letters", b -> b.partyA("60099A"), "partyA"),
        payment("partyA of 4 digits", b -> b.partyA("6009"), "partyA"),
        payment("partyA of 8 digits", b -> b.partyA("60099212"), "partyA"),
        payment("no phone", b -> b.phoneNumber((String) null), "phoneNumber"),
        payment("no resultUrl", b -> b.resultUrl((String) null), "resultUrl"),
        payment("relative resultUrl", b -> b.resultUrl("/b2c/result"), "resultUrl"),
        payment("ftp resultUrl", b -> b.resultUrl("ftp://mydomain.com/r"), "resultUrl"),
        payment("padded resultUrl", b -> b.resultUrl("https://mydomain.com/r "), "resultUrl"),
        payment("no queueTimeoutUrl", b -> b.queueTimeoutUrl((String) null), "queueTimeoutUrl"),
        payment("relative queueTimeoutUrl", b -> b.queueTimeoutUrl("timeout"), "queueTimeoutUrl"),
        payment("empty id", b -> b.originatorConversationId(""), "originatorConversationId"),
        payment(
            "id with a space", b -> b.originatorConversationId("a b"), "originatorConversationId"),
        payment(
            "id of 65",
            b -> b.originatorConversationId("x".repeat(65)),
            "originatorConversationId"),
        payment(
            "non-ASCII id",
            b -> b.originatorConversationId("zawadi-é"),
            "originatorConversationId"));
  }

  static Arguments payment(String name, Consumer<B2cPaymentRequest.Builder> change, String field) {
    return Arguments.of(name, change, field);
  }

  static Arguments pochi(String name, Consumer<B2cPaymentRequest.Builder> change, String field) {
    return Arguments.of(name, change, field);
  }

  static Arguments topUp(String name, Consumer<B2cTopUpRequest.Builder> change, String field) {
    return Arguments.of(name, change, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPayments")
  void pay_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<B2cPaymentRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              B2cPaymentRequest.Builder b = validPayment();
              change.accept(b);
              sandbox.b2c().pay(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void pay_documentedBoundaries_areAccepted() {
    sandbox.b2c().pay(validPayment().amount(10).remarks("ok").occasion("o").build());
    sandbox
        .b2c()
        .pay(
            validPayment()
                .originatorConversationId("x".repeat(64))
                .amount(250_000)
                .remarks("r".repeat(100))
                .occasion("o".repeat(100))
                .partyA("12345")
                .build());
    assertThat(server.getRequestCount()).isEqualTo(3); // OAuth + 2 payments
  }

  // ---------------------------------------------------------------- B2Pochi

  static Stream<Arguments> invalidPochiPayments() {
    return Stream.of(
        pochi("amount 9", b -> b.amount(9), "amount"),
        pochi("amount 250,001", b -> b.amount(250_001), "amount"),
        pochi("remarks of 1", b -> b.remarks("r"), "remarks"),
        pochi("remarks of 101", b -> b.remarks("r".repeat(101)), "remarks"),
        pochi("no remarks", b -> b.remarks(null), "remarks"),
        pochi("occasion of 101", b -> b.occasion("o".repeat(101)), "occasion"),
        pochi("partyA with letters", b -> b.partyA("ABCDEF"), "partyA"),
        pochi("no phone", b -> b.phoneNumber((String) null), "phoneNumber"),
        pochi("no resultUrl", b -> b.resultUrl((String) null), "resultUrl"),
        pochi("no queueTimeoutUrl", b -> b.queueTimeoutUrl((String) null), "queueTimeoutUrl"),
        pochi(
            "id with a space", b -> b.originatorConversationId("a b"), "originatorConversationId"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPochiPayments")
  void payToPochi_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<B2cPaymentRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              B2cPaymentRequest.Builder b = validPochi();
              change.accept(b);
              sandbox.b2c().pay(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  // ---------------------------------------------------------------- top-up

  static Stream<Arguments> invalidTopUps() {
    return Stream.of(
        topUp("amount 0", b -> b.amount(0), "amount"),
        topUp("negative amount", b -> b.amount(-1), "amount"),
        topUp("no partyA", b -> b.partyA(null), "partyA"),
        topUp("partyA with letters", b -> b.partyA("12345X"), "partyA"),
        topUp("no partyB", b -> b.partyB(null), "partyB"),
        topUp("partyB of 8 digits", b -> b.partyB("60000000"), "partyB"),
        topUp(
            "account reference of 14", b -> b.accountReference("A".repeat(14)), "accountReference"),
        topUp("empty account reference", b -> b.accountReference(""), "accountReference"),
        topUp("no remarks", b -> b.remarks(null), "remarks"),
        topUp("empty remarks", b -> b.remarks(""), "remarks"),
        topUp("remarks of 101", b -> b.remarks("r".repeat(101)), "remarks"),
        topUp("occasion of 101", b -> b.occasion("o".repeat(101)), "occasion"),
        topUp("no resultUrl", b -> b.resultUrl((String) null), "resultUrl"),
        topUp("ftp resultUrl", b -> b.resultUrl("ftp://mydomain.com/r"), "resultUrl"),
        topUp("no queueTimeoutUrl", b -> b.queueTimeoutUrl((String) null), "queueTimeoutUrl"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTopUps")
  void topUp_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<B2cTopUpRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              B2cTopUpRequest.Builder b = validTopUp();
              change.accept(b);
              sandbox.b2c().topUp(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void topUp_accountReferenceOf13_isAccepted() {
    sandbox.b2c().topUp(validTopUp().accountReference("A".repeat(13)).build());
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- phone numbers

  @Test
  void phoneNumber_notKenyanMobile_failsAtTheBuilder() {
    assertThatThrownBy(() -> validPayment().phoneNumber("0812345678"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Kenyan mobile");
    assertThatThrownBy(() -> validPochi().phoneNumber("12345"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> validTopUp().requester("0812345678"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void phoneNumber_localForm_isSentNormalised() throws Exception {
    B2cPaymentRequest request = validPayment().phoneNumber("0705 912 645").build();
    assertThat(request.phoneNumber().value()).isEqualTo("254705912645");
  }

  // ---------------------------------------------------------------- initiator

  static Stream<Arguments> everyOperation() {
    return Stream.of(
        Arguments.of(
            "pay", (Function<MpesaClient, Object>) c -> c.b2c().pay(validPayment().build()), "B2C"),
        Arguments.of(
            "payToPochi",
            (Function<MpesaClient, Object>) c -> c.b2c().pay(validPochi().build()),
            "B2Pochi"),
        Arguments.of(
            "topUp",
            (Function<MpesaClient, Object>) c -> c.b2c().topUp(validTopUp().build()),
            "top-up"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyOperation")
  void operation_clientWithoutInitiator_failsNamingInitiatorAndSendsNothing(
      String name, Function<MpesaClient, Object> call, String product) {
    try (MpesaClient noInitiator = TestClients.sandbox(server).build()) {
      assertThatThrownBy(() -> call.apply(noInitiator))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("initiator")
          .hasMessageContaining(product);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  // ---------------------------------------------------------------- callback URLs by environment

  static Stream<Arguments> productionUrlBreaches() {
    String http = "http://mydomain.com/b2c/result";
    String local = "https://127.0.0.1:8443/b2c/result";
    return Stream.of(
        Arguments.of(
            "pay http resultUrl",
            (Function<MpesaClient, Object>)
                c -> c.b2c().pay(validPayment().resultUrl(http).build()),
            "resultUrl"),
        Arguments.of(
            "pay http queueTimeoutUrl",
            (Function<MpesaClient, Object>)
                c -> c.b2c().pay(validPayment().queueTimeoutUrl(http).build()),
            "queueTimeoutUrl"),
        Arguments.of(
            "pay private resultUrl",
            (Function<MpesaClient, Object>)
                c -> c.b2c().pay(validPayment().resultUrl(local).build()),
            "resultUrl"),
        Arguments.of(
            "pochi http resultUrl",
            (Function<MpesaClient, Object>) c -> c.b2c().pay(validPochi().resultUrl(http).build()),
            "resultUrl"),
        Arguments.of(
            "pochi private queueTimeoutUrl",
            (Function<MpesaClient, Object>)
                c -> c.b2c().pay(validPochi().queueTimeoutUrl(local).build()),
            "queueTimeoutUrl"),
        Arguments.of(
            "top-up http resultUrl",
            (Function<MpesaClient, Object>)
                c -> c.b2c().topUp(validTopUp().resultUrl(http).build()),
            "resultUrl"),
        Arguments.of(
            "top-up http queueTimeoutUrl",
            (Function<MpesaClient, Object>)
                c -> c.b2c().topUp(validTopUp().queueTimeoutUrl(http).build()),
            "queueTimeoutUrl"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("productionUrlBreaches")
  void operation_httpOrPrivateCallbackInProduction_failsBeforeAnyCall(
      String name, Function<MpesaClient, Object> call, String field) {
    assertThatThrownBy(() -> call.apply(production))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://localhost/r", "https://10.0.0.5/r", "https://shop.local/r"})
  void pay_privateResultUrlHostInProduction_failsBeforeAnyCall(String url) {
    assertThatThrownBy(() -> production.b2c().pay(validPayment().resultUrl(url).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reachable from the internet");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void pay_httpCallbacksInSandbox_areAllowed() {
    sandbox
        .b2c()
        .pay(
            validPayment()
                .resultUrl("http://127.0.0.1:8080/result")
                .queueTimeoutUrl("http://127.0.0.1:8080/timeout")
                .build());
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- OriginatorConversationID

  @Test
  void build_withoutOriginatorConversationId_generatesOneUuidPerRequest() {
    B2cPaymentRequest.Builder builder = validPayment().originatorConversationId(null);

    B2cPaymentRequest first = builder.build();
    B2cPaymentRequest second = builder.build();

    assertThat(UUID.fromString(first.originatorConversationId()).version()).isEqualTo(4);
    assertThat(first.originatorConversationId()).isNotEqualTo(second.originatorConversationId());
    // Fixed for the life of the request: the same object always says the same id.
    assertThat(first.originatorConversationId()).isEqualTo(first.originatorConversationId());
  }

  @Test
  void constructor_nullOriginatorConversationId_generatesOne() {
    B2cPaymentRequest r = validPayment().build();
    B2cPaymentRequest direct =
        new B2cPaymentRequest(
            null,
            r.command(),
            r.amount(),
            r.partyA(),
            r.phoneNumber(),
            r.remarks(),
            r.occasion(),
            r.resultUrl(),
            r.queueTimeoutUrl());
    assertThat(direct.originatorConversationId()).hasSize(36);
    B2cPaymentRequest pochi = validPochi().originatorConversationId(null).build();
    assertThat(UUID.fromString(pochi.originatorConversationId())).isNotNull();
  }

  @Test
  void build_callerOriginatorConversationId_isKept() {
    assertThat(
            validPayment().originatorConversationId("payout-42").build().originatorConversationId())
        .isEqualTo("payout-42");
  }

  // ---------------------------------------------------------------- client setting

  @Test
  void clientBuilder_defaultB2cVersion_isV3() {
    assertThat(sandbox.b2c().version()).isEqualTo(B2cVersion.V3);
  }

  @Test
  void clientBuilder_nullB2cVersion_failsNamingTheSetting() {
    assertThatThrownBy(() -> TestClients.sandbox(server).b2cVersion(null).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("b2cVersion");
  }

  // ---------------------------------------------------------------- toString

  @Test
  void toString_masksPhoneNumbersAndCallbackPaths() {
    String payment =
        validPayment().resultUrl("https://shop.example/cb/s3cr3t-token").build().toString();
    assertThat(payment)
        .contains("2547******45")
        .doesNotContain("254705912645")
        .doesNotContain("s3cr3t-token")
        .contains("600997_Test_32et3241ed8yu");
    assertThat(validPochi().build().toString())
        .contains("2547******45")
        .doesNotContain("254705912645");
    assertThat(validTopUp().build().toString())
        .contains("2547******00")
        .doesNotContain("254700000000");
  }
}
