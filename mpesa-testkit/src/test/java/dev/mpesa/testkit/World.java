package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpesa.MpesaClient;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.callback.ResultCallback;
import dev.mpesa.result.Acknowledgement;
import java.time.Duration;
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

  @Override
  public void close() {
    mpesa.close();
    receiver.close();
    fake.close();
  }
}
