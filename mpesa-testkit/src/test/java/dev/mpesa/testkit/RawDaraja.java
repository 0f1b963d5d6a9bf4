package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Raw HTTP against the fake, for what the SDK refuses to send (it validates first): Daraja's own
 * validation answers, wrong methods, bad tokens.
 */
final class RawDaraja {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final MediaType JSON = MediaType.get("application/json");

  /** An HTTP answer: status and body (parsed when JSON). */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String errorCode() {
      return json().path("errorCode").asText();
    }

    String errorMessage() {
      return json().path("errorMessage").asText();
    }
  }

  private final FakeDaraja fake;
  private final OkHttpClient http = new OkHttpClient();

  RawDaraja(FakeDaraja fake) {
    this.fake = fake;
  }

  /** A fresh token for the fake's app. */
  String token() {
    Request request =
        new Request.Builder()
            .url(fake.baseUrl() + "oauth/v1/generate?grant_type=client_credentials")
            .header(
                "Authorization",
                Credentials.basic(FakeDaraja.CONSUMER_KEY, FakeDaraja.CONSUMER_SECRET))
            .build();
    return execute(request).json().get("access_token").asText();
  }

  /** POSTs {@code json} to {@code path} with a fresh token. */
  Answer post(String path, String json) {
    return post(path, json, token());
  }

  /** POSTs {@code json} to {@code path} with {@code token}. */
  Answer post(String path, String json, String token) {
    Request request =
        new Request.Builder()
            .url(fake.baseUrl() + path.substring(1))
            .header("Authorization", "Bearer " + token)
            .post(RequestBody.create(json, JSON))
            .build();
    return execute(request);
  }

  Answer execute(Request request) {
    try (Response response = http.newCall(request).execute()) {
      return new Answer(response.code(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
