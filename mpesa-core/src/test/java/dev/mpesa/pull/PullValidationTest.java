package dev.mpesa.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.TestClients;
import java.time.LocalDateTime;
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

/** R36: a Pull Transactions request Daraja would refuse fails locally, with nothing sent. */
class PullValidationTest {
  static final LocalDateTime START = LocalDateTime.parse("2020-08-04T08:36:00");
  static final LocalDateTime END = LocalDateTime.parse("2020-08-16T10:10:00");

  MockWebServer server;
  MpesaClient sandbox;
  MpesaClient production;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(
        new DarajaStub()
            .handler(r -> DarajaStub.json(200, Fixtures.read("pull/register-response.json"))));
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

  static PullRegisterRequest.Builder validRegistration() {
    return PullRegisterRequest.builder()
        .shortCode("600000")
        .nominatedNumber("0722000000")
        .callbackUrl("https://shop.example/pull");
  }

  static PullQueryRequest.Builder validQuery() {
    return PullQueryRequest.builder().shortCode("600000").startDate(START).endDate(END);
  }

  static Stream<Arguments> invalidRegistrations() {
    return Stream.of(
        reg("no short code", b -> b.shortCode(null), "shortCode"),
        reg("short code of 4 digits", b -> b.shortCode("6000"), "shortCode"),
        reg("short code with letters", b -> b.shortCode("60000A"), "shortCode"),
        reg("no nominated number", b -> b.nominatedNumber((String) null), "nominatedNumber"),
        reg("no callback", b -> b.callbackUrl((String) null), "callbackUrl"),
        reg("relative callback", b -> b.callbackUrl("/pull"), "callbackUrl"),
        reg("ftp callback", b -> b.callbackUrl("ftp://shop.example/p"), "callbackUrl"));
  }

  static Arguments reg(String name, Consumer<PullRegisterRequest.Builder> change, String field) {
    return Arguments.of(name, change, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRegistrations")
  void register_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<PullRegisterRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              PullRegisterRequest.Builder b = validRegistration();
              change.accept(b);
              sandbox.pull().register(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void register_untrimmedCallback_failsAtTheBuilder() {
    assertThatThrownBy(() -> validRegistration().callbackUrl("https://shop.example/pull "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("callbackUrl");
  }

  @Test
  void register_nominatedNumberNotKenyanMobile_failsAtTheBuilder() {
    assertThatThrownBy(() -> validRegistration().nominatedNumber("0202000000"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void register_httpCallbackInProduction_failsAndSendsNothing() {
    assertThatThrownBy(
            () ->
                production
                    .pull()
                    .register(validRegistration().callbackUrl("http://shop.example/p").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://localhost/p", "https://10.1.2.3/p", "https://[::1]/p"})
  void register_privateCallbackHostInProduction_failsAndSendsNothing(String url) {
    assertThatThrownBy(
            () -> production.pull().register(validRegistration().callbackUrl(url).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reachable from the internet");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void register_validRequestInProduction_isSent() {
    production.pull().register(validRegistration().build());
    assertThat(server.getRequestCount()).isEqualTo(2); // OAuth + registration
  }

  @Test
  void registerRequest_toString_masksTheNominatedNumber() {
    assertThat(validRegistration().build().toString())
        .contains("2547******00")
        .doesNotContain("254722000000")
        .doesNotContain("0722000000");
  }

  static Stream<Arguments> invalidQueries() {
    return Stream.of(
        query("no short code", b -> b.shortCode(null), "shortCode"),
        query("short code of 9 digits", b -> b.shortCode("600000000"), "shortCode"),
        query("no start", b -> b.startDate((LocalDateTime) null), "startDate"),
        query("no end", b -> b.endDate((LocalDateTime) null), "endDate"),
        query("start after end", b -> b.startDate(END.plusSeconds(1)), "startDate"),
        query("negative offset", b -> b.offset(-1), "offset"));
  }

  static Arguments query(String name, Consumer<PullQueryRequest.Builder> change, String field) {
    return Arguments.of(name, change, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidQueries")
  void query_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<PullQueryRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              PullQueryRequest.Builder b = validQuery();
              change.accept(b);
              sandbox.pull().query(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void query_equalStartAndEnd_isAccepted() {
    assertThat(validQuery().startDate(END).build().startDate()).isEqualTo(END);
  }

  @Test
  void query_fractionsOfASecond_areDropped() {
    PullQueryRequest q = validQuery().startDate(START.plusNanos(900_000_000)).build();
    assertThat(q.startDate()).isEqualTo(START);
  }
}
