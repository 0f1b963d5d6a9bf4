package dev.mpesa.testkit;

import static dev.mpesa.testkit.World.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mpesa.RetrySettings;
import dev.mpesa.b2c.B2cCommand;
import dev.mpesa.b2c.B2cPaymentRequest;
import dev.mpesa.error.CircuitOpenException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.MpesaNetworkException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.error.ThrottledException;
import dev.mpesa.stk.StkPushRequest;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loop a hurried integrator writes: catch what the README calls safe to retry ({@link
 * MpesaNetworkException}, {@link ThrottledException}, {@link CircuitOpenException}) and send again,
 * building a fresh request each time. Under a reset after Daraja processed the payment it must
 * still pay once, with the SDK's retries on or off, because an unknown outcome is none of those
 * types (RELIABILITY.md R9).
 */
class NaiveRetryLoopTest {

  /** Sends {@code call} up to 3 times while it fails with a type the README calls retryable. */
  private static <T> T naiveRetry(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (MpesaNetworkException | ThrottledException | CircuitOpenException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private static World world(boolean sdkRetries) {
    return new World(
        b -> {},
        c -> {
          c.sleeper(d -> {});
          if (!sdkRetries) {
            c.retry(RetrySettings.disabled());
          }
        });
  }

  /** Requests Daraja processed: answered 200, or reset after processing. */
  private static long processed(World world, String path) {
    List<ReceivedRequest> requests = world.fake.journal().requests(path);
    return requests.stream()
        .filter(r -> r.status() == 200 || r.fault() == Fault.RESET_AFTER_PROCESSING)
        .count();
  }

  @ParameterizedTest(name = "SDK retries on: {0}")
  @ValueSource(booleans = {true, false})
  void stkPush_resetAfterProcessing_naiveLoopPaysOnce(boolean sdkRetries) {
    try (World world = world(sdkRetries)) {
      world.fake.faults().failNext(1, Fault.RESET_AFTER_PROCESSING, StkDesk.PUSH);

      Throwable thrown =
          catchThrowable(
              () ->
                  naiveRetry(
                      () ->
                          world
                              .mpesa
                              .stk()
                              .push(
                                  StkPushRequest.builder()
                                      .phoneNumber(SandboxNumbers.PAYS)
                                      .amount(10)
                                      .accountReference("ORD-9")
                                      .callbackUrl(world.receiver.url("/payments/stk"))
                                      .build())));

      assertThat(thrown).isInstanceOf(OutcomeUnknownException.class);
      assertThat(thrown).isInstanceOf(MpesaException.class);
      assertThat(thrown).isNotInstanceOf(MpesaNetworkException.class);
      assertThat(world.fake.journal().requests(StkDesk.PUSH)).hasSize(1);
      assertThat(processed(world, StkDesk.PUSH)).isEqualTo(1);
      CallbackDelivery paid = world.fake.journal().awaitCallback(CallbackKind.STK, WAIT);
      assertThat(paid.json().at("/Body/stkCallback/ResultCode").asInt()).isZero();
    }
  }

  @ParameterizedTest(name = "SDK retries on: {0}")
  @ValueSource(booleans = {true, false})
  void b2cPay_resetAfterProcessing_naiveLoopPaysOnce(boolean sdkRetries) {
    try (World world = world(sdkRetries)) {
      world.fake.faults().failNext(1, Fault.RESET_AFTER_PROCESSING, B2cDesk.PAY_V3);

      Throwable thrown =
          catchThrowable(
              () ->
                  naiveRetry(
                      () ->
                          world
                              .mpesa
                              .b2c()
                              .pay(
                                  B2cPaymentRequest.builder()
                                      .command(B2cCommand.BUSINESS_PAYMENT)
                                      .amount(700)
                                      .partyA(FakeDaraja.BUSINESS_SHORT_CODE)
                                      .phoneNumber(SandboxNumbers.PAYS)
                                      .remarks("Refund")
                                      .resultUrl(world.receiver.url("/b2c/result"))
                                      .queueTimeoutUrl(world.receiver.url("/b2c/timeout"))
                                      .build())));

      // With its own retries the SDK resends the same OriginatorConversationID and Daraja refuses
      // the duplicate; without them the caller gets the unknown outcome. Never a second payment.
      assertThat(thrown)
          .isInstanceOfAny(
              OutcomeUnknownException.class, dev.mpesa.error.DuplicateRequestException.class);
      assertThat(processed(world, B2cDesk.PAY_V3)).isEqualTo(1);
      CallbackDelivery paid = world.fake.journal().awaitCallback(CallbackKind.RESULT, WAIT);
      assertThat(paid.json().at("/Result/ResultCode").asInt()).isZero();
    }
  }
}
