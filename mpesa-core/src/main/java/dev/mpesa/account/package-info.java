/**
 * Account Balance, Transaction Status and Reversal: {@link dev.mpesa.account.AccountService} sends
 * the requests ({@link dev.mpesa.account.AccountBalanceRequest}, {@link
 * dev.mpesa.account.TransactionStatusRequest}, {@link dev.mpesa.account.ReversalRequest}) and
 * returns Daraja's acknowledgement; the outcomes arrive later at each request's {@code ResultURL}.
 * {@link dev.mpesa.callback.Callbacks#parseResult(String)} parses those results (with the views
 * {@link dev.mpesa.callback.AccountBalanceResult}, {@link
 * dev.mpesa.callback.TransactionStatusResult} and {@link
 * dev.mpesa.callback.TransactionReversalResult}); {@link dev.mpesa.result.AccountQueryResult} and
 * {@link dev.mpesa.result.ReversalResult} read their codes.
 */
package dev.mpesa.account;
