package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpesa.MpesaClient;
import dev.mpesa.account.ReversalRequest;
import dev.mpesa.account.TransactionStatusRequest;
import dev.mpesa.b2b.B2bPaymentRequest;
import dev.mpesa.b2c.B2cCommand;
import dev.mpesa.b2c.B2cPaymentRequest;
import dev.mpesa.callback.B2cPaymentResult;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.callback.ResultCallback;
import dev.mpesa.callback.TransactionReversalResult;
import dev.mpesa.callback.TransactionStatusResult;
import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.result.AccountQueryResult;
import dev.mpesa.result.Acknowledgement;
import dev.mpesa.result.B2cResult;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ReversalResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Scripted outcomes ({@code fake.results()}): failures by code, and queue timeouts. */
class ResultsTest {
  @AutoClose private final World world = new World(b -> b.resultDelay(Duration.ofMillis(20)));
  private final FakeDaraja fake = world.fake;
  private final Receiver receiver = world.receiver;
  private final MpesaClient mpesa = world.mpesa;

  private B2cPaymentRequest payment(String originatorConversationId) {
    return B2cPaymentRequest.builder()
        .originatorConversationId(originatorConversationId)
        .command(B2cCommand.PROMOTION_PAYMENT)
        .amount(100)
        .partyA(FakeDaraja.BUSINESS_SHORT_CODE)
        .phoneNumber(SandboxNumbers.PAYS)
        .remarks("Prize")
        .resultUrl(receiver.url("/b2c/result"))
        .queueTimeoutUrl(receiver.url("/b2c/timeout"))
        .build();
  }

  private TransactionStatusResult statusOf(String originatorConversationId) {
    Acknowledgement ack =
        mpesa
            .account()
            .transactionStatus(
                TransactionStatusRequest.builder()
                    .originatorConversationId(originatorConversationId)
                    .shortCode(FakeDaraja.BUSINESS_SHORT_CODE)
                    .remarks("Reconcile")
                    .resultUrl(receiver.url("/status/result"))
                    .queueTimeoutUrl(receiver.url("/status/timeout"))
                    .build());
    return TransactionStatusResult.from(Callbacks.parseResult(world.callback(ack).body()));
  }

  @Test
  void next_b2c_failsWithThatCodeAndMovesNoMoney() {
    fake.results().next("2040", "The customer is not registered.");

    Acknowledgement ack = mpesa.b2c().pay(payment("scripted-1"));

    ResultCallback cb = world.result(ack);
    assertThat(B2cPaymentResult.from(cb).result()).isEqualTo(B2cResult.CUSTOMER_NOT_REGISTERED);
    assertThat(cb.resultDesc()).isEqualTo("The customer is not registered.");
    assertThat(cb.parameterValues()).isEmpty();
    assertThat(cb.transactionId()).matches("[A-Z]{2}[A-Z0-9]0000000");
    assertThat(statusOf("scripted-1").queryResult())
        .isEqualTo(AccountQueryResult.RECEIPT_NOT_FOUND);
  }

  @Test
  void next_alphanumericCode_isSentAsString() {
    fake.results().next("R000001", "The transaction has already been reversed.");

    Acknowledgement ack =
        mpesa
            .account()
            .reverse(
                ReversalRequest.builder()
                    .transactionId("SGA1B2C3D4")
                    .amount(10)
                    .receiverParty(FakeDaraja.SHORT_CODE)
                    .remarks("Refund")
                    .resultUrl(receiver.url("/reversal/result"))
                    .queueTimeoutUrl(receiver.url("/reversal/timeout"))
                    .build());

    CallbackDelivery delivery = world.callback(ack);
    assertThat(delivery.json().at("/Result/ResultCode").isTextual()).isTrue();
    assertThat(TransactionReversalResult.from(Callbacks.parseResult(delivery.body())).result())
        .isEqualTo(ReversalResult.ALREADY_REVERSED);
  }

  @Test
  void next_b2b_carriesTheLoneBoCompletedTime() {
    fake.results().next("2006", "The account status does not allow this transaction.");

    Acknowledgement ack =
        mpesa
            .b2b()
            .pay(
                B2bPaymentRequest.builder()
                    .partyA(FakeDaraja.BUSINESS_SHORT_CODE)
                    .payBill("600000", "ACC")
                    .amount(10)
                    .remarks("Bill")
                    .resultUrl(receiver.url("/b2b/result"))
                    .queueTimeoutUrl(receiver.url("/b2b/timeout"))
                    .build());

    CallbackDelivery delivery = world.callback(ack);
    Golden.assertSameShape("results/b2b-paybill-failure-single-parameter.json", delivery.json());
    assertThat(Callbacks.parseResult(delivery.body()).resultCode().value()).isEqualTo("2006");
  }

  @Test
  void nextTimesOut_postsNoticeToQueueTimeoutUrlAndMovesNoMoney() {
    fake.results().nextTimesOut();
    B2cPaymentRequest request = payment("timed-out-1");

    Acknowledgement ack = mpesa.b2c().pay(request);

    CallbackDelivery delivery = world.callback(ack);
    assertThat(delivery.kind()).isEqualTo(CallbackKind.QUEUE_TIMEOUT);
    assertThat(delivery.url().getPath()).isEqualTo("/b2c/timeout");
    assertThat(delivery.correlationId()).isEqualTo(ack.conversationId());
    Golden.assertSameShape("results/b2c-timeout.json", delivery.json());
    ResultCallback notice = Callbacks.parseQueueTimeout(delivery.body());
    assertThat(notice.isTimeout()).isTrue();
    assertThat(notice.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(notice.originatorConversationId()).isEqualTo("timed-out-1");
    assertThat(notice.resultDesc()).isEqualTo("The service request has timed out.");
    assertThat(fake.journal().callbacks(CallbackKind.RESULT)).isEmpty();

    assertThat(statusOf("timed-out-1").queryResult())
        .isEqualTo(AccountQueryResult.RECEIPT_NOT_FOUND);
    assertThatThrownBy(() -> mpesa.b2c().pay(request))
        .isInstanceOf(DuplicateRequestException.class);
  }

  @Test
  void scripts_areTakenInOrderByAcceptedRequestsOnly() {
    fake.results().next("1", "The balance is insufficient for the transaction.").nextTimesOut();
    ObjectNode badAmount = Wire.object().put("Amount", "5");
    assertThat(new RawDaraja(fake).post(B2cDesk.PAY_V3, Wire.write(badAmount)).status())
        .isEqualTo(400);

    List<Acknowledgement> acks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      acks.add(mpesa.b2c().pay(payment("ordered-" + i)));
    }

    assertThat(Callbacks.parseResult(world.callback(acks.get(0)).body()).resultCode().value())
        .isEqualTo("1");
    assertThat(world.callback(acks.get(1)).kind()).isEqualTo(CallbackKind.QUEUE_TIMEOUT);
    assertThat(Callbacks.parseResult(world.callback(acks.get(2)).body()).isSuccess()).isTrue();
  }

  @Test
  void clear_forgetsScriptsNotYetTaken() {
    fake.results().next("1", "The balance is insufficient for the transaction.").clear();

    Acknowledgement ack = mpesa.b2c().pay(payment("cleared-1"));

    assertThat(Callbacks.parseResult(world.callback(ack).body()).isSuccess()).isTrue();
  }

  @Test
  void next_successOrBlank_isRefused() {
    Results results = fake.results();

    assertThatThrownBy(() -> results.next("0", "ok")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> results.next(" ", "ok")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> results.next("1", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> results.next(null, "x")).isInstanceOf(NullPointerException.class);
    assertThat(results.take()).isNull();
  }

  @Test
  void take_manyThreads_eachScriptTakenOnce() throws Exception {
    Results results = new Results();
    int scripts = 1_000;
    for (int i = 0; i < scripts; i++) {
      results.next(Integer.toString(i + 1), "failure " + i);
    }
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    Set<String> taken = ConcurrentHashMap.newKeySet();
    try {
      List<Future<Integer>> counts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        counts.add(
            pool.submit(
                () -> {
                  go.await();
                  int n = 0;
                  for (Results.Script s = results.take(); s != null; s = results.take()) {
                    taken.add(s.resultCode());
                    n++;
                  }
                  return n;
                }));
      }
      go.countDown();
      int total = 0;
      for (Future<Integer> c : counts) {
        total += c.get();
      }
      assertThat(total).isEqualTo(scripts);
      assertThat(taken).hasSize(scripts);
    } finally {
      pool.shutdownNow();
    }
  }
}
