package dev.mpesa.pull;

import static dev.mpesa.testing.DarajaStub.error;
import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.MpesaClient;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.result.DarajaError;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.TestClients;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pull Transactions register and query against the golden payloads of API.md §5.17. */
class PullServiceTest {
  final ObjectMapper mapper = new ObjectMapper();
  final DarajaStub daraja = new DarajaStub();
  MockWebServer server;
  MpesaClient mpesa;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(daraja);
    server.start();
    mpesa = TestClients.sandbox(server).build();
  }

  @AfterEach
  void stop() {
    mpesa.close();
    server.close();
  }

  /** The register request of API.md §5.17. */
  static PullRegisterRequest.Builder sampleRegistration() {
    return PullRegisterRequest.builder()
        .shortCode("600000")
        .nominatedNumber("0722000000")
        .callbackUrl("https://domain/path");
  }

  /** The query request of API.md §5.17. */
  static PullQueryRequest.Builder sampleQuery() {
    return PullQueryRequest.builder()
        .shortCode("600000")
        .startDate(LocalDateTime.parse("2020-08-04T08:36:00"))
        .endDate(LocalDateTime.parse("2020-08-16T10:10:00"))
        .offset(0);
  }

  JsonNode body(RecordedRequest r) throws Exception {
    return mapper.readTree(r.getBody().utf8());
  }

  void assertPostedJson(RecordedRequest r, String path) {
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo(path);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok1");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
  }

  // ---- register ----

  @Test
  void register_sampleRequest_sendsTheGoldenPayload() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("pull/register-response.json")));

    mpesa.pull().register(sampleRegistration().build());

    RecordedRequest r = daraja.businessRequests().get(0);
    assertPostedJson(r, "/pulltransactions/v1/register");
    assertThat(body(r)).isEqualTo(mapper.readTree(Fixtures.read("pull/register-request.json")));
  }

  @Test
  void register_internationalNumber_sendsTheLocalFormOfTheSample() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("pull/register-response.json")));

    mpesa.pull().register(sampleRegistration().nominatedNumber("+254 110 000 000").build());

    assertThat(body(daraja.businessRequests().get(0)).get("NominatedNumber").textValue())
        .isEqualTo("0110000000");
  }

  @Test
  void register_sampleAnswer_isParsed() {
    daraja.handler(r -> json(200, Fixtures.read("pull/register-response.json")));

    PullRegisterResponse response = mpesa.pull().register(sampleRegistration().build());

    assertThat(response.responseRefId()).isEqualTo("feb5e3f2-fbc-4745-844c-ee37b546f627");
    assertThat(response.responseStatus()).isEqualTo("1000");
    assertThat(response.shortCode()).isEqualTo("600000");
    assertThat(response.responseDescription()).isEqualTo("Shortcode Registered Successfully");
    assertThat(response.wasAlreadyRegistered()).isFalse();
  }

  @Test
  void register_alreadyRegistered1001_isAcceptedAndSaysSo() {
    daraja.handler(r -> json(200, Fixtures.read("pull/register-already-registered.json")));

    PullRegisterResponse response = mpesa.pull().register(sampleRegistration().build());

    assertThat(response.wasAlreadyRegistered()).isTrue();
    assertThat(response.responseStatus()).isEqualTo("1001");
  }

  @Test
  void register_statusAsNumber_isReadAsString() {
    daraja.handler(
        r -> json(200, "{\"ResponseRefID\":\"x\",\"ResponseStatus\":1000,\"ShortCode\":600000}"));

    PullRegisterResponse response = mpesa.pull().register(sampleRegistration().build());

    assertThat(response.responseStatus()).isEqualTo("1000");
    assertThat(response.shortCode()).isEqualTo("600000");
  }

  @Test
  void register_otherStatus_raisesApiError() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"ResponseRefID\":\"x\",\"ResponseStatus\":\"1002\","
                    + "\"ResponseDescription\":\"Registration failed\"}"));

    assertThatThrownBy(() -> mpesa.pull().register(sampleRegistration().build()))
        .isInstanceOfSatisfying(
            MpesaApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("1002");
              assertThat(e.errorMessage()).isEqualTo("Registration failed");
            });
  }

  @Test
  void register_noStatus_raisesApiError() {
    daraja.handler(r -> json(200, "{\"ResponseRefID\":\"x\"}"));

    assertThatThrownBy(() -> mpesa.pull().register(sampleRegistration().build()))
        .isInstanceOfSatisfying(
            MpesaApiException.class, e -> assertThat(e.error()).isEqualTo(DarajaError.UNKNOWN));
  }

  @Test
  void register_invalidFieldAnswer_raisesInvalidRequestKeepingTheMessage() {
    daraja.handler(r -> json(400, Fixtures.read("pull/invalid-field.json")));

    assertThatThrownBy(() -> mpesa.pull().register(sampleRegistration().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.INVALID_FIELD);
              assertThat(e.errorCode()).isEqualTo("400.002.02");
              assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid NominatedNumber");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void register_invalidShortCode400001_raisesInvalidRequest() {
    daraja.handler(r -> json(400, Fixtures.read("pull/invalid-short-code.json")));

    assertThatThrownBy(() -> mpesa.pull().register(sampleRegistration().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.errorMessage()).isEqualTo("Invalid ShortCode"));
  }

  /** ONCE: a failed registration is never resent by the SDK. */
  @Test
  void register_serverError_isRetriedAsIdempotent() {
    // Registering again is answered 1001 "already registered": resending is harmless.
    daraja.handler(r -> json(500, Fixtures.read("pull/failed-to-retrieve.json")));

    assertThatThrownBy(() -> mpesa.pull().register(sampleRegistration().build()))
        .isInstanceOf(MpesaApiException.class)
        .isNotInstanceOf(OutcomeUnknownException.class);
    assertThat(daraja.businessCount()).isEqualTo(3);
  }

  /** FN: a sandbox app is answered 401.001; after one refresh and replay it is an auth error. */
  @Test
  void register_invalidAccessToken401001_raisesAuthenticationAfterOneReplay() {
    daraja.handler(r -> error(401, "401.001", "Invalid Access Token"));

    assertThatThrownBy(() -> mpesa.pull().register(sampleRegistration().build()))
        .isInstanceOf(AuthenticationException.class);
    assertThat(daraja.businessCount()).isEqualTo(2);
    assertThat(daraja.oauthCount()).isEqualTo(2);
  }

  // ---- query ----

  @Test
  void query_sampleRequest_sendsTheGoldenPayload() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("pull/query-response.json")));

    mpesa.pull().query(sampleQuery().build());

    RecordedRequest r = daraja.businessRequests().get(0);
    assertPostedJson(r, "/pulltransactions/v1/query");
    assertThat(body(r)).isEqualTo(mapper.readTree(Fixtures.read("pull/query-request.json")));
  }

  @Test
  void query_sampleAnswer_flattensTheNestedArray() {
    daraja.handler(r -> json(200, Fixtures.read("pull/query-response.json")));

    PullQueryResponse response = mpesa.pull().query(sampleQuery().build());

    assertThat(response.responseRefId()).isEqualTo("92713e02-970c-47ac-93f8-409058f2c58d");
    assertThat(response.responseCode()).isEqualTo("1000");
    assertThat(response.responseMessage()).isEqualTo("Success");
    assertThat(response.isEmpty()).isFalse();
    assertThat(response.transactions()).hasSize(1);
    PullTransaction t = response.transactions().get(0);
    assertThat(t.transactionId()).isEqualTo("LHG31AA5TX");
    assertThat(t.transactionDate()).isEqualTo("2020-08-05T10:13:00Z");
    assertThat(t.transactionTime()).isEqualTo(Instant.parse("2020-08-05T10:13:00Z"));
    assertThat(t.msisdn()).isEqualTo("2547******00");
    assertThat(t.sender()).isEqualTo("...");
    assertThat(t.transactionType()).isEqualTo("c2b-pay-bill-debit");
    assertThat(t.billReference()).isEqualTo("ACC1");
    assertThat(t.amount()).isEqualByComparingTo(new BigDecimal("233.8"));
    assertThat(t.organizationName()).isEqualTo("Daraja Pull API Test");
  }

  /** §10 item 11: no transactions, and the list is the string "[[]]". */
  @Test
  void query_noTransactionsWithStringPlaceholder_isEmpty() {
    daraja.handler(r -> json(200, Fixtures.read("pull/query-no-transactions.json")));

    PullQueryResponse response = mpesa.pull().query(sampleQuery().build());

    assertThat(response.responseCode()).isEqualTo("1001");
    assertThat(response.transactions()).isEmpty();
    assertThat(response.isEmpty()).isTrue();
  }

  @Test
  void query_responseAsStringPlaceholder_isEmpty() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"ResponseCode\":\"1001\",\"ResponseMessage\":\"x\",\"Response\":\"[[]]\"}"));

    assertThat(mpesa.pull().query(sampleQuery().build()).transactions()).isEmpty();
  }

  @Test
  void query_noTransactionsWithUndocumentedText_isEmpty() {
    daraja.handler(
        r -> json(200, "{\"ResponseCode\":\"1001\",\"Transaction\":\"No transactions found\"}"));

    assertThat(mpesa.pull().query(sampleQuery().build()).transactions()).isEmpty();
  }

  @Test
  void query_transactionsInAString_areRead() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"ResponseCode\":\"1000\",\"Response\":\"[[{\\\"transactionId\\\":\\\"A1\\\","
                    + "\\\"amount\\\":\\\"10\\\"}]]\"}"));

    PullQueryResponse response = mpesa.pull().query(sampleQuery().build());

    assertThat(response.transactions())
        .extracting(PullTransaction::transactionId)
        .containsExactly("A1");
  }

  @Test
  void query_flatArraySingleObjectAndNumbers_areAllRead() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"ResponseCode\":\"1000\",\"Response\":[{\"transactionId\":\"A1\","
                    + "\"msisdn\":254722000000,\"amount\":233.80,\"TRANSACTIONTYPE\":\"c2b\"},"
                    + "[{\"transactionId\":\"A2\",\"amount\":5}],[]]}"));

    PullQueryResponse response = mpesa.pull().query(sampleQuery().build());

    assertThat(response.transactions())
        .extracting(PullTransaction::transactionId)
        .containsExactly("A1", "A2");
    PullTransaction first = response.transactions().get(0);
    assertThat(first.msisdn()).isEqualTo("254722000000");
    assertThat(first.amount()).isEqualByComparingTo("233.8");
    assertThat(first.transactionType()).isEqualTo("c2b");
    assertThat(first.toString()).doesNotContain("254722000000");
    assertThat(response.transactions().get(1).amount()).isEqualByComparingTo("5");
  }

  @Test
  void query_singleObjectResponse_isOneTransaction() {
    daraja.handler(
        r -> json(200, "{\"ResponseCode\":\"1000\",\"Response\":{\"transactionId\":\"A1\"}}"));

    assertThat(mpesa.pull().query(sampleQuery().build()).transactions()).hasSize(1);
  }

  @Test
  void query_unreadableResponseWithSuccessCode_raisesApiError() {
    daraja.handler(r -> json(200, "{\"ResponseCode\":\"1000\",\"Response\":\"not json\"}"));

    assertThatThrownBy(() -> mpesa.pull().query(sampleQuery().build()))
        .isInstanceOf(MpesaApiException.class);
  }

  @Test
  void query_otherResponseCode_raisesApiError() {
    daraja.handler(
        r -> json(200, "{\"ResponseCode\":\"1002\",\"ResponseMessage\":\"Query failed\"}"));

    assertThatThrownBy(() -> mpesa.pull().query(sampleQuery().build()))
        .isInstanceOfSatisfying(
            MpesaApiException.class, e -> assertThat(e.errorCode()).isEqualTo("1002"));
  }

  @Test
  void query_invalidFieldAnswer_raisesInvalidRequestKeepingTheMessage() {
    daraja.handler(r -> error(400, "400.002.02", "Bad Request - Invalid StartDate"));

    assertThatThrownBy(() -> mpesa.pull().query(sampleQuery().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.INVALID_FIELD);
              assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid StartDate");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  @Test
  void query_invalidShortCode400001_raisesInvalidRequest() {
    daraja.handler(r -> json(400, Fixtures.read("pull/invalid-short-code.json")));

    assertThatThrownBy(() -> mpesa.pull().query(sampleQuery().build()))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** SAFE: "Failed to retrieve transactions" (HTTP 500) is retried, and the retry succeeds. */
  @Test
  void query_transientServerError_isRetried() {
    AtomicInteger calls = new AtomicInteger();
    daraja.handler(
        r ->
            calls.incrementAndGet() == 1
                ? json(500, Fixtures.read("pull/failed-to-retrieve.json"))
                : json(200, Fixtures.read("pull/query-response.json")));

    PullQueryResponse response = mpesa.pull().query(sampleQuery().build());

    assertThat(response.transactions()).hasSize(1);
    assertThat(daraja.businessCount()).isEqualTo(2);
  }

  @Test
  void query_instantsAndOffset_areSentAsNairobiTimeAndString() throws Exception {
    daraja.handler(r -> json(200, Fixtures.read("pull/query-no-transactions.json")));

    mpesa
        .pull()
        .query(
            PullQueryRequest.builder()
                .shortCode("600000")
                .startDate(Instant.parse("2024-07-06T05:36:00.750Z"))
                .endDate(Instant.parse("2024-07-06T07:10:00Z"))
                .offset(100)
                .build());

    JsonNode body = body(daraja.businessRequests().get(0));
    assertThat(body.get("StartDate").textValue()).isEqualTo("2024-07-06 08:36:00");
    assertThat(body.get("EndDate").textValue()).isEqualTo("2024-07-06 10:10:00");
    assertThat(body.get("OffSetValue").isTextual()).isTrue();
    assertThat(body.get("OffSetValue").textValue()).isEqualTo("100");
  }

  @Test
  void query_withOffset_keepsThePeriod() {
    PullQueryRequest next = sampleQuery().build().withOffset(50);

    assertThat(next.offset()).isEqualTo(50);
    assertThat(next.startDate()).isEqualTo(LocalDateTime.parse("2020-08-04T08:36:00"));
  }

  @Test
  void transactionTime_localForms_areNairobiTime() {
    PullTransaction spaced =
        new PullTransaction("A", "2020-08-05 13:13:00", null, null, null, null, null, null);
    PullTransaction compact =
        new PullTransaction("A", "20200805131300", null, null, null, null, null, null);
    PullTransaction garbage =
        new PullTransaction("A", "yesterday", null, null, null, null, null, null);

    assertThat(spaced.transactionTime()).isEqualTo(Instant.parse("2020-08-05T10:13:00Z"));
    assertThat(compact.transactionTime()).isEqualTo(Instant.parse("2020-08-05T10:13:00Z"));
    assertThat(garbage.transactionTime()).isNull();
  }
}
