/**
 * Everything for the callbacks Daraja POSTs to an integrator's server, with no client and no I/O:
 * strings or bytes in, records out.
 *
 * <ul>
 *   <li>{@link dev.mpesa.callback.Callbacks} parses M-Pesa Express callbacks ({@link
 *       dev.mpesa.callback.StkCallback}), the Result and QueueTimeOut bodies of every asynchronous
 *       API ({@link dev.mpesa.callback.ResultCallback}, with typed views such as {@link
 *       dev.mpesa.callback.B2cPaymentResult} and {@link dev.mpesa.callback.AccountBalanceResult}),
 *       C2B validation and confirmation ({@link dev.mpesa.callback.C2bTransaction}), B2B Express
 *       Checkout, Bill Manager and Ratiba callbacks; {@code parse} recognises the kind.
 *   <li>Replies Daraja expects: {@link dev.mpesa.callback.CallbackReply}, {@link
 *       dev.mpesa.callback.C2bValidationReply}, {@link dev.mpesa.callback.BillPaymentReply}.
 *   <li>{@link dev.mpesa.callback.CallbackDeduplicator} runs a handler once per {@link
 *       dev.mpesa.callback.MpesaCallback#idempotencyKey()}, over a pluggable {@link
 *       dev.mpesa.callback.DeduplicationStore}; {@link dev.mpesa.callback.PaymentExpectation}
 *       checks amount, account and phone against what was expected.
 * </ul>
 *
 * <p>Parameters are found by name, never by position; numbers and strings are accepted for each
 * other; lists may be an array, a single object, empty or absent; the raw JSON is kept. A body that
 * is not a Daraja callback raises {@link dev.mpesa.error.CallbackParseException}, never anything
 * else. Daraja does not sign callbacks: see {@code dev.mpesa.security.CallbackUrlSigner} and {@code
 * IpAllowList}, and confirm a payment before releasing value.
 */
package dev.mpesa.callback;
