package dev.mpesa.testing;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A scriptable Daraja for MockWebServer: OAuth issues {@code tok1}, {@code tok2}... and counts
 * itself; business requests go to a handler and are recorded.
 */
public final class DarajaStub extends Dispatcher {
  public static final String OAUTH_PATH = "/oauth/v1/generate";

  private final AtomicInteger oauthCount = new AtomicInteger();
  private final Queue<RecordedRequest> business = new ConcurrentLinkedQueue<>();
  private volatile Function<Integer, MockResponse> oauth = DarajaStub::token;
  private volatile Function<RecordedRequest, MockResponse> handler =
      r -> json(200, "{\"ResponseCode\":\"0\"}");

  /** The default OAuth answer: {@code tokN} valid 3599 s ("expires_in" as a string). */
  public static MockResponse token(int n) {
    return json(200, "{\"access_token\":\"tok" + n + "\",\"expires_in\":\"3599\"}");
  }

  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  public static MockResponse error(int code, String errorCode, String message) {
    return json(
        code,
        "{\"requestId\":\"req-1\",\"errorCode\":\""
            + errorCode
            + "\",\"errorMessage\":\""
            + message
            + "\"}");
  }

  /** Scripts OAuth: the function gets the 1-based number of the OAuth request. */
  public DarajaStub oauth(Function<Integer, MockResponse> oauth) {
    this.oauth = oauth;
    return this;
  }

  /** Scripts every business endpoint. */
  public DarajaStub handler(Function<RecordedRequest, MockResponse> handler) {
    this.handler = handler;
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (request.getUrl().encodedPath().equals(OAUTH_PATH)) {
      return oauth.apply(oauthCount.incrementAndGet());
    }
    business.add(request);
    return handler.apply(request);
  }

  public int oauthCount() {
    return oauthCount.get();
  }

  public int businessCount() {
    return business.size();
  }

  public List<RecordedRequest> businessRequests() {
    return List.copyOf(business);
  }

  /** The bearer token a request carried. */
  public static String bearer(RecordedRequest r) {
    String h = r.getHeaders().get("Authorization");
    return h == null ? null : h.substring("Bearer ".length());
  }
}
