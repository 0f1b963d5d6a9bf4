package dev.mpesa.b2c;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.ResultRequest;
import dev.mpesa.result.ResultRequestBuilder;
import java.net.URI;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A B2C payment: money from a B2C short code's utility account to a customer's M-Pesa wallet.
 *
 * <p>Build with {@link #builder()}. The constructor checks Daraja's documented limits (API.md
 * §5.6), so a request Daraja would reject for its shape cannot be built: amount a whole number of
 * shillings from {@value #MIN_AMOUNT} to {@value #MAX_AMOUNT}; {@code Remarks} 2 to 100 characters;
 * {@code Occassion} absent or 1 to 100; {@code PartyA} a short code of 5 to 7 digits; {@code
 * PartyB} a Kenyan mobile number; {@code ResultURL} and {@code QueueTimeOutURL} absolute http(s)
 * URLs. The client adds the rules of its environment (https and a public host in production) before
 * sending.
 *
 * <p><b>{@code OriginatorConversationID}.</b> Each request carries one id for the one payment it
 * describes, fixed when the request is constructed: the caller's (see {@link
 * Builder#originatorConversationId(String)}), or else a new random UUID in its usual 36-character
 * form ({@code 8-4-4-4-12} lowercase hex digits). B2C v3 sends it, and the SDK resends the very
 * same bytes on every retry, so Daraja can refuse a second payment with {@code 500.002.1001
 * Duplicate OriginatorConversationID} instead of paying twice. Store it with your payout record
 * before calling {@link B2cService#pay}: it is how you find the payment again (result callback,
 * Transaction Status) if the call's outcome is unknown. Build a new request for each new payment;
 * reuse a request (or its id) only to resend the same payment. The legacy v1 endpoint does not send
 * it.
 *
 * @param originatorConversationId {@code OriginatorConversationID} (v3 only): the caller's id, or a
 *     random UUID when constructed with null; 1 to 64 visible ASCII characters, no spaces
 * @param command {@code CommandID}: salary, business or promotion payment
 * @param amount whole shillings, {@value #MIN_AMOUNT} to {@value #MAX_AMOUNT}
 * @param partyA {@code PartyA}: the B2C (or "one account") short code paying, 5 to 7 digits
 * @param phoneNumber {@code PartyB}: the customer who receives the money
 * @param remarks {@code Remarks}: 2 to 100 characters, required by Daraja
 * @param occasion optional, 1 to 100 characters; null omits it. Sources disagree on the wire name
 *     (API.md §11): the SDK writes the current documented form, {@code Occassion} (Safaricom's
 *     spelling) for v3, and {@code Occasion} for the legacy v1 body
 * @param resultUrl {@code ResultURL}: where Daraja POSTs the result
 * @param queueTimeoutUrl {@code QueueTimeOutURL}: where Daraja POSTs a timeout notice if the
 *     request waited too long in its queue (a timeout does not say whether money moved)
 */
public record B2cPaymentRequest(
    String originatorConversationId,
    B2cCommand command,
    long amount,
    String partyA,
    PhoneNumber phoneNumber,
    String remarks,
    String occasion,
    URI resultUrl,
    URI queueTimeoutUrl)
    implements ResultRequest {

  /** The smallest B2C payment Daraja accepts, in shillings (D3 B2C FAQ #9). */
  public static final long MIN_AMOUNT = 10;

  /** The largest B2C payment Daraja accepts, in shillings (D3 B2C FAQ #9). */
  public static final long MAX_AMOUNT = 250_000;

  /** Shortest {@code Remarks}. */
  static final int MIN_REMARKS = 2;

  /** Longest {@code Remarks}. */
  static final int MAX_REMARKS = 100;

  /** Longest {@code Occassion}. */
  static final int MAX_OCCASION = 100;

  /**
   * Longest caller-supplied {@code OriginatorConversationID}. Daraja documents no limit; this is
   * the SDK's, generous for any id scheme and safe for logs.
   */
  static final int MAX_ORIGINATOR_CONVERSATION_ID = 64;

  /** Fewest digits of a short code. */
  static final int MIN_SHORT_CODE = 5;

  /** Most digits of a short code. */
  static final int MAX_SHORT_CODE = 7;

  private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");

  /**
   * Validates the request and, if {@code originatorConversationId} is null, generates it; see the
   * class documentation for the rules.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  public B2cPaymentRequest {
    originatorConversationId = originatorConversationId(originatorConversationId);
    Checks.required(command, "command is required");
    Checks.amount("amount", amount, MIN_AMOUNT, MAX_AMOUNT);
    Checks.digits("partyA", partyA, MIN_SHORT_CODE, MAX_SHORT_CODE);
    Checks.required(phoneNumber, "phoneNumber is required");
    Checks.text("remarks", remarks, MIN_REMARKS, MAX_REMARKS);
    Checks.optionalText("occasion", occasion, 1, MAX_OCCASION);
    Checks.callbackUrl("resultUrl", resultUrl);
    Checks.callbackUrl("queueTimeoutUrl", queueTimeoutUrl);
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The caller's id checked, or a new random one: shared by B2C v3 and B2Pochi requests.
   *
   * @throws IllegalArgumentException if the caller's id is blank, too long, or holds spaces or
   *     non-ASCII characters
   */
  static String originatorConversationId(String value) {
    if (value == null) {
      return UUID.randomUUID().toString();
    }
    if (value.isEmpty()
        || value.length() > MAX_ORIGINATOR_CONVERSATION_ID
        || !VISIBLE_ASCII.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "originatorConversationId must be 1 to "
              + MAX_ORIGINATOR_CONVERSATION_ID
              + " visible ASCII characters without spaces, got "
              + value.length()
              + " characters");
    }
    return value;
  }

  @Override
  public String toString() {
    return Redaction.describe(this);
  }

  /** Builds a {@link B2cPaymentRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder extends ResultRequestBuilder<Builder> {
    private String originatorConversationId;
    private B2cCommand command;
    private long amount;
    private String partyA;
    private PhoneNumber phoneNumber;
    private String occasion;

    private Builder() {}

    /**
     * Your own {@code OriginatorConversationID} for this payment, such as your payout record's id:
     * 1 to 64 visible ASCII characters, no spaces, unique per payment. Optional: without it {@link
     * #build()} generates a random UUID. Daraja refuses a second request with an id it has already
     * accepted ({@code 500.002.1001}).
     */
    public Builder originatorConversationId(String originatorConversationId) {
      this.originatorConversationId = originatorConversationId;
      return this;
    }

    /** The kind of payment ({@code CommandID}). Required. */
    public Builder command(B2cCommand command) {
      this.command = command;
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
     * The customer who receives the money ({@code PartyB}), in any common Kenyan form ({@code 0712
     * 345 678}, {@code +254...}).
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder phoneNumber(String phoneNumber) {
      this.phoneNumber = Checks.phone(phoneNumber);
      return this;
    }

    /**
     * Optional text of 1 to 100 characters, sent as {@code Occassion} (v3) or {@code Occasion}
     * (v1).
     */
    public Builder occasion(String occasion) {
      this.occasion = occasion;
      return this;
    }

    /**
     * Builds the request, generating its {@code OriginatorConversationID} if none was given. Each
     * call without one yields a new id: build once per payment.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public B2cPaymentRequest build() {
      return new B2cPaymentRequest(
          originatorConversationId,
          command,
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
