package dev.mpesa.b2b;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import java.net.URI;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A B2B Express Checkout request: a USSD payment prompt pushed to the phone of a merchant's till
 * operator (the till's "Nominated Number"), who enters an operator ID and PIN to pay your PayBill
 * from the till ({@code POST /v1/ussdpush/get-msisdn}, a commercial product that needs an agreement
 * with Safaricom).
 *
 * <p>Build with {@link #builder()} and send with {@link B2bService#expressCheckout}. Unlike the
 * other B2B APIs the body is camelCase and needs no initiator. {@code RequestRefID} is your unique
 * id of the request: the builder makes a random UUID unless you give one, and the request keeps it,
 * so you can store it before sending; the callback's {@code requestId} carries it back.
 *
 * <p>The constructor checks what Daraja documents: the till 5 to 8 digits, your PayBill 5 to 7; a
 * whole amount of at least 1 shilling; a payment reference and partner name that are present and
 * not padded with spaces; an absolute http(s) callback URL without surrounding spaces; a request
 * reference that is alphanumeric (dashes and underscores allowed, as in a UUID). Daraja documents
 * no length for the texts; the SDK caps the payment reference and partner name at 182 characters,
 * the most one USSD page can show, and the request reference at 64. Keep the texts short: they
 * appear on the operator's prompt. The client adds the rules of its environment (https and a public
 * host in production) before sending. Immutable and thread-safe.
 *
 * @param primaryShortCode the merchant's till that pays ({@code primaryShortCode}, the debit party)
 * @param receiverShortCode your PayBill that receives the money ({@code receiverShortCode})
 * @param amount whole shillings, at least 1 ({@code amount})
 * @param paymentReference shown on the operator's prompt ({@code paymentRef})
 * @param callbackUrl where Daraja POSTs the outcome ({@code callbackUrl})
 * @param partnerName your name as the merchant knows it, shown on the prompt ({@code partnerName})
 * @param requestReferenceId your unique id of this request ({@code RequestRefID})
 */
public record B2bExpressCheckoutRequest(
    String primaryShortCode,
    String receiverShortCode,
    long amount,
    String paymentReference,
    URI callbackUrl,
    String partnerName,
    String requestReferenceId) {

  private static final Pattern REQUEST_REFERENCE = Pattern.compile("[A-Za-z0-9_-]+");

  /** Validates the request; see the class documentation for the rules. */
  public B2bExpressCheckoutRequest {
    Checks.digits(
        "primaryShortCode", primaryShortCode, B2bService.MIN_SHORT_CODE, B2bService.MAX_TILL);
    Checks.digits(
        "receiverShortCode",
        receiverShortCode,
        B2bService.MIN_SHORT_CODE,
        B2bService.MAX_SHORT_CODE);
    Checks.amount("amount", amount, 1);
    Checks.text("paymentReference", paymentReference, 1, B2bService.MAX_USSD_TEXT);
    Checks.callbackUrl("callbackUrl", callbackUrl);
    Checks.text("partnerName", partnerName, 1, B2bService.MAX_USSD_TEXT);
    Checks.text("requestReferenceId", requestReferenceId, 1, B2bService.MAX_REQUEST_REFERENCE_ID);
    if (!REQUEST_REFERENCE.matcher(requestReferenceId).matches()) {
      throw new IllegalArgumentException(
          "requestReferenceId may hold only letters, digits, '-' and '_', got '"
              + requestReferenceId
              + "'");
    }
  }

  /** A builder with no fields set; {@link Builder#build()} makes a random request reference. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return Redaction.describe(this);
  }

  /** Builds a {@link B2bExpressCheckoutRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String primaryShortCode;
    private String receiverShortCode;
    private long amount;
    private String paymentReference;
    private URI callbackUrl;
    private String partnerName;
    private String requestReferenceId;

    private Builder() {}

    /** The merchant's till that pays ({@code primaryShortCode}); 5 to 8 digits. */
    public Builder primaryShortCode(String till) {
      this.primaryShortCode = till;
      return this;
    }

    /** Your PayBill that receives the money ({@code receiverShortCode}); 5 to 7 digits. */
    public Builder receiverShortCode(String payBill) {
      this.receiverShortCode = payBill;
      return this;
    }

    /** Whole shillings, at least 1. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** Shown on the operator's prompt ({@code paymentRef}); required. */
    public Builder paymentReference(String paymentReference) {
      this.paymentReference = paymentReference;
      return this;
    }

    /**
     * Where Daraja POSTs the outcome ({@code callbackUrl}).
     *
     * @throws IllegalArgumentException if it is not an absolute http(s) URL, or has spaces around
     *     it
     */
    public Builder callbackUrl(String url) {
      this.callbackUrl = Checks.callbackUrl("callbackUrl", url);
      return this;
    }

    /** Your name as the merchant knows it, shown on the prompt ({@code partnerName}); required. */
    public Builder partnerName(String partnerName) {
      this.partnerName = partnerName;
      return this;
    }

    /**
     * Your unique id of this request ({@code RequestRefID}), for example your own order's UUID.
     * Optional: by default {@link #build()} makes a random UUID. Use a new one for every request.
     */
    public Builder requestReferenceId(String requestReferenceId) {
      this.requestReferenceId = Checks.required(requestReferenceId, "requestReferenceId");
      return this;
    }

    /**
     * Builds the request. Without {@link #requestReferenceId(String)}, each call makes a new random
     * UUID, so a builder used as a template gives every request its own reference.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public B2bExpressCheckoutRequest build() {
      return new B2bExpressCheckoutRequest(
          primaryShortCode,
          receiverShortCode,
          amount,
          paymentReference,
          callbackUrl,
          partnerName,
          requestReferenceId != null ? requestReferenceId : UUID.randomUUID().toString());
    }
  }
}
