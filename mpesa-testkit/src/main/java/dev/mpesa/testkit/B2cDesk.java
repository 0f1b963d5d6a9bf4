package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpesa.testkit.ResultEnvelope.Initiator;
import dev.mpesa.testkit.ResultEnvelope.Pairs;
import dev.mpesa.testkit.ResultEnvelope.Pending;
import dev.mpesa.testkit.ResultEnvelope.Product;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business to customer: B2C v3 and legacy v1 (API.md §5.6) and B2Pochi (§5.7). The money leaves the
 * paying short code's Utility account; the Result goes to the request's {@code ResultURL}.
 */
final class B2cDesk {
  static final String PAY_V3 = "/mpesa/b2c/v3/paymentrequest";
  static final String PAY_V1 = "/mpesa/b2c/v1/paymentrequest";
  static final String POCHI = "/mpesa/b2pochi/v1/paymentrequest";

  static final long MIN_AMOUNT = 10;
  static final long MAX_AMOUNT = 250_000;

  private static final String[] B2C_COMMANDS = {
    "SalaryPayment", "BusinessPayment", "PromotionPayment"
  };

  /** The three endpoints differ in the id they carry, the commands and the optional field. */
  private enum Variant {
    V3(true, "Occassion", B2C_COMMANDS),
    V1(false, "Occasion", B2C_COMMANDS),
    POCHI(true, "Occassion", new String[] {"BusinessPayToPochi"});

    final boolean keyed;
    final String occasionField;
    final String[] commands;

    Variant(boolean keyed, String occasionField, String[] commands) {
      this.keyed = keyed;
      this.occasionField = occasionField;
      this.commands = commands;
    }
  }

  /** A payment as accepted. */
  private record Payment(long amount, String partyA, String msisdn) {}

  private final Backend backend;
  private final Balances balances;

  /**
   * Every {@code OriginatorConversationID} accepted by B2C v3 and B2Pochi: Daraja refuses a repeat
   * with {@code 500.002.1001}, whatever became of the first request.
   */
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  B2cDesk(Backend backend, Balances balances) {
    this.backend = backend;
    this.balances = balances;
  }

  void install(Routes routes) {
    routes.post(PAY_V3, TokenError.UNAUTHORIZED, ex -> pay(ex, Variant.V3));
    routes.post(PAY_V1, TokenError.UNAUTHORIZED, ex -> pay(ex, Variant.V1));
    routes.post(POCHI, TokenError.UNAUTHORIZED, ex -> pay(ex, Variant.POCHI));
  }

  private JsonNode pay(Exchange ex, Variant variant) {
    ex.object();
    String originatorConversationId =
        variant.keyed ? ex.required("OriginatorConversationID", 128) : null;
    Initiator initiator = ResultEnvelope.initiator(ex, "InitiatorName");
    ex.oneOf("CommandID", variant.commands);
    long amount = ex.amount("Amount", MIN_AMOUNT, MAX_AMOUNT);
    String partyA = ex.digits("PartyA", 5, 7);
    String msisdn = ex.phone("PartyB");
    ResultEnvelope.text(ex, "Remarks", 2, 100);
    URI queueTimeoutUrl = ex.url("QueueTimeOutURL", false);
    URI resultUrl = ex.url("ResultURL", false);
    ex.optional(variant.occasionField, 100);

    if (variant.keyed && !seen.add(originatorConversationId)) {
      throw Rejection.duplicateOriginatorConversationId();
    }
    Payment payment = new Payment(amount, partyA, msisdn);
    return ResultEnvelope.accept(
        backend,
        Product.B2C,
        initiator,
        originatorConversationId,
        resultUrl,
        queueTimeoutUrl,
        (request, at) -> complete(request, payment, at));
  }

  /** Pays from the Utility account, or fails with {@code 1} when it is short. */
  private ObjectNode complete(Pending request, Payment payment, Instant at) {
    Ledger.Entry paid =
        request.entry(
            Ledger.Kind.B2C,
            ResultEnvelope.money(payment.amount()),
            payment.partyA(),
            payment.msisdn(),
            null,
            at);
    String receipt = paid.receipt();
    Balances.Snapshot after = balances.debit(Balances.Account.UTILITY, paid);
    if (after == null) {
      return request.failure("1", ResultEnvelope.INSUFFICIENT_FUNDS, at);
    }
    // The eight parameters of Daraja's sample, with its types: the amount a whole number, the
    // balances decimals, the completion time in B2C's own format (API.md §5.6).
    Pairs parameters =
        new Pairs()
            .number("TransactionAmount", payment.amount())
            .text("TransactionReceipt", receipt)
            .text("ReceiverPartyPublicName", ResultEnvelope.partyName(payment.msisdn()))
            .text("TransactionCompletedDateTime", Wire.B2C_COMPLETED.format(at))
            .money("B2CUtilityAccountAvailableFunds", after.utility())
            .money("B2CWorkingAccountAvailableFunds", after.working())
            .text("B2CRecipientIsRegisteredCustomer", "Y")
            .money("B2CChargesPaidAccountAvailableFunds", after.chargesPaid());
    return request.success(receipt, parameters.array(), request.queueReference());
  }
}
