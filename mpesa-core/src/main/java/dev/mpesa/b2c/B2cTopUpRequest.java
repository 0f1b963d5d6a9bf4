package dev.mpesa.b2c;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.ResultRequest;
import dev.mpesa.result.ResultRequestBuilder;
import java.net.URI;

/**
 * A B2C account top-up: money from your short code's MMF/Working account to a B2C short code's
 * utility account, the account B2C payments are paid from ({@code CommandID} {@code
 * BusinessPayToBulk} on {@code /mpesa/b2b/v1/paymentrequest}, API.md §5.8).
 *
 * <p>Build with {@link #builder()}. The constructor checks Daraja's documented limits: amount a
 * whole number of shillings, at least 1 (Daraja documents no maximum); {@code PartyA} and {@code
 * PartyB} short codes of 5 to 7 digits (both sent with identifier type {@code "4"}, the only one
 * this API accepts); {@code AccountReference} absent or 1 to 13 characters; {@code Requester}
 * absent or a Kenyan mobile number; {@code Remarks} 1 to 100 characters; {@code Occassion} absent
 * or 1 to 100; absolute http(s) {@code ResultURL} and {@code QueueTimeOutURL}.
 *
 * <p>The request carries no idempotency key: a top-up whose outcome is unknown is never resent by
 * the SDK; reconcile with Transaction Status first.
 *
 * @param amount whole shillings, at least 1
 * @param partyA {@code PartyA}: your short code, whose MMF/Working account is debited
 * @param partyB {@code PartyB}: the B2C short code whose utility account is credited
 * @param accountReference {@code AccountReference}, at most 13 characters; null omits it
 * @param requester {@code Requester}: the customer on whose behalf you pay; null omits it
 * @param remarks {@code Remarks}: 1 to 100 characters
 * @param occasion optional, 1 to 100 characters, sent as {@code Occassion}; null omits it
 * @param resultUrl {@code ResultURL}: where Daraja POSTs the result
 * @param queueTimeoutUrl {@code QueueTimeOutURL}: where Daraja POSTs a queue-timeout notice
 */
public record B2cTopUpRequest(
    long amount,
    String partyA,
    String partyB,
    String accountReference,
    PhoneNumber requester,
    String remarks,
    String occasion,
    URI resultUrl,
    URI queueTimeoutUrl)
    implements ResultRequest {

  /** The {@code CommandID} of every B2C account top-up. */
  static final String COMMAND = "BusinessPayToBulk";

  /** Longest {@code AccountReference} Daraja accepts. */
  static final int MAX_ACCOUNT_REFERENCE = 13;

  /** Longest {@code Remarks}. */
  static final int MAX_REMARKS = 100;

  /**
   * Validates the request; see the class documentation for the rules.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  public B2cTopUpRequest {
    Checks.amount("amount", amount, 1);
    Checks.digits(
        "partyA", partyA, B2cPaymentRequest.MIN_SHORT_CODE, B2cPaymentRequest.MAX_SHORT_CODE);
    Checks.digits(
        "partyB", partyB, B2cPaymentRequest.MIN_SHORT_CODE, B2cPaymentRequest.MAX_SHORT_CODE);
    Checks.optionalText("accountReference", accountReference, 1, MAX_ACCOUNT_REFERENCE);
    Checks.text("remarks", remarks, 1, MAX_REMARKS);
    Checks.optionalText("occasion", occasion, 1, B2cPaymentRequest.MAX_OCCASION);
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

  /** Builds a {@link B2cTopUpRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder extends ResultRequestBuilder<Builder> {
    private long amount;
    private String partyA;
    private String partyB;
    private String accountReference;
    private PhoneNumber requester;
    private String occasion;

    private Builder() {}

    /** Whole shillings, at least 1. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** Your short code, whose MMF/Working account is debited ({@code PartyA}), 5 to 7 digits. */
    public Builder partyA(String partyA) {
      this.partyA = partyA;
      return this;
    }

    /** The B2C short code to top up ({@code PartyB}), 5 to 7 digits. */
    public Builder partyB(String partyB) {
      this.partyB = partyB;
      return this;
    }

    /** {@code AccountReference}: at most 13 characters; optional. */
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
    public Builder requester(String requester) {
      this.requester = Checks.phone(requester);
      return this;
    }

    /** Optional text of 1 to 100 characters, sent as {@code Occassion}. */
    public Builder occasion(String occasion) {
      this.occasion = occasion;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public B2cTopUpRequest build() {
      return new B2cTopUpRequest(
          amount,
          partyA,
          partyB,
          accountReference,
          requester,
          remarks,
          occasion,
          resultUrl,
          queueTimeoutUrl);
    }
  }
}
