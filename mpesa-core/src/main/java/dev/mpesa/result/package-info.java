/**
 * Result and error codes: {@link dev.mpesa.result.ResultCode} (a code as a string), its M-Pesa
 * Express view {@link dev.mpesa.result.StkResult}, {@link dev.mpesa.result.PaymentStatus}, and the
 * catalogue of synchronous errors {@link dev.mpesa.result.DarajaError}.
 */
package dev.mpesa.result;
