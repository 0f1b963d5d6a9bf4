package dev.mpesa.internal;

import dev.mpesa.error.CallbackParseException;
import dev.mpesa.error.CallbackVerificationException;
import dev.mpesa.error.CircuitOpenException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.MpesaNetworkException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.result.DarajaError;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The one way the SDK builds its exceptions. Their constructors are not public API (users catch
 * them, they do not make them; the testkit's {@code TestErrors} makes them for users' tests), so
 * {@code dev.mpesa.error} installs a {@link Factory} here when its classes load, and the rest of
 * the SDK asks for exceptions through these methods.
 */
public final class Errors {
  /** Builds each kind of exception; implemented once, in {@code dev.mpesa.error}. */
  public interface Factory {
    /** See {@link Errors#api}. */
    MpesaApiException api(ApiAnswer answer, Throwable cause);

    /** See {@link Errors#invalidRequest}. */
    InvalidRequestException invalidRequest(ApiAnswer answer);

    /** See {@link Errors#outcomeUnknown}. */
    OutcomeUnknownException outcomeUnknown(
        String operation,
        String message,
        Map<String, String> references,
        Instant sentAt,
        Throwable cause);

    /** See {@link Errors#network}. */
    MpesaNetworkException network(String operation, String message, Throwable cause);

    /** See {@link Errors#circuitOpen}. */
    CircuitOpenException circuitOpen(String operation, String message, Throwable cause);

    /** See {@link Errors#callbackParse}. */
    CallbackParseException callbackParse(String message, Throwable cause);

    /** See {@link Errors#callbackVerification}. */
    CallbackVerificationException callbackVerification(
        CallbackVerificationException.Reason reason,
        String message,
        String reference,
        Instant issuedAt);
  }

  private static volatile Factory factory;

  private Errors() {}

  /**
   * Called once, by {@code dev.mpesa.error} as its classes load.
   *
   * @throws IllegalStateException if a factory is already installed
   */
  public static synchronized void install(Factory f) {
    if (factory != null) {
      throw new IllegalStateException("the exception factory is already installed");
    }
    factory = Checks.required(f, "factory");
  }

  private static Factory factory() {
    Factory f = factory;
    if (f == null) {
      try {
        // Loading the root exception installs the factory (its static initialiser).
        Class.forName(MpesaException.class.getName(), true, Errors.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      f = factory;
    }
    return f;
  }

  /**
   * Daraja answered with an error: the exception type users catch for {@code error} ({@code
   * ThrottledException} for the rate limits, {@code InvalidRequestException} for a refused field,
   * and so on; {@code MpesaApiException} itself for the rest).
   *
   * @param operation the SDK operation, such as {@code stk.push}
   * @param httpStatus the HTTP status of the answer
   * @param errorCode Daraja's {@code errorCode}, or null
   * @param errorMessage Daraja's {@code errorMessage} (redacted), or null
   * @param requestId Daraja's {@code requestId}, or null
   * @param error the SDK's classification
   * @param retryAfter the answer's {@code Retry-After}, or null
   * @param cause the underlying cause, or null
   */
  public static MpesaApiException api(
      String operation,
      int httpStatus,
      String errorCode,
      String errorMessage,
      String requestId,
      DarajaError error,
      Duration retryAfter,
      Throwable cause) {
    return factory()
        .api(
            new ApiAnswer(
                operation, httpStatus, errorCode, errorMessage, requestId, error, retryAfter),
            cause);
  }

  /**
   * Daraja refused the request for what it asks (a conflict with what exists, say), whatever {@code
   * error} says: raised as {@code InvalidRequestException}, so it is never retried.
   */
  public static InvalidRequestException invalidRequest(
      String operation,
      int httpStatus,
      String errorCode,
      String errorMessage,
      String requestId,
      DarajaError error) {
    return factory()
        .invalidRequest(
            new ApiAnswer(operation, httpStatus, errorCode, errorMessage, requestId, error, null));
  }

  /** The request may have been processed; {@code references} identify it (phones masked). */
  public static OutcomeUnknownException outcomeUnknown(
      String operation,
      String message,
      Map<String, String> references,
      Instant sentAt,
      Throwable cause) {
    return factory().outcomeUnknown(operation, message, references, sentAt, cause);
  }

  /** Nothing that could move money happened; the same request may be sent again. */
  public static MpesaNetworkException network(String operation, String message, Throwable cause) {
    return factory().network(operation, message, cause);
  }

  /** The operation's circuit breaker is open: nothing was sent. */
  public static CircuitOpenException circuitOpen(
      String operation, String message, Throwable cause) {
    return factory().circuitOpen(operation, message, cause);
  }

  /** A callback body that is not what Daraja sends; {@code cause}'s message is dropped. */
  public static CallbackParseException callbackParse(String message, Throwable cause) {
    return factory().callbackParse(message, cause);
  }

  /** A callback URL token that does not verify. */
  public static CallbackVerificationException callbackVerification(
      CallbackVerificationException.Reason reason,
      String message,
      String reference,
      Instant issuedAt) {
    return factory().callbackVerification(reason, message, reference, issuedAt);
  }
}
