package dev.mpesa.stk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.Fixtures;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** R36: a request Daraja would reject fails locally, and nothing reaches the server. */
class StkValidationTest {
  MockWebServer server;
  MpesaClient sandbox;
  MpesaClient production;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(
        new DarajaStub()
            .handler(r -> DarajaStub.json(200, Fixtures.read("stk/push-response.json"))));
    server.start();
    sandbox = client(Environment.SANDBOX);
    production = client(Environment.PRODUCTION);
  }

  MpesaClient client(Environment environment) {
    return MpesaClient.builder()
        .environment(environment)
        .baseUrl(server.url("/").toString())
        .consumerKey("key")
        .consumerSecret("secret")
        .shortCode("174379")
        .passkey("passkey")
        .stkMaxAmount(150_000)
        .build();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    production.close();
    server.close();
  }

  static StkPushRequest.Builder valid() {
    return StkPushRequest.builder()
        .phoneNumber("0712345678")
        .amount(100)
        .accountReference("ORD-1234")
        .description("Order 1234")
        .callbackUrl("https://shop.example/pay/cb");
  }

  static Stream<Arguments> invalidRequests() {
    return Stream.of(
        bad("amount zero", b -> b.amount(0), "amount"),
        bad("negative amount", b -> b.amount(-5), "amount"),
        bad(
            "account reference of 13",
            b -> b.accountReference("ORD-123456789"),
            "accountReference"),
        bad("blank account reference", b -> b.accountReference("  "), "accountReference"),
        bad("padded account reference", b -> b.accountReference(" ORD1"), "accountReference"),
        bad("no account reference", b -> b.accountReference(null), "accountReference"),
        bad("description of 14", b -> b.description("Order 12345678"), "description"),
        bad("callback with spaces", b -> b.callbackUrl(" https://shop.example/cb"), "callbackUrl"),
        bad("relative callback", b -> b.callbackUrl("/cb"), "callbackUrl"),
        bad("ftp callback", b -> b.callbackUrl("ftp://shop.example/cb"), "callbackUrl"),
        bad("callback not a URL", b -> b.callbackUrl("https://shop example/cb"), "callbackUrl"),
        bad("no callback", b -> b.callbackUrl((String) null), "callbackUrl"),
        bad("no phone", b -> b.phoneNumber((String) null), "phoneNumber"),
        bad("till with letters", b -> b.buyGoods("12AB56"), "tillNumber"));
  }

  static Arguments bad(String name, Consumer<StkPushRequest.Builder> change, String field) {
    return Arguments.of(name, change, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRequests")
  void build_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<StkPushRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              StkPushRequest.Builder b = valid();
              change.accept(b);
              sandbox.stk().push(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void phoneNumber_invalid_failsAtTheBuilder() {
    assertThatThrownBy(() -> valid().phoneNumber("0812345678"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Kenyan mobile");
  }

  @Test
  void push_amountAboveClientMaximum_failsBeforeAnyCall() {
    assertThatThrownBy(() -> sandbox.stk().push(valid().amount(150_001).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("150000");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void push_httpCallbackInProduction_failsBeforeAnyCall() {
    assertThatThrownBy(
            () -> production.stk().push(valid().callbackUrl("http://shop.example/cb").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "https://localhost/cb",
        "https://127.0.0.1:8443/cb",
        "https://10.0.0.5/cb",
        "https://192.168.1.20/cb",
        "https://[::1]/cb",
        "https://shop.local/cb"
      })
  void push_privateCallbackHostInProduction_failsBeforeAnyCall(String url) {
    assertThatThrownBy(() -> production.stk().push(valid().callbackUrl(url).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reachable from the internet");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void push_httpCallbackInSandbox_isAllowed() {
    StkPushRequest request = valid().callbackUrl("http://127.0.0.1:8080/cb").build();
    sandbox.stk().push(request);
    assertThat(server.getRequestCount()).isEqualTo(2); // OAuth + push
  }

  @Test
  void query_blankId_failsBeforeAnyCall() {
    assertThatThrownBy(() -> sandbox.stk().query(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void request_toString_masksThePhoneNumber() {
    assertThat(valid().build().toString()).contains("2547******78").doesNotContain("254712345678");
  }
}
