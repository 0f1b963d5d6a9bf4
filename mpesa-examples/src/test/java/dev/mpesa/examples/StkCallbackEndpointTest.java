package dev.mpesa.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mpesa.callback.StkCallback;
import dev.mpesa.security.CallbackUrlSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's callback endpoint, end to end on loopback (R32, R33). */
class StkCallbackEndpointTest {
  static final String PAID =
      "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"29115-34620561-1\","
          + "\"CheckoutRequestID\":\"ws_CO_191220191020363925\",\"ResultCode\":0,"
          + "\"ResultDesc\":\"The service request is processed successfully.\","
          + "\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":1.00},"
          + "{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"NLJ7RT61SV\"}]}}}}";

  final CallbackUrlSigner signer =
      CallbackUrlSigner.of(CallbackUrlSigner.generateKey(), Clock.systemUTC());
  final List<String> handled = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();
  HttpServer server;
  String base;

  @BeforeEach
  void start() throws Exception {
    server =
        new StkCallbackEndpoint(signer, (order, cb) -> handled.add(order + ":" + receipt(cb)))
            .start(0);
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/payments/stk";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static String receipt(StkCallback cb) {
    return cb.receiptNumber();
  }

  int post(URI url, String body) throws Exception {
    return http.send(
            HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  void signedCallback_deliveredTwice_isHandledOnceAndAcknowledged() throws Exception {
    URI url = signer.sign(URI.create(base), "ORD-1234");

    assertThat(post(url, PAID)).isEqualTo(200);
    assertThat(post(url, PAID)).isEqualTo(200);

    assertThat(handled).containsExactly("ORD-1234:NLJ7RT61SV");
  }

  @Test
  void forgedUrl_isRefusedAndNothingHandled() throws Exception {
    assertThat(post(URI.create(base + "/forged-token"), PAID)).isEqualTo(400);
    assertThat(handled).isEmpty();
  }

  @Test
  void signedUrlWithMalformedBody_isRefused() throws Exception {
    assertThat(post(signer.sign(URI.create(base), "ORD-9"), "{\"Body\":")).isEqualTo(400);
    assertThat(handled).isEmpty();
  }
}
