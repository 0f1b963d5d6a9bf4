package dev.mpesa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stand-in for your application's callback endpoint in a test: an HTTP server on loopback that
 * answers every POST the way Daraja expects ({@code 200 {"ResultCode":0,"ResultDesc":"Accepted"}})
 * and keeps the bodies it received. Use it when the code under test is the client side and your
 * real endpoint is not running; to test your endpoint itself, point the callback URL at it.
 *
 * <pre>{@code
 * try (CallbackReceiver app = CallbackReceiver.start()) {
 *   mpesa.stk().push(StkPushRequest.builder()
 *       // ...
 *       .callbackUrl(app.url("/payments/stk"))
 *       .build());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Close it to stop the server.
 */
public final class CallbackReceiver implements AutoCloseable {
  private static final String ACK = "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}";

  private final MockWebServer server = new MockWebServer();
  private final List<String> bodies = new ArrayList<>();

  private CallbackReceiver() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            synchronized (bodies) {
              bodies.add(request.getBody() == null ? "" : request.getBody().utf8());
            }
            return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(ACK)
                .build();
          }
        });
  }

  /**
   * Starts a receiver on a free loopback port.
   *
   * @throws UncheckedIOException if no port can be opened
   */
  public static CallbackReceiver start() {
    CallbackReceiver receiver = new CallbackReceiver();
    try {
      receiver.server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the callback receiver", e);
    }
    return receiver;
  }

  /** An absolute URL on this receiver, such as {@code url("/payments/stk")}. */
  public String url(String path) {
    return server.url(path).toString();
  }

  /** The bodies received so far, in order. */
  public List<String> bodies() {
    synchronized (bodies) {
      return List.copyOf(bodies);
    }
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.close();
  }
}
