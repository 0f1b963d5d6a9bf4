package dev.mpesa.b2b;

import dev.mpesa.internal.Checks;
import dev.mpesa.phone.PhoneNumber;
import java.net.URI;

/**
 * A Business Pay Bill request: money moves from your short code's MMF/Working account to another
 * business's PayBill ({@code CommandID BusinessPayBill} on {@code /mpesa/b2b/v1/paymentrequest}).
 *
 * <p>Build with {@link #builder()} and send with {@link B2bService#payBill}. Paying a till is a
 * different request type ({@link BusinessBuyGoodsRequest}), so a PayBill payment cannot be sent as
 * Buy Goods by mistake, or the other way round. Both identifier types are sent as {@code "4"}
 * (organisation short code), the only value Daraja accepts here.
 *
 * <p>The constructor checks Daraja's documented limits, so a request that Daraja would reject for
 * its shape cannot be built: short codes of 5 to 7 digits; a whole amount of at least 1 shilling
 * (Daraja documents no maximum for B2B); {@code AccountReference} 1 to 13 characters; {@code
 * Remarks} 1 to 100; {@code Occassion} at most 100; absolute http(s) result and timeout URLs
 * without surrounding spaces. The client adds the rules of its environment (https and a public host
 * in production) before sending. Immutable and thread-safe.
 *
 * @param partyA your short code, the one the money leaves ({@code PartyA})
 * @param partyB the PayBill that receives the money ({@code PartyB})
 * @param amount whole shillings, at least 1 ({@code Amount})
 * @param accountReference the account at the receiving PayBill ({@code AccountReference}), 1 to 13
 *     characters; required for a PayBill
 * @param requester the customer on whose behalf you pay ({@code Requester}), or null to omit it
 * @param remarks {@code Remarks}, 1 to 100 characters
 * @param occasion {@code Occassion} (Daraja's spelling), at most 100 characters, or null to omit it
 * @param resultUrl where Daraja POSTs the result ({@code ResultURL})
 * @param queueTimeoutUrl where Daraja POSTs a timeout notice ({@code QueueTimeOutURL})
 */
public record BusinessPayBillRequest(
    String partyA,
    String partyB,
    long amount,
    String accountReference,
    PhoneNumber requester,
    String remarks,
    String occasion,
    URI resultUrl,
    URI queueTimeoutUrl) {

  /** Validates the request; see the class documentation for the rules. */
  public BusinessPayBillRequest {
    Checks.digits("partyA", partyA, B2bService.MIN_SHORT_CODE, B2bService.MAX_SHORT_CODE);
    Checks.digits("partyB", partyB, B2bService.MIN_SHORT_CODE, B2bService.MAX_SHORT_CODE);
    B2bService.checkAmount(amount);
    Checks.text("accountReference", accountReference, 1, B2bService.MAX_ACCOUNT_REFERENCE);
    Checks.text("remarks", remarks, 1, B2bService.MAX_REMARKS);
    Checks.optionalText("occasion", occasion, 1, B2bService.MAX_OCCASION);
    Checks.callbackUrl("resultUrl", resultUrl);
    Checks.callbackUrl("queueTimeoutUrl", queueTimeoutUrl);
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "BusinessPayBillRequest[partyA="
        + partyA
        + ", partyB="
        + partyB
        + ", amount="
        + amount
        + ", accountReference="
        + accountReference
        + (requester == null ? "" : ", requester=" + requester.masked())
        + ", remarks="
        + remarks
        + (occasion == null ? "" : ", occasion=" + occasion)
        + ", resultUrl="
        + B2bService.brief(resultUrl)
        + ", queueTimeoutUrl="
        + B2bService.brief(queueTimeoutUrl)
        + "]";
  }

  /** Builds a {@link BusinessPayBillRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String partyA;
    private String partyB;
    private long amount;
    private String accountReference;
    private PhoneNumber requester;
    private String remarks;
    private String occasion;
    private URI resultUrl;
    private URI queueTimeoutUrl;

    private Builder() {}

    /** Your short code, the one the money leaves ({@code PartyA}); 5 to 7 digits. */
    public Builder partyA(String shortCode) {
      this.partyA = shortCode;
      return this;
    }

    /** The PayBill that receives the money ({@code PartyB}); 5 to 7 digits. */
    public Builder partyB(String payBill) {
      this.partyB = payBill;
      return this;
    }

    /** Whole shillings, at least 1. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** The account at the receiving PayBill ({@code AccountReference}); 1 to 13 characters. */
    public Builder accountReference(String accountReference) {
      this.accountReference = accountReference;
      return this;
    }

    /**
     * The customer on whose behalf you pay ({@code Requester}), in any common Kenyan form;
     * optional.
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder requester(String phoneNumber) {
      this.requester = phoneNumber == null ? null : PhoneNumber.parse(phoneNumber);
      return this;
    }

    /** The customer on whose behalf you pay ({@code Requester}); optional. */
    public Builder requester(PhoneNumber phoneNumber) {
      this.requester = phoneNumber;
      return this;
    }

    /** {@code Remarks}: 1 to 100 characters. */
    public Builder remarks(String remarks) {
      this.remarks = remarks;
      return this;
    }

    /** {@code Occassion}: at most 100 characters; optional. */
    public Builder occasion(String occasion) {
      this.occasion = occasion;
      return this;
    }

    /**
     * Where Daraja POSTs the result ({@code ResultURL}).
     *
     * @throws IllegalArgumentException if it is not an absolute http(s) URL, or has spaces around
     *     it
     */
    public Builder resultUrl(String url) {
      this.resultUrl = Checks.callbackUrl("resultUrl", url);
      return this;
    }

    /** Where Daraja POSTs the result ({@code ResultURL}). */
    public Builder resultUrl(URI url) {
      this.resultUrl = url;
      return this;
    }

    /**
     * Where Daraja POSTs a notice if the request timed out in its queue ({@code QueueTimeOutURL}).
     *
     * @throws IllegalArgumentException if it is not an absolute http(s) URL, or has spaces around
     *     it
     */
    public Builder queueTimeoutUrl(String url) {
      this.queueTimeoutUrl = Checks.callbackUrl("queueTimeoutUrl", url);
      return this;
    }

    /**
     * Where Daraja POSTs a notice if the request timed out in its queue ({@code QueueTimeOutURL}).
     */
    public Builder queueTimeoutUrl(URI url) {
      this.queueTimeoutUrl = url;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public BusinessPayBillRequest build() {
      return new BusinessPayBillRequest(
          partyA,
          partyB,
          amount,
          accountReference,
          requester,
          remarks,
          occasion,
          resultUrl,
          queueTimeoutUrl);
    }
  }
}
