/**
 * The exception tree. Everything the SDK throws extends {@link dev.mpesa.error.MpesaException} and
 * is unchecked. A customer declining a payment is not an exception: it is data ({@code
 * PaymentStatus.CANCELLED}).
 */
package dev.mpesa.error;
