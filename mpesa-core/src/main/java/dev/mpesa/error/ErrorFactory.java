package dev.mpesa.error;

import dev.mpesa.internal.ApiAnswer;
import dev.mpesa.internal.Errors;
import dev.mpesa.result.DarajaError;
import java.time.Instant;
import java.util.Map;

/**
 * The SDK's only maker of exceptions ({@link Errors}): the constructors are package-private, and
 * this class decides which type each {@link DarajaError} is raised as.
 */
final class ErrorFactory implements Errors.Factory {

  @Override
  public MpesaApiException api(ApiAnswer a, Throwable cause) {
    return switch (a.error()) {
      case BAD_CONSUMER_CREDENTIALS, INVALID_ACCESS_TOKEN, PRODUCT_NOT_ENABLED ->
          new AuthenticationException(a, cause);
      case INVALID_FIELD,
          WRONG_ENDPOINT,
          WRONG_CREDENTIALS,
          MERCHANT_NOT_FOUND,
          URLS_ALREADY_REGISTERED ->
          new InvalidRequestException(a, cause);
      case SPIKE_ARREST, QUOTA_EXCEEDED, TOO_MANY_REQUESTS -> new ThrottledException(a, cause);
      case SUBSCRIBER_BUSY -> new SubscriberBusyException(a, cause);
      case DUPLICATE_REQUEST -> new DuplicateRequestException(a, cause);
      default -> new MpesaApiException(a, cause);
    };
  }

  @Override
  public InvalidRequestException invalidRequest(ApiAnswer a) {
    return new InvalidRequestException(a, null);
  }

  @Override
  public OutcomeUnknownException outcomeUnknown(
      String operation,
      String message,
      Map<String, String> references,
      Instant sentAt,
      Throwable cause) {
    return new OutcomeUnknownException(operation, message, references, sentAt, cause);
  }

  @Override
  public MpesaNetworkException network(String operation, String message, Throwable cause) {
    return new MpesaNetworkException(operation, message, cause);
  }

  @Override
  public CircuitOpenException circuitOpen(String operation, String message, Throwable cause) {
    return new CircuitOpenException(operation, message, cause);
  }

  @Override
  public CallbackParseException callbackParse(String message, Throwable cause) {
    return new CallbackParseException(message, cause);
  }

  @Override
  public CallbackVerificationException callbackVerification(
      CallbackVerificationException.Reason reason,
      String message,
      String reference,
      Instant issuedAt) {
    return new CallbackVerificationException(reason, message, reference, issuedAt);
  }
}
