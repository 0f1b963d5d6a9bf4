package dev.mpesa.testkit;

/** What a callback carries (API.md §3). */
public enum CallbackKind {
  /** {@code {"Body":{"stkCallback":{...}}}} to the push's {@code CallBackURL}. */
  STK,
  /** {@code {"Result":{...}}} to a request's {@code ResultURL}. */
  RESULT,
  /** {@code {"Result":{...}}} to a request's {@code QueueTimeOutURL}. */
  QUEUE_TIMEOUT,
  /** The flat C2B body to the registered validation URL; its answer accepts or rejects. */
  C2B_VALIDATION,
  /** The flat C2B body to the registered confirmation URL. */
  C2B_CONFIRMATION,
  /** The flat camelCase B2B Express Checkout result to the request's {@code callbackUrl}. */
  B2B_EXPRESS,
  /** The Ratiba standing-order result to the request's {@code CallBackURL}. */
  STANDING_ORDER,
  /** A Bill Manager payment notification to the opted-in {@code callbackUrl}. */
  BILL_PAYMENT
}
