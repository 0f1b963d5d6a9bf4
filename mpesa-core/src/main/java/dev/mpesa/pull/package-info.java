/**
 * Pull Transactions: {@link dev.mpesa.pull.PullService} registers a short code once and then
 * queries the C2B payments it received in the last 48 hours, to recover confirmations that never
 * arrived.
 */
package dev.mpesa.pull;
