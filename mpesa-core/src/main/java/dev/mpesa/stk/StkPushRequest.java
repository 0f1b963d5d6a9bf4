package dev.mpesa.stk;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.phone.PhoneNumber;
import java.net.URI;

/**
 * An M-Pesa Express (STK push) request: a PIN prompt on the customer's phone.
 *
 * <p>Build with {@link #builder()}. Pays into the client's short code as a PayBill ({@code
 * CustomerPayBillOnline}) unless {@link Builder#buyGoods(String)} names a till ({@code
 * CustomerBuyGoodsOnline}, the till as {@code PartyB}), so the two cannot be mixed up.
 *
 * <p>The constructor checks Daraja's documented limits, so a request that Daraja would reject for
 * its shape cannot be built: amount a whole number of shillings, at least 1; {@code
 * AccountReference} 1 to 12 characters; {@code TransactionDesc} at most 13; an absolute http(s)
 * callback URL without surrounding spaces. The client adds the rules that depend on its settings
 * (the maximum amount, https and a public host in production) before sending.
 *
 * @param phoneNumber the customer who gets the prompt and pays ({@code PartyA} and {@code
 *     PhoneNumber})
 * @param amount whole shillings, at least 1
 * @param accountReference shown to the customer on the prompt ({@code AccountReference}), 1-12
 *     characters
 * @param description {@code TransactionDesc}, at most 13 characters; null omits the field
 * @param callbackUrl where Daraja POSTs the result ({@code CallBackURL})
 * @param tillNumber the till for Buy Goods, or null for PayBill into the client's short code
 */
public record StkPushRequest(
    PhoneNumber phoneNumber,
    long amount,
    String accountReference,
    String description,
    URI callbackUrl,
    String tillNumber) {

  /** Longest {@code AccountReference} Daraja accepts. */
  static final int MAX_ACCOUNT_REFERENCE = 12;

  /** Longest {@code TransactionDesc} Daraja accepts. */
  static final int MAX_DESCRIPTION = 13;

  /** Validates the request; see the class documentation for the rules. */
  public StkPushRequest {
    Checks.required(phoneNumber, "phoneNumber is required");
    Checks.amount("amount", amount, 1);
    Checks.text("accountReference", accountReference, 1, MAX_ACCOUNT_REFERENCE);
    Checks.optionalText("description", description, 0, MAX_DESCRIPTION);
    Checks.callbackUrl("callbackUrl", callbackUrl);
    if (tillNumber != null) {
      Checks.digits("tillNumber", tillNumber, 5, 8);
    }
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code CustomerBuyGoodsOnline} for a till, {@code CustomerPayBillOnline} otherwise. */
  public String transactionType() {
    return tillNumber == null ? "CustomerPayBillOnline" : "CustomerBuyGoodsOnline";
  }

  /** Whether this pays a till (Buy Goods) rather than a PayBill. */
  public boolean isBuyGoods() {
    return tillNumber != null;
  }

  @Override
  public String toString() {
    return Redaction.describe(this);
  }

  /** Builds an {@link StkPushRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private PhoneNumber phoneNumber;
    private long amount;
    private String accountReference;
    private String description;
    private URI callbackUrl;
    private String tillNumber;

    private Builder() {}

    /**
     * The customer's phone in any common Kenyan form ({@code 0712 345 678}, {@code +254...}).
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder phoneNumber(String phoneNumber) {
      this.phoneNumber = Checks.phone(phoneNumber);
      return this;
    }

    /** Whole shillings, at least 1. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** Shown to the customer on the prompt; 1 to 12 characters. */
    public Builder accountReference(String accountReference) {
      this.accountReference = accountReference;
      return this;
    }

    /** {@code TransactionDesc}: at most 13 characters; optional. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Where Daraja POSTs the result.
     *
     * @throws IllegalArgumentException if it is not a URL, or has spaces around it (Daraja answers
     *     "Invalid CallBackURL" for those)
     */
    public Builder callbackUrl(String callbackUrl) {
      this.callbackUrl = Checks.callbackUrl("callbackUrl", callbackUrl);
      return this;
    }

    /**
     * Pays the till {@code tillNumber} (Buy Goods, {@code CustomerBuyGoodsOnline}) instead of the
     * client's PayBill. The client's short code (the head-office or store number the passkey
     * belongs to) stays the {@code BusinessShortCode}.
     */
    public Builder buyGoods(String tillNumber) {
      this.tillNumber = Checks.required(tillNumber, "tillNumber");
      return this;
    }

    /** Pays the client's short code as a PayBill ({@code CustomerPayBillOnline}); the default. */
    public Builder payBill() {
      this.tillNumber = null;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public StkPushRequest build() {
      return new StkPushRequest(
          phoneNumber, amount, accountReference, description, callbackUrl, tillNumber);
    }
  }
}
