package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.CallbackVerificationException;
import dev.mpesa.error.DuplicateRequestException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaNetworkException;
import dev.mpesa.error.OutcomeUnknownException;
import dev.mpesa.error.ThrottledException;
import dev.mpesa.result.DarajaError;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exceptions users' tests make are the ones the SDK throws, with the same meaning. */
class TestErrorsTest {

  @Test
  void outcomeUnknown_isNeverANetworkException_andKeepsItsReferences() {
    OutcomeUnknownException e =
        TestErrors.outcomeUnknown("b2c.pay", Map.of("originatorConversationId", "ORD-1"));

    assertThat(e).isNotInstanceOf(MpesaNetworkException.class);
    assertThat(e.operation()).isEqualTo("b2c.pay");
    assertThat(e.references()).containsEntry("originatorConversationId", "ORD-1");
    assertThat(e.hint()).contains("TROUBLESHOOTING.md#");
  }

  @Test
  void answeredErrors_haveTheSdksTypeCodeAndClassification() {
    ThrottledException throttled = TestErrors.throttled("stk.push", Duration.ofSeconds(2));
    assertThat(throttled.error()).isEqualTo(DarajaError.SPIKE_ARREST);
    assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(throttled.isTransient()).isTrue();

    InvalidRequestException invalid = TestErrors.invalidRequest("b2c.pay", "Invalid Amount");
    assertThat(invalid.errorCode()).isEqualTo("400.002.02");
    assertThat(invalid.errorMessage()).isEqualTo("Invalid Amount");

    assertThat(TestErrors.authentication("oauth").error())
        .isEqualTo(DarajaError.BAD_CONSUMER_CREDENTIALS);
    assertThat(TestErrors.duplicate("b2c.pay")).isInstanceOf(DuplicateRequestException.class);
    assertThat(TestErrors.subscriberBusy("stk.push").suggestedWait())
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void api_picksTheTypeTheSdkUsesForTheError() {
    MpesaApiException e =
        TestErrors.api(
            "stk.push",
            401,
            "404.001.03",
            "Invalid Access Token",
            DarajaError.INVALID_ACCESS_TOKEN,
            null);

    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(TestErrors.api("stk.push", 503, null, "down", DarajaError.SERVICE_UNAVAILABLE, null))
        .isExactlyInstanceOf(MpesaApiException.class);
  }

  @Test
  void networkAndCallbackErrors_sayWhatHappened() {
    assertThat(TestErrors.network("stk.query").getMessage()).contains("nothing was sent");
    assertThat(TestErrors.circuitOpen("b2c.pay").getMessage()).contains("circuit breaker");
    assertThat(TestErrors.callbackParse("not JSON").getMessage()).contains("not JSON");
    assertThat(
            TestErrors.callbackVerification(CallbackVerificationException.Reason.EXPIRED, "ORD-1")
                .reason())
        .isEqualTo(CallbackVerificationException.Reason.EXPIRED);
  }
}
