package dev.mpesa.error;

import dev.mpesa.internal.ApiAnswer;
import java.time.Duration;

/**
 * "Unable to lock subscriber, a transaction is already in process for the current subscriber": the
 * customer already has an M-Pesa session open (often an earlier prompt still on screen).
 *
 * <p>Nothing was charged. The SDK never retries this by itself, because a second prompt could race
 * the first; ask the customer to close the other session and try again after {@link
 * #suggestedWait()}.
 */
public class SubscriberBusyException extends MpesaApiException {
  private static final long serialVersionUID = 1L;

  /** Daraja asks for at least a minute between prompts to a busy subscriber. */
  public static final Duration SUGGESTED_WAIT = Duration.ofSeconds(60);

  SubscriberBusyException(ApiAnswer a, Throwable cause) {
    super(a, cause);
  }

  /** How long to wait before prompting the same customer again: at least 60 seconds. */
  public Duration suggestedWait() {
    return SUGGESTED_WAIT;
  }
}
