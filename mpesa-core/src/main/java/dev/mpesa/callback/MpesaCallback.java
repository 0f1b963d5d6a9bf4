package dev.mpesa.callback;

import dev.mpesa.result.PaymentStatus;

/**
 * What every callback Daraja POSTs has in common, whatever the product: a key to handle it once, a
 * status, and the body as received.
 */
public interface MpesaCallback {

  /**
   * The key that identifies this outcome across repeated deliveries, for de-duplication (STK: the
   * {@code CheckoutRequestID}; C2B: the {@code TransID}; results: the conversation ids).
   */
  String idempotencyKey();

  /** Where the payment (or request) stands according to this callback. */
  PaymentStatus status();

  /** The body exactly as received, or null if the callback was not parsed from a body. */
  String rawJson();
}
