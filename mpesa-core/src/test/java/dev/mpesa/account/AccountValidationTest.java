package dev.mpesa.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.TestClients;
import java.net.URI;
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

/** A request Daraja would reject fails locally, and nothing reaches the server. */
class AccountValidationTest {
  MockWebServer server;
  MpesaClient sandbox;
  MpesaClient production;
  MpesaClient noInitiator;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(
        new DarajaStub()
            .handler(r -> DarajaStub.json(200, Fixtures.read("account/acknowledgement.json"))));
    server.start();
    sandbox = TestClients.sandbox(server).initiator("testapi", "Safaricom123!!").build();
    production =
        TestClients.sandbox(server)
            .environment(Environment.PRODUCTION)
            .initiator("testapi", "Safaricom123!!")
            .build();
    noInitiator = TestClients.sandbox(server).build();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    production.close();
    noInitiator.close();
    server.close();
  }

  static AccountBalanceRequest.Builder balance() {
    return AccountBalanceRequest.builder()
        .shortCode("600000")
        .remarks("ok")
        .resultUrl("https://shop.example/balance/result")
        .queueTimeoutUrl("https://shop.example/balance/timeout");
  }

  static TransactionStatusRequest.Builder status() {
    return TransactionStatusRequest.builder()
        .transactionId("NEF61H8J60")
        .shortCode("600782")
        .remarks("OK")
        .resultUrl("https://shop.example/status/result")
        .queueTimeoutUrl("https://shop.example/status/timeout");
  }

  static ReversalRequest.Builder reversal() {
    return ReversalRequest.builder()
        .transactionId("PDU91HIVIT")
        .amount(200)
        .receiverParty("603021")
        .remarks("Payment reversal")
        .resultUrl("https://shop.example/reversal/result")
        .queueTimeoutUrl("https://shop.example/reversal/timeout");
  }

  static final String LONG_101 = "x".repeat(101);

  static Stream<Arguments> invalidBalances() {
    return Stream.of(
        badBalance("short code with letters", b -> b.shortCode("60A000"), "shortCode"),
        badBalance("short code of 4 digits", b -> b.shortCode("6000"), "shortCode"),
        badBalance("short code of 10 digits", b -> b.shortCode("6000000000"), "shortCode"),
        badBalance("till with spaces", b -> b.tillNumber(" 512345"), "tillNumber"),
        badBalance("no party", b -> {}, "shortCode or tillNumber"),
        badBalance("no remarks", b -> b.remarks(null), "remarks"),
        badBalance("empty remarks", b -> b.remarks(""), "remarks"),
        badBalance("remarks of 101", b -> b.remarks(LONG_101), "remarks"),
        badBalance("no result URL", b -> b.resultUrl((String) null), "resultUrl"),
        badBalance("relative result URL", b -> b.resultUrl("/result"), "resultUrl"),
        badBalance("ftp result URL", b -> b.resultUrl("ftp://shop.example/r"), "resultUrl"),
        badBalance("no timeout URL", b -> b.queueTimeoutUrl((String) null), "queueTimeoutUrl"),
        badBalance(
            "timeout URL with spaces", b -> b.queueTimeoutUrl(" https://a.example/t"), "queue"));
  }

  static Stream<Arguments> invalidStatuses() {
    return Stream.of(
        badStatus("both lookups", b -> b.originatorConversationId("7071-4170-a0e5"), "only one"),
        badStatus("receipt with spaces", b -> b.transactionId("NEF61 H8J60"), "transactionId"),
        badStatus(
            "conversation id as receipt", b -> b.transactionId("AG_2023_01"), "transactionId"),
        badStatus("receipt of 21", b -> b.transactionId("A".repeat(21)), "transactionId"),
        badStatus("short code with letters", b -> b.shortCode("600ABC"), "shortCode"),
        badStatus("till of 4 digits", b -> b.tillNumber("1234"), "tillNumber"),
        badStatus("no remarks", b -> b.remarks(null), "remarks"),
        badStatus("remarks of 101", b -> b.remarks(LONG_101), "remarks"),
        badStatus("occasion of 101", b -> b.occasion(LONG_101), "occasion"),
        badStatus("no result URL", b -> b.resultUrl((String) null), "resultUrl"),
        badStatus("relative timeout URL", b -> b.queueTimeoutUrl("timeout"), "queueTimeoutUrl"),
        badStatus("no timeout URL", b -> b.queueTimeoutUrl((String) null), "queueTimeoutUrl"));
  }

  static Stream<Arguments> invalidReversals() {
    return Stream.of(
        badReversal("amount zero", b -> b.amount(0), "amount"),
        badReversal("negative amount", b -> b.amount(-200), "amount"),
        badReversal("amount above 250,000", b -> b.amount(250_001), "amount"),
        badReversal("receipt with a dash", b -> b.transactionId("PDU91-HIVIT"), "transactionId"),
        badReversal("blank receipt", b -> b.transactionId(""), "transactionId"),
        badReversal("receiver with letters", b -> b.receiverParty("60302A"), "receiverParty"),
        badReversal("receiver of 4 digits", b -> b.receiverParty("6030"), "receiverParty"),
        badReversal("receiver of 10 digits", b -> b.receiverParty("6030216030"), "receiverParty"),
        badReversal("remarks of 1", b -> b.remarks("x"), "remarks"),
        badReversal("remarks of 101", b -> b.remarks(LONG_101), "remarks"),
        badReversal("no remarks", b -> b.remarks(null), "remarks"),
        badReversal("occasion of 101", b -> b.occasion(LONG_101), "occasion"),
        badReversal("no result URL", b -> b.resultUrl((String) null), "resultUrl"),
        badReversal("no timeout URL", b -> b.queueTimeoutUrl((String) null), "queueTimeoutUrl"),
        badReversal(
            "timeout URL not a URL", b -> b.queueTimeoutUrl("https://a b/t"), "queueTimeoutUrl"));
  }

  static Arguments badBalance(
      String name, Consumer<AccountBalanceRequest.Builder> change, String message) {
    return Arguments.of(name, change, message);
  }

  static Arguments badStatus(
      String name, Consumer<TransactionStatusRequest.Builder> change, String message) {
    return Arguments.of(name, change, message);
  }

  static Arguments badReversal(
      String name, Consumer<ReversalRequest.Builder> change, String message) {
    return Arguments.of(name, change, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidBalances")
  void balance_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<AccountBalanceRequest.Builder> change, String message) {
    assertRejected(
        () -> {
          AccountBalanceRequest.Builder b = name.equals("no party") ? partyless() : balance();
          change.accept(b);
          sandbox.account().balance(b.build());
        },
        message);
  }

  static AccountBalanceRequest.Builder partyless() {
    return AccountBalanceRequest.builder()
        .remarks("ok")
        .resultUrl("https://shop.example/r")
        .queueTimeoutUrl("https://shop.example/t");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidStatuses")
  void transactionStatus_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<TransactionStatusRequest.Builder> change, String message) {
    assertRejected(
        () -> {
          TransactionStatusRequest.Builder b = status();
          change.accept(b);
          sandbox.account().transactionStatus(b.build());
        },
        message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidReversals")
  void reverse_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<ReversalRequest.Builder> change, String message) {
    assertRejected(
        () -> {
          ReversalRequest.Builder b = reversal();
          change.accept(b);
          sandbox.account().reverse(b.build());
        },
        message);
  }

  void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String text) {
    assertThatThrownBy(call)
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(text);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void transactionStatus_neitherLookup_failsAndSendsNothing() {
    assertRejected(
        () ->
            sandbox
                .account()
                .transactionStatus(
                    TransactionStatusRequest.builder()
                        .shortCode("600782")
                        .remarks("OK")
                        .resultUrl("https://shop.example/r")
                        .queueTimeoutUrl("https://shop.example/t")
                        .build()),
        "transactionId (the M-Pesa receipt) or originatorConversationId is required");
  }

  @Test
  void transactionStatus_conversationIdOf129_failsAndSendsNothing() {
    assertRejected(
        () ->
            TransactionStatusRequest.builder()
                .originatorConversationId("c".repeat(129))
                .shortCode("600782")
                .remarks("OK")
                .resultUrl("https://shop.example/r")
                .queueTimeoutUrl("https://shop.example/t")
                .build(),
        "originatorConversationId");
  }

  @Test
  void transactionStatus_noParty_failsAndSendsNothing() {
    assertRejected(
        () ->
            TransactionStatusRequest.builder()
                .transactionId("NEF61H8J60")
                .remarks("OK")
                .resultUrl("https://shop.example/r")
                .queueTimeoutUrl("https://shop.example/t")
                .build(),
        "shortCode, tillNumber or phoneNumber");
  }

  @Test
  void transactionStatus_invalidPhone_failsAtTheBuilder() {
    assertRejected(() -> status().phoneNumber("0812345678"), "Kenyan mobile");
  }

  @Test
  void requests_reversalReceiverTypeOnAQuery_areRejected() {
    assertRejected(
        () ->
            new AccountBalanceRequest(
                IdentifierType.REVERSAL_RECEIVER,
                "600000",
                "ok",
                URI.create("https://a.example/r"),
                URI.create("https://a.example/t")),
        "SHORT_CODE or TILL_NUMBER");
    assertRejected(
        () ->
            new AccountBalanceRequest(
                IdentifierType.MSISDN,
                "254708374149",
                "ok",
                URI.create("https://a.example/r"),
                URI.create("https://a.example/t")),
        "SHORT_CODE or TILL_NUMBER");
  }

  // ---- rules of the client: initiator, production URLs -----------------------------------------

  static Stream<Arguments> operations() {
    Function<MpesaClient, Object> balance = c -> c.account().balance(balance().build());
    Function<MpesaClient, Object> status = c -> c.account().transactionStatus(status().build());
    Function<MpesaClient, Object> reverse = c -> c.account().reverse(reversal().build());
    return Stream.of(
        Arguments.of("balance", balance),
        Arguments.of("transactionStatus", status),
        Arguments.of("reverse", reverse));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void operation_withoutInitiator_failsWithIllegalStateAndSendsNothing(
      String name, Function<MpesaClient, Object> call) {
    assertThatThrownBy(() -> call.apply(noInitiator))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("initiator(name, password)");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"resultUrl", "queueTimeoutUrl"})
  void balance_httpUrlInProduction_failsAndSendsNothing(String field) {
    AccountBalanceRequest.Builder b = balance();
    if (field.equals("resultUrl")) {
      b.resultUrl("http://shop.example/r");
    } else {
      b.queueTimeoutUrl("http://shop.example/t");
    }
    assertThatThrownBy(() -> production.account().balance(b.build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field)
        .hasMessageContaining("https");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"resultUrl", "queueTimeoutUrl"})
  void transactionStatus_httpUrlInProduction_failsAndSendsNothing(String field) {
    TransactionStatusRequest.Builder b = status();
    if (field.equals("resultUrl")) {
      b.resultUrl("http://shop.example/r");
    } else {
      b.queueTimeoutUrl("http://shop.example/t");
    }
    assertThatThrownBy(() -> production.account().transactionStatus(b.build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field)
        .hasMessageContaining("https");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"resultUrl", "queueTimeoutUrl"})
  void reverse_httpUrlInProduction_failsAndSendsNothing(String field) {
    ReversalRequest.Builder b = reversal();
    if (field.equals("resultUrl")) {
      b.resultUrl("http://shop.example/r");
    } else {
      b.queueTimeoutUrl("http://shop.example/t");
    }
    assertThatThrownBy(() -> production.account().reverse(b.build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field)
        .hasMessageContaining("https");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://localhost/r", "https://10.0.0.5/r", "https://192.168.1.2/r"})
  void reverse_privateHostInProduction_failsAndSendsNothing(String url) {
    assertThatThrownBy(() -> production.account().reverse(reversal().resultUrl(url).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reachable from the internet");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void balance_httpUrlsInSandbox_areAllowed() {
    sandbox
        .account()
        .balance(
            balance()
                .resultUrl("http://127.0.0.1:8080/r")
                .queueTimeoutUrl("http://127.0.0.1:8080/t")
                .build());
    assertThat(server.getRequestCount()).isEqualTo(2); // OAuth + query
  }

  // ---- what prints --------------------------------------------------------------------------

  @Test
  void statusRequest_toString_masksThePhoneAndHidesUrlPaths() {
    TransactionStatusRequest request =
        status()
            .phoneNumber("0708374149")
            .resultUrl("https://shop.example/status/result?token=s3cr3t")
            .build();
    assertThat(request.toString())
        .contains("2547******49")
        .doesNotContain("254708374149")
        .doesNotContain("s3cr3t");
  }

  @Test
  void reversalRequest_toString_hidesUrlPaths() {
    assertThat(reversal().resultUrl("https://shop.example/r/tok3n").build().toString())
        .contains("https://shop.example/...")
        .doesNotContain("tok3n");
  }

  @Test
  void statusRequest_partyCalls_lastOneWins() {
    TransactionStatusRequest r = status().phoneNumber("0708374149").tillNumber("5123456").build();
    assertThat(r.identifierType()).isEqualTo(IdentifierType.TILL_NUMBER);
    assertThat(r.partyA()).isEqualTo("5123456");
    assertThat(r.phoneNumber()).isNull();
  }

  @Test
  void identifierType_codes_areTheStringsOfApiMd() {
    assertThat(IdentifierType.MSISDN.code()).isEqualTo("1");
    assertThat(IdentifierType.TILL_NUMBER.code()).isEqualTo("2");
    assertThat(IdentifierType.SHORT_CODE.code()).isEqualTo("4");
    assertThat(IdentifierType.REVERSAL_RECEIVER.code()).isEqualTo("11");
    assertThat(IdentifierType.fromCode(" 4 ")).isEqualTo(IdentifierType.SHORT_CODE);
    assertThatThrownBy(() -> IdentifierType.fromCode("3"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
