package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpesa.MpesaClient;
import dev.mpesa.c2b.C2bRegisterUrlRequest;
import dev.mpesa.c2b.C2bSimulateRequest;
import dev.mpesa.c2b.ResponseType;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.callback.ResultCallback;
import dev.mpesa.callback.StkCallback;
import dev.mpesa.pull.PullQueryRequest;
import dev.mpesa.pull.PullQueryResponse;
import dev.mpesa.pull.PullRegisterRequest;
import dev.mpesa.pull.PullRegisterResponse;
import dev.mpesa.result.Acknowledgement;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.stk.StkPushResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.function.Consumer;

/**
 * What an end-to-end test runs in: a started {@link FakeDaraja}, an integrator's callback {@link
 * Receiver} and an SDK client on the fake. A test class holds one per test and lets JUnit close it:
 *
 * <pre>{@code
 * @AutoClose private final World world = new World(b -> b.resultDelay(Duration.ofMillis(20)));
 * private final FakeDaraja fake = world.fake;
 * }</pre>
 */
final class World implements AutoCloseable {
  /** How long a test waits for a callback. */
  static final Duration WAIT = Duration.ofSeconds(10);

  final FakeDaraja fake;
  final Receiver receiver;
  final MpesaClient mpesa;

  /** A fake configured by {@code settings}, and a client with the fake's defaults. */
  World(Consumer<FakeDaraja.Builder> settings) {
    this(settings, client -> {});
  }

  /** A fake configured by {@code settings}, and a client configured by {@code client}. */
  World(Consumer<FakeDaraja.Builder> settings, Consumer<MpesaClient.Builder> client) {
    FakeDaraja.Builder builder = FakeDaraja.builder();
    settings.accept(builder);
    fake = builder.start();
    try {
      receiver = new Receiver();
      try {
        MpesaClient.Builder clientBuilder = fake.clientBuilder();
        client.accept(clientBuilder);
        mpesa = clientBuilder.build();
      } catch (RuntimeException e) {
        receiver.close();
        throw e;
      }
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
  }

  /** Waits for the callback that ends {@code ack}: its Result, or its queue-timeout notice. */
  CallbackDelivery callback(Acknowledgement ack) {
    return fake.journal().awaitCallback(ack.conversationId(), WAIT);
  }

  /** Waits for the callback that ends {@code ack} and checks it is a Result. */
  CallbackDelivery resultDelivery(Acknowledgement ack) {
    CallbackDelivery delivery = callback(ack);
    assertThat(delivery.kind()).isEqualTo(CallbackKind.RESULT);
    return delivery;
  }

  /** Waits for the Result of {@code ack}, checks it is one, and parses it. */
  ResultCallback result(Acknowledgement ack) {
    return Callbacks.parseResult(resultDelivery(ack).body());
  }

  /**
   * The sandbox customer pays {@code amount} to {@link FakeDaraja#SHORT_CODE} by M-Pesa Express,
   * account {@code ORD-9}; returns the callback once it came.
   */
  StkCallback stkPayment(long amount) {
    StkPushResponse ack =
        mpesa
            .stk()
            .push(
                StkPushRequest.builder()
                    .phoneNumber(SandboxNumbers.PAYS)
                    .amount(amount)
                    .accountReference("ORD-9")
                    .description("Order 9")
                    .callbackUrl(receiver.url("/stk"))
                    .build());
    return Callbacks.parseStk(fake.journal().awaitCallback(ack.checkoutRequestId(), WAIT).body());
  }

  /** Registers C2B URLs for {@code shortCode} on the receiver, completing when validation fails. */
  void registerC2bUrls(String shortCode) {
    mpesa
        .c2b()
        .registerUrls(
            C2bRegisterUrlRequest.builder()
                .shortCode(shortCode)
                .responseType(ResponseType.COMPLETED)
                .confirmationUrl(receiver.url("/c2b/confirm"))
                .validationUrl(receiver.url("/c2b/validate"))
                .build());
  }

  /** The sandbox customer pays {@code amount} to pay bill {@code shortCode}, {@code account}. */
  void c2bPayment(String shortCode, String account, long amount) {
    mpesa
        .c2b()
        .simulate(
            C2bSimulateRequest.builder()
                .shortCode(shortCode)
                .amount(amount)
                .phoneNumber(SandboxNumbers.PAYS)
                .billRefNumber(account)
                .build());
  }

  /** Registers {@code shortCode} for Pull Transactions, with its callback on the receiver. */
  PullRegisterResponse registerPull(String shortCode) {
    return mpesa
        .pull()
        .register(
            PullRegisterRequest.builder()
                .shortCode(shortCode)
                .nominatedNumber("0708374149")
                .callbackUrl(receiver.url("/pull/callback"))
                .build());
  }

  /**
   * Pull Transactions for {@code shortCode} from an hour ago to an hour on, {@code offset} rows in.
   */
  PullQueryResponse pullThisHour(String shortCode, long offset) {
    LocalDateTime now = LocalDateTime.now(ZoneId.of("Africa/Nairobi"));
    return mpesa
        .pull()
        .query(
            PullQueryRequest.builder()
                .shortCode(shortCode)
                .startDate(now.minusHours(1))
                .endDate(now.plusHours(1))
                .offset(offset)
                .build());
  }

  @Override
  public void close() {
    mpesa.close();
    receiver.close();
    fake.close();
  }
}
