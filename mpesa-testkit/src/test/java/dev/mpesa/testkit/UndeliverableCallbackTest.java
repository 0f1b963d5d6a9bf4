package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mpesa.MpesaClient;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.stk.StkPushResponse;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A callback nobody receives is said out loud, and {@link CallbackReceiver} receives them. */
class UndeliverableCallbackTest {

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void callbackToAClosedPort_isLoggedAtWarnWithItsUrlAndError() throws Exception {
    Logger courier = (Logger) LoggerFactory.getLogger(Courier.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Level before = courier.getLevel();
    courier.setLevel(Level.WARN);
    courier.addAppender(appender);
    String url = "http://127.0.0.1:" + freePort() + "/payments/stk";
    try (FakeDaraja fake = FakeDaraja.builder().start();
        MpesaClient mpesa = fake.clientBuilder().build()) {
      StkPushResponse ack =
          mpesa
              .stk()
              .push(
                  StkPushRequest.builder()
                      .phoneNumber(SandboxNumbers.PAYS)
                      .amount(1)
                      .accountReference("ORD-1")
                      .callbackUrl(url)
                      .build());

      CallbackDelivery delivery =
          fake.journal().awaitCallback(ack.checkoutRequestId(), Duration.ofSeconds(10));

      assertThat(delivery.status()).isZero();
    } finally {
      courier.detachAppender(appender);
      courier.setLevel(before);
    }
    assertThat(appender.list)
        .anySatisfy(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.WARN);
              assertThat(e.getFormattedMessage())
                  .contains(url)
                  .contains("could not be delivered")
                  .contains("Exception");
            });
  }

  @Test
  void callbackReceiver_acknowledgesAndKeepsTheBody() {
    try (FakeDaraja fake = FakeDaraja.builder().start();
        CallbackReceiver app = CallbackReceiver.start();
        MpesaClient mpesa = fake.clientBuilder().build()) {
      StkPushResponse ack =
          mpesa
              .stk()
              .push(
                  StkPushRequest.builder()
                      .phoneNumber(SandboxNumbers.PAYS)
                      .amount(1)
                      .accountReference("ORD-1")
                      .callbackUrl(app.url("/payments/stk"))
                      .build());

      CallbackDelivery delivery =
          fake.journal().awaitCallback(ack.checkoutRequestId(), Duration.ofSeconds(10));

      assertThat(delivery.status()).isEqualTo(200);
      assertThat(delivery.acknowledged()).isTrue();
      assertThat(app.bodies()).singleElement().asString().contains(ack.checkoutRequestId());
    }
  }

  @Test
  void shownUrl_shortensLongSegmentsSuchAsSignedTokens() {
    assertThat(
            Courier.shown(
                java.net.URI.create(
                    "https://shop.example/payments/callback/AQAAAAAAAE9SRC0xq83vEjRWeJCrze8SNFZ4kA?x=1")))
        .isEqualTo("https://shop.example/payments/callback/AQAAAA...");
  }
}
