package dev.mpesa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link MpesaClient.Builder#build()} fails fast, naming the setting; secrets never print. */
class MpesaClientBuilderTest {

  private static final String CONSUMER_KEY = "gd1kWcJmPZ7vQ3xKey";
  private static final String CONSUMER_SECRET = "s3cr3t-Consumer-Secret-9f8e7d";
  private static final String PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

  /** A builder that builds: every required setting present. */
  private static MpesaClient.Builder complete() {
    return MpesaClient.builder()
        .environment(Environment.SANDBOX)
        .consumerKey(CONSUMER_KEY)
        .consumerSecret(CONSUMER_SECRET)
        .shortCode("174379")
        .passkey(PASSKEY);
  }

  /** A paybill push; the short code it is sent for comes from the client. */
  private static final StkPushRequest PUSH =
      StkPushRequest.builder()
          .phoneNumber("254722000000")
          .amount(1)
          .accountReference("accountref")
          .callbackUrl("https://mydomain.com/path")
          .build();

  private static void assertBuildFails(MpesaClient.Builder builder, String... named) {
    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll(named)
        .satisfies(
            e ->
                assertThat(e.getMessage()).doesNotContain(CONSUMER_SECRET).doesNotContain(PASSKEY));
  }

  @Test
  void build_noEnvironment_failsNamingEnvironment() {
    assertBuildFails(
        MpesaClient.builder()
            .consumerKey(CONSUMER_KEY)
            .consumerSecret(CONSUMER_SECRET)
            .shortCode("174379")
            .passkey(PASSKEY),
        "environment");
  }

  @Test
  void build_noConsumerKey_failsNamingConsumerKey() {
    assertBuildFails(
        MpesaClient.builder().environment(Environment.SANDBOX).consumerSecret(CONSUMER_SECRET),
        "consumerKey");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t \n"})
  void build_blankConsumerKey_failsNamingConsumerKey(String blank) {
    assertBuildFails(complete().consumerKey(blank), "consumerKey");
  }

  @Test
  void build_noConsumerSecret_failsNamingConsumerSecret() {
    assertBuildFails(
        MpesaClient.builder().environment(Environment.SANDBOX).consumerKey(CONSUMER_KEY),
        "consumerSecret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t \n"})
  void build_blankConsumerSecret_failsNamingConsumerSecret(String blank) {
    assertBuildFails(complete().consumerSecret(blank), "consumerSecret");
  }

  @Test
  void build_passkeyWithoutShortCode_failsNamingBoth() {
    assertBuildFails(
        MpesaClient.builder()
            .environment(Environment.SANDBOX)
            .consumerKey(CONSUMER_KEY)
            .consumerSecret(CONSUMER_SECRET)
            .passkey(PASSKEY),
        "shortCode",
        "passkey");
  }

  @Test
  void build_shortCodeWithoutPasskey_failsNamingBoth() {
    assertBuildFails(
        MpesaClient.builder()
            .environment(Environment.SANDBOX)
            .consumerKey(CONSUMER_KEY)
            .consumerSecret(CONSUMER_SECRET)
            .shortCode("174379"),
        "passkey",
        "shortCode");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1234", "12345678", "17437a", "174 379", "+174379", "１７４３７９"})
  void build_shortCodeNotFiveToSevenDigits_failsNamingShortCode(String shortCode) {
    assertBuildFails(complete().shortCode(shortCode), "shortCode");
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345", "174379", "1234567", " 174379 "})
  void build_shortCodeFiveToSevenDigits_buildsAndPushesTheStrippedCode(String shortCode)
      throws Exception {
    String expected = shortCode.strip();
    DarajaStub daraja =
        new DarajaStub()
            .handler(r -> DarajaStub.json(200, Fixtures.read("stk/push-response.json")));
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(daraja);
      server.start();
      try (MpesaClient client =
          complete().shortCode(shortCode).baseUrl(server.url("/").toString()).build()) {
        client.stk().push(PUSH);
      }
    }

    JsonNode body = new ObjectMapper().readTree(daraja.businessRequests().get(0).getBody().utf8());
    assertThat(body.get("BusinessShortCode").asText()).isEqualTo(expected);
    assertThat(body.get("PartyB").asText()).isEqualTo(expected);
    String password =
        new String(
            Base64.getDecoder().decode(body.get("Password").asText()), StandardCharsets.UTF_8);
    assertThat(password).isEqualTo(expected + PASSKEY + body.get("Timestamp").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void build_blankPasskey_failsNamingPasskey(String blank) {
    assertBuildFails(complete().passkey(blank), "passkey");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sandbox.safaricom.co.ke",
        "/mpesa",
        "localhost:8089",
        "ftp://sandbox.safaricom.co.ke",
        "file:///tmp/daraja",
        "https://sandbox.safaricom.co.ke?env=test",
        "https://sandbox.safaricom.co.ke/?env=test",
        "https://sandbox.safaricom.co.ke#top",
        "http:///no-host",
        "https://sandbox safaricom.co.ke"
      })
  void build_badBaseUrl_failsNamingBaseUrl(String baseUrl) {
    assertBuildFails(complete().baseUrl(baseUrl), "baseUrl");
  }

  @Test
  void build_timeoutNull_failsNamingIt() {
    assertBuildFails(complete().readTimeout(null), "readTimeout");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, -30_000})
  void build_nonPositiveTimeout_failsNamingWhichOne(long millis) {
    Duration bad = Duration.ofMillis(millis);
    assertBuildFails(complete().connectTimeout(bad), "connectTimeout");
    assertBuildFails(complete().readTimeout(bad), "readTimeout");
    assertBuildFails(complete().callTimeout(bad), "callTimeout");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void build_stkMaxAmountBelowOne_failsNamingStkMaxAmount(long max) {
    assertBuildFails(complete().stkMaxAmount(max), "stkMaxAmount");
  }

  @Test
  void build_stkMaxAmountOne_builds() {
    assertThatCode(() -> complete().stkMaxAmount(1).build().close()).doesNotThrowAnyException();
  }

  @Test
  void build_blankInitiatorName_failsNamingInitiator() {
    assertBuildFails(complete().initiator(" ", "initiator-pass"), "initiator name");
    assertBuildFails(complete().initiator("testapi", ""), "initiator password");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8089/",
        "http://127.0.0.1:8089//",
        "http://127.0.0.1:8089",
        " http://127.0.0.1:8089/ "
      })
  void baseUrl_trailingSlash_isRemoved(String baseUrl) {
    try (MpesaClient client = complete().baseUrl(baseUrl).build()) {
      assertThat(client.baseUrl()).isEqualTo("http://127.0.0.1:8089");
    }
  }

  @Test
  void baseUrl_withPath_keepsPathWithoutTrailingSlash() {
    try (MpesaClient client = complete().baseUrl("https://proxy.example/daraja/").build()) {
      assertThat(client.baseUrl()).isEqualTo("https://proxy.example/daraja");
    }
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void baseUrl_notSet_isTheEnvironmentUrl(Environment environment) {
    try (MpesaClient client = complete().environment(environment).build()) {
      assertThat(client.environment()).isEqualTo(environment);
      assertThat(client.baseUrl())
          .isEqualTo(environment.baseUrl())
          .isEqualTo(
              environment == Environment.SANDBOX
                  ? "https://sandbox.safaricom.co.ke"
                  : "https://api.safaricom.co.ke");
    }
  }

  @Test
  void toString_clientBuilderAndService_neverPrintSecretOrPasskey() {
    MpesaClient.Builder builder =
        complete().initiator("testapi", "Initiator-Pa55word").baseUrl("http://127.0.0.1:8089");

    try (MpesaClient client = builder.build()) {
      for (Object o : new Object[] {client, builder, client.stk()}) {
        assertThat(o.toString())
            .as(o.getClass().getName())
            .doesNotContain(CONSUMER_SECRET)
            .doesNotContain(PASSKEY)
            .doesNotContain("Initiator-Pa55word");
      }
      assertThat(client.toString()).contains("SANDBOX").contains("http://127.0.0.1:8089");
    }
  }

  @Test
  void close_calledTwice_doesNotThrow() {
    MpesaClient client = complete().build();

    assertThatCode(
            () -> {
              client.close();
              client.close();
            })
        .doesNotThrowAnyException();
  }

  @Test
  void close_callerSuppliedHttpClient_isLeftRunning() throws Exception {
    OkHttpClient own = new OkHttpClient();
    ExecutorService executor = own.dispatcher().executorService();
    try {
      MpesaClient client = complete().httpClient(own).build();
      client.close();

      assertThat(executor.isShutdown()).isFalse();
      Future<String> work = executor.submit(() -> "still running");
      assertThat(work.get(10, TimeUnit.SECONDS)).isEqualTo("still running");
    } finally {
      executor.shutdown();
      own.connectionPool().evictAll();
    }
  }

  @Test
  void stk_noShortCodeOrPasskey_pushFailsBeforeAnyRequest() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      StkPushRequest request =
          StkPushRequest.builder()
              .phoneNumber("0712345678")
              .amount(10)
              .accountReference("ORD1")
              .callbackUrl("https://shop.example/cb")
              .build();

      MpesaClient.Builder noExpress =
          MpesaClient.builder()
              .environment(Environment.SANDBOX)
              .baseUrl(server.url("/").toString())
              .consumerKey(CONSUMER_KEY)
              .consumerSecret(CONSUMER_SECRET);

      try (MpesaClient client = noExpress.build()) {
        assertThatThrownBy(() -> client.stk().push(request))
            .isExactlyInstanceOf(IllegalStateException.class)
            .hasMessageContainingAll("shortCode", "passkey");
        assertThatThrownBy(() -> client.stk().query("ws_CO_1"))
            .isExactlyInstanceOf(IllegalStateException.class)
            .hasMessageContainingAll("shortCode", "passkey");
      }

      assertThat(server.getRequestCount()).isZero();
    }
  }

  @org.junit.jupiter.api.Test
  void build_baseUrlWithCredentials_isRejectedWithoutEchoingThem() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                MpesaClient.builder()
                    .environment(Environment.SANDBOX)
                    .consumerKey("k")
                    .consumerSecret("s")
                    .baseUrl("https://user:pw@proxy.example")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("baseUrl")
        .hasMessageNotContaining("pw");
  }

  // ------------------------------------------------ one rule: setters accept, build() reports all

  @Test
  void readmeSnippet_withEveryVariableUnset_failsAtBuildNamingEachSettingAndItsVariable() {
    // The README's first snippet, with MPESA_* unset: System.getenv returns null.
    String unset = null;
    MpesaClient.Builder builder =
        MpesaClient.builder()
            .environment(Environment.SANDBOX)
            .consumerKey(unset)
            .consumerSecret(unset)
            .shortCode("174379")
            .passkey(unset);

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("MpesaClient: 3 settings to fix:")
        .hasMessageContainingAll(
            "consumerKey is required",
            "MPESA_CONSUMER_KEY",
            "consumerSecret is required",
            "MPESA_CONSUMER_SECRET",
            "passkey is required",
            "MPESA_PASSKEY");
  }

  @Test
  void everySetter_acceptsNull_andBuildNamesIt() {
    MpesaClient.Builder builder =
        complete()
            .clock(null)
            .sleeper(null)
            .retry(null)
            .circuitBreaker(null)
            .b2cVersion(null)
            .c2bVersion(null)
            .ratibaSettings(null)
            .listener(null)
            .initiator(null, (String) null);

    assertBuildFails(
        builder,
        "clock",
        "sleeper",
        "retry",
        "circuitBreaker",
        "b2cVersion",
        "c2bVersion",
        "ratibaSettings",
        "listener",
        "initiator name is required",
        "MPESA_INITIATOR_NAME",
        "initiator password is required",
        "MPESA_INITIATOR_PASSWORD");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://daraja.example", "http://10.0.0.7:8080"})
  void build_httpBaseUrlInProduction_isRefused(String baseUrl) {
    assertBuildFails(
        complete().environment(Environment.PRODUCTION).baseUrl(baseUrl),
        "baseUrl must be https in PRODUCTION",
        "httpClient");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8089", "http://localhost:8089"})
  void build_httpLoopbackSidecarInProduction_builds(String baseUrl) {
    assertThatCode(
            () -> complete().environment(Environment.PRODUCTION).baseUrl(baseUrl).build().close())
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(longs = {MpesaClient.DEFAULT_STK_MAX_AMOUNT + 1, 1_000_000_000L, Long.MAX_VALUE})
  void build_stkMaxAmountAboveDarajasLimit_isRefused(long max) {
    assertBuildFails(complete().stkMaxAmount(max), "stkMaxAmount may only lower Daraja's limit");
  }

  @Test
  void build_stkMaxAmountAtDarajasLimit_builds() {
    assertThatCode(
            () -> complete().stkMaxAmount(MpesaClient.DEFAULT_STK_MAX_AMOUNT).build().close())
        .doesNotThrowAnyException();
  }

  @Test
  void build_badAwaitSchedule_isRefused() {
    assertBuildFails(
        complete().stkAwaitSchedule(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(1)),
        "stkAwaitSchedule firstQuery",
        "maxInterval must not be shorter than interval");
  }
}
