package dev.mpesa.b2b;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.result.ResultRequest;
import dev.mpesa.result.ResultRequestBuilder;
import java.net.URI;

/**
 * A tax remittance to the Kenya Revenue Authority: money moves from your short code to KRA's short
 * code 572572 against a Payment Registration Number (PRN) that KRA issued ({@code CommandID
 * PayTaxToKRA} on {@code /mpesa/b2b/v1/remittax}).
 *
 * <p>Build with {@link #builder()} and send with {@link B2bService#remitTax}. The receiving party
 * and the command are fixed by the SDK, so a tax payment cannot be sent anywhere but KRA; both
 * identifier types are sent as {@code "4"}. Daraja's tax documentation shows neither {@code
 * Requester} nor {@code Occassion}, so this request has neither. Using the API needs a prior
 * integration with KRA (for the PRN) and the initiator role "Tax Remittance to KRA API".
 *
 * <p>The constructor checks Daraja's documented limits: your short code 5 to 7 digits; a whole
 * amount of at least 1 shilling; the PRN, sent as {@code AccountReference}, 1 to 13 characters (the
 * limit Daraja documents for that field of the B2B body, which tax remittance shares); {@code
 * Remarks} 1 to 100; absolute http(s) result and timeout URLs without surrounding spaces. The
 * client adds the rules of its environment (https and a public host in production) before sending.
 * Immutable and thread-safe.
 *
 * @param partyA your short code, the one the tax is paid from ({@code PartyA})
 * @param amount whole shillings, at least 1 ({@code Amount})
 * @param paymentRegistrationNumber the PRN KRA issued for this payment ({@code AccountReference}),
 *     1 to 13 characters
 * @param remarks {@code Remarks}, 1 to 100 characters
 * @param resultUrl where Daraja POSTs the result ({@code ResultURL})
 * @param queueTimeoutUrl where Daraja POSTs a timeout notice ({@code QueueTimeOutURL})
 */
public record TaxRemittanceRequest(
    String partyA,
    long amount,
    String paymentRegistrationNumber,
    String remarks,
    URI resultUrl,
    URI queueTimeoutUrl)
    implements ResultRequest {

  /** Validates the request; see the class documentation for the rules. */
  public TaxRemittanceRequest {
    Checks.digits("partyA", partyA, B2bService.MIN_SHORT_CODE, B2bService.MAX_SHORT_CODE);
    Checks.amount("amount", amount, 1);
    Checks.text(
        "paymentRegistrationNumber",
        paymentRegistrationNumber,
        1,
        B2bService.MAX_ACCOUNT_REFERENCE);
    Checks.text("remarks", remarks, 1, B2bService.MAX_REMARKS);
    Checks.callbackUrl("resultUrl", resultUrl);
    Checks.callbackUrl("queueTimeoutUrl", queueTimeoutUrl);
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  /** KRA's short code, the fixed {@code PartyB}: 572572. */
  public String partyB() {
    return B2bService.KRA_SHORT_CODE;
  }

  @Override
  public String toString() {
    return Redaction.describe(this);
  }

  /** Builds a {@link TaxRemittanceRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder extends ResultRequestBuilder<Builder> {
    private String partyA;
    private long amount;
    private String paymentRegistrationNumber;

    private Builder() {}

    /** Your short code, the one the tax is paid from ({@code PartyA}); 5 to 7 digits. */
    public Builder partyA(String shortCode) {
      this.partyA = shortCode;
      return this;
    }

    /** Whole shillings, at least 1. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** The Payment Registration Number KRA issued (sent as {@code AccountReference}); 1 to 13. */
    public Builder paymentRegistrationNumber(String prn) {
      this.paymentRegistrationNumber = prn;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public TaxRemittanceRequest build() {
      return new TaxRemittanceRequest(
          partyA, amount, paymentRegistrationNumber, remarks, resultUrl, queueTimeoutUrl);
    }
  }
}
