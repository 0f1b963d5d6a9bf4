/**
 * Account Balance, Transaction Status and Reversal: {@link dev.mpesa.account.AccountService} sends
 * the requests ({@link dev.mpesa.account.AccountBalanceRequest}, {@link
 * dev.mpesa.account.TransactionStatusRequest}, {@link dev.mpesa.account.ReversalRequest}) and
 * returns Daraja's acknowledgement; the outcomes arrive later at each request's {@code ResultURL}.
 * {@link dev.mpesa.account.AccountBalance} reads the balance strings of those results, {@link
 * dev.mpesa.account.AccountQueryResult} and {@link dev.mpesa.account.ReversalResult} their codes.
 */
package dev.mpesa.account;
