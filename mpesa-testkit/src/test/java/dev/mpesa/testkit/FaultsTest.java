package dev.mpesa.testkit;

import static dev.mpesa.testkit.World.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.MpesaClient;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.stk.StkPushResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Fault injection, seen through the SDK: each fault does what Daraja (or the network) does, and the
 * SDK reacts as its idempotency rules say. RELIABILITY.md: R4 (invalid-token recovery: expired
 * tokens, INVALID_TOKEN), R9 (no blind retry of money-moving calls: resets, 5xx and latency on the
 * push), R10 (safe retries: query), R11 (throttling retried), A.5 and A.6 (lost and duplicate
 * callbacks; a query still knows the outcome).
 */
class FaultsTest {
  private static final String PUSH = StkDesk.PUSH;
  private static final String QUERY = StkDesk.QUERY;

  @AutoClose
  private final World world =
      new World(
          b -> b.customerResponseTime(Duration.ofMillis(20)),
          c -> c.sleeper(d -> {}).readTimeout(Duration.ofSeconds(2)));

  private final FakeDaraja fake = world.fake;
  private final Receiver receiver = world.receiver;
  private final MpesaClient mpesa = world.mpesa;

  private StkPushResponse push() {
    return mpesa
        .stk()
        .push(
            StkPushRequest.builder()
                .phoneNumber(SandboxNumbers.PAYS)
                .amount(10)
                .accountReference("ORD-7")
                .callbackUrl(receiver.url("/payments/stk"))
                .build());
  }

  private List<Fault> faultsSeen(String path) {
    return fake.journal().requests(path).stream().map(ReceivedRequest::fault).toList();
  }

  @Test
  void throttled_push_isRetriedAndSucceeds() {
    fake.faults().failNext(1, Fault.THROTTLED);

    StkPushResponse ack = push();

    assertThat(ack.checkoutRequestId()).startsWith("ws_CO_");
    assertThat(faultsSeen(PUSH)).containsExactly(Fault.THROTTLED, null);
    assertThat(fake.journal().requests(PUSH).get(0).responseJson().get("errorCode").asText())
        .isEqualTo("500.003.02");
  }

  @Test
  void resetAfterProcessing_push_raisesOutcomeUnknownAndIsNotResent() {
    fake.faults().failNext(1, Fault.RESET_AFTER_PROCESSING, PUSH);

    assertThatThrownBy(this::push).isInstanceOf(OutcomeUnknownException.class);

    assertThat(fake.journal().requests(PUSH)).hasSize(1);
    // The push did happen: the customer paid and the callback came.
    CallbackDelivery cb = fake.journal().awaitCallback(CallbackKind.STK, WAIT);
    assertThat(cb.json().at("/Body/stkCallback/ResultCode").asInt()).isZero();
  }

  @Test
  void resetBeforeProcessing_query_isRetried() {
    StkPushResponse ack = push();
    fake.journal().awaitCallback(ack.checkoutRequestId(), WAIT);
    fake.faults().failNext(1, Fault.RESET_BEFORE_PROCESSING, QUERY);

    assertThat(mpesa.stk().query(ack.checkoutRequestId()).status())
        .isEqualTo(PaymentStatus.COMPLETED);
    assertThat(faultsSeen(QUERY)).containsExactly(Fault.RESET_BEFORE_PROCESSING, null);
  }

  @Test
  void serverErrorOrGatewayPage_query_isRetried() {
    StkPushResponse ack = push();
    fake.faults().failNext(1, Fault.SERVER_ERROR).failNext(1, Fault.GATEWAY_PAGE);

    mpesa.stk().query(ack.checkoutRequestId());

    assertThat(faultsSeen(QUERY)).containsExactly(Fault.SERVER_ERROR, Fault.GATEWAY_PAGE, null);
  }

  @Test
  void serverError_push_isNotResent() {
    fake.faults().failNext(1, Fault.SERVER_ERROR, PUSH);

    assertThatThrownBy(this::push).isInstanceOf(MpesaException.class);

    assertThat(fake.journal().requests(PUSH)).hasSize(1);
    assertThat(fake.journal().callbacks()).isEmpty();
  }

  @Test
  void latencyPastReadTimeout_push_isOutcomeUnknownYetTheCustomerIsPrompted() {
    fake.journal().awaitCallback(push().checkoutRequestId(), WAIT); // token cached, phone free
    fake.faults().latency(Duration.ofSeconds(3));

    assertThatThrownBy(this::push).isInstanceOf(OutcomeUnknownException.class);

    fake.faults().latency(Duration.ZERO);
    assertThat(fake.journal().requests(PUSH)).hasSize(2);
    assertThat(fake.journal().awaitCallbacks(c -> c.kind() == CallbackKind.STK, 2, WAIT))
        .allMatch(CallbackDelivery::acknowledged);
  }

  @Test
  void expiredTokens_sdkRefreshesOnceAndReplays() {
    push();
    fake.faults().expireTokens();

    push();

    assertThat(fake.journal().requests(FakeDaraja.OAUTH_PATH)).hasSize(2);
    assertThat(fake.journal().requests(PUSH).stream().map(ReceivedRequest::status))
        .containsExactly(200, 404, 200);
  }

  @Test
  void invalidTokenFault_sdkRefreshesOnceAndReplays() {
    fake.faults().failNext(1, Fault.INVALID_TOKEN, PUSH);

    push();

    assertThat(faultsSeen(PUSH)).containsExactly(Fault.INVALID_TOKEN, null);
    assertThat(fake.journal().requests(FakeDaraja.OAUTH_PATH)).hasSize(2);
  }

  @Test
  void productNotEnabled_raisesAuthenticationException() {
    fake.faults().failNext(2, Fault.PRODUCT_NOT_ENABLED, PUSH);

    assertThatThrownBy(this::push).isInstanceOf(AuthenticationException.class);
    assertThat(fake.journal().callbacks()).isEmpty();
  }

  @Test
  void duplicateCallbacks_deliverEachCallbackTwice() {
    fake.faults().duplicateCallbacks(true);

    StkPushResponse ack = push();

    List<CallbackDelivery> two =
        fake.journal()
            .awaitCallbacks(c -> ack.checkoutRequestId().equals(c.correlationId()), 2, WAIT);
    assertThat(two.get(0).body()).isEqualTo(two.get(1).body());
  }

  @Test
  void droppedCallbacks_areJournaledButNeverSent_andQueryStillKnows() {
    fake.faults().dropCallbacks(true);

    StkPushResponse ack = push();

    CallbackDelivery dropped = fake.journal().awaitCallback(ack.checkoutRequestId(), WAIT);
    assertThat(dropped.dropped()).isTrue();
    assertThat(dropped.status()).isZero();
    assertThat(mpesa.stk().query(ack.checkoutRequestId()).status())
        .isEqualTo(PaymentStatus.COMPLETED);
  }

  @Test
  void oauthFault_onlyWhenItsPathIsNamed() {
    fake.faults().failNext(1, Fault.SERVER_ERROR, FakeDaraja.OAUTH_PATH);

    push();

    assertThat(faultsSeen(FakeDaraja.OAUTH_PATH)).containsExactly(Fault.SERVER_ERROR, null);
  }
}
