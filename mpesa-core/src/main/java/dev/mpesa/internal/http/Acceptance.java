package dev.mpesa.internal.http;

import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.result.DarajaError;
import dev.mpesa.result.ResultCode;
import java.time.Instant;
import java.util.Map;

/**
 * Checks Daraja's {@code ResponseCode} in a 2xx answer: an HTTP 200 can still carry a refusal, and
 * a money-moving request answered without a code has an unknown outcome. Services call it through
 * {@link Transport#requireAccepted}, which also tells the listener.
 */
final class Acceptance {
  private Acceptance() {}

  /**
   * Returns if {@code responseCode} is {@code 0} (in any shape: {@code "0"}, {@code 0}, {@code
   * "00000000"}), else throws.
   *
   * @param references identify the request, for {@link OutcomeUnknownException}
   * @param sentAt when the request was sent
   * @throws OutcomeUnknownException if the code is missing on a money-moving operation
   * @throws MpesaApiException if the code is missing, or is not 0 (classified from the description
   *     like an error envelope: "Unable to lock subscriber" is a {@code SubscriberBusyException})
   */
  static void require(
      Operation op,
      String responseCode,
      String responseDescription,
      String requestId,
      Map<String, String> references,
      Instant sentAt) {
    if (responseCode == null || responseCode.isBlank()) {
      if (op.idempotency().hasEffects()) {
        throw new OutcomeUnknownException(
            op.name(),
            op.name() + " was answered without a ResponseCode.",
            references,
            sentAt,
            null);
      }
      throw new MpesaApiException(
          op.name(),
          200,
          null,
          "the answer has no ResponseCode",
          requestId,
          DarajaError.UNKNOWN,
          null);
    }
    boolean accepted;
    try {
      accepted = ResultCode.of(responseCode).isSuccess();
    } catch (IllegalArgumentException e) {
      accepted = false;
    }
    if (!accepted) {
      // Daraja declined the request, so nothing was processed; its description says why.
      DarajaError error = ErrorClassifier.classify(op, 200, null, responseDescription, true);
      throw ErrorClassifier.toException(
          op.name(), 200, responseCode, responseDescription, requestId, error, null);
    }
  }
}
