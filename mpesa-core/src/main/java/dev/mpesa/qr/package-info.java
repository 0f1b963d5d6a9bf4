/**
 * Dynamic QR: {@link dev.mpesa.qr.QrService} turns a {@link dev.mpesa.qr.DynamicQrRequest} into a
 * {@link dev.mpesa.qr.DynamicQrResponse} holding a PNG that customers scan to pay. Synchronous; no
 * callback.
 */
package dev.mpesa.qr;
