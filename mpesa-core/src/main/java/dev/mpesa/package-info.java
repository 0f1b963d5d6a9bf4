/**
 * The entry point: {@link dev.mpesa.MpesaClient}, built with {@link
 * dev.mpesa.MpesaClient#builder()}, and {@link dev.mpesa.Environment}.
 */
package dev.mpesa;
