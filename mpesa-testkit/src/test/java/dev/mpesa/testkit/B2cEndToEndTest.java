package dev.mpesa.testkit;

import static dev.mpesa.testkit.World.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.MpesaClient;
import dev.mpesa.b2c.B2cCommand;
import dev.mpesa.b2c.B2cPaymentRequest;
import dev.mpesa.b2c.B2cVersion;
import dev.mpesa.callback.B2cPaymentResult;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.callback.ResultCallback;
import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.result.Acknowledgement;
import dev.mpesa.result.B2cResult;
import dev.mpesa.result.PaymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** B2C v3, v1 and B2Pochi through the SDK against the fake: acknowledgement, then Result. */
class B2cEndToEndTest {
  @AutoClose private final World world = new World(b -> b.resultDelay(Duration.ofMillis(20)));
  private final FakeDaraja fake = world.fake;
  private final Receiver receiver = world.receiver;
  private final MpesaClient mpesa = world.mpesa;

  private B2cPaymentRequest.Builder payment(long amount) {
    return B2cPaymentRequest.builder()
        .command(B2cCommand.BUSINESS_PAYMENT)
        .amount(amount)
        .partyA(FakeDaraja.BUSINESS_SHORT_CODE)
        .phoneNumber(SandboxNumbers.PAYS)
        .remarks("Refund")
        .resultUrl(receiver.url("/b2c/result"))
        .queueTimeoutUrl(receiver.url("/b2c/timeout"));
  }

  /** Waits for the Result of {@code ack} and checks it went to the ResultURL. */
  private ResultCallback result(Acknowledgement ack) {
    CallbackDelivery delivery = world.resultDelivery(ack);
    assertThat(delivery.url().getPath()).isEqualTo("/b2c/result");
    assertThat(delivery.status()).isEqualTo(200);
    return Callbacks.parseResult(delivery.body());
  }

  @Test
  void pay_v3_acknowledgesThenPostsSuccessWithEveryParameter() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Acknowledgement ack = mpesa.b2c().pay(payment(1500).originatorConversationId("pay-1").build());

    assertThat(ack.responseCode()).isEqualTo("0");
    assertThat(ack.responseDescription()).isEqualTo("Accept the service request successfully.");
    assertThat(ack.originatorConversationId()).isEqualTo("pay-1");
    assertThat(ack.conversationId()).matches("AG_\\d{8}_\\w{20}");

    ResultCallback cb = result(ack);
    B2cPaymentResult b2c = B2cPaymentResult.from(cb);
    assertThat(cb.originatorConversationId()).isEqualTo("pay-1");
    assertThat(cb.conversationId()).isEqualTo(ack.conversationId());
    assertThat(b2c.result()).isEqualTo(B2cResult.SUCCESS);
    assertThat(b2c.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(b2c.amount()).isEqualByComparingTo("1500");
    assertThat(b2c.receipt()).matches("[A-Z0-9]{10}").isEqualTo(cb.transactionId());
    assertThat(b2c.recipient().identifier()).isEqualTo(SandboxNumbers.PAYS);
    assertThat(b2c.recipient().name()).isEqualTo("John Doe");
    assertThat(b2c.completedTime().toInstant()).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(b2c.utilityAccountBalance()).isEqualByComparingTo("998500.00");
    assertThat(b2c.workingAccountBalance()).isEqualByComparingTo("500000.00");
    assertThat(b2c.chargesPaidAccountBalance()).isEqualByComparingTo("0.00");
    assertThat(b2c.recipientRegistered()).isTrue();
  }

  @Test
  void pay_v1_usesLegacyPathAndDarajasOwnOriginatorId() {
    try (MpesaClient v1 = fake.clientBuilder().b2cVersion(B2cVersion.V1).build()) {
      Acknowledgement ack = v1.b2c().pay(payment(100).occasion("Bonus").build());

      assertThat(fake.journal().requests(B2cDesk.PAY_V1)).hasSize(1);
      assertThat(fake.journal().requests(B2cDesk.PAY_V3)).isEmpty();
      assertThat(fake.journal().requests(B2cDesk.PAY_V1).get(0).json().has("Occasion")).isTrue();
      assertThat(ack.originatorConversationId()).matches("\\d{4}-\\d{9}-\\d+");

      ResultCallback cb = result(ack);
      assertThat(cb.originatorConversationId()).isEqualTo(ack.originatorConversationId());
      assertThat(B2cPaymentResult.from(cb).amount()).isEqualByComparingTo("100");
    }
  }

  @Test
  void payToPochi_pays_likeB2c() {
    Acknowledgement ack =
        mpesa
            .b2c()
            .pay(
                B2cPaymentRequest.builder()
                    .command(B2cCommand.BUSINESS_PAY_TO_POCHI)
                    .originatorConversationId("pochi-1")
                    .amount(250)
                    .partyA(FakeDaraja.BUSINESS_SHORT_CODE)
                    .phoneNumber(SandboxNumbers.PAYS)
                    .remarks("Supplier")
                    .resultUrl(receiver.url("/b2c/result"))
                    .queueTimeoutUrl(receiver.url("/b2c/timeout"))
                    .build());

    assertThat(fake.journal().requests(B2cDesk.POCHI)).hasSize(1);
    assertThat(ack.originatorConversationId()).isEqualTo("pochi-1");
    B2cPaymentResult pochi = B2cPaymentResult.from(result(ack));
    assertThat(pochi.result()).isEqualTo(B2cResult.SUCCESS);
    assertThat(pochi.amount()).isEqualByComparingTo("250");
  }

  @Test
  void pay_unknownInitiator_isAcknowledgedThenFailsWith2001WithoutParameters() {
    try (MpesaClient stranger = fake.clientBuilder().initiator("nobody", "Secret#1").build()) {
      Acknowledgement ack = stranger.b2c().pay(payment(100).build());

      assertThat(ack.responseCode()).isEqualTo("0");
      ResultCallback cb = result(ack);
      B2cPaymentResult b2c = B2cPaymentResult.from(cb);
      assertThat(b2c.result()).isEqualTo(B2cResult.INITIATOR_INVALID);
      assertThat(b2c.status()).isEqualTo(PaymentStatus.FAILED);
      assertThat(cb.resultDesc()).isEqualTo("The initiator information is invalid.");
      assertThat(cb.parameterValues()).isEmpty();
      assertThat(cb.transactionId()).matches("[A-Z]{2}[A-Z0-9]0000000");
      assertThat(b2c.receipt()).isNull();
    }
  }

  @Test
  void pay_moreThanTheUtilityAccountHolds_failsWithInsufficientFunds() {
    // The utility account opens with 1,000,000.00: four maximum payments empty it.
    List<Acknowledgement> acks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      acks.add(mpesa.b2c().pay(payment(B2cPaymentRequest.MAX_AMOUNT).build()));
    }
    for (Acknowledgement ack : acks) {
      assertThat(B2cPaymentResult.from(result(ack)).result()).isEqualTo(B2cResult.SUCCESS);
    }

    Acknowledgement broke = mpesa.b2c().pay(payment(10).build());

    ResultCallback cb = result(broke);
    assertThat(B2cPaymentResult.from(cb).result()).isEqualTo(B2cResult.INSUFFICIENT_FUNDS);
    assertThat(cb.resultDesc()).isEqualTo("The balance is insufficient for the transaction.");
    assertThat(cb.parameterValues()).isEmpty();
  }

  @Test
  void pay_sameRequestTwice_secondIsRefusedAsDuplicate() {
    B2cPaymentRequest request = payment(100).originatorConversationId("pay-twice").build();
    mpesa.b2c().pay(request);

    assertThatThrownBy(() -> mpesa.b2c().pay(request))
        .isInstanceOf(DuplicateRequestException.class);
    assertThat(fake.journal().requests(B2cDesk.PAY_V3))
        .extracting(ReceivedRequest::status)
        .containsExactly(200, 500);
  }

  @Test
  void pay_resetAfterDarajaProcessedIt_retryIsRefusedAsDuplicateAndPaysOnce() {
    fake.faults().failNext(1, Fault.RESET_AFTER_PROCESSING, B2cDesk.PAY_V3);
    B2cPaymentRequest request = payment(700).originatorConversationId("reset-1").build();

    assertThatThrownBy(() -> mpesa.b2c().pay(request))
        .isInstanceOf(DuplicateRequestException.class);

    List<ReceivedRequest> sent = fake.journal().requests(B2cDesk.PAY_V3);
    assertThat(sent).extracting(ReceivedRequest::status).containsExactly(0, 500);
    assertThat(sent.get(1).body()).isEqualTo(sent.get(0).body());
    CallbackDelivery paid = fake.journal().awaitCallback(CallbackKind.RESULT, WAIT);
    ResultCallback cb = Callbacks.parseResult(paid.body());
    assertThat(cb.originatorConversationId()).isEqualTo("reset-1");
    assertThat(B2cPaymentResult.from(cb).amount()).isEqualByComparingTo("700");
  }

  @Test
  void payloads_haveTheShapeOfDarajasSamples() {
    Acknowledgement paid = mpesa.b2c().pay(payment(10).build());
    Golden.assertSameShape(
        "b2c/acknowledgement.json", fake.journal().requests(B2cDesk.PAY_V3).get(0).responseJson());
    Golden.assertSameShape("results/b2c-success.json", world.callback(paid).json());

    try (MpesaClient stranger = fake.clientBuilder().initiator("nobody", "Secret#1").build()) {
      Acknowledgement failed = stranger.b2c().pay(payment(10).build());
      Golden.assertSameShape(
          "results/b2c-failure-initiator-invalid.json", world.callback(failed).json());
    }
  }
}
