/**
 * M-Pesa Bill Manager: {@link dev.mpesa.billmanager.BillManagerService} opts a short code in, sends
 * e-invoices by SMS (one, or up to 1000 per call), acknowledges the payments Bill Manager pushes to
 * the opt-in {@code callbackUrl} (reconciliation) and recalls unpaid invoices.
 *
 * <p>Bill Manager is not shaped like the rest of Daraja: camelCase fields, and an answer of {@code
 * rescode}/{@code resmsg} in which {@code "200"} means success and {@code "409"} a conflict (API.md
 * §5.16, §7.6). Phone numbers go in the local {@code 07NNNNNNNN} / {@code 01NNNNNNNN} form its
 * documentation shows.
 */
package dev.mpesa.billmanager;
