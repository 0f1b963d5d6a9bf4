package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpesa.MpesaClient;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.stk.StkPushResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's JUnit example, kept compiling and passing (the README points the callback at the app
 * under test; here a {@link Receiver} plays it).
 */
@ExtendWith(FakeDarajaExtension.class)
class ReadmeExampleTest {
  private final Receiver app = new Receiver();

  @AfterEach
  void stopApp() {
    app.close();
  }

  @Test
  void cancelledPrompt_isReportedAsCancelled(FakeDaraja fake) {
    fake.customer("254712345678").cancelsAfter(Duration.ofMillis(100));
    try (MpesaClient mpesa = fake.clientBuilder().build()) {
      StkPushResponse ack =
          mpesa
              .stk()
              .push(
                  StkPushRequest.builder()
                      .phoneNumber("0712345678")
                      .amount(850)
                      .accountReference("ORD-1")
                      .callbackUrl(app.url("/payments/stk"))
                      .build());

      CallbackDelivery cb =
          fake.journal().awaitCallback(ack.checkoutRequestId(), Duration.ofSeconds(5));
      assertThat(Callbacks.parseStk(cb.body()).status()).isEqualTo(PaymentStatus.CANCELLED);
      assertThat(cb.status()).isEqualTo(200); // the app acknowledged it
      assertThat(mpesa.stk().query(ack.checkoutRequestId()).status())
          .isEqualTo(PaymentStatus.CANCELLED);
    }
  }
}
