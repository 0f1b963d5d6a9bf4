package dev.mpesa.result;

import java.net.URI;

/**
 * A request whose outcome Daraja POSTs later, as a {@code Result} envelope, to its {@code
 * ResultURL}, or as a timeout notice to its {@code QueueTimeOutURL}: B2C (B2Pochi included), B2C
 * top-up, B2B, tax remittance, Account Balance, Transaction Status and reversal. Their synchronous
 * answer is an {@link Acknowledgement}. Every such request carries the {@code Remarks} Daraja
 * requires.
 */
public sealed interface ResultRequest
    permits dev.mpesa.b2c.B2cPaymentRequest,
        dev.mpesa.b2c.B2cTopUpRequest,
        dev.mpesa.b2b.B2bPaymentRequest,
        dev.mpesa.b2b.TaxRemittanceRequest,
        dev.mpesa.account.AccountBalanceRequest,
        dev.mpesa.account.TransactionStatusRequest,
        dev.mpesa.account.ReversalRequest {

  /** {@code Remarks}, sent with the request. */
  String remarks();

  /** Where Daraja POSTs the outcome ({@code ResultURL}). */
  URI resultUrl();

  /**
   * Where Daraja POSTs a notice if the request timed out in its queue ({@code QueueTimeOutURL}). A
   * timeout does not say whether money moved: check with Transaction Status before sending again.
   */
  URI queueTimeoutUrl();
}
