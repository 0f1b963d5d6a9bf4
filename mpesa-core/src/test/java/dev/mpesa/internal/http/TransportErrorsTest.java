package dev.mpesa.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.error.SubscriberBusyException;
import dev.mpesa.error.ThrottledException;
import dev.mpesa.result.DarajaError;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.stk.StkQueryResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Daraja's synchronous error answers (API.md §6) end to end, through {@link MpesaClient} and a
 * local fake Daraja: R29 (parsed and classified, Daraja's fields kept, HTML gives a typed error
 * with a short snippet), R13 (permanent errors are sent once), R9 (an ambiguous push is
 * outcome-unknown and is sent once), R8 (the token never shows in an exception).
 */
class TransportErrorsTest {

  private static final String PUSH_PATH = "/mpesa/stkpush/v1/processrequest";
  private static final String QUERY_PATH = "/mpesa/stkpushquery/v1/query";
  private static final String OAUTH_PATH = "/oauth/v1/generate";
  private static final String FULL_PHONE = "254712345678";
  private static final String REQUEST_ID = "1c5b-4ba8-815c-ac45c57a3db01495926";
  private static final Instant NOW = Instant.parse("2024-05-01T09:30:00Z");

  private MockWebServer server;
  private FakeDaraja daraja;
  private MpesaClient mpesa;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    daraja = new FakeDaraja();
    server.setDispatcher(daraja);
    server.start();
    mpesa =
        MpesaClient.builder()
            .environment(Environment.SANDBOX)
            .baseUrl(server.url("/").toString())
            .consumerKey("consumer-key")
            .consumerSecret("consumer-secret")
            .shortCode("174379")
            .passkey("test-passkey")
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            // Classification, one attempt each: retries are covered by ResilienceRetryTest.
            .retry(dev.mpesa.RetrySettings.disabled())
            .build();
  }

  @AfterEach
  void stopServer() {
    mpesa.close();
    server.close();
  }

  /** Answers OAuth with {@code tok1}, and every business request with {@link #answer}. */
  private static final class FakeDaraja extends Dispatcher {
    final List<RecordedRequest> oauthRequests = new CopyOnWriteArrayList<>();
    final List<RecordedRequest> businessRequests = new CopyOnWriteArrayList<>();
    volatile Function<RecordedRequest, MockResponse> answer =
        r -> new MockResponse.Builder().code(500).build();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if (request.getUrl().encodedPath().equals(OAUTH_PATH)) {
        oauthRequests.add(request);
        return json(200, "{\"access_token\":\"tok1\",\"expires_in\":\"3599\"}");
      }
      businessRequests.add(request);
      return answer.apply(request);
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static String errorBody(String errorCode, String errorMessage) {
    return "{\"requestId\":\""
        + REQUEST_ID
        + "\",\"errorCode\":\""
        + errorCode
        + "\",\"errorMessage\":\""
        + errorMessage
        + "\"}";
  }

  private static MockResponse html(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "text/html; charset=UTF-8")
        .body(body)
        .build();
  }

  private void answerAll(MockResponse response) {
    daraja.answer = r -> response;
  }

  private static StkPushRequest pushRequest() {
    return StkPushRequest.builder()
        .phoneNumber("0712345678")
        .amount(10)
        .accountReference("ORD1")
        .callbackUrl("https://shop.example/cb")
        .build();
  }

  /** One OAuth request, then exactly one business request to {@code path} with the token. */
  private void assertSentOnce(String path) {
    assertThat(daraja.oauthRequests).hasSize(1);
    RecordedRequest oauth = daraja.oauthRequests.get(0);
    assertThat(oauth.getMethod()).isEqualTo("GET");
    assertThat(oauth.getUrl().queryParameter("grant_type")).isEqualTo("client_credentials");
    assertThat(oauth.getHeaders().get("Authorization")).startsWith("Basic ");
    assertThat(daraja.businessRequests).hasSize(1);
    RecordedRequest sent = daraja.businessRequests.get(0);
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getUrl().encodedPath()).isEqualTo(path);
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer tok1");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  private static void assertDarajaFields(
      MpesaApiException e,
      String operation,
      int status,
      String errorCode,
      String errorMessage,
      DarajaError error) {
    assertThat(e.operation()).isEqualTo(operation);
    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.errorCode()).isEqualTo(errorCode);
    assertThat(e.errorMessage()).isEqualTo(errorMessage);
    assertThat(e.requestId()).isEqualTo(REQUEST_ID);
    assertThat(e.error()).isEqualTo(error);
    assertThat(e.getMessage())
        .contains(operation)
        .contains("HTTP " + status)
        .contains(errorCode)
        .contains(errorMessage)
        .contains(REQUEST_ID)
        .contains(error.hint());
  }

  // R29 + R13: every answer below is permanent or a refusal, so it is sent exactly once.
  static Stream<Arguments> queryErrors() {
    return Stream.of(
        arguments(
            400,
            "400.002.02",
            "Bad Request - Invalid CheckoutRequestID",
            InvalidRequestException.class,
            DarajaError.INVALID_FIELD),
        arguments(
            400,
            "400.002.05",
            "Invalid Request Payload",
            InvalidRequestException.class,
            DarajaError.INVALID_FIELD),
        arguments(
            404,
            "404.001.01",
            "Resource not found",
            InvalidRequestException.class,
            DarajaError.WRONG_ENDPOINT),
        arguments(
            404,
            "404.001.04",
            "Invalid Authentication Header",
            InvalidRequestException.class,
            DarajaError.WRONG_ENDPOINT),
        arguments(
            405,
            "405.001",
            "Method Not Allowed",
            InvalidRequestException.class,
            DarajaError.WRONG_ENDPOINT),
        arguments(
            500,
            "500.001.1001",
            "Wrong credentials",
            InvalidRequestException.class,
            DarajaError.WRONG_CREDENTIALS),
        arguments(
            500,
            "500.001.1001",
            "Merchant does not exist",
            InvalidRequestException.class,
            DarajaError.MERCHANT_NOT_FOUND),
        arguments(
            500,
            "500.001.1001",
            "The transaction does not Exist",
            MpesaApiException.class,
            DarajaError.TRANSACTION_NOT_FOUND),
        arguments(
            401,
            "401.002.01",
            "Error Occurred - Invalid Access Token - Invalid API call as no apiproduct match found",
            AuthenticationException.class,
            DarajaError.PRODUCT_NOT_ENABLED),
        arguments(
            500,
            "500.003.02",
            "Error Occurred: Spike Arrest Violation",
            ThrottledException.class,
            DarajaError.SPIKE_ARREST),
        arguments(
            500,
            "500.003.02",
            "System is busy. Please try again in few minutes.",
            ThrottledException.class,
            DarajaError.SPIKE_ARREST),
        arguments(
            500,
            "500.003.03",
            "Error Occurred: Quota Violation",
            ThrottledException.class,
            DarajaError.QUOTA_EXCEEDED),
        arguments(
            500,
            "500.003.1001",
            "Service is currently unreachable. Please try again later.",
            MpesaApiException.class,
            DarajaError.SERVICE_UNAVAILABLE),
        arguments(
            500,
            "500.001.1001",
            "Internal Server Error",
            MpesaApiException.class,
            DarajaError.SERVICE_UNAVAILABLE));
  }

  @ParameterizedTest(name = "[{index}] HTTP {0} {1} \"{2}\" -> {3}")
  @MethodSource("queryErrors")
  void query_darajaErrorBody_raisesTypedExceptionWithDarajaFields(
      int status,
      String errorCode,
      String errorMessage,
      Class<? extends MpesaApiException> type,
      DarajaError error) {
    answerAll(json(status, errorBody(errorCode, errorMessage)));

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown).isExactlyInstanceOf(type);
    assertDarajaFields(
        (MpesaApiException) thrown, "stk.query", status, errorCode, errorMessage, error);
    assertSentOnce(QUERY_PATH);
  }

  static Stream<Arguments> pushErrors() {
    return Stream.of(
        arguments(
            400,
            "400.002.02",
            "Bad Request - Invalid PhoneNumber",
            InvalidRequestException.class,
            DarajaError.INVALID_FIELD),
        arguments(
            400,
            "400.002.02",
            "Bad Request - Invalid CallBackURL",
            InvalidRequestException.class,
            DarajaError.INVALID_FIELD),
        arguments(
            404,
            "404.001.01",
            "Resource not found",
            InvalidRequestException.class,
            DarajaError.WRONG_ENDPOINT),
        arguments(
            405,
            "405.001",
            "Method Not Allowed",
            InvalidRequestException.class,
            DarajaError.WRONG_ENDPOINT),
        arguments(
            500,
            "500.001.1001",
            "[MerchantValidate] - Wrong credentials",
            InvalidRequestException.class,
            DarajaError.WRONG_CREDENTIALS),
        arguments(
            500,
            "500.001.1001",
            "Merchant does not exist",
            InvalidRequestException.class,
            DarajaError.MERCHANT_NOT_FOUND),
        arguments(
            500,
            "500.001.1001",
            "Unable to lock subscriber, a transaction is already in process for the current"
                + " subscriber",
            SubscriberBusyException.class,
            DarajaError.SUBSCRIBER_BUSY),
        arguments(
            401,
            "401.002.01",
            "Error Occurred - Invalid Access Token - Invalid API call as no apiproduct match found",
            AuthenticationException.class,
            DarajaError.PRODUCT_NOT_ENABLED),
        arguments(
            500,
            "500.002.1001",
            "Duplicate OriginatorConversationID.",
            DuplicateRequestException.class,
            DarajaError.DUPLICATE_REQUEST),
        // Refused by the gateway before processing: throttled, not outcome-unknown.
        arguments(
            500,
            "500.003.02",
            "Error Occurred: Spike Arrest Violation",
            ThrottledException.class,
            DarajaError.SPIKE_ARREST),
        arguments(
            500,
            "500.003.02",
            "System is busy. Please try again in few minutes.",
            ThrottledException.class,
            DarajaError.SPIKE_ARREST),
        arguments(
            500,
            "500.003.03",
            "Error Occurred: Quota Violation",
            ThrottledException.class,
            DarajaError.QUOTA_EXCEEDED));
  }

  @ParameterizedTest(name = "[{index}] HTTP {0} {1} \"{2}\" -> {3}")
  @MethodSource("pushErrors")
  void push_darajaErrorBody_raisesTypedExceptionSentOnce(
      int status,
      String errorCode,
      String errorMessage,
      Class<? extends MpesaApiException> type,
      DarajaError error) {
    answerAll(json(status, errorBody(errorCode, errorMessage)));

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertThat(thrown).isExactlyInstanceOf(type).isNotInstanceOf(OutcomeUnknownException.class);
    assertDarajaFields(
        (MpesaApiException) thrown, "stk.push", status, errorCode, errorMessage, error);
    assertThat(thrown.getMessage()).doesNotContain(FULL_PHONE);
    assertSentOnce(PUSH_PATH);
  }

  @Test
  void push_subscriberBusy_suggestsWaitingAMinute() {
    // R14: the SDK never re-prompts a busy customer by itself.
    answerAll(
        json(
            500,
            errorBody(
                "500.001.1001",
                "Unable to lock subscriber, a transaction is already in process for the current"
                    + " subscriber")));

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            SubscriberBusyException.class,
            e -> {
              assertThat(e.suggestedWait()).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
              assertThat(e.isTransient()).isFalse();
            });
    assertSentOnce(PUSH_PATH);
  }

  @Test
  void query_transactionBeingProcessed_returnsPendingNotException() {
    answerAll(json(500, errorBody("500.001.1001", "The transaction is being processed")));

    StkQueryResponse response = mpesa.stk().query("ws_CO_1");

    assertThat(response.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(response.checkoutRequestId()).isEqualTo("ws_CO_1");
    assertThat(response.resultCode()).isNull();
    assertThat(response.responseDescription()).isEqualTo("The transaction is being processed");
    assertSentOnce(QUERY_PATH);
  }

  @Test
  void query_invalidAccessTokenTwice_raisesAuthenticationWithTokenRedacted() {
    // R8: Daraja echoes the rejected token in 401.002.01 messages; it must not reach the caller.
    daraja.answer =
        r -> {
          String token = r.getHeaders().get("Authorization").substring("Bearer ".length());
          return json(
              401, errorBody("401.002.01", "Error Occurred - Invalid Access Token - " + token));
        };

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            AuthenticationException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.INVALID_ACCESS_TOKEN);
              assertThat(e.httpStatus()).isEqualTo(401);
              assertThat(e.errorCode()).isEqualTo("401.002.01");
              assertThat(e.requestId()).isEqualTo(REQUEST_ID);
              assertThat(e.errorMessage())
                  .isEqualTo("Error Occurred - Invalid Access Token - [redacted]");
              assertThat(e.getMessage()).doesNotContain("tok1").contains("[redacted]");
              assertThat(e.toString()).doesNotContain("tok1");
            });
    // R4: one refresh and one replay, then a permanent error: 2 OAuth + 2 business requests.
    assertThat(daraja.oauthRequests).hasSize(2);
    assertThat(daraja.businessRequests).hasSize(2);
  }

  @Test
  void query_invalidAccessToken404_refreshesAndReplaysOnce() {
    // A.0: 404.001.03 comes with HTTP 404 and means "refresh the token", not "not found".
    AtomicInteger calls = new AtomicInteger();
    daraja.answer =
        r ->
            calls.getAndIncrement() == 0
                ? json(404, errorBody("404.001.03", "Invalid Access Token"))
                : json(
                    200,
                    "{\"ResponseCode\":\"0\",\"ResponseDescription\":\"The service request has"
                        + " been accepted successsfully\",\"MerchantRequestID\":\"22205-34066-1\","
                        + "\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":\"0\",\"ResultDesc\":"
                        + "\"The service request is processed successfully.\"}");

    StkQueryResponse response = mpesa.stk().query("ws_CO_1");

    assertThat(response.isPaid()).isTrue();
    assertThat(daraja.oauthRequests).hasSize(2);
    assertThat(daraja.businessRequests).hasSize(2);
  }

  @Test
  void query_htmlBadGateway_raisesNonJsonWithShortSnippet() {
    String page =
        "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n"
            + "<center><h1>502 Bad Gateway</h1></center>\n"
            + "<p>"
            + "lorem ipsum ".repeat(200)
            + "</p>\nEND-OF-PAGE-MARKER</body>\n</html>";
    answerAll(html(502, page));

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .isExactlyInstanceOf(MpesaApiException.class)
        .isInstanceOfSatisfying(
            MpesaApiException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.NON_JSON_RESPONSE);
              assertThat(e.isTransient()).isTrue();
              assertThat(e.httpStatus()).isEqualTo(502);
              assertThat(e.errorCode()).isNull();
              assertThat(e.requestId()).isNull();
              assertThat(e.errorMessage())
                  .contains("<html> <head><title>502 Bad Gateway</title>")
                  .doesNotContain("END-OF-PAGE-MARKER")
                  .doesNotContain("\n")
                  .hasSizeLessThanOrEqualTo(200);
              assertThat(e.getMessage())
                  .contains("stk.query")
                  .contains("HTTP 502")
                  .contains(DarajaError.NON_JSON_RESPONSE.hint())
                  .doesNotContain("END-OF-PAGE-MARKER")
                  .hasSizeLessThan(page.length());
            });
    assertSentOnce(QUERY_PATH);
  }

  @Test
  void query_emptyBody503_raisesNonJson() {
    answerAll(new MockResponse.Builder().code(503).build());

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            MpesaApiException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.NON_JSON_RESPONSE);
              assertThat(e.httpStatus()).isEqualTo(503);
              assertThat(e.errorMessage()).isEqualTo("empty body");
            });
    assertSentOnce(QUERY_PATH);
  }

  @Test
  void query_apigeeFault_classifiedByFaultString() {
    // API.md §6: Daraja runs on Apigee, whose own errors are {"fault":{...}} objects.
    answerAll(
        json(
            429,
            "{\"fault\":{\"faultstring\":\"Spike arrest violation. Allowed rate :"
                + " MessageRate{messagesPerPeriod=25}\",\"detail\":{\"errorcode\":"
                + "\"policies.ratelimit.SpikeArrestViolation\"}}}"));

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.SPIKE_ARREST);
              assertThat(e.errorMessage()).startsWith("Spike arrest violation.");
            });
    assertSentOnce(QUERY_PATH);
  }

  @Test
  void push_htmlBadGateway_raisesOutcomeUnknownWithMaskedPhone() {
    // R9: a 5xx gateway page says nothing about whether the prompt went out.
    answerAll(html(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"));

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertOutcomeUnknown(thrown, 502, DarajaError.NON_JSON_RESPONSE);
    assertSentOnce(PUSH_PATH);
  }

  @Test
  void push_serviceUnreachable5000031001_raisesOutcomeUnknownWithMaskedPhone() {
    answerAll(
        json(
            500,
            errorBody(
                "500.003.1001", "Service is currently unreachable. Please try again later.")));

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    MpesaApiException cause = assertOutcomeUnknown(thrown, 500, DarajaError.SERVICE_UNAVAILABLE);
    assertThat(cause.errorCode()).isEqualTo("500.003.1001");
    assertThat(cause.requestId()).isEqualTo(REQUEST_ID);
    assertThat(cause.errorMessage())
        .isEqualTo("Service is currently unreachable. Please try again later.");
    assertSentOnce(PUSH_PATH);
  }

  @Test
  void push_htmlWithStatus200_raisesOutcomeUnknown() {
    // API.md §6: "Apigee SPA Proxy" has answered HTTP 200 text/html; the push may have gone out.
    answerAll(html(200, "<html><head><title>Apigee SPA Proxy</title></head></html>"));

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertOutcomeUnknown(thrown, 200, DarajaError.NON_JSON_RESPONSE);
    assertSentOnce(PUSH_PATH);
  }

  @Test
  void push_503WithRetryAfterZero_notResentByOkHttp() {
    // OkHttp replays a 503 carrying "Retry-After: 0" by itself unless the body is one-shot.
    answerAll(
        new MockResponse.Builder()
            .code(503)
            .addHeader("Retry-After", "0")
            .addHeader("Content-Type", "text/html")
            .body("<html>Service Unavailable</html>")
            .build());

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertOutcomeUnknown(thrown, 503, DarajaError.NON_JSON_RESPONSE);
    assertSentOnce(PUSH_PATH);
  }

  @Test
  void push_beingProcessedAnswer_raisesOutcomeUnknown() {
    // Review finding: "pending" is a query answer; on a push it says nothing about the push.
    answerAll(json(500, errorBody("500.001.1001", "The transaction is being processed")));

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertOutcomeUnknown(thrown, 500, DarajaError.TRANSACTION_PENDING);
    assertSentOnce(PUSH_PATH);
  }

  @Test
  void push_htmlPageMentioningBusyOrProcessing_raisesOutcomeUnknown() {
    // Review finding: words on a gateway page are not Daraja's codes.
    answerAll(html(502, "<html>System is busy. Your request is being processed.</html>"));

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertOutcomeUnknown(thrown, 502, DarajaError.NON_JSON_RESPONSE);
    assertSentOnce(PUSH_PATH);
  }

  @Test
  void push_emptyJsonObjectWith200_raisesOutcomeUnknown() {
    answerAll(json(200, "{}"));

    assertThat(catchThrowable(() -> mpesa.stk().push(pushRequest())))
        .isExactlyInstanceOf(OutcomeUnknownException.class);
    assertSentOnce(PUSH_PATH);
  }

  @Test
  void push_unreadable200Body_raisesOutcomeUnknown() {
    answerAll(json(200, "{\"ResponseCode\":{\"a\":1}}"));

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertThat(thrown).isExactlyInstanceOf(OutcomeUnknownException.class);
    assertThat(thrown.getCause()).isInstanceOf(MpesaApiException.class);
    assertSentOnce(PUSH_PATH);
  }

  private static MpesaApiException assertOutcomeUnknown(
      Throwable thrown, int status, DarajaError error) {
    assertThat(thrown).isExactlyInstanceOf(OutcomeUnknownException.class);
    OutcomeUnknownException e = (OutcomeUnknownException) thrown;
    assertThat(e.operation()).isEqualTo("stk.push");
    assertThat(e.references())
        .containsEntry("phoneNumber", "2547******78")
        .containsEntry("accountReference", "ORD1")
        .containsEntry("amount", "10")
        .containsEntry("shortCode", "174379");
    assertThat(e.references().values()).noneMatch(v -> v.contains(FULL_PHONE));
    assertThat(e.sentAt()).isEqualTo(NOW);
    assertThat(e.getMessage())
        .contains("stk.push")
        .contains("HTTP " + status)
        .contains("2547******78")
        .doesNotContain(FULL_PHONE)
        .doesNotContain("0712345678");
    assertThat(e.getCause()).isExactlyInstanceOf(MpesaApiException.class);
    MpesaApiException cause = (MpesaApiException) e.getCause();
    assertThat(cause.error()).isEqualTo(error);
    assertThat(cause.httpStatus()).isEqualTo(status);
    assertThat(cause.operation()).isEqualTo("stk.push");
    return cause;
  }

  @Test
  void push_429WithRetryAfter_raisesThrottledWithThatWait() {
    answerAll(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "7")
            .addHeader("Content-Type", "text/plain")
            .body("Too Many Requests")
            .build());

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.TOO_MANY_REQUESTS);
              assertThat(e.httpStatus()).isEqualTo(429);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
              assertThat(e.isTransient()).isTrue();
            });
    assertSentOnce(PUSH_PATH);
  }

  @Test
  void query_429WithRetryAfterHttpDate_raisesThrottledWithWaitFromClock() {
    answerAll(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "Wed, 01 May 2024 09:30:30 GMT")
            .body("")
            .build());

    Throwable thrown = catchThrowable(() -> mpesa.stk().query("ws_CO_1"));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
    assertSentOnce(QUERY_PATH);
  }

  @Test
  void push_spikeArrest_isThrottledWithoutRetryAfterWhenHeaderAbsent() {
    answerAll(json(500, errorBody("500.003.02", "Error Occurred: Spike Arrest Violation")));

    Throwable thrown = catchThrowable(() -> mpesa.stk().push(pushRequest()));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> {
              assertThat(e.retryAfter()).isEmpty();
              assertThat(e.isTransient()).isTrue();
            });
    assertSentOnce(PUSH_PATH);
  }
}
