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
 * Business to business: Business Pay Bill, Business Buy Goods and B2C account top-up on {@code
 * /mpesa/b2b/v1/paymentrequest} (API.md §5.8), and tax remittance to KRA on {@code
 * /mpesa/b2b/v1/remittax} (§5.9). The money leaves the paying short code's Working account.
 */
final class B2bDesk {
  static final String PAYMENT = "/mpesa/b2b/v1/paymentrequest";
  static final String TAX = "/mpesa/b2b/v1/remittax";

  static final String PAY_BILL = "BusinessPayBill";
  static final String BUY_GOODS = "BusinessBuyGoods";
  static final String TOP_UP = "BusinessPayToBulk";
  static final String PAY_TAX = "PayTaxToKRA";

  /** A payment as accepted. */
  private record Payment(
      String command,
      long amount,
      String partyA,
      String partyB,
      String accountReference,
      String occasion) {}

  private final Backend backend;
  private final Balances balances;

  B2bDesk(Backend backend, Balances balances) {
    this.backend = backend;
    this.balances = balances;
  }

  void install(Routes routes) {
    routes.post(PAYMENT, TokenError.UNAUTHORIZED, ex -> pay(ex, false));
    routes.post(TAX, TokenError.UNAUTHORIZED, ex -> pay(ex, true));
  }

  private JsonNode pay(Exchange ex, boolean tax) {
    ex.object();
    Initiator initiator = ResultEnvelope.initiator(ex, "Initiator");
    String command =
        tax ? ex.oneOf("CommandID", PAY_TAX) : ex.oneOf("CommandID", PAY_BILL, BUY_GOODS, TOP_UP);
    // Only organisation short codes on both sides (API.md §4.4).
    ex.oneOf("SenderIdentifierType", "4");
    ex.oneOf("RecieverIdentifierType", "4");
    long amount = ex.amount("Amount", 1, Long.MAX_VALUE);
    String partyA = ex.digits("PartyA", 5, 7);
    String partyB = ex.digits("PartyB", 5, 8);
    if (tax && !partyB.equals(ResultEnvelope.KRA_SHORT_CODE)) {
      throw Rejection.invalid("PartyB");
    }
    // Pay Bill needs the account at the biller, tax the PRN; Buy Goods and top-up may omit it.
    String accountReference =
        tax || command.equals(PAY_BILL)
            ? ex.required("AccountReference", 13)
            : ex.optional("AccountReference", 13);
    if (ex.text("Requester") != null) {
      ex.phone("Requester");
    }
    ex.required("Remarks", 100);
    URI queueTimeoutUrl = ex.url("QueueTimeOutURL", false);
    URI resultUrl = ex.url("ResultURL", false);
    String occasion = ex.optional("Occassion", 100);

    Payment payment = new Payment(command, amount, partyA, partyB, accountReference, occasion);
    return ResultEnvelope.accept(
        backend,
        tax ? Product.TAX : Product.B2B,
        initiator,
        null,
        resultUrl,
        queueTimeoutUrl,
        (request, at) -> complete(request, payment, at));
  }

  /** Pays from the Working account, or fails with {@code 1} when it is short. */
  private ObjectNode complete(Pending request, Payment payment, Instant at) {
    BigDecimal amount = ResultEnvelope.money(payment.amount());
    boolean tax = payment.command().equals(PAY_TAX);
    Ledger.Entry paid =
        request.entry(
            tax ? Ledger.Kind.TAX : Ledger.Kind.B2B,
            amount,
            payment.partyA(),
            payment.partyB(),
            payment.accountReference(),
            at);
    String receipt = paid.receipt();
    Balances.Snapshot after = balances.debit(Balances.Account.WORKING, paid);
    if (after == null) {
      return request.failure("1", ResultEnvelope.INSUFFICIENT_FUNDS, at);
    }
    // Every value a string, balances in Daraja's two text formats (API.md §5.8).
    String working = amountMap(after.working());
    Pairs parameters =
        new Pairs()
            .text("DebitAccountBalance", working)
            .text("Amount", amount.toPlainString())
            .text(
                "DebitPartyAffectedAccountBalance",
                Balances.Snapshot.account("Working Account", after.working()))
            .text("TransCompletedTime", Wire.compact(at))
            .text("DebitPartyCharges", "")
            .text("ReceiverPartyPublicName", ResultEnvelope.partyName(payment.partyB()))
            .text("Currency", "KES")
            .text("InitiatorAccountCurrentBalance", working);
    Pairs references = new Pairs();
    if (payment.accountReference() != null) {
      references.text("BillReferenceNumber", payment.accountReference());
    }
    references.text("QueueTimeoutURL", request.product.queueUrl);
    if (payment.command().equals(TOP_UP)) {
      // Daraja's top-up samples list Occassion, without a Value when none was sent.
      references.textOrKey("Occassion", payment.occasion());
    }
    return request.success(receipt, parameters.array(), references.array());
  }

  /**
   * {@code {Amount={CurrencyCode=KES, MinimumAmount=618683, BasicAmount=6186.83}}}: not JSON but a
   * Java-style map text; {@code MinimumAmount} is the amount in cents (API.md §5.8).
   */
  static String amountMap(BigDecimal amount) {
    BigDecimal basic = amount.setScale(2, RoundingMode.HALF_UP);
    return "{Amount={CurrencyCode=KES, MinimumAmount="
        + basic.movePointRight(2).toBigInteger()
        + ", BasicAmount="
        + basic.toPlainString()
        + "}}";
  }
}
