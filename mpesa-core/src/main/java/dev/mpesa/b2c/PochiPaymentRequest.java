package dev.mpesa.b2c;

import dev.mpesa.internal.Checks;
import dev.mpesa.phone.PhoneNumber;
import java.net.URI;

/**
 * A B2Pochi payment: money from a B2C short code to a customer's Pochi la Biashara wallet ({@code
 * CommandID} {@code BusinessPayToPochi}, API.md §5.7).
 *
 * <p>Build with {@link #builder()}. Daraja documents B2Pochi as B2C v3 with another command, so the
 * same limits apply: amount {@value B2cPaymentRequest#MIN_AMOUNT} to {@value
 * B2cPaymentRequest#MAX_AMOUNT} shillings; {@code Remarks} 2 to 100 characters; {@code Occassion}
 * absent or 1 to 100; {@code PartyA} 5 to 7 digits; {@code PartyB} a Kenyan mobile number with a
 * Pochi la Biashara wallet; absolute http(s) {@code ResultURL} and {@code QueueTimeOutURL}.
 *
 * <p>Like B2C v3 it carries an {@code OriginatorConversationID}, fixed when the request is
 * constructed (the caller's, or a random UUID) and resent unchanged on every retry; see {@link
 * B2cPaymentRequest} for what that guarantees and how to use it.
 *
 * @param originatorConversationId {@code OriginatorConversationID}: the caller's id, or a random
 *     UUID when constructed with null; 1 to {@value
 *     B2cPaymentRequest#MAX_ORIGINATOR_CONVERSATION_ID} visible ASCII characters, no spaces
 * @param amount whole shillings, {@value B2cPaymentRequest#MIN_AMOUNT} to {@value
 *     B2cPaymentRequest#MAX_AMOUNT}
 * @param partyA {@code PartyA}: the B2C short code paying, 5 to 7 digits
 * @param phoneNumber {@code PartyB}: the customer whose Pochi la Biashara wallet receives the money
 * @param remarks {@code Remarks}: 2 to 100 characters, required
 * @param occasion optional, 1 to 100 characters, sent as {@code Occassion}; null omits it
 * @param resultUrl {@code ResultURL}: where Daraja POSTs the result
 * @param queueTimeoutUrl {@code QueueTimeOutURL}: where Daraja POSTs a queue-timeout notice
 */
public record PochiPaymentRequest(
    String originatorConversationId,
    long amount,
    String partyA,
    PhoneNumber phoneNumber,
    String remarks,
    String occasion,
    URI resultUrl,
    URI queueTimeoutUrl) {

  /** The {@code CommandID} of every B2Pochi payment. */
  public static final String COMMAND_ID = "BusinessPayToPochi";

  /**
   * Validates the request and, if {@code originatorConversationId} is null, generates it; see the
   * class documentation for the rules.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  public PochiPaymentRequest {
    originatorConversationId = B2cPaymentRequest.originatorConversationId(originatorConversationId);
    Checks.amount("amount", amount, B2cPaymentRequest.MIN_AMOUNT, B2cPaymentRequest.MAX_AMOUNT);
    Checks.digits(
        "partyA", partyA, B2cPaymentRequest.MIN_SHORT_CODE, B2cPaymentRequest.MAX_SHORT_CODE);
    Checks.required(phoneNumber, "phoneNumber is required");
    Checks.text("remarks", remarks, B2cPaymentRequest.MIN_REMARKS, B2cPaymentRequest.MAX_REMARKS);
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
    return "PochiPaymentRequest[originatorConversationId="
        + originatorConversationId
        + ", amount="
        + amount
        + ", partyA="
        + partyA
        + ", phoneNumber="
        + phoneNumber.masked()
        + ", remarks="
        + remarks
        + (occasion == null ? "" : ", occasion=" + occasion)
        + ", resultUrl="
        + B2cPaymentRequest.brief(resultUrl)
        + ", queueTimeoutUrl="
        + B2cPaymentRequest.brief(queueTimeoutUrl)
        + "]";
  }

  /** Builds a {@link PochiPaymentRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String originatorConversationId;
    private long amount;
    private String partyA;
    private PhoneNumber phoneNumber;
    private String remarks;
    private String occasion;
    private URI resultUrl;
    private URI queueTimeoutUrl;

    private Builder() {}

    /**
     * Your own {@code OriginatorConversationID} for this payment, unique per payment. Optional:
     * without it {@link #build()} generates a random UUID.
     */
    public Builder originatorConversationId(String originatorConversationId) {
      this.originatorConversationId = originatorConversationId;
      return this;
    }

    /**
     * Whole shillings, {@value B2cPaymentRequest#MIN_AMOUNT} to {@value
     * B2cPaymentRequest#MAX_AMOUNT}.
     */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** The B2C short code that pays ({@code PartyA}), 5 to 7 digits. */
    public Builder partyA(String partyA) {
      this.partyA = partyA;
      return this;
    }

    /**
     * The customer whose Pochi la Biashara wallet receives the money ({@code PartyB}), in any
     * common Kenyan form.
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder phoneNumber(String phoneNumber) {
      this.phoneNumber = PhoneNumber.parse(phoneNumber);
      return this;
    }

    /** The customer whose Pochi la Biashara wallet receives the money ({@code PartyB}). */
    public Builder phoneNumber(PhoneNumber phoneNumber) {
      this.phoneNumber = phoneNumber;
      return this;
    }

    /** {@code Remarks}: 2 to 100 characters. Required. */
    public Builder remarks(String remarks) {
      this.remarks = remarks;
      return this;
    }

    /** Optional text of 1 to 100 characters, sent as {@code Occassion}. */
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
    public Builder resultUrl(String resultUrl) {
      this.resultUrl = Checks.callbackUrl("resultUrl", resultUrl);
      return this;
    }

    /** Where Daraja POSTs the result ({@code ResultURL}). */
    public Builder resultUrl(URI resultUrl) {
      this.resultUrl = resultUrl;
      return this;
    }

    /**
     * Where Daraja POSTs a queue-timeout notice ({@code QueueTimeOutURL}).
     *
     * @throws IllegalArgumentException if it is not an absolute http(s) URL, or has spaces around
     *     it
     */
    public Builder queueTimeoutUrl(String queueTimeoutUrl) {
      this.queueTimeoutUrl = Checks.callbackUrl("queueTimeoutUrl", queueTimeoutUrl);
      return this;
    }

    /** Where Daraja POSTs a queue-timeout notice ({@code QueueTimeOutURL}). */
    public Builder queueTimeoutUrl(URI queueTimeoutUrl) {
      this.queueTimeoutUrl = queueTimeoutUrl;
      return this;
    }

    /**
     * Builds the request, generating its {@code OriginatorConversationID} if none was given: build
     * once per payment.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public PochiPaymentRequest build() {
      return new PochiPaymentRequest(
          originatorConversationId,
          amount,
          partyA,
          phoneNumber,
          remarks,
          occasion,
          resultUrl,
          queueTimeoutUrl);
    }
  }
}
