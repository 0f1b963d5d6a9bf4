package dev.mpesa.b2b;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.ResultRequest;
import dev.mpesa.result.ResultRequestBuilder;
import java.net.URI;

/**
 * A B2B payment from your short code's MMF/Working account to another business: its PayBill ({@code
 * BusinessPayBill}, with the account to credit) or its till ({@code BusinessBuyGoods}), on {@code
 * /mpesa/b2b/v1/paymentrequest}.
 *
 * <p>Build with {@link #builder()} and send with {@link B2bService#pay}. The recipient is a {@link
 * B2bRecipient}: a {@link B2bRecipient.PayBill} needs an account reference, a {@link
 * B2bRecipient.Till} does not, and the recipient's kind decides the command, so a PayBill payment
 * cannot be sent as Buy Goods by mistake, or the other way round. Both identifier types are sent as
 * {@code "4"} (organisation short code), the only value Daraja accepts here, even for a till.
 *
 * <p>The constructor checks Daraja's documented limits, so a request that Daraja would reject for
 * its shape cannot be built: your short code 5 to 7 digits; a PayBill 5 to 7 digits, a till 5 to 8;
 * a whole amount of at least 1 shilling (Daraja documents no maximum for B2B); {@code
 * AccountReference} 1 to 13 characters; {@code Remarks} 1 to 100; {@code Occassion} at most 100;
 * absolute http(s) result and timeout URLs without surrounding spaces. The client adds the rules of
 * its environment (https and a public host in production) before sending. Immutable and
 * thread-safe.
 *
 * @param partyA your short code, the one the money leaves ({@code PartyA})
 * @param recipient the PayBill (with account) or till that receives the money ({@code PartyB},
 *     {@code AccountReference}, and the {@code CommandID})
 * @param amount whole shillings, at least 1 ({@code Amount})
 * @param requester the customer on whose behalf you pay ({@code Requester}), or null to omit it
 * @param remarks {@code Remarks}, 1 to 100 characters
 * @param occasion {@code Occassion} (Daraja's spelling), 1 to 100 characters, or null to omit it
 * @param resultUrl where Daraja POSTs the result ({@code ResultURL})
 * @param queueTimeoutUrl where Daraja POSTs a timeout notice ({@code QueueTimeOutURL})
 */
public record B2bPaymentRequest(
    String partyA,
    B2bRecipient recipient,
    long amount,
    PhoneNumber requester,
    String remarks,
    String occasion,
    URI resultUrl,
    URI queueTimeoutUrl)
    implements ResultRequest {

  /** Validates the request; see the class documentation for the rules. */
  public B2bPaymentRequest {
    Checks.digits("partyA", partyA, B2bService.MIN_SHORT_CODE, B2bService.MAX_SHORT_CODE);
    Checks.required(
        recipient, "a recipient is required: payBill(payBill, accountReference) or buyGoods(till)");
    Checks.amount("amount", amount, 1, Long.MAX_VALUE);
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
    return Redaction.describe(this);
  }

  /** Builds a {@link B2bPaymentRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder extends ResultRequestBuilder<Builder> {
    private String partyA;
    private boolean till;
    private String partyB;
    private String accountReference;
    private long amount;
    private PhoneNumber requester;
    private String occasion;

    private Builder() {}

    /** Your short code, the one the money leaves ({@code PartyA}); 5 to 7 digits. Required. */
    public Builder partyA(String shortCode) {
      this.partyA = shortCode;
      return this;
    }

    /**
     * Pays another business's PayBill ({@code BusinessPayBill}). This or a {@code buyGoods} method
     * is required; the last one called wins.
     *
     * @param payBill the PayBill that receives the money ({@code PartyB}), 5 to 7 digits
     * @param accountReference the account at that PayBill ({@code AccountReference}), 1 to 13
     *     characters
     */
    public Builder payBill(String payBill, String accountReference) {
      return recipient(false, payBill, accountReference);
    }

    /**
     * Pays a merchant's till, store or head-office number ({@code BusinessBuyGoods}), without an
     * account reference. This or {@code payBill} is required; the last one called wins.
     *
     * @param till the till that receives the money ({@code PartyB}), 5 to 8 digits
     */
    public Builder buyGoods(String till) {
      return recipient(true, till, null);
    }

    /**
     * Pays a merchant's till ({@code BusinessBuyGoods}) with an account reference.
     *
     * @param till the till that receives the money ({@code PartyB}), 5 to 8 digits
     * @param accountReference {@code AccountReference}, 1 to 13 characters
     */
    public Builder buyGoods(String till, String accountReference) {
      return recipient(true, till, accountReference);
    }

    private Builder recipient(boolean till, String partyB, String accountReference) {
      this.till = till;
      this.partyB = partyB;
      this.accountReference = accountReference;
      return this;
    }

    /** Whole shillings, at least 1. Required. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /**
     * The customer on whose behalf you pay ({@code Requester}), in any common Kenyan form;
     * optional.
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder requester(String phoneNumber) {
      this.requester = Checks.phone(phoneNumber);
      return this;
    }

    /** {@code Occassion}: 1 to 100 characters; optional. */
    public Builder occasion(String occasion) {
      this.occasion = occasion;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public B2bPaymentRequest build() {
      B2bRecipient recipient =
          partyB == null && accountReference == null
              ? null
              : till
                  ? B2bRecipient.buyGoods(partyB, accountReference)
                  : B2bRecipient.payBill(partyB, accountReference);
      return new B2bPaymentRequest(
          partyA, recipient, amount, requester, remarks, occasion, resultUrl, queueTimeoutUrl);
    }
  }
}
