package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpesa.testkit.ResultEnvelope.Initiator;
import dev.mpesa.testkit.ResultEnvelope.Pairs;
import dev.mpesa.testkit.ResultEnvelope.Pending;
import dev.mpesa.testkit.ResultEnvelope.Product;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;

/**
 * The account APIs: Account Balance (API.md §5.11), Transaction Status (§5.12) and Reversal
 * (§5.13). Status and reversal read the fake's ledger, so they see the payments every other desk
 * made.
 */
final class AccountDesk {
  static final String BALANCE = "/mpesa/accountbalance/v1/query";
  static final String STATUS = "/mpesa/transactionstatus/v1/query";
  static final String REVERSAL = "/mpesa/reversal/v1/request";

  static final String RECEIPT_NOT_FOUND = "The transaction receipt number does not exist.";
  static final String ALREADY_REVERSED = "The transaction has already been reversed.";
  static final String INVALID_ORIGINAL = "The OriginalTransactionID is invalid.";

  /** A status query as accepted. */
  private record StatusQuery(String transactionId, String conversationId, String occasion) {}

  /** A reversal as accepted. */
  private record Reversal(String transactionId, long amount, String receiverParty) {}

  private final Backend backend;
  private final Balances balances;

  AccountDesk(Backend backend, Balances balances) {
    this.backend = backend;
    this.balances = balances;
  }

  void install(Routes routes) {
    routes.post(BALANCE, TokenError.UNAUTHORIZED, this::balance);
    routes.post(STATUS, TokenError.BAD_REQUEST, this::status);
    routes.post(REVERSAL, TokenError.NOT_FOUND, this::reversal);
  }

  private JsonNode balance(Exchange ex) {
    ex.object();
    Initiator initiator = ResultEnvelope.initiator(ex, "Initiator");
    ex.oneOf("CommandID", "AccountBalance");
    // D3 samples use 4; other SDKs also send 1 or 2 by the party's kind (API.md §5.11).
    String partyA = ex.digits("PartyA", 5, 12);
    ex.oneOf("IdentifierType", "1", "2", "4");
    ex.required("Remarks", 100);
    URI queueTimeoutUrl = ex.url("QueueTimeOutURL", false);
    URI resultUrl = ex.url("ResultURL", false);
    return ResultEnvelope.accept(
        backend,
        Product.BALANCE,
        initiator,
        null,
        resultUrl,
        queueTimeoutUrl,
        (request, at) -> balanceResult(request, partyA, at));
  }

  private ObjectNode balanceResult(Pending request, String partyA, Instant at) {
    Pairs parameters =
        new Pairs()
            .text("AccountBalance", balances.of(partyA).accountBalance())
            .text("BOCompletedTime", Wire.compact(at));
    return request.success(request.placeholder(at), parameters.array(), request.queueReference());
  }

  private JsonNode status(Exchange ex) {
    ex.object();
    Initiator initiator = ResultEnvelope.initiator(ex, "Initiator");
    ex.oneOf("CommandID", "TransactionStatusQuery");
    String transactionId =
        ex.text("TransactionID") == null ? null : ResultEnvelope.receipt(ex, "TransactionID");
    // The portal's name, and the older page's (API.md §11, conflict).
    String conversationId = ex.optional("OriginalConversationID", 128);
    if (conversationId == null) {
      conversationId = ex.optional("OriginatorConversationID", 128);
    }
    if (transactionId == null && conversationId == null) {
      throw Rejection.invalid("TransactionID");
    }
    ex.digits("PartyA", 5, 12);
    ex.oneOf("IdentifierType", "1", "2", "4");
    URI resultUrl = ex.url("ResultURL", false);
    URI queueTimeoutUrl = ex.url("QueueTimeOutURL", false);
    ex.required("Remarks", 100);
    String occasion = ex.optional("Occasion", 100);
    StatusQuery query = new StatusQuery(transactionId, conversationId, occasion);
    return ResultEnvelope.accept(
        backend,
        Product.STATUS,
        initiator,
        null,
        resultUrl,
        queueTimeoutUrl,
        (request, at) -> statusResult(request, query, at));
  }

  /**
   * Looks the transaction up by receipt, then by the {@code OriginatorConversationID} of its
   * request. Only completed transactions are in the ledger: one still in flight, failed or timed
   * out is reported as not found ({@code 2032}, as the sandbox answered for an unknown receipt).
   */
  private ObjectNode statusResult(Pending request, StatusQuery query, Instant at) {
    Ledger.Entry entry = null;
    if (query.transactionId() != null) {
      entry = backend.ledger.byReceipt(query.transactionId());
    }
    if (entry == null && query.conversationId() != null) {
      entry = backend.ledger.byOriginatorConversationId(query.conversationId());
    }
    if (entry == null) {
      return request.failure("2032", RECEIPT_NOT_FOUND, at);
    }
    String when = Wire.compact(entry.at());
    // Daraja's sample names the parties with DebitPartyName twice, debit then credit (API.md
    // §5.12); the fake follows the sample rather than the CreditPartyName other results use.
    Pairs parameters =
        new Pairs()
            .text("DebitPartyName", ResultEnvelope.partyName(entry.debitParty()))
            .text("DebitPartyName", ResultEnvelope.partyName(entry.creditParty()));
    if (entry.originatorConversationId() != null) {
      parameters.text("OriginatorConversationID", entry.originatorConversationId());
    }
    parameters
        .text("InitiatedTime", when)
        .text("DebitAccountType", debitAccountType(entry.kind()))
        .text("DebitPartyCharges", "")
        .keyOnly("TransactionReason")
        .text("ReasonType", reasonType(entry.kind()))
        .text("TransactionStatus", "Completed")
        .text("FinalisedTime", when)
        .text("Amount", plain(entry.amount()));
    if (entry.conversationId() != null) {
      parameters.text("ConversationID", entry.conversationId());
    }
    parameters.text("ReceiptNo", entry.receipt());
    return request.success(
        request.placeholder(at),
        parameters.array(),
        new Pairs().textOrKey("Occasion", query.occasion()).single());
  }

  private JsonNode reversal(Exchange ex) {
    ex.object();
    Initiator initiator = ResultEnvelope.initiator(ex, "Initiator");
    ex.oneOf("CommandID", "TransactionReversal");
    String transactionId = ResultEnvelope.receipt(ex, "TransactionID");
    long amount = ex.amount("Amount", 1, Long.MAX_VALUE);
    String receiverParty = ex.digits("ReceiverParty", 5, 8);
    ex.oneOf("RecieverIdentifierType", "11");
    URI resultUrl = ex.url("ResultURL", false);
    URI queueTimeoutUrl = ex.url("QueueTimeOutURL", false);
    ResultEnvelope.text(ex, "Remarks", 2, 100);
    ex.optional("Occasion", 100);
    Reversal reversal = new Reversal(transactionId, amount, receiverParty);
    return ResultEnvelope.accept(
        backend,
        Product.REVERSAL,
        initiator,
        null,
        resultUrl,
        queueTimeoutUrl,
        (request, at) -> reversalResult(request, reversal, at));
  }

  private ObjectNode reversalResult(Pending request, Reversal reversal, Instant at) {
    Ledger.Entry original = backend.ledger.byReceipt(reversal.transactionId());
    BigDecimal amount = ResultEnvelope.money(reversal.amount());
    // The Reversal API reverses payments a customer made to the business (C2B, M-Pesa Express);
    // B2C, B2B, tax and reversals themselves cannot be reversed with it (API.md §5.6, §5.13).
    // Daraja documents no code for that case; R000002 says "this id names no transaction you can
    // reverse", which is what the SDK's reversal view reads it as, so the fake answers it. It
    // answers the same for a receipt paid to another short code, and for a wrong amount (the
    // request must name the transaction's amount), which Daraja documents no code for either.
    if (original == null
        || !(original.kind() == Ledger.Kind.STK || original.kind() == Ledger.Kind.C2B)
        || !reversal.receiverParty().equals(original.creditParty())
        || original.amount().compareTo(amount) != 0) {
      return request.failure("R000002", INVALID_ORIGINAL, at);
    }
    String shortCode = original.creditParty();
    Ledger.Entry reversed =
        request.entry(
            Ledger.Kind.REVERSAL,
            original.amount(),
            shortCode,
            original.debitParty(),
            original.receipt(),
            at);
    Balances.Snapshot after;
    // Under the lock every debit takes, so the checks and the debit are one step.
    synchronized (balances) {
      if (isReversed(original.receipt())) {
        return request.failure("R000001", ALREADY_REVERSED, at);
      }
      if (balances.of(shortCode).utility().compareTo(original.amount()) < 0) {
        return request.failure("1", ResultEnvelope.INSUFFICIENT_FUNDS, at);
      }
      // Keeps the ledger's own record in step for any desk that asks it.
      backend.ledger.markReversed(original.receipt());
      after = balances.debit(Balances.Account.UTILITY, reversed);
    }
    Pairs parameters =
        new Pairs()
            .text(
                "DebitAccountBalance",
                Balances.Snapshot.account("Utility Account", after.utility()))
            .money("Amount", original.amount())
            .number("TransCompletedTime", Wire.compactNumber(at))
            .text("OriginalTransactionID", original.receipt())
            .money("Charge", new BigDecimal("0.00"))
            .text("CreditPartyPublicName", ResultEnvelope.partyName(original.debitParty()))
            .text("DebitPartyPublicName", ResultEnvelope.partyName(shortCode));
    return request.success(reversed.receipt(), parameters.array(), request.queueReference());
  }

  /**
   * Whether a reversal of {@code receipt} is in the ledger (each names its original in the bill
   * reference). Asked instead of {@link Ledger#markReversed}, which would mark it as it answers.
   */
  private boolean isReversed(String receipt) {
    return backend.ledger.all().stream()
        .anyMatch(e -> e.kind() == Ledger.Kind.REVERSAL && receipt.equals(e.billReference()));
  }

  /** The account a transaction was paid from, in Daraja's words where it has them. */
  private static String debitAccountType(Ledger.Kind kind) {
    return switch (kind) {
      case B2C, REVERSAL -> "Utility Account";
      case B2B, TAX -> "Working Account";
      // The customer's own M-Pesa account; no sample names it.
      default -> "MMF Account";
    };
  }

  /**
   * Why money moved. Only the B2C text is from Daraja's sample (API.md §5.12); the others are the
   * fake's labels in the same style.
   */
  private static String reasonType(Ledger.Kind kind) {
    return switch (kind) {
      case B2C -> "Business Payment to Customer via API";
      case STK -> "Pay Bill Online";
      case C2B -> "Pay Bill";
      case B2B -> "Business Pay Bill via API";
      case TAX -> "Pay Tax to KRA via API";
      case REVERSAL -> "Transaction Reversal via API";
      default -> "Payment";
    };
  }

  /** {@code 300} for whole amounts (as the sample sends), else two decimals. */
  private static String plain(BigDecimal amount) {
    return amount.signum() == 0 || amount.stripTrailingZeros().scale() <= 0
        ? amount.toBigInteger().toString()
        : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
