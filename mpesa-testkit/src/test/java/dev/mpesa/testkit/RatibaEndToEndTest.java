package dev.mpesa.testkit;

import static dev.mpesa.testkit.World.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.MpesaClient;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.callback.StandingOrderCallback;
import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.ratiba.Frequency;
import dev.mpesa.ratiba.RatibaSettings;
import dev.mpesa.ratiba.StandingOrderRequest;
import dev.mpesa.ratiba.StandingOrderResponse;
import dev.mpesa.ratiba.TransactionTypeNaming;
import dev.mpesa.result.PaymentStatus;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** M-Pesa Ratiba through the SDK against the fake: acceptance, PIN prompt, callback. */
class RatibaEndToEndTest {
  @AutoClose
  private final World world =
      new World(
          b -> b.customerResponseTime(Duration.ofMillis(20)).promptTimeout(Duration.ofMillis(50)));

  private final FakeDaraja fake = world.fake;
  private final Receiver receiver = world.receiver;
  private final MpesaClient mpesa = world.mpesa;

  private static StandingOrderRequest.Builder order(String name, String phone) {
    LocalDate today = LocalDate.now(ZoneId.of("Africa/Nairobi"));
    return StandingOrderRequest.builder()
        .standingOrderName(name)
        .startDate(today)
        .endDate(today.plusYears(1))
        .amount(4500)
        .phoneNumber(phone)
        .accountReference("Test")
        .description("Test")
        .frequency(Frequency.MONTHLY);
  }

  private StandingOrderResponse create(MpesaClient client, StandingOrderRequest.Builder order) {
    return client
        .ratiba()
        .createStandingOrder(order.callbackUrl(receiver.url("/ratiba/result")).build());
  }

  @Test
  void createStandingOrder_payingCustomer_lowercaseSuccessCallback() {
    StandingOrderResponse ack = create(mpesa, order("Rent", SandboxNumbers.PAYS));

    CallbackDelivery delivery = fake.journal().awaitCallback(ack.responseRefId(), WAIT);
    StandingOrderCallback cb = Callbacks.parseStandingOrder(delivery.body());

    assertThat(ack.responseCode()).isEqualTo("200");
    assertThat(delivery.kind()).isEqualTo(CallbackKind.STANDING_ORDER);
    assertThat(delivery.json().has("responseHeader")).isTrue();
    assertThat(cb.isSuccess()).isTrue();
    assertThat(cb.requestRefId()).isEqualTo(ack.responseRefId());
    assertThat(cb.transactionId()).matches("[A-Z0-9]{10}");
    assertThat(cb.statusText()).isEqualTo("OKAY");
    assertThat(cb.msisdn()).isEqualTo("254******149");
    Golden.assertSameShape(
        "ratiba/create-response.json",
        fake.journal().requests(RatibaDesk.CREATE).get(0).responseJson());
    Golden.assertSameShape("callbacks/ratiba-callback-success.json", delivery.json());
  }

  @Test
  void createStandingOrder_cancellingCustomer_pascalCaseFailureCallback() {
    StandingOrderResponse ack = create(mpesa, order("Rent", SandboxNumbers.CANCELS));

    CallbackDelivery delivery = fake.journal().awaitCallback(ack.responseRefId(), WAIT);
    StandingOrderCallback cb = Callbacks.parseStandingOrder(delivery.body());

    assertThat(delivery.json().has("ResponseHeader")).isTrue();
    assertThat(cb.resultCode().value()).isEqualTo("1032");
    assertThat(cb.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(cb.transactionId()).isEqualTo("0000000000");
    assertThat(cb.statusText()).isEqualTo("ERROR");
    Golden.assertSameShape("callbacks/ratiba-callback-failure.json", delivery.json());
  }

  @Test
  void createStandingOrder_customerNeverAnswers_1037() {
    StandingOrderResponse ack = create(mpesa, order("Rent", SandboxNumbers.NEVER_ANSWERS));

    StandingOrderCallback cb =
        Callbacks.parseStandingOrder(
            fake.journal().awaitCallback(ack.responseRefId(), WAIT).body());

    assertThat(cb.resultCode().value()).isEqualTo("1037");
    assertThat(cb.resultDesc()).isEqualTo("DS timeout user cannot be reached");
  }

  @Test
  void createStandingOrder_sameNameForSameCustomer_refusedWith1050() {
    fake.customer(SandboxNumbers.PAYS).paysAfter(Duration.ofSeconds(30));
    create(mpesa, order("School fees", SandboxNumbers.PAYS));

    assertThatThrownBy(() -> create(mpesa, order("School fees", SandboxNumbers.PAYS)))
        .isInstanceOf(DuplicateRequestException.class);
    // Another customer may use the name.
    assertThat(create(mpesa, order("School fees", "254708374160")).responseCode()).isEqualTo("200");
    Golden.assertSameShape(
        "ratiba/create-response-duplicate-name.json",
        fake.journal().requests(RatibaDesk.CREATE).get(1).responseJson());
  }

  @Test
  void createStandingOrder_afterFailedPrompt_nameIsFreeAgain() {
    fake.customer(SandboxNumbers.PAYS).willCancel();
    StandingOrderResponse first = create(mpesa, order("Gym", SandboxNumbers.PAYS));
    fake.journal().awaitCallback(first.responseRefId(), WAIT);
    fake.customer(SandboxNumbers.PAYS).pays();

    StandingOrderResponse second = create(mpesa, order("Gym", SandboxNumbers.PAYS));

    assertThat(
            Callbacks.parseStandingOrder(
                    fake.journal().awaitCallback(second.responseRefId(), WAIT).body())
                .isSuccess())
        .isTrue();
  }

  @Test
  void createStandingOrder_externalThirdPartyNamingToTill_isAccepted() {
    try (MpesaClient other =
        fake.clientBuilder()
            .ratibaSettings(
                RatibaSettings.builder()
                    .transactionTypeNaming(TransactionTypeNaming.EXTERNAL_THIRD_PARTY)
                    .build())
            .build()) {
      StandingOrderResponse ack =
          create(other, order("Milk", SandboxNumbers.PAYS).buyGoods("373132"));

      assertThat(
              fake.journal()
                  .requests(RatibaDesk.CREATE)
                  .get(0)
                  .json()
                  .get("TransactionType")
                  .asText())
          .isEqualTo("Standing Order Pay Merchant External Third Party");
      assertThat(
              Callbacks.parseStandingOrder(
                      fake.journal().awaitCallback(ack.responseRefId(), WAIT).body())
                  .isSuccess())
          .isTrue();
    }
  }
}
