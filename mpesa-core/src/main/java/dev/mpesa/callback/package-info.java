/**
 * Parsing the callbacks Daraja POSTs to an integrator's server: {@link
 * dev.mpesa.callback.Callbacks} turns a request body into a typed record such as {@link
 * dev.mpesa.callback.StkCallback}, with no client and no I/O. Parameters are found by name, never
 * by position; numbers and strings are accepted for each other; the raw JSON is kept; each callback
 * exposes its {@link dev.mpesa.result.PaymentStatus} and an idempotency key for handling duplicate
 * deliveries once. A body that is not a Daraja callback raises {@link
 * dev.mpesa.error.CallbackParseException}, never a {@code NullPointerException}. Daraja does not
 * sign callbacks, so confirm a payment (for example with an STK query) before releasing value.
 */
package dev.mpesa.callback;
