package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.b2c.B2cCommand;
import dev.mpesa.b2c.B2cPaymentRequest;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.error.SubscriberBusyException;
import dev.mpesa.stk.StkPushRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Each customer script and builder setting does what its Javadoc says. */
class SettingsAndScriptsTest {
  private static final String OTHER_PASSKEY = "0123456789abcdef0123456789abcdef";

  @AutoClose
  private final World world =
      new World(
          b ->
              b.customerResponseTime(Duration.ofMillis(10))
                  .app("second-app", "second-secret")
                  .stkShortCode("654321", OTHER_PASSKEY)
                  .initiator("payroll-api"));

  private final FakeDaraja fake = world.fake;

  private String push(MpesaClient mpesa, String phone) {
    return mpesa
        .stk()
        .push(
            StkPushRequest.builder()
                .phoneNumber(phone)
                .amount(10)
                .accountReference("S-1")
                .callbackUrl(world.receiver.url("/payments/stk"))
                .build())
        .checkoutRequestId();
  }

  private String resultCodeOf(String checkoutRequestId) {
    return Callbacks.parseStk(fake.journal().awaitCallback(checkoutRequestId, World.WAIT).body())
        .resultCode()
        .value();
  }

  @Test
  void customerScripts_eachEndWithTheirDocumentedCode() {
    Map<String, java.util.function.Consumer<Customer>> scripts =
        Map.of(
            "0", Customer::pays,
            "1", Customer::lacksFunds,
            "1032", Customer::willCancel,
            "1037", Customer::neverAnswers,
            "2001", Customer::entersWrongPin);
    int n = 0;
    for (Map.Entry<String, java.util.function.Consumer<Customer>> e : scripts.entrySet()) {
      String phone = "25471200000" + n++;
      Customer customer = fake.customer(phone);
      e.getValue().accept(customer);
      customer.after(Duration.ofMillis(10));

      assertThat(resultCodeOf(push(world.mpesa, phone))).as(e.getKey()).isEqualTo(e.getKey());
    }
  }

  @Test
  void isBusy_refusesThePush_andResetLetsItThrough() {
    Customer customer = fake.customer("0712000009").isBusy();

    assertThatThrownBy(() -> push(world.mpesa, "254712000009"))
        .isInstanceOf(SubscriberBusyException.class);
    customer.reset();
    assertThat(resultCodeOf(push(world.mpesa, "254712000009"))).isEqualTo("0");
  }

  @Test
  void builder_extraAppAndShortCode_areAccepted() {
    try (MpesaClient other =
        MpesaClient.builder()
            .environment(Environment.SANDBOX)
            .baseUrl(fake.baseUrl())
            .consumerKey("second-app")
            .consumerSecret("second-secret")
            .shortCode("654321")
            .passkey(OTHER_PASSKEY)
            .build()) {
      assertThat(resultCodeOf(push(other, SandboxNumbers.PAYS))).isEqualTo("0");
    }
  }

  @Test
  void quotaExceeded_isAnsweredWithItsCode_thenTheCallGoesThrough() {
    fake.faults().failNext(1, Fault.QUOTA_EXCEEDED, StkDesk.QUERY);
    String id = push(world.mpesa, SandboxNumbers.PAYS);

    world.mpesa.stk().query(id);

    ReceivedRequest first = fake.journal().requests(StkDesk.QUERY).get(0);
    assertThat(first.fault()).isEqualTo(Fault.QUOTA_EXCEEDED);
    assertThat(first.responseJson().get("errorCode").asText()).isEqualTo("500.003.03");
  }

  @Test
  void faultsAndJournal_clear_forgetEverything() {
    fake.faults().failNext(3, Fault.THROTTLED).latency(Duration.ofSeconds(5)).dropCallbacks(true);
    fake.faults().clear();
    String id = push(world.mpesa, SandboxNumbers.PAYS);

    assertThat(fake.journal().awaitCallback(id, World.WAIT).dropped()).isFalse();
    assertThat(fake.journal().requests(StkDesk.PUSH))
        .extracting(ReceivedRequest::fault)
        .containsOnlyNulls();
    fake.journal().clear();
    assertThat(fake.journal().requests()).isEmpty();
    assertThat(fake.journal().callbacks()).isEmpty();
  }

  @Test
  void builder_extraInitiator_isAcceptedInTheResult() {
    try (MpesaClient payroll = fake.clientBuilder().initiator("payroll-api", "Secret#1").build()) {
      var ack =
          payroll
              .b2c()
              .pay(
                  B2cPaymentRequest.builder()
                      .command(B2cCommand.SALARY_PAYMENT)
                      .amount(100)
                      .partyA(FakeDaraja.BUSINESS_SHORT_CODE)
                      .phoneNumber(SandboxNumbers.PAYS)
                      .remarks("Salary")
                      .resultUrl(world.receiver.url("/b2c/result"))
                      .queueTimeoutUrl(world.receiver.url("/b2c/timeout"))
                      .build());

      assertThat(world.result(ack).resultCode().value()).isEqualTo("0");
    }
  }
}
