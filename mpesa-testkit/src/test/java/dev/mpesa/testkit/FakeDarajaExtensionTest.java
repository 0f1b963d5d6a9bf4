package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpesa.MpesaClient;
import dev.mpesa.stk.StkPushRequest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension: a fresh fake per test, injected, closed afterwards. */
class FakeDarajaExtensionTest {
  private static FakeDaraja previous;

  @Nested
  @ExtendWith(FakeDarajaExtension.class)
  class Injected {
    private FakeDaraja fromBeforeEach;

    @BeforeEach
    void keep(FakeDaraja fake) {
      fromBeforeEach = fake;
    }

    @Test
    void firstTest_getsAStartedFake(FakeDaraja fake) {
      check(fake);
    }

    @Test
    void secondTest_getsAnotherFake(FakeDaraja fake) {
      check(fake);
    }

    private void check(FakeDaraja fake) {
      assertThat(fake).isSameAs(fromBeforeEach);
      assertThat(fake.baseUrl()).startsWith("http://");
      if (previous != null) {
        assertThat(fake).isNotSameAs(previous);
        assertThat(fake.port()).isNotEqualTo(-1);
      }
      previous = fake;
      try (MpesaClient mpesa = fake.clientBuilder().build()) {
        String id =
            mpesa
                .stk()
                .push(
                    StkPushRequest.builder()
                        .phoneNumber(SandboxNumbers.PAYS)
                        .amount(5)
                        .accountReference("A1")
                        .callbackUrl("http://127.0.0.1:9/payments/cb")
                        .build())
                .checkoutRequestId();
        assertThat(id).startsWith("ws_CO_");
      }
      assertThat(fake.journal().requests(StkDesk.PUSH)).hasSize(1);
    }
  }

  @Nested
  class Registered {
    @RegisterExtension
    final FakeDarajaExtension daraja =
        new FakeDarajaExtension(b -> b.customerResponseTime(Duration.ofMillis(5)).seed(7));

    @Test
    void fake_isReachableFromTheField() {
      assertThat(daraja.fake().journal().requests()).isEmpty();
      assertThat(daraja.fake().baseUrl()).startsWith("http://localhost:");
    }
  }
}
