package dev.mpesa.account;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.ResultRequest;
import dev.mpesa.result.ResultRequestBuilder;
import java.net.URI;

/**
 * A Transaction Status query ({@code CommandID TransactionStatusQuery}, API.md §5.12): asks M-Pesa
 * where a C2B, B2B, B2C, IMT or reversal transaction stands. The answer arrives later, at {@code
 * resultUrl}.
 *
 * <p>Build with {@link #builder()}. Look the transaction up in exactly one way:
 *
 * <ul>
 *   <li>{@link Builder#transactionId(String)}: by its M-Pesa receipt ({@code TransactionID}), or
 *   <li>{@link Builder#originatorConversationId(String)}: by the {@code OriginatorConversationID}
 *       of the request that started it, for when no receipt ever came back (a B2C whose result was
 *       lost, a payment whose acknowledgement timed out). Sent as {@code OriginalConversationID},
 *       the name of the current Daraja portal (and two SDKs); an older copy of the documentation
 *       calls it {@code OriginatorConversationID} (API.md §11, conflict).
 * </ul>
 *
 * <p>Name the party that received the transaction with {@link Builder#shortCode(String)} ({@code
 * IdentifierType "4"}), {@link Builder#tillNumber(String)} ({@code "2"}) or {@link
 * Builder#phoneNumber(String)} ({@code "1"}); the last call wins.
 *
 * <p>The constructor checks Daraja's documented limits: exactly one lookup; a receipt of letters
 * and digits; an {@code OriginatorConversationID} of at most 128 characters; a short code or till
 * of 5 to 9 digits; {@code Remarks} 1 to 100 characters; {@code Occasion} at most 100; both URLs
 * absolute http(s). The client adds the rules that depend on its settings (an initiator configured;
 * https and a public host in production) before sending.
 *
 * @param transactionId the M-Pesa receipt to look up ({@code TransactionID}), or null
 * @param originatorConversationId the {@code OriginatorConversationID} of the original request
 *     (sent as {@code OriginalConversationID}), or null
 * @param identifierType what kind of party {@code PartyA} is
 * @param partyA the short code or till ({@code PartyA}); null when the party is a phone number
 * @param phoneNumber the phone number ({@code PartyA} with {@code IdentifierType "1"}); else null
 * @param remarks {@code Remarks}, 1 to 100 characters
 * @param occasion {@code Occasion} (one "s" in this API), at most 100 characters; null omits it
 * @param resultUrl where Daraja POSTs the status ({@code ResultURL})
 * @param queueTimeoutUrl where Daraja POSTs a timeout notice ({@code QueueTimeOutURL})
 */
public record TransactionStatusRequest(
    String transactionId,
    String originatorConversationId,
    IdentifierType identifierType,
    String partyA,
    PhoneNumber phoneNumber,
    String remarks,
    String occasion,
    URI resultUrl,
    URI queueTimeoutUrl)
    implements ResultRequest {

  /** Longest {@code Remarks} Daraja accepts. */
  static final int MAX_REMARKS = 100;

  /** Longest {@code Occasion} Daraja accepts. */
  static final int MAX_OCCASION = 100;

  /** Longest {@code OriginatorConversationID} Daraja documents. */
  static final int MAX_CONVERSATION_ID = 128;

  /** Validates the request; see the class documentation for the rules. */
  public TransactionStatusRequest {
    if (transactionId == null && originatorConversationId == null) {
      throw new IllegalArgumentException(
          "transactionId (the M-Pesa receipt) or originatorConversationId is required");
    }
    if (transactionId != null && originatorConversationId != null) {
      throw new IllegalArgumentException(
          "set only one of transactionId and originatorConversationId: a status query looks a"
              + " transaction up one way");
    }
    if (transactionId != null) {
      AccountService.receipt("transactionId", transactionId);
    } else {
      Checks.text("originatorConversationId", originatorConversationId, 1, MAX_CONVERSATION_ID);
    }
    if (identifierType == null) {
      throw new IllegalArgumentException("shortCode, tillNumber or phoneNumber is required");
    }
    switch (identifierType) {
      case MSISDN -> {
        Checks.required(phoneNumber, "phoneNumber is required");
        if (partyA != null) {
          throw new IllegalArgumentException(
              "partyA must be null when the party is a phone number (use phoneNumber)");
        }
      }
      case SHORT_CODE, TILL_NUMBER -> {
        if (partyA == null) {
          throw new IllegalArgumentException(
              AccountService.partyField(identifierType) + " is required");
        }
        AccountService.organisation(AccountService.partyField(identifierType), partyA);
        if (phoneNumber != null) {
          throw new IllegalArgumentException(
              "phoneNumber must be null when the party is a short code or till");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "identifierType of a transaction status query must be SHORT_CODE, TILL_NUMBER or"
                  + " MSISDN, got "
                  + identifierType);
    }
    Checks.text("remarks", remarks, 1, MAX_REMARKS);
    Checks.optionalText("occasion", occasion, 0, MAX_OCCASION);
    Checks.callbackUrl("resultUrl", resultUrl);
    Checks.callbackUrl("queueTimeoutUrl", queueTimeoutUrl);
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the lookup is by receipt ({@code TransactionID}) rather than by conversation id. */
  public boolean isByReceipt() {
    return transactionId != null;
  }

  /** {@code PartyA} as sent: the short code, the till, or the whole phone number. */
  String wirePartyA() {
    return phoneNumber != null ? phoneNumber.value() : partyA;
  }

  @Override
  public String toString() {
    return Redaction.describe(this);
  }

  /** Builds a {@link TransactionStatusRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder extends ResultRequestBuilder<Builder> {
    private String transactionId;
    private String originatorConversationId;
    private IdentifierType identifierType;
    private String partyA;
    private PhoneNumber phoneNumber;
    private String occasion;

    private Builder() {}

    /**
     * Looks the transaction up by its M-Pesa receipt ({@code TransactionID}), such as {@code
     * NEF61H8J60}. Do not also set {@link #originatorConversationId(String)}.
     */
    public Builder transactionId(String transactionId) {
      this.transactionId = Checks.required(transactionId, "transactionId");
      return this;
    }

    /**
     * Looks the transaction up by the {@code OriginatorConversationID} of the request that started
     * it (sent as {@code OriginalConversationID}, see the class documentation). Do not also set
     * {@link #transactionId(String)}.
     */
    public Builder originatorConversationId(String originatorConversationId) {
      this.originatorConversationId =
          Checks.required(originatorConversationId, "originatorConversationId");
      return this;
    }

    /** The party is the short code {@code shortCode} ({@code IdentifierType "4"}). */
    public Builder shortCode(String shortCode) {
      return organisation(IdentifierType.SHORT_CODE, Checks.required(shortCode, "shortCode"));
    }

    /** The party is the till {@code tillNumber} ({@code IdentifierType "2"}). */
    public Builder tillNumber(String tillNumber) {
      return organisation(IdentifierType.TILL_NUMBER, Checks.required(tillNumber, "tillNumber"));
    }

    /**
     * The party is a customer's phone ({@code IdentifierType "1"}), in any common Kenyan form.
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder phoneNumber(String phoneNumber) {
      this.identifierType = IdentifierType.MSISDN;
      this.phoneNumber = PhoneNumber.parse(Checks.required(phoneNumber, "phoneNumber"));
      this.partyA = null;
      return this;
    }

    private Builder organisation(IdentifierType type, String party) {
      this.identifierType = type;
      this.partyA = party;
      this.phoneNumber = null;
      return this;
    }

    /** {@code Occasion}: at most 100 characters. Optional. */
    public Builder occasion(String occasion) {
      this.occasion = occasion;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong (including a
     *     lookup set both ways, or neither)
     */
    public TransactionStatusRequest build() {
      return new TransactionStatusRequest(
          transactionId,
          originatorConversationId,
          identifierType,
          partyA,
          phoneNumber,
          remarks,
          occasion,
          resultUrl,
          queueTimeoutUrl);
    }
  }
}
