package dev.mpesa.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.http.Endpoint;
import dev.mpesa.internal.http.Endpoint.Outgoing;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.internal.http.Pipeline;
import dev.mpesa.internal.http.Services;
import dev.mpesa.result.Acknowledgement;
import java.util.regex.Pattern;

/**
 * Account Balance, Transaction Status and Reversal: the three initiator APIs that look after a
 * short code rather than pay out of it.
 *
 * <p>Obtain it from {@code MpesaClient.account()}. Every operation needs the client's initiator
 * (API operator, {@code initiator(name, password)} on the builder) with the matching role on the
 * M-Pesa organisation portal: "Balance Query ORG API", "Transaction Status query ORG API", "Org
 * Reversals Initiator". All three are asynchronous: the call returns Daraja's {@link
 * Acknowledgement} (the request was accepted, nothing more) and the outcome arrives later at the
 * request's {@code ResultURL}, or a timeout notice at its {@code QueueTimeOutURL}. The
 * acknowledgement does not check the initiator's credential: a wrong password or certificate comes
 * back in the result as {@code 2001}, and repeated failures lock the operator ({@code 8006}), so
 * the SDK never retries a result. {@link dev.mpesa.result.AccountQueryResult} and {@link
 * dev.mpesa.result.ReversalResult} read the result codes.
 *
 * <p>Thread-safe.
 */
public final class AccountService {
  static final Operation BALANCE =
      new Operation(
          "account.balance", "/mpesa/accountbalance/v1/query", IdempotencyClass.SAFE, "account");
  static final Operation STATUS =
      new Operation(
          "account.status", "/mpesa/transactionstatus/v1/query", IdempotencyClass.SAFE, "account");
  static final Operation REVERSAL =
      new Operation(
          "account.reversal", "/mpesa/reversal/v1/request", IdempotencyClass.MONEY, "account");

  private static final Pattern RECEIPT = Pattern.compile("[A-Za-z0-9]{1,20}");

  private static final Endpoint<AccountBalanceRequest, Acknowledgement, Acknowledgement>
      BALANCE_SPEC =
          Endpoint.result(
              BALANCE,
              (context, r) ->
                  Outgoing.body(
                          new BalanceBody(
                              context.initiatorName("Account Balance"),
                              context.securityCredential("Account Balance").value(),
                              "AccountBalance",
                              r.partyA(),
                              r.identifierType().code(),
                              r.remarks(),
                              r.queueTimeoutUrl().toString(),
                              r.resultUrl().toString()))
                      .ref("partyA", r.partyA())
                      .ref("identifierType", r.identifierType().code()));

  private static final Endpoint<TransactionStatusRequest, Acknowledgement, Acknowledgement>
      STATUS_SPEC =
          Endpoint.result(
              STATUS,
              (context, r) ->
                  Outgoing.body(
                          new StatusBody(
                              context.initiatorName("Transaction Status"),
                              context.securityCredential("Transaction Status").value(),
                              "TransactionStatusQuery",
                              r.transactionId(),
                              r.originatorConversationId(),
                              r.wirePartyA(),
                              r.identifierType().code(),
                              r.resultUrl().toString(),
                              r.queueTimeoutUrl().toString(),
                              r.remarks(),
                              r.occasion()))
                      .ref("transactionId", r.isByReceipt() ? r.transactionId() : null)
                      .ref(
                          "originatorConversationId",
                          r.isByReceipt() ? null : r.originatorConversationId())
                      .ref(
                          "partyA",
                          r.phoneNumber() != null ? r.phoneNumber().masked() : r.partyA()));

  private static final Endpoint<ReversalRequest, Acknowledgement, Acknowledgement> REVERSAL_SPEC =
      Endpoint.result(
          REVERSAL,
          (context, r) ->
              Outgoing.body(
                      new ReversalBody(
                          context.initiatorName("Reversal"),
                          context.securityCredential("Reversal").value(),
                          "TransactionReversal",
                          r.transactionId(),
                          Long.toString(r.amount()),
                          r.receiverParty(),
                          r.receiverIdentifierType().code(),
                          r.resultUrl().toString(),
                          r.queueTimeoutUrl().toString(),
                          r.remarks(),
                          r.occasion()))
                  .ref("transactionId", r.transactionId())
                  .ref("amount", Long.toString(r.amount()))
                  .ref("receiverParty", r.receiverParty()));

  private final Pipeline pipeline;

  static {
    Services.register(AccountService.class, AccountService::new);
  }

  /** Made by {@code MpesaClient}; obtain the service from it. */
  AccountService(Pipeline pipeline) {
    this.pipeline = Checks.required(pipeline, "pipeline");
  }

  /**
   * Asks for the balances of a short code or till.
   *
   * <p>Read-only, so the SDK retries it on network failures, timeouts and throttling. The balances
   * arrive at the request's {@code ResultURL} in the {@code AccountBalance} result parameter; read
   * it with {@link dev.mpesa.callback.AccountBalanceResult} (or {@link
   * dev.mpesa.callback.AccountBalance#parse(String)}) and the code with {@link
   * dev.mpesa.result.AccountQueryResult}.
   *
   * @param request what to query and where to send the result
   * @return the acknowledgement; keep its {@code ConversationID} and {@code
   *     OriginatorConversationID} to match the result
   * @throws IllegalStateException if the client has no initiator
   * @throws IllegalArgumentException if a URL breaks a rule of this client's environment (http or a
   *     private host in production), before any call
   * @throws InvalidRequestException if Daraja rejects a field
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws MpesaException for any other failure
   */
  public Acknowledgement balance(AccountBalanceRequest request) {
    return pipeline.call(BALANCE_SPEC, request);
  }

  /**
   * Asks where a transaction stands, by receipt or by the {@code OriginatorConversationID} of the
   * request that started it.
   *
   * <p>This is how a payment with an unknown outcome is reconciled (an {@link
   * OutcomeUnknownException}, a queue timeout, a result that never came). Read-only, so the SDK
   * retries it on network failures, timeouts and throttling. The status arrives at the request's
   * {@code ResultURL}: the receipt in the {@code ReceiptNo} parameter, the state in {@code
   * TransactionStatus} ({@code Completed}, {@code Cancelled}, {@code Declined}, {@code Expired}, or
   * not final yet); an unknown receipt comes back as result code {@code 2032}. Read the result with
   * {@link dev.mpesa.callback.TransactionStatusResult} and the code with {@link
   * dev.mpesa.result.AccountQueryResult}.
   *
   * @param request what to look up and where to send the result
   * @return the acknowledgement; keep its ids to match the result
   * @throws IllegalStateException if the client has no initiator
   * @throws IllegalArgumentException if a URL breaks a rule of this client's environment (http or a
   *     private host in production), before any call
   * @throws InvalidRequestException if Daraja rejects a field
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws MpesaException for any other failure
   */
  public Acknowledgement transactionStatus(TransactionStatusRequest request) {
    return pipeline.call(STATUS_SPEC, request);
  }

  /**
   * Reverses a customer's C2B payment.
   *
   * <p>Moves money, and Daraja offers no idempotency key for it, so the SDK sends a reversal at
   * most once: it is resent only if it provably never reached Daraja (a refused connection) or was
   * turned away by the gateway's rate limit. An ambiguous answer (a read timeout, a reset after
   * sending, an unexplained server error, an acceptance without ids) raises {@link
   * OutcomeUnknownException} carrying the receipt, amount and receiver: check with {@link
   * #transactionStatus} (by the original receipt) before reversing again. A second reversal of the
   * same payment comes back as result {@code R000001} ({@link
   * dev.mpesa.result.ReversalResult#ALREADY_REVERSED}).
   *
   * @param request the payment to reverse and where to send the outcome
   * @return the acknowledgement; keep its ids to match the result
   * @throws IllegalStateException if the client has no initiator
   * @throws IllegalArgumentException if a URL breaks a rule of this client's environment (http or a
   *     private host in production), before any call
   * @throws InvalidRequestException if Daraja rejects a field (nothing was reversed)
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws OutcomeUnknownException if the reversal may have been received; do not resend
   * @throws MpesaException for any other failure
   */
  public Acknowledgement reverse(ReversalRequest request) {
    return pipeline.call(REVERSAL_SPEC, request);
  }

  /** Checks a short code or till: 5 to 9 digits (Daraja documents 6 to 9; PayBills of 5 exist). */
  static String organisation(String field, String value) {
    return Checks.digits(field, value, 5, 9);
  }

  /** Checks an M-Pesa receipt: letters and digits only (no spaces, no conversation-id dashes). */
  static String receipt(String field, String value) {
    Checks.required(value, field + " is required");
    if (!RECEIPT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field
              + " must be an M-Pesa receipt of up to 20 letters and digits (such as NEF61H8J60),"
              + " got '"
              + value
              + "'");
    }
    return value;
  }

  /** The builder method that names a party of this type, for messages. */
  static String partyField(IdentifierType type) {
    return switch (type) {
      case TILL_NUMBER -> "tillNumber";
      case MSISDN -> "phoneNumber";
      default -> "shortCode";
    };
  }

  @JsonPropertyOrder({
    "Initiator",
    "SecurityCredential",
    "CommandID",
    "PartyA",
    "IdentifierType",
    "Remarks",
    "QueueTimeOutURL",
    "ResultURL"
  })
  record BalanceBody(
      @JsonProperty("Initiator") String initiator,
      @JsonProperty("SecurityCredential") String securityCredential,
      @JsonProperty("CommandID") String commandId,
      @JsonProperty("PartyA") String partyA,
      @JsonProperty("IdentifierType") String identifierType,
      @JsonProperty("Remarks") String remarks,
      @JsonProperty("QueueTimeOutURL") String queueTimeoutUrl,
      @JsonProperty("ResultURL") String resultUrl) {
    @Override
    public String toString() {
      return "BalanceBody[redacted]";
    }
  }

  /**
   * The status body. The conversation id goes out as {@code OriginalConversationID}, the current
   * portal's name (API.md §5.12, §11); only one of it and {@code TransactionID} is set, the other
   * is left out.
   */
  @JsonPropertyOrder({
    "Initiator",
    "SecurityCredential",
    "CommandID",
    "TransactionID",
    "OriginalConversationID",
    "PartyA",
    "IdentifierType",
    "ResultURL",
    "QueueTimeOutURL",
    "Remarks",
    "Occasion"
  })
  record StatusBody(
      @JsonProperty("Initiator") String initiator,
      @JsonProperty("SecurityCredential") String securityCredential,
      @JsonProperty("CommandID") String commandId,
      @JsonProperty("TransactionID") String transactionId,
      @JsonProperty("OriginalConversationID") String originalConversationId,
      @JsonProperty("PartyA") String partyA,
      @JsonProperty("IdentifierType") String identifierType,
      @JsonProperty("ResultURL") String resultUrl,
      @JsonProperty("QueueTimeOutURL") String queueTimeoutUrl,
      @JsonProperty("Remarks") String remarks,
      @JsonProperty("Occasion") String occasion) {
    @Override
    public String toString() {
      return "StatusBody[redacted]";
    }
  }

  /** The reversal body, with Daraja's misspelt {@code RecieverIdentifierType}. */
  @JsonPropertyOrder({
    "Initiator",
    "SecurityCredential",
    "CommandID",
    "TransactionID",
    "Amount",
    "ReceiverParty",
    "RecieverIdentifierType",
    "ResultURL",
    "QueueTimeOutURL",
    "Remarks",
    "Occasion"
  })
  record ReversalBody(
      @JsonProperty("Initiator") String initiator,
      @JsonProperty("SecurityCredential") String securityCredential,
      @JsonProperty("CommandID") String commandId,
      @JsonProperty("TransactionID") String transactionId,
      @JsonProperty("Amount") String amount,
      @JsonProperty("ReceiverParty") String receiverParty,
      @JsonProperty("RecieverIdentifierType") String receiverIdentifierType,
      @JsonProperty("ResultURL") String resultUrl,
      @JsonProperty("QueueTimeOutURL") String queueTimeoutUrl,
      @JsonProperty("Remarks") String remarks,
      @JsonProperty("Occasion") String occasion) {
    @Override
    public String toString() {
      return "ReversalBody[redacted]";
    }
  }
}
