package dev.mpesa.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.SubscriberBusyException;
import dev.mpesa.error.ThrottledException;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.resilience.Resilience;
import dev.mpesa.result.DarajaError;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R29: every documented Daraja error answer (API.md §2 and §6.1) is classified by (operation,
 * errorCode, errorMessage) first and only then by HTTP status. R13: the classifications marked
 * permanent are not transient, so nothing resends them.
 */
class ErrorClassifierTest {

  private static final Operation PUSH =
      new Operation("stk.push", "/mpesa/stkpush/v1/processrequest", IdempotencyClass.MONEY, "stk");
  private static final Operation QUERY =
      new Operation("stk.query", "/mpesa/stkpushquery/v1/query", IdempotencyClass.SAFE, "stk");
  private static final Operation C2B_REGISTER =
      new Operation("c2b.register", "/mpesa/c2b/v2/registerurl", IdempotencyClass.ONCE, "c2b");
  private static final Operation B2C =
      new Operation("b2c.pay", "/mpesa/b2c/v3/paymentrequest", IdempotencyClass.MONEY_KEYED, "b2c");
  private static final Operation BALANCE =
      new Operation(
          "account.balance", "/mpesa/accountbalance/v1/query", IdempotencyClass.SAFE, "account");
  private static final Operation REVERSAL =
      new Operation(
          "account.reversal", "/mpesa/reversal/v1/request", IdempotencyClass.MONEY, "account");
  private static final Operation PULL_REGISTER =
      new Operation(
          "pull.register", "/pulltransactions/v1/register", IdempotencyClass.ONCE, "pull");

  private static final Set<DarajaError> TRANSIENT =
      EnumSet.of(
          DarajaError.SPIKE_ARREST,
          DarajaError.QUOTA_EXCEEDED,
          DarajaError.TOO_MANY_REQUESTS,
          DarajaError.SERVICE_UNAVAILABLE,
          DarajaError.NON_JSON_RESPONSE);

  private static final String HTML_INCAPSULA =
      "non-JSON body: <html><head><title>Request Rejected</title></head><body>Request"
          + " unsuccessful. Incapsula incident ID: 1234-5678</body></html>";

  // R29: API.md §6.1 row by row, the token codes and OAuth errors of §2, and the status fallbacks.
  static Stream<Arguments> documentedAnswers() {
    return Stream.of(
        // R13: field errors are permanent.
        row(
            PUSH,
            400,
            "400.002.02",
            "Bad Request - Invalid PhoneNumber",
            DarajaError.INVALID_FIELD),
        row(PUSH, 400, "400.002.02", "Bad Request - Invalid Timestamp", DarajaError.INVALID_FIELD),
        row(C2B_REGISTER, 400, "400.002.05", "Invalid Request Payload", DarajaError.INVALID_FIELD),
        row(C2B_REGISTER, 400, "400.003.02", "Bad Request", DarajaError.INVALID_FIELD),
        row(PULL_REGISTER, 400, "400.001", "Invalid ShortCode", DarajaError.INVALID_FIELD),
        row(PUSH, 400, null, "Bad Request", DarajaError.INVALID_FIELD),
        // Token not accepted: refreshed and replayed once by the transport, never more.
        row(PUSH, 404, "404.001.03", "Invalid Access Token", DarajaError.INVALID_ACCESS_TOKEN),
        row(PUSH, 404, " 404.001.03 ", "Invalid Access Token", DarajaError.INVALID_ACCESS_TOKEN),
        row(
            C2B_REGISTER,
            400,
            "400.003.01",
            "Invalid Access Token",
            DarajaError.INVALID_ACCESS_TOKEN),
        row(
            BALANCE,
            401,
            "401.002.01",
            "Error Occurred - Invalid Access Token - 0A1b2C3d",
            DarajaError.INVALID_ACCESS_TOKEN),
        row(PUSH, 401, "401.003.01", "Invalid Access Token", DarajaError.INVALID_ACCESS_TOKEN),
        row(
            PULL_REGISTER,
            401,
            "401.001",
            "Invalid Access Token",
            DarajaError.INVALID_ACCESS_TOKEN),
        // R13: the API product is missing from the app; refreshing cannot help.
        row(
            B2C,
            401,
            "401.002.01",
            "Error Occurred - Invalid Access Token - Invalid API call as no apiproduct match found",
            DarajaError.PRODUCT_NOT_ENABLED),
        row(
            PUSH,
            404,
            "404.001.03",
            "Invalid API call as no apiproduct match found",
            DarajaError.PRODUCT_NOT_ENABLED),
        // R13: OAuth refused the consumer key and secret.
        row(
            Operation.OAUTH,
            400,
            "400.008.01",
            "Invalid authentication type passed",
            DarajaError.BAD_CONSUMER_CREDENTIALS),
        row(
            Operation.OAUTH,
            400,
            "400.008.02",
            "Invalid grant type passed",
            DarajaError.BAD_CONSUMER_CREDENTIALS),
        nonJson(Operation.OAUTH, 400, "empty body", DarajaError.BAD_CONSUMER_CREDENTIALS),
        nonJson(Operation.OAUTH, 401, "empty body", DarajaError.BAD_CONSUMER_CREDENTIALS),
        row(Operation.OAUTH, 401, null, null, DarajaError.BAD_CONSUMER_CREDENTIALS),
        // R13: wrong path or method.
        row(PUSH, 404, "404.001.01", "Resource not found", DarajaError.WRONG_ENDPOINT),
        row(
            C2B_REGISTER,
            404,
            "404.001.04",
            "Invalid Authentication Header",
            DarajaError.WRONG_ENDPOINT),
        row(BALANCE, 404, "404.002.01", "Resource not found", DarajaError.WRONG_ENDPOINT),
        row(C2B_REGISTER, 404, "404.003.01", "Resource not found", DarajaError.WRONG_ENDPOINT),
        row(PUSH, 405, "405.001", "Method Not Allowed", DarajaError.WRONG_ENDPOINT),
        row(PUSH, 404, null, null, DarajaError.WRONG_ENDPOINT),
        row(PUSH, 405, null, null, DarajaError.WRONG_ENDPOINT),
        // The overloaded 500.001.1001, resolved by its message.
        row(PUSH, 500, "500.001.1001", "Wrong credentials", DarajaError.WRONG_CREDENTIALS),
        row(
            PUSH,
            500,
            "500.001.1001",
            "[MerchantValidate] - Wrong credentials",
            DarajaError.WRONG_CREDENTIALS),
        row(PUSH, 500, "500.001.1001", "Merchant does not exist", DarajaError.MERCHANT_NOT_FOUND),
        row(
            PUSH,
            500,
            "500.001.1001",
            "Unable to lock subscriber, a transaction is already in process for the current"
                + " subscriber",
            DarajaError.SUBSCRIBER_BUSY),
        row(
            QUERY,
            500,
            "500.001.1001",
            "The transaction is being processed",
            DarajaError.TRANSACTION_PENDING),
        row(
            QUERY,
            500,
            "500.001.1001",
            "The transaction does not Exist",
            DarajaError.TRANSACTION_NOT_FOUND),
        row(QUERY, 500, "500.001.1001", "", DarajaError.SERVICE_UNAVAILABLE),
        row(QUERY, 500, "500.001.1001", null, DarajaError.SERVICE_UNAVAILABLE),
        row(
            REVERSAL,
            500,
            "500.001.1001",
            "Internal Server Error",
            DarajaError.SERVICE_UNAVAILABLE),
        // Idempotency hit (B2C v3).
        row(
            B2C,
            500,
            "500.002.1001",
            "Duplicate OriginatorConversationID.",
            DarajaError.DUPLICATE_REQUEST),
        // Rate limiting arrives as HTTP 500.
        row(
            PUSH,
            500,
            "500.003.02",
            "Error Occurred: Spike Arrest Violation",
            DarajaError.SPIKE_ARREST),
        row(
            PUSH,
            500,
            "500.003.02",
            "System is busy. Please try again in few minutes.",
            DarajaError.SPIKE_ARREST),
        row(
            QUERY,
            500,
            null,
            "Spike arrest violation. Allowed rate : MessageRate{messagesPerPeriod=25}",
            DarajaError.SPIKE_ARREST),
        row(PUSH, 500, "500.003.03", "Error Occurred: Quota Violation", DarajaError.QUOTA_EXCEEDED),
        row(PUSH, 429, null, null, DarajaError.TOO_MANY_REQUESTS),
        nonJson(PUSH, 429, "non-JSON body: Too Many Requests", DarajaError.TOO_MANY_REQUESTS),
        // 500.003.1001: one-time C2B registration (R13), or an outage.
        row(
            C2B_REGISTER,
            500,
            "500.003.1001",
            "Urls are already registered",
            DarajaError.URLS_ALREADY_REGISTERED),
        row(
            C2B_REGISTER,
            500,
            "500.003.1001",
            "Internal Server Error",
            DarajaError.SERVICE_UNAVAILABLE),
        row(
            QUERY,
            500,
            "500.003.1001",
            "Service is currently unreachable. Please try again later.",
            DarajaError.SERVICE_UNAVAILABLE),
        row(
            BALANCE,
            500,
            "00.002.1001",
            "Service is currently under maintenance. Please try again later",
            DarajaError.SERVICE_UNAVAILABLE),
        row(
            BALANCE,
            200,
            "00.002.1001",
            "Service is currently under maintenance. Please try again later",
            DarajaError.SERVICE_UNAVAILABLE),
        row(
            QUERY,
            500,
            null,
            "Service is temporarily unavailable. Please try again later",
            DarajaError.SERVICE_UNAVAILABLE),
        row(Operation.OAUTH, 500, null, null, DarajaError.SERVICE_UNAVAILABLE),
        // Gateway pages and empty bodies, whatever the status.
        nonJson(Operation.OAUTH, 503, HTML_INCAPSULA, DarajaError.NON_JSON_RESPONSE),
        nonJson(PUSH, 503, HTML_INCAPSULA, DarajaError.NON_JSON_RESPONSE),
        nonJson(
            PUSH,
            403,
            "non-JSON body: <html><body><h1>403</h1> edge block</body></html>",
            DarajaError.UNKNOWN),
        nonJson(
            QUERY,
            200,
            "non-JSON body: <html><head><title>Apigee SPA Proxy</title></head></html>",
            DarajaError.NON_JSON_RESPONSE),
        nonJson(QUERY, 502, "empty body", DarajaError.NON_JSON_RESPONSE),
        // Words on a gateway page are not Daraja's codes.
        nonJson(
            PUSH,
            502,
            "non-JSON body: System is busy, being processed",
            DarajaError.NON_JSON_RESPONSE),
        nonJson(QUERY, 401, "empty body", DarajaError.UNKNOWN),
        row(
            Operation.OAUTH,
            502,
            "500.003.1001",
            "Duplicate notification info, SP ID is 107031, correlator is 9",
            DarajaError.URLS_ALREADY_REGISTERED),
        // An OAuth operation equal to (not the same instance as) Operation.OAUTH.
        nonJson(
            new Operation(
                "oauth",
                "/oauth/v1/generate?grant_type=client_credentials",
                IdempotencyClass.SAFE,
                "oauth"),
            400,
            "empty body",
            DarajaError.BAD_CONSUMER_CREDENTIALS),
        // Nothing to go on.
        row(PUSH, 418, null, null, DarajaError.UNKNOWN));
  }

  private static Arguments row(
      Operation op, int status, String code, String message, DarajaError expected) {
    return arguments(named(op.name(), op), status, code, message, true, expected);
  }

  private static Arguments nonJson(Operation op, int status, String message, DarajaError expected) {
    return arguments(named(op.name(), op), status, null, message, false, expected);
  }

  @ParameterizedTest(name = "[{index}] {0} HTTP {1} {2} \"{3}\" json={4} -> {5}")
  @MethodSource("documentedAnswers")
  void classify_documentedAnswer_resolvesToDocumentedError(
      Operation op,
      int httpStatus,
      String errorCode,
      String errorMessage,
      boolean json,
      DarajaError expected) {
    assertThat(ErrorClassifier.classify(op, httpStatus, errorCode, errorMessage, json))
        .isEqualTo(expected);
  }

  @Test
  void classify_overloaded5000011001_resolvesToSixDistinctErrors() {
    // R29: the HTTP status and errorCode are identical; only the message tells them apart.
    Map<String, DarajaError> byMessage =
        Map.of(
            "Wrong credentials",
            DarajaError.WRONG_CREDENTIALS,
            "Merchant does not exist",
            DarajaError.MERCHANT_NOT_FOUND,
            "Unable to lock subscriber, a transaction is already in process for the current"
                + " subscriber",
            DarajaError.SUBSCRIBER_BUSY,
            "The transaction is being processed",
            DarajaError.TRANSACTION_PENDING,
            "The transaction does not Exist",
            DarajaError.TRANSACTION_NOT_FOUND,
            "",
            DarajaError.SERVICE_UNAVAILABLE);

    byMessage.forEach(
        (message, expected) ->
            assertThat(ErrorClassifier.classify(QUERY, 500, "500.001.1001", message, true))
                .as(message)
                .isEqualTo(expected));
    assertThat(Set.copyOf(byMessage.values())).hasSize(6);
  }

  @Test
  void classify_messageCase_isIgnored() {
    assertThat(ErrorClassifier.classify(PUSH, 500, "500.001.1001", "MERCHANT DOES NOT EXIST", true))
        .isEqualTo(DarajaError.MERCHANT_NOT_FOUND);
    assertThat(ErrorClassifier.classify(PUSH, 500, "500.003.02", "SYSTEM IS BUSY", true))
        .isEqualTo(DarajaError.SPIKE_ARREST);
  }

  @Test
  void classify_statusFallback_neverOverridesTheCode() {
    // A.0: "Invalid Access Token" is HTTP 404 on STK; treating 404 as "not found" would never
    // refresh the token.
    assertThat(ErrorClassifier.classify(PUSH, 404, "404.001.03", null, true))
        .isEqualTo(DarajaError.INVALID_ACCESS_TOKEN);
    // Rate limiting is HTTP 500, not 429.
    assertThat(ErrorClassifier.classify(PUSH, 500, "500.003.02", null, true))
        .isEqualTo(DarajaError.SPIKE_ARREST);
    assertThat(ErrorClassifier.classify(PUSH, 500, "500.003.03", null, true))
        .isEqualTo(DarajaError.QUOTA_EXCEEDED);
  }

  // R13: what the classifier calls permanent is never marked transient.
  @ParameterizedTest
  @EnumSource(
      value = DarajaError.class,
      names = {
        "BAD_CONSUMER_CREDENTIALS",
        "INVALID_ACCESS_TOKEN",
        "PRODUCT_NOT_ENABLED",
        "INVALID_FIELD",
        "WRONG_ENDPOINT",
        "WRONG_CREDENTIALS",
        "MERCHANT_NOT_FOUND",
        "SUBSCRIBER_BUSY",
        "DUPLICATE_REQUEST",
        "URLS_ALREADY_REGISTERED"
      })
  void isTransient_permanentError_false(DarajaError error) {
    assertThat(error.isTransient()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(DarajaError.class)
  void isTransient_onlyThrottlingOutagesAndGatewayPages_true(DarajaError error) {
    assertThat(error.isTransient()).isEqualTo(TRANSIENT.contains(error));
    MpesaApiException e = Errors.api("stk.query", 500, "500.000", "m", "req-1", error, null, null);
    assertThat(e.isTransient()).isEqualTo(TRANSIENT.contains(error));
  }

  @ParameterizedTest
  @EnumSource(
      value = DarajaError.class,
      names = {
        "INVALID_FIELD",
        "WRONG_ENDPOINT",
        "WRONG_CREDENTIALS",
        "MERCHANT_NOT_FOUND",
        "SUBSCRIBER_BUSY",
        "TRANSACTION_PENDING",
        "URLS_ALREADY_REGISTERED"
      })
  void isHealthSignal_validationBusyOrPending_false(DarajaError error) {
    // R19: these say nothing about Daraja's health and must not move a circuit breaker.
    assertThat(
            Resilience.isHealthSignal(
                Errors.api("stk.push", 400, "x", "m", null, error, null, null)))
        .isFalse();
  }

  static Stream<Arguments> exceptionTypes() {
    Map<DarajaError, Class<? extends MpesaApiException>> types = expectedExceptionTypes();
    return types.entrySet().stream().map(e -> arguments(e.getKey(), e.getValue()));
  }

  private static Map<DarajaError, Class<? extends MpesaApiException>> expectedExceptionTypes() {
    Map<DarajaError, Class<? extends MpesaApiException>> types = new EnumMap<>(DarajaError.class);
    types.put(DarajaError.BAD_CONSUMER_CREDENTIALS, AuthenticationException.class);
    types.put(DarajaError.INVALID_ACCESS_TOKEN, AuthenticationException.class);
    types.put(DarajaError.PRODUCT_NOT_ENABLED, AuthenticationException.class);
    types.put(DarajaError.INVALID_FIELD, InvalidRequestException.class);
    types.put(DarajaError.WRONG_ENDPOINT, InvalidRequestException.class);
    types.put(DarajaError.WRONG_CREDENTIALS, InvalidRequestException.class);
    types.put(DarajaError.MERCHANT_NOT_FOUND, InvalidRequestException.class);
    types.put(DarajaError.URLS_ALREADY_REGISTERED, InvalidRequestException.class);
    types.put(DarajaError.SUBSCRIBER_BUSY, SubscriberBusyException.class);
    types.put(DarajaError.TRANSACTION_PENDING, MpesaApiException.class);
    types.put(DarajaError.TRANSACTION_NOT_FOUND, MpesaApiException.class);
    types.put(DarajaError.DUPLICATE_REQUEST, DuplicateRequestException.class);
    types.put(DarajaError.SPIKE_ARREST, ThrottledException.class);
    types.put(DarajaError.QUOTA_EXCEEDED, ThrottledException.class);
    types.put(DarajaError.TOO_MANY_REQUESTS, ThrottledException.class);
    types.put(DarajaError.SERVICE_UNAVAILABLE, MpesaApiException.class);
    types.put(DarajaError.NON_JSON_RESPONSE, MpesaApiException.class);
    types.put(DarajaError.UNKNOWN, MpesaApiException.class);
    return types;
  }

  @Test
  void errorsApi_typeTable_coversEveryDarajaError() {
    assertThat(expectedExceptionTypes().keySet()).isEqualTo(EnumSet.allOf(DarajaError.class));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("exceptionTypes")
  void errorsApi_eachError_mapsToItsExceptionType(
      DarajaError error, Class<? extends MpesaApiException> type) {
    MpesaApiException e =
        Errors.api("stk.push", 500, "500.001.1001", "message", "req-1", error, null, null);

    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.error()).isEqualTo(error);
    assertThat(e.getCause()).isNull();
  }

  @ParameterizedTest
  @EnumSource(
      value = DarajaError.class,
      names = {"SPIKE_ARREST", "QUOTA_EXCEEDED", "TOO_MANY_REQUESTS"})
  void errorsApi_throttling_carriesRetryAfter(DarajaError error) {
    MpesaApiException withWait =
        Errors.api("stk.push", 429, null, null, null, error, Duration.ofSeconds(7), null);
    MpesaApiException withoutWait =
        Errors.api("stk.push", 500, "500.003.02", null, null, error, null, null);

    assertThat(withWait)
        .isInstanceOfSatisfying(
            ThrottledException.class,
            t -> assertThat(t.retryAfter()).contains(Duration.ofSeconds(7)));
    assertThat(withoutWait)
        .isInstanceOfSatisfying(
            ThrottledException.class, t -> assertThat(t.retryAfter()).isEmpty());
  }

  @Test
  void errorsApi_subscriberBusy_suggestsAtLeastOneMinute() {
    // R14: Daraja asks for at least a minute before prompting a busy subscriber again.
    MpesaApiException e =
        Errors.api(
            "stk.push",
            500,
            "500.001.1001",
            "Unable to lock subscriber, a transaction is already in process for the current"
                + " subscriber",
            "req-9",
            DarajaError.SUBSCRIBER_BUSY,
            null,
            null);

    assertThat(e)
        .isInstanceOfSatisfying(
            SubscriberBusyException.class,
            busy ->
                assertThat(busy.suggestedWait()).isGreaterThanOrEqualTo(Duration.ofSeconds(60)));
    assertThat(e.isTransient()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(DarajaError.class)
  void errorsApi_message_carriesOperationStatusCodeRequestIdAndHint(DarajaError error) {
    MpesaApiException e =
        Errors.api(
            "stk.push",
            500,
            "500.001.1001",
            "Merchant does not exist",
            "1c5b-4ba8-815c-ac45c57a3db01495926",
            error,
            null,
            null);

    assertThat(e.operation()).isEqualTo("stk.push");
    assertThat(e.httpStatus()).isEqualTo(500);
    assertThat(e.errorCode()).isEqualTo("500.001.1001");
    assertThat(e.errorMessage()).isEqualTo("Merchant does not exist");
    assertThat(e.requestId()).isEqualTo("1c5b-4ba8-815c-ac45c57a3db01495926");
    assertThat(e.hint())
        .startsWith(error.hint())
        .endsWith(
            "docs/TROUBLESHOOTING.md#" + error.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    assertThat(e.getMessage())
        .contains("stk.push")
        .contains("HTTP 500")
        .contains("500.001.1001")
        .contains("Merchant does not exist")
        .contains("1c5b-4ba8-815c-ac45c57a3db01495926")
        .contains(error.hint());
  }

  @Test
  void errorsApi_noCodeNoMessageNoRequestId_messageStillHasOperationStatusAndHint() {
    MpesaApiException e =
        Errors.api("oauth", 503, null, null, null, DarajaError.NON_JSON_RESPONSE, null, null);

    assertThat(e.getMessage())
        .startsWith("oauth failed: HTTP 503")
        .doesNotContain("null")
        .endsWith(DarajaError.NON_JSON_RESPONSE.hint());
  }
}
