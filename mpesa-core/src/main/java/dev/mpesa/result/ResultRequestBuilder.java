package dev.mpesa.result;

import dev.mpesa.internal.Checks;
import java.net.URI;

/**
 * What the builder of every {@link ResultRequest} shares: its {@code Remarks}, {@code ResultURL}
 * and {@code QueueTimeOutURL}. Each method returns the concrete builder, so calls chain as usual.
 * Not thread-safe.
 *
 * @param <B> the concrete builder
 */
public abstract sealed class ResultRequestBuilder<B extends ResultRequestBuilder<B>>
    permits dev.mpesa.b2c.B2cPaymentRequest.Builder,
        dev.mpesa.b2c.B2cTopUpRequest.Builder,
        dev.mpesa.b2b.B2bPaymentRequest.Builder,
        dev.mpesa.b2b.TaxRemittanceRequest.Builder,
        dev.mpesa.account.AccountBalanceRequest.Builder,
        dev.mpesa.account.TransactionStatusRequest.Builder,
        dev.mpesa.account.ReversalRequest.Builder {

  /** {@code Remarks} as set, checked by the request. */
  protected String remarks;

  /** {@code ResultURL} as set. */
  protected URI resultUrl;

  /** {@code QueueTimeOutURL} as set. */
  protected URI queueTimeoutUrl;

  /** For the request builders of this SDK. */
  protected ResultRequestBuilder() {}

  /**
   * {@code Remarks}: required by Daraja. The request's documentation gives its limits (2 to 100
   * characters for B2C and reversals, 1 to 100 for the others); {@code build()} checks them.
   */
  public B remarks(String remarks) {
    this.remarks = remarks;
    return self();
  }

  /**
   * Where Daraja POSTs the outcome ({@code ResultURL}). Required.
   *
   * @throws IllegalArgumentException if it is not an absolute http(s) URL, or has spaces around it
   */
  public B resultUrl(String url) {
    this.resultUrl = Checks.callbackUrl("resultUrl", url);
    return self();
  }

  /**
   * Where Daraja POSTs a notice if the request timed out in its queue ({@code QueueTimeOutURL}). A
   * timeout does not say whether money moved: check with Transaction Status before sending again.
   * Required.
   *
   * @throws IllegalArgumentException if it is not an absolute http(s) URL, or has spaces around it
   */
  public B queueTimeoutUrl(String url) {
    this.queueTimeoutUrl = Checks.callbackUrl("queueTimeoutUrl", url);
    return self();
  }

  @SuppressWarnings("unchecked") // B is the concrete builder by the permits clause
  private B self() {
    return (B) this;
  }
}
