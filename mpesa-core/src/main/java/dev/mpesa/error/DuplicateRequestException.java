package dev.mpesa.error;

import dev.mpesa.internal.ApiAnswer;

/**
 * Daraja has already seen this request: for example a reused {@code OriginatorConversationID}
 * ({@code 500.002.1001}). The earlier request exists; query its status rather than sending again.
 */
public class DuplicateRequestException extends MpesaApiException {
  private static final long serialVersionUID = 1L;

  DuplicateRequestException(ApiAnswer a, Throwable cause) {
    super(a, cause);
  }
}
