/**
 * Business to business payments: {@link dev.mpesa.b2b.B2bService} pays a PayBill or a till from the
 * business's own short code, remits tax to KRA, and sends a USSD payment prompt to a merchant's
 * till (B2B Express Checkout). Each is acknowledged at once; the outcome arrives later at the
 * request's {@code ResultURL} (or, for Express Checkout, its {@code callbackUrl}).
 */
package dev.mpesa.b2b;
