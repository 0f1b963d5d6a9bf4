package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Credentials;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's OAuth: issuing, expiring and invalidating tokens like Daraja (API.md §2). */
class OAuthTest {
  private static final String PUSH = "/mpesa/stkpush/v1/processrequest";
  private FakeDaraja fake;

  @AfterEach
  void stop() {
    fake.close();
  }

  private RawDaraja.Answer oauth(String authorization, String query) {
    Request.Builder request =
        new Request.Builder().url(fake.baseUrl() + "oauth/v1/generate" + query);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return new RawDaraja(fake).execute(request.build());
  }

  @Test
  void generate_knownApp_issuesTokenWithExpiresInAsString() {
    fake = FakeDaraja.start();
    RawDaraja.Answer answer =
        oauth(
            Credentials.basic(FakeDaraja.CONSUMER_KEY, FakeDaraja.CONSUMER_SECRET),
            "?grant_type=client_credentials");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("access_token").asText()).matches("[A-Za-z0-9]{28}");
    assertThat(answer.json().get("expires_in").isTextual()).isTrue();
    assertThat(answer.json().get("expires_in").asText()).isEqualTo("3599");
    Golden.assertSameShape("oauth/token.json", answer.json());
  }

  @Test
  void generate_wrongSecret_answers400WithEmptyBody() {
    fake = FakeDaraja.start();
    RawDaraja.Answer answer =
        oauth(Credentials.basic(FakeDaraja.CONSUMER_KEY, "nope"), "?grant_type=client_credentials");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).isEmpty();
  }

  @Test
  void generate_wrongGrantOrAuthType_answersDarajasCodes() {
    fake = FakeDaraja.start();
    String basic = Credentials.basic(FakeDaraja.CONSUMER_KEY, FakeDaraja.CONSUMER_SECRET);

    assertThat(oauth(basic, "?grant_type=password").errorCode()).isEqualTo("400.008.02");
    assertThat(oauth(basic, "").errorCode()).isEqualTo("400.008.02");
    assertThat(oauth("Bearer abc", "?grant_type=client_credentials").errorCode())
        .isEqualTo("400.008.01");
  }

  @Test
  void generate_newToken_invalidatesThePreviousOne() {
    fake = FakeDaraja.start();
    RawDaraja raw = new RawDaraja(fake);
    String first = raw.token();
    String second = raw.token();

    RawDaraja.Answer withFirst = raw.post(PUSH, "{}", first);
    RawDaraja.Answer withSecond = raw.post(PUSH, "{}", second);

    assertThat(withFirst.status()).isEqualTo(404);
    assertThat(withFirst.errorCode()).isEqualTo("404.001.03");
    assertThat(withSecond.errorCode()).isEqualTo("400.002.02"); // past the token: validation
  }

  @Test
  void token_pastItsLifetime_isRefused() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T09:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    fake = FakeDaraja.builder().clock(clock).tokenLifetime(Duration.ofMinutes(10)).start();
    RawDaraja raw = new RawDaraja(fake);
    String token = raw.token();

    now.set(now.get().plus(Duration.ofMinutes(9)));
    assertThat(raw.post(PUSH, "{}", token).status()).isEqualTo(400);
    now.set(now.get().plus(Duration.ofMinutes(1)));
    assertThat(raw.post(PUSH, "{}", token).errorCode()).isEqualTo("404.001.03");
  }

  @Test
  void api_wrongMethodOrUnknownPath_answersGatewayErrors() {
    fake = FakeDaraja.start();
    RawDaraja raw = new RawDaraja(fake);
    String token = raw.token();
    RawDaraja.Answer get =
        raw.execute(
            new Request.Builder()
                .url(fake.baseUrl() + PUSH.substring(1))
                .header("Authorization", "Bearer " + token)
                .build());
    RawDaraja.Answer unknown = raw.post("/mpesa/nothing/v1/here", "{}", token);

    assertThat(get.status()).isEqualTo(405);
    assertThat(get.errorCode()).isEqualTo("405.001");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("404.001.01");
  }
}
