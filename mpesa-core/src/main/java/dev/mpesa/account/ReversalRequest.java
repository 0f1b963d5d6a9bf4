package dev.mpesa.account;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.result.ResultRequest;
import dev.mpesa.result.ResultRequestBuilder;
import java.net.URI;

/**
 * A reversal ({@code CommandID TransactionReversal}, API.md §5.13): sends a customer's C2B payment
 * (PayBill, till or M-Pesa Express) back to them. Reversal moves money; B2C payments cannot be
 * reversed through the API.
 *
 * <p>Build with {@link #builder()}. The receiver is always typed {@code "11"} ({@link
 * IdentifierType#REVERSAL_RECEIVER}) in Daraja's misspelt {@code RecieverIdentifierType}: the only
 * value the API accepts.
 *
 * <p>The constructor checks Daraja's documented limits: a receipt of letters and digits; the
 * payment's amount in whole shillings, 1 to 250,000 (M-Pesa's largest customer payment); your short
 * code or till, 5 to 9 digits; {@code Remarks} 2 to 100 characters; {@code Occasion} at most 100;
 * both URLs absolute http(s). The client adds the rules that depend on its settings (an initiator
 * configured; https and a public host in production) before sending.
 *
 * @param transactionId the M-Pesa receipt of the payment to reverse ({@code TransactionID})
 * @param amount the amount of that payment, whole shillings ({@code Amount})
 * @param receiverParty your short code (or till) that received the payment ({@code ReceiverParty})
 * @param remarks {@code Remarks}, 2 to 100 characters
 * @param occasion {@code Occasion} (one "s" in this API), at most 100 characters; null omits it
 * @param resultUrl where Daraja POSTs the outcome ({@code ResultURL})
 * @param queueTimeoutUrl where Daraja POSTs a timeout notice ({@code QueueTimeOutURL})
 */
public record ReversalRequest(
    String transactionId,
    long amount,
    String receiverParty,
    String remarks,
    String occasion,
    URI resultUrl,
    URI queueTimeoutUrl)
    implements ResultRequest {

  /** The largest amount M-Pesa lets a customer pay in one transaction, KES 250,000. */
  static final long MAX_AMOUNT = 250_000;

  /** Shortest {@code Remarks} Daraja accepts on a reversal. */
  static final int MIN_REMARKS = 2;

  /** Longest {@code Remarks} Daraja accepts. */
  static final int MAX_REMARKS = 100;

  /** Longest {@code Occasion} Daraja accepts. */
  static final int MAX_OCCASION = 100;

  /** Validates the request; see the class documentation for the rules. */
  public ReversalRequest {
    AccountService.receipt("transactionId", transactionId);
    Checks.amount("amount", amount, 1, MAX_AMOUNT);
    AccountService.organisation("receiverParty", receiverParty);
    Checks.text("remarks", remarks, MIN_REMARKS, MAX_REMARKS);
    Checks.optionalText("occasion", occasion, 0, MAX_OCCASION);
    Checks.callbackUrl("resultUrl", resultUrl);
    Checks.callbackUrl("queueTimeoutUrl", queueTimeoutUrl);
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Always {@link IdentifierType#REVERSAL_RECEIVER}, {@code "11"} on the wire. */
  public IdentifierType receiverIdentifierType() {
    return IdentifierType.REVERSAL_RECEIVER;
  }

  @Override
  public String toString() {
    return Redaction.describe(this);
  }

  /** Builds a {@link ReversalRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder extends ResultRequestBuilder<Builder> {
    private String transactionId;
    private long amount;
    private String receiverParty;
    private String occasion;

    private Builder() {}

    /** The M-Pesa receipt of the payment to reverse, such as {@code PDU91HIVIT}. Required. */
    public Builder transactionId(String transactionId) {
      this.transactionId = Checks.required(transactionId, "transactionId");
      return this;
    }

    /** The amount of the payment being reversed, whole shillings. Required. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** Your short code (or till) that received the payment, 5 to 9 digits. Required. */
    public Builder receiverParty(String receiverParty) {
      this.receiverParty = Checks.required(receiverParty, "receiverParty");
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
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public ReversalRequest build() {
      return new ReversalRequest(
          transactionId, amount, receiverParty, remarks, occasion, resultUrl, queueTimeoutUrl);
    }
  }
}
