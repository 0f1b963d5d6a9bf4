package dev.mpesa.testkit;

/**
 * A failure {@link Faults} injects into the fake's next answers, for integrators' own resilience
 * tests. Each names what Daraja (or the network in front of it) does, and whether the request took
 * effect: a client cannot tell, which is the point.
 */
public enum Fault {
  /**
   * HTTP 500 {@code 500.003.1001} "Service is currently unreachable. Please try again later."
   * Nothing was processed.
   */
  SERVER_ERROR,
  /** HTTP 503 with an HTML gateway page instead of JSON. Nothing was processed. */
  GATEWAY_PAGE,
  /**
   * HTTP 500 {@code 500.003.02} "Error Occurred: Spike Arrest Violation" (throttling). Nothing was
   * processed.
   */
  THROTTLED,
  /** HTTP 500 {@code 500.003.03} "Error Occurred: Quota Violation". Nothing was processed. */
  QUOTA_EXCEEDED,
  /** The request is read, then the connection is dropped without an answer. Nothing happens. */
  RESET_BEFORE_PROCESSING,
  /**
   * The request is read and processed (a push prompts the customer, a payout pays, callbacks
   * follow), then the connection is dropped without an answer: the case a money-moving client must
   * reconcile, never resend.
   */
  RESET_AFTER_PROCESSING,
  /**
   * The token is refused as if another process had fetched a new one: the product's invalid-token
   * error (for example {@code 404.001.03} on STK). Nothing was processed.
   */
  INVALID_TOKEN,
  /**
   * HTTP 401 {@code 401.002.01} "Error Occurred - Invalid Access Token - Invalid API call as no
   * apiproduct match found": the product is not enabled on the app.
   */
  PRODUCT_NOT_ENABLED
}
