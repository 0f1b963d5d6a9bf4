package dev.mpesa.testkit;

import static dev.mpesa.testkit.World.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpesa.MpesaClient;
import dev.mpesa.c2b.C2bRegisterUrlRequest;
import dev.mpesa.c2b.C2bSimulateRequest;
import dev.mpesa.c2b.C2bVersion;
import dev.mpesa.c2b.ResponseType;
import dev.mpesa.callback.C2bTransaction;
import dev.mpesa.callback.C2bValidationReply;
import dev.mpesa.callback.CallbackReply;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.callback.MsisdnKind;
import dev.mpesa.pull.PullTransaction;
import dev.mpesa.result.Acknowledgement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** C2B through the SDK against the fake: registration, simulation, validation, confirmation. */
class C2bEndToEndTest {
  private static final String SHORT_CODE = FakeDaraja.BUSINESS_SHORT_CODE;
  private static final String VALIDATE = "/c2b/validate";
  private static final String CONFIRM = "/c2b/confirm";

  // A URL nothing listens on: the receiver is started, its URL kept, then stopped.
  @AutoClose private final Receiver down = new Receiver();

  // Each test starts its own, with the validation and C2B version it is about.
  @AutoClose private World world;
  private FakeDaraja fake;
  private MpesaClient mpesa;
  private Receiver receiver;

  private void start(boolean externalValidation, C2bVersion version) {
    world =
        new World(
            b -> b.resultDelay(Duration.ofMillis(20)).externalValidation(externalValidation),
            c -> c.c2bVersion(version));
    fake = world.fake;
    mpesa = world.mpesa;
    receiver =
        world.receiver.answer(
            r -> Receiver.json(200, CallbackReply.confirmationReceived().toJson()));
  }

  private Acknowledgement register(ResponseType type, String validationUrl) {
    return mpesa
        .c2b()
        .registerUrls(
            C2bRegisterUrlRequest.builder()
                .shortCode(SHORT_CODE)
                .responseType(type)
                .confirmationUrl(receiver.url(CONFIRM))
                .validationUrl(validationUrl)
                .build());
  }

  private Acknowledgement pay(String billRef) {
    return mpesa
        .c2b()
        .simulate(
            C2bSimulateRequest.builder()
                .shortCode(SHORT_CODE)
                .amount(5)
                .phoneNumber(SandboxNumbers.PAYS)
                .billRefNumber(billRef)
                .build());
  }

  /** Validation answers by account number: {@code BAD...} rejected, others accepted. */
  private static MockResponse validatingReceiver(RecordedRequest r) {
    if (!r.getUrl().encodedPath().equals(VALIDATE)) {
      return Receiver.json(200, CallbackReply.confirmationReceived().toJson());
    }
    String body = r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8);
    C2bTransaction t = Callbacks.parseC2bValidation(body);
    C2bValidationReply reply =
        t.billRefNumber().startsWith("BAD")
            ? C2bValidationReply.reject(C2bValidationReply.RejectReason.INVALID_ACCOUNT_NUMBER)
            : C2bValidationReply.accept("INV-" + t.billRefNumber());
    return Receiver.json(200, reply.toJson());
  }

  private List<CallbackDelivery> confirmations() {
    return fake.journal().callbacks(CallbackKind.C2B_CONFIRMATION);
  }

  private CallbackDelivery awaitCallback(CallbackKind kind) {
    return fake.journal().awaitCallback(kind, WAIT);
  }

  @Test
  void simulate_validationOff_onlyConfirmationWithMaskedMsisdn() {
    start(false, C2bVersion.V2);
    register(ResponseType.COMPLETED, receiver.url(VALIDATE));
    // The sandbox lets a short code register again.
    Acknowledgement again = register(ResponseType.COMPLETED, receiver.url(VALIDATE));
    Acknowledgement ack = pay("ACC-1");

    CallbackDelivery delivery = awaitCallback(CallbackKind.C2B_CONFIRMATION);
    C2bTransaction t = Callbacks.parseC2bConfirmation(delivery.body());

    assertThat(again.responseCode()).isEqualTo("0");
    assertThat(ack.responseCode()).isEqualTo("0");
    assertThat(ack.originatorConversationId()).isNotBlank();
    assertThat(fake.journal().callbacks(CallbackKind.C2B_VALIDATION)).isEmpty();
    assertThat(delivery.url().getPath()).isEqualTo(CONFIRM);
    assertThat(delivery.correlationId()).isEqualTo(t.transId());
    assertThat(delivery.json().get("TransAmount").textValue()).isEqualTo("5.00");
    assertThat(t.amount()).isEqualByComparingTo("5");
    assertThat(t.transactionType()).isEqualTo("Pay Bill");
    assertThat(t.businessShortCode()).isEqualTo(SHORT_CODE);
    assertThat(t.billRefNumber()).isEqualTo("ACC-1");
    assertThat(t.orgAccountBalance()).isEqualByComparingTo("5");
    assertThat(t.thirdPartyTransId()).isEmpty();
    assertThat(t.msisdn()).isEqualTo("2547 ***** 149");
    assertThat(t.msisdnKind()).isEqualTo(MsisdnKind.MASKED);
    assertThat(t.transId()).matches("[A-Z0-9]{10}");
  }

  @Test
  void simulate_validationAccepts_validationThenConfirmationEchoingThirdPartyTransId() {
    start(true, C2bVersion.V2);
    receiver.answer(C2bEndToEndTest::validatingReceiver);
    register(ResponseType.CANCELLED, receiver.url(VALIDATE));
    pay("ACC-7");

    CallbackDelivery confirmation = awaitCallback(CallbackKind.C2B_CONFIRMATION);
    List<CallbackDelivery> all = fake.journal().callbacks();
    C2bTransaction validation = Callbacks.parseC2bValidation(all.get(0).body());
    C2bTransaction confirmed = Callbacks.parseC2bConfirmation(confirmation.body());

    assertThat(all)
        .extracting(CallbackDelivery::kind)
        .containsExactly(CallbackKind.C2B_VALIDATION, CallbackKind.C2B_CONFIRMATION);
    assertThat(all.get(0).url().getPath()).isEqualTo(VALIDATE);
    assertThat(all.get(0).json().get("OrgAccountBalance").textValue()).isEmpty();
    assertThat(validation.orgAccountBalance()).isNull();
    assertThat(validation.transId()).isEqualTo(confirmed.transId());
    assertThat(confirmed.thirdPartyTransId()).isEqualTo("INV-ACC-7");
    assertThat(confirmed.orgAccountBalance()).isEqualByComparingTo("5");
  }

  @Test
  void simulate_validationRejects_noConfirmationAndNoLedgerEntry() {
    start(true, C2bVersion.V2);
    receiver.answer(C2bEndToEndTest::validatingReceiver);
    register(ResponseType.COMPLETED, receiver.url(VALIDATE));
    world.registerPull(SHORT_CODE);

    pay("BAD-1");
    CallbackDelivery rejected = awaitCallback(CallbackKind.C2B_VALIDATION);
    // A later accepted payment: by its confirmation, the rejected one has long been decided.
    pay("GOOD-1");
    CallbackDelivery confirmed = awaitCallback(CallbackKind.C2B_CONFIRMATION);

    assertThat(rejected.responseBody()).contains("C2B00012");
    assertThat(confirmations()).hasSize(1);
    assertThat(confirmed.correlationId()).isNotEqualTo(rejected.correlationId());
    List<PullTransaction> rows = world.pullThisHour(SHORT_CODE, 0).transactions();
    assertThat(rows)
        .extracting(PullTransaction::transactionId)
        .containsExactly(confirmed.correlationId());
  }

  @Test
  void simulate_validationUrlDown_completedResponseTypeCompletes() {
    start(true, C2bVersion.V2);
    String deadUrl = down.url(VALIDATE);
    down.close();
    register(ResponseType.COMPLETED, deadUrl);
    pay("ACC-2");

    CallbackDelivery confirmation = awaitCallback(CallbackKind.C2B_CONFIRMATION);
    CallbackDelivery validation = fake.journal().callbacks(CallbackKind.C2B_VALIDATION).get(0);

    assertThat(validation.status()).isZero();
    assertThat(validation.error()).isNotNull();
    assertThat(Callbacks.parseC2bConfirmation(confirmation.body()).thirdPartyTransId()).isEmpty();
  }

  @Test
  void simulate_validationUrlDown_cancelledResponseTypeCancelsSilently() {
    start(true, C2bVersion.V2);
    String deadUrl = down.url(VALIDATE);
    down.close();
    register(ResponseType.CANCELLED, deadUrl);
    pay("ACC-3");
    CallbackDelivery failed = awaitCallback(CallbackKind.C2B_VALIDATION);

    receiver.answer(C2bEndToEndTest::validatingReceiver);
    register(ResponseType.CANCELLED, receiver.url(VALIDATE));
    pay("ACC-4");
    CallbackDelivery confirmed = awaitCallback(CallbackKind.C2B_CONFIRMATION);

    assertThat(failed.status()).isZero();
    assertThat(confirmations()).containsExactly(confirmed);
    assertThat(Callbacks.parseC2bConfirmation(confirmed.body()).billRefNumber()).isEqualTo("ACC-4");
  }

  @Test
  void simulate_validationAnswers500_cancelledResponseTypeCancels() {
    start(true, C2bVersion.V2);
    receiver.answer(
        r ->
            r.getUrl().encodedPath().equals(VALIDATE)
                    && r.getBody().string(StandardCharsets.UTF_8).contains("ACC-5")
                ? Receiver.json(500, "{}")
                : validatingReceiver(r));
    register(ResponseType.CANCELLED, receiver.url(VALIDATE));
    pay("ACC-5");
    CallbackDelivery failed = awaitCallback(CallbackKind.C2B_VALIDATION);
    pay("ACC-6");
    CallbackDelivery confirmed = awaitCallback(CallbackKind.C2B_CONFIRMATION);

    assertThat(failed.status()).isEqualTo(500);
    assertThat(confirmations()).containsExactly(confirmed);
  }

  @Test
  void simulate_v1_callbacksCarrySha256OfTheNumber() throws Exception {
    start(false, C2bVersion.V1);
    register(ResponseType.COMPLETED, receiver.url(VALIDATE));
    mpesa
        .c2b()
        .simulate(
            C2bSimulateRequest.builder()
                .shortCode(SHORT_CODE)
                .amount(1500)
                .phoneNumber(SandboxNumbers.PAYS)
                .buyGoods()
                .build());

    CallbackDelivery delivery = awaitCallback(CallbackKind.C2B_CONFIRMATION);
    C2bTransaction t = Callbacks.parseC2bConfirmation(delivery.body());
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(SandboxNumbers.PAYS.getBytes(StandardCharsets.US_ASCII)));

    assertThat(fake.journal().requests(C2bDesk.REGISTER_V1)).hasSize(1);
    assertThat(t.msisdn()).isEqualTo(expected);
    assertThat(t.msisdnKind()).isEqualTo(MsisdnKind.HASHED);
    assertThat(t.transactionType()).isEqualTo("Buy Goods");
    assertThat(t.billRefNumber()).isEmpty();
    Golden.assertSameShape("callbacks/c2b-v1-confirmation.json", delivery.json());
  }

  @Test
  void simulate_unregisteredShortCode_completesWithoutCallbacks() {
    start(false, C2bVersion.V2);
    register(ResponseType.COMPLETED, receiver.url(VALIDATE));
    world.registerPull("600111");
    mpesa
        .c2b()
        .simulate(
            C2bSimulateRequest.builder()
                .shortCode("600111")
                .amount(9)
                .phoneNumber(SandboxNumbers.PAYS)
                .billRefNumber("ACC-9")
                .build());
    pay("ACC-10");
    awaitCallback(CallbackKind.C2B_CONFIRMATION);

    List<PullTransaction> rows = world.pullThisHour("600111", 0).transactions();
    assertThat(fake.journal().callbacks()).hasSize(1);
    assertThat(rows)
        .singleElement()
        .satisfies(r -> assertThat(r.billReference()).isEqualTo("ACC-9"));
  }

  @Test
  void payloads_haveTheShapeOfDarajasSamples() {
    start(true, C2bVersion.V2);
    receiver.answer(C2bEndToEndTest::validatingReceiver);
    register(ResponseType.COMPLETED, receiver.url(VALIDATE));
    pay("Sample Transaction");

    CallbackDelivery confirmation = awaitCallback(CallbackKind.C2B_CONFIRMATION);
    Golden.assertSameShape(
        "callbacks/c2b-v2-validation.json",
        fake.journal().callbacks(CallbackKind.C2B_VALIDATION).get(0).json());
    Golden.assertSameShape("callbacks/c2b-v2-confirmation.json", confirmation.json());
    Golden.assertSameShape(
        "c2b/register-response.json",
        fake.journal().requests(C2bDesk.REGISTER_V2).get(0).responseJson());
    Golden.assertSameShape(
        "c2b/simulate-response.json",
        fake.journal().requests(C2bDesk.SIMULATE_V2).get(0).responseJson());
  }
}
