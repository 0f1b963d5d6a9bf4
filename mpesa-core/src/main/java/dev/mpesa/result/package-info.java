/**
 * Result and error codes: {@link dev.mpesa.result.ResultCode} (a code as a string), its views per
 * product ({@link dev.mpesa.result.StkResult} for M-Pesa Express, {@link
 * dev.mpesa.result.B2cResult} for B2C and B2Pochi, {@link dev.mpesa.result.ReversalResult} for
 * reversals, {@link dev.mpesa.result.AccountQueryResult} for Account Balance and Transaction
 * Status), {@link dev.mpesa.result.PaymentStatus}, and the catalogue of synchronous errors {@link
 * dev.mpesa.result.DarajaError}.
 */
package dev.mpesa.result;
