package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * B2B Express Checkout (API.md §5.10): a USSD prompt to the operator of a merchant's till, who pays
 * the vendor's PayBill from the till.
 *
 * <p>The body is camelCase: {@code primaryShortCode} and {@code receiverShortCode} 5 to 8 digits,
 * {@code amount} a whole number of at least 1, {@code paymentRef} and {@code partnerName} present,
 * {@code callbackUrl} an http(s) URL, {@code RequestRefID} present (also read as {@code
 * RequestRefId}, the spelling of some tables). The acknowledgement is {@code
 * {"code":"0","status":"USSD Initiated Successfully"}}.
 *
 * <p><b>Scripting the operator.</b> The prompt goes to the phone of the till's nominated operator,
 * a number the fake cannot know; so the till stands for it: {@code fake.customer(primaryShortCode)}
 * scripts how the operator answers, with the same scripts as a customer's STK prompt, and by
 * default the operator pays. Paying gives the success callback ({@code resultCode "0"}, a receipt
 * in {@code transactionId}, a {@code conversationID}, {@code status "SUCCESS"}) and a B2B ledger
 * entry from the till to the PayBill; cancelling gives {@code 4001} "User cancelled transaction"
 * with the request's {@code paymentReference}; any other script ends with its own code and text in
 * the shape of the cancellation (Daraja documents only {@code 0} and {@code 4001}). The callback's
 * {@code requestId} is the {@code RequestRefID}, also its correlation id.
 */
final class B2bExpressDesk {
  private static final Logger log = LoggerFactory.getLogger(B2bExpressDesk.class);

  static final String CHECKOUT = "/v1/ussdpush/get-msisdn";

  static final String CANCELLED_CODE = "4001";
  static final String CANCELLED_DESC = "User cancelled transaction";
  static final int MAX_TEXT = 182;

  /** One accepted push. */
  private record Push(
      String till,
      String payBill,
      long amount,
      String paymentRef,
      URI callbackUrl,
      String requestRefId) {}

  private final Backend backend;

  B2bExpressDesk(Backend backend) {
    this.backend = backend;
  }

  void install(Routes routes) {
    routes.post(CHECKOUT, TokenError.NOT_FOUND, this::checkout);
  }

  private JsonNode checkout(Exchange ex) {
    String till = ex.digits("primaryShortCode", 5, 8);
    String payBill = ex.digits("receiverShortCode", 5, 8);
    long amount = ex.amount("amount", 1, Long.MAX_VALUE);
    String paymentRef = ex.required("paymentRef", MAX_TEXT);
    URI callbackUrl = ex.url("callbackUrl", false);
    ex.required("partnerName", MAX_TEXT);
    String requestRefId =
        ex.text("RequestRefID") != null
            ? ex.required("RequestRefID", 64)
            : ex.optional("RequestRefId", 64);
    if (requestRefId == null) {
      throw Rejection.invalid("RequestRefID");
    }
    Push push = new Push(till, payBill, amount, paymentRef, callbackUrl, requestRefId);
    PromptOutcome outcome = PromptOutcome.of(backend, backend.customer(till).script());
    backend.later(outcome.after(), () -> finish(push, outcome));
    log.debug("b2b express accepted: RequestRefID {}, till {}", requestRefId, till);
    ObjectNode ack = Wire.object();
    ack.put("code", "0");
    ack.put("status", "USSD Initiated Successfully");
    return ack;
  }

  private void finish(Push push, PromptOutcome outcome) {
    ObjectNode body = Wire.object();
    // One decimal, as the samples write it ("71.0").
    String amount = BigDecimal.valueOf(push.amount()).setScale(1).toPlainString();
    if (outcome.paid()) {
      Instant at = backend.now();
      String receipt = backend.ids.receipt(at);
      String conversationId = backend.ids.conversationId(at);
      backend.ledger.add(
          new Ledger.Entry(
              receipt,
              Ledger.Kind.B2B,
              BigDecimal.valueOf(push.amount()).setScale(2),
              push.till(),
              push.payBill(),
              push.requestRefId(),
              conversationId,
              push.paymentRef(),
              at));
      body.put("resultCode", "0");
      body.put("resultDesc", "The service request is processed successfully.");
      body.put("amount", amount);
      body.put("requestId", push.requestRefId());
      body.put("resultType", "0");
      body.put("conversationID", conversationId);
      body.put("transactionId", receipt);
      body.put("status", "SUCCESS");
    } else {
      boolean cancelled = "1032".equals(outcome.resultCode());
      body.put("resultCode", cancelled ? CANCELLED_CODE : outcome.resultCode());
      body.put("resultDesc", cancelled ? CANCELLED_DESC : outcome.resultDesc());
      body.put("requestId", push.requestRefId());
      body.put("amount", amount);
      body.put("paymentReference", push.paymentRef());
    }
    backend.courier.post(CallbackKind.B2B_EXPRESS, push.callbackUrl(), body, push.requestRefId());
  }
}
