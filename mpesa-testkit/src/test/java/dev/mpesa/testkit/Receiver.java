package dev.mpesa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** An integrator's callback endpoint for tests: answers every POST, by default with 200. */
final class Receiver implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private volatile Function<RecordedRequest, MockResponse> answer =
      r -> json(200, "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}");

  Receiver() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer.apply(request);
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A URL on this receiver, e.g. {@code url("/payments/stk")}. */
  String url(String path) {
    return server.url(path).toString();
  }

  Receiver answer(Function<RecordedRequest, MockResponse> answer) {
    this.answer = answer;
    return this;
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
