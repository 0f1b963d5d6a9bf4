package dev.mpesa.testkit;

import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.error.CallbackVerificationException;
import dev.mpesa.error.CircuitOpenException;
import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaNetworkException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.error.SubscriberBusyException;
import dev.mpesa.error.ThrottledException;
import dev.mpesa.internal.Errors;
import dev.mpesa.result.DarajaError;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The SDK's exceptions, made for your own tests: the SDK throws them but does not let code build
 * them ({@code dev.mpesa.error} has no public constructors), so a test of your error handling that
 * stubs out the client gets them here. Each is what the SDK would throw for that case, with
 * Daraja's documented code and message, the same type, {@code hint()} and {@code error()}.
 *
 * <pre>{@code
 * // your own seam around mpesa.b2c().pay(...), failing the way a timed-out payout does
 * Payouts timedOut = request -> { throw TestErrors.outcomeUnknown("b2c.pay"); };
 * }</pre>
 *
 * <p>To see the SDK raise them itself, drive a real client against {@link FakeDaraja} with a {@link
 * Fault} instead.
 */
public final class TestErrors {
  private TestErrors() {}

  /**
   * The request may have reached Daraja and its outcome is unknown: reconcile, never resend.
   *
   * @param operation the SDK operation, such as {@code b2c.pay} or {@code stk.push}
   * @param references what identified the request (phone numbers masked), as the SDK would report
   */
  public static OutcomeUnknownException outcomeUnknown(
      String operation, Map<String, String> references) {
    return Errors.outcomeUnknown(
        operation,
        operation + " failed after the request was sent: SocketTimeoutException: timeout.",
        references,
        Instant.now(),
        null);
  }

  /** {@link #outcomeUnknown(String, Map)} with no references. */
  public static OutcomeUnknownException outcomeUnknown(String operation) {
    return outcomeUnknown(operation, Map.of());
  }

  /** Nothing was sent (the connection was refused): the same request may be sent again. */
  public static MpesaNetworkException network(String operation) {
    return Errors.network(
        operation,
        operation + " failed: ConnectException: Connection refused (nothing was sent).",
        null);
  }

  /** The operation's circuit breaker is open: nothing was sent. */
  public static CircuitOpenException circuitOpen(String operation) {
    return Errors.circuitOpen(
        operation, operation + " was not sent: the circuit breaker is open.", null);
  }

  /** Spike arrest ({@code 500.003.02}): nothing was processed; slow down and retry later. */
  public static ThrottledException throttled(String operation, Duration retryAfter) {
    return (ThrottledException)
        api(
            operation,
            500,
            "500.003.02",
            "Spike arrest violation",
            DarajaError.SPIKE_ARREST,
            retryAfter);
  }

  /** Daraja refused a field ({@code 400.002.02}), named in {@code errorMessage}. */
  public static InvalidRequestException invalidRequest(String operation, String errorMessage) {
    return (InvalidRequestException)
        api(operation, 400, "400.002.02", errorMessage, DarajaError.INVALID_FIELD, null);
  }

  /** OAuth refused the consumer key and secret ({@code 400.008.01}). */
  public static AuthenticationException authentication(String operation) {
    return (AuthenticationException)
        api(
            operation,
            400,
            "400.008.01",
            "Invalid Authentication passed",
            DarajaError.BAD_CONSUMER_CREDENTIALS,
            null);
  }

  /** {@code 500.002.1001 Duplicate OriginatorConversationID}: already accepted, do not resend. */
  public static DuplicateRequestException duplicate(String operation) {
    return (DuplicateRequestException)
        api(
            operation,
            500,
            "500.002.1001",
            "Duplicate OriginatorConversationID.",
            DarajaError.DUPLICATE_REQUEST,
            null);
  }

  /** The customer has another M-Pesa session open ({@code 500.001.1001}); nothing was charged. */
  public static SubscriberBusyException subscriberBusy(String operation) {
    return (SubscriberBusyException)
        api(
            operation,
            500,
            "500.001.1001",
            "Unable to lock subscriber, a transaction is already in process for the current"
                + " subscriber",
            DarajaError.SUBSCRIBER_BUSY,
            null);
  }

  /**
   * Any answered error, raised as the type the SDK uses for {@code error} ({@link
   * ThrottledException} for the rate limits, and so on).
   */
  public static MpesaApiException api(
      String operation,
      int httpStatus,
      String errorCode,
      String errorMessage,
      DarajaError error,
      Duration retryAfter) {
    return Errors.api(
        operation, httpStatus, errorCode, errorMessage, null, error, retryAfter, null);
  }

  /** A callback body that is not what Daraja sends. */
  public static CallbackParseException callbackParse(String message) {
    return Errors.callbackParse(message, null);
  }

  /** A callback URL token that did not verify, for {@code reason}. */
  public static CallbackVerificationException callbackVerification(
      CallbackVerificationException.Reason reason, String reference) {
    return Errors.callbackVerification(
        reason, "the callback URL token did not verify: " + reason, reference, null);
  }
}
