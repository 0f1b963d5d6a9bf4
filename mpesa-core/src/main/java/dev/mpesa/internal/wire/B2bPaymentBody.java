package dev.mpesa.internal.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of Daraja's B2B payment endpoint ({@code /mpesa/b2b/v1/paymentrequest}), which Business
 * Pay Bill, Business Buy Goods and B2C account top-up all call with different commands: one wire
 * shape, shared here because products do not import each other. Wire spellings as Safaricom has
 * them ({@code RecieverIdentifierType}, {@code Occassion}); {@code toString()} hides the
 * credential.
 */
@JsonPropertyOrder({
  "Initiator",
  "SecurityCredential",
  "CommandID",
  "SenderIdentifierType",
  "RecieverIdentifierType",
  "Amount",
  "PartyA",
  "PartyB",
  "AccountReference",
  "Requester",
  "Remarks",
  "QueueTimeOutURL",
  "ResultURL",
  "Occassion"
})
public record B2bPaymentBody(
    @JsonProperty("Initiator") String initiator,
    @JsonProperty("SecurityCredential") String securityCredential,
    @JsonProperty("CommandID") String commandId,
    @JsonProperty("SenderIdentifierType") String senderIdentifierType,
    @JsonProperty("RecieverIdentifierType") String receiverIdentifierType,
    @JsonProperty("Amount") String amount,
    @JsonProperty("PartyA") String partyA,
    @JsonProperty("PartyB") String partyB,
    @JsonProperty("AccountReference") String accountReference,
    @JsonProperty("Requester") String requester,
    @JsonProperty("Remarks") String remarks,
    @JsonProperty("QueueTimeOutURL") String queueTimeoutUrl,
    @JsonProperty("ResultURL") String resultUrl,
    @JsonProperty("Occassion") String occasion) {
  @Override
  public String toString() {
    return "B2bPaymentBody[redacted]";
  }
}
