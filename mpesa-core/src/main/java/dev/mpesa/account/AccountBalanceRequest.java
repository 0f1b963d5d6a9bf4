package dev.mpesa.account;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.result.ResultRequest;
import dev.mpesa.result.ResultRequestBuilder;
import java.net.URI;

/**
 * An Account Balance query ({@code CommandID AccountBalance}, API.md §5.11): asks M-Pesa for the
 * balances of one of your own short codes or tills. The balances arrive later, at {@code
 * resultUrl}, as a string that {@link dev.mpesa.callback.AccountBalanceResult} (or {@link
 * dev.mpesa.callback.AccountBalance#parse(String)}) reads.
 *
 * <p>Build with {@link #builder()}; name the party with {@link Builder#shortCode(String)} ({@code
 * IdentifierType "4"}) or {@link Builder#tillNumber(String)} ({@code IdentifierType "2"}). A third
 * party can only query its own short code (an initiator of a merchant head office may also query
 * the stores below it). A phone number ({@code IdentifierType "1"}) is not accepted: M-Pesa does
 * not tell an organisation a customer's balance.
 *
 * <p>The constructor checks Daraja's documented limits: the party 5 to 9 digits, {@code Remarks} 1
 * to 100 characters, both URLs absolute http(s). The client adds the rules that depend on its
 * settings (an initiator configured; https and a public host in production) before sending.
 *
 * @param identifierType {@link IdentifierType#SHORT_CODE} or {@link IdentifierType#TILL_NUMBER}
 * @param partyA the short code or till whose balance is wanted ({@code PartyA})
 * @param remarks {@code Remarks}, 1 to 100 characters
 * @param resultUrl where Daraja POSTs the balances ({@code ResultURL})
 * @param queueTimeoutUrl where Daraja POSTs a timeout notice ({@code QueueTimeOutURL})
 */
public record AccountBalanceRequest(
    IdentifierType identifierType,
    String partyA,
    String remarks,
    URI resultUrl,
    URI queueTimeoutUrl)
    implements ResultRequest {

  /** Longest {@code Remarks} Daraja accepts. */
  static final int MAX_REMARKS = 100;

  /** Validates the request; see the class documentation for the rules. */
  public AccountBalanceRequest {
    if (identifierType == null || partyA == null) {
      throw new IllegalArgumentException("shortCode or tillNumber is required");
    }
    if (identifierType != IdentifierType.SHORT_CODE
        && identifierType != IdentifierType.TILL_NUMBER) {
      throw new IllegalArgumentException(
          "identifierType of an account balance query must be SHORT_CODE or TILL_NUMBER, got "
              + identifierType);
    }
    AccountService.organisation(AccountService.partyField(identifierType), partyA);
    Checks.text("remarks", remarks, 1, MAX_REMARKS);
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

  /** Builds an {@link AccountBalanceRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder extends ResultRequestBuilder<Builder> {
    private IdentifierType identifierType;
    private String partyA;

    private Builder() {}

    /** Queries the short code {@code shortCode} ({@code IdentifierType "4"}); 5 to 9 digits. */
    public Builder shortCode(String shortCode) {
      this.identifierType = IdentifierType.SHORT_CODE;
      this.partyA = Checks.required(shortCode, "shortCode");
      return this;
    }

    /** Queries the till {@code tillNumber} ({@code IdentifierType "2"}); 5 to 9 digits. */
    public Builder tillNumber(String tillNumber) {
      this.identifierType = IdentifierType.TILL_NUMBER;
      this.partyA = Checks.required(tillNumber, "tillNumber");
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public AccountBalanceRequest build() {
      return new AccountBalanceRequest(identifierType, partyA, remarks, resultUrl, queueTimeoutUrl);
    }
  }
}
