package dev.mpesa.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mpesa.callback.CallbackDeduplicator;
import dev.mpesa.callback.CallbackReply;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.callback.StkCallback;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.error.CallbackVerificationException;
import dev.mpesa.security.CallbackUrlSigner;
import dev.mpesa.security.IpAllowList;
import dev.mpesa.security.VerifiedReference;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A complete M-Pesa Express callback endpoint on the JDK's own HTTP server: check the source,
 * verify the signed URL, parse, handle each payment once, reply. The README shows its heart.
 *
 * <p>Push with a signed callback URL, so a callback can be matched to its order even when the push
 * itself timed out: {@code .callbackUrl(signer.sign(URI.create("https://shop.example/mpesa/stk"),
 * orderId))}.
 */
public final class StkCallbackEndpoint {
  private final CallbackUrlSigner signer;
  private final IpAllowList allowList = IpAllowList.safaricomDefaults(); // log-only by default
  private final CallbackDeduplicator once = CallbackDeduplicator.inMemory();
  private final BiConsumer<String, StkCallback> onResult;

  /**
   * An endpoint that hands each verified callback, once, to {@code onResult}.
   *
   * @param signer the signer whose URLs the pushes carried
   * @param onResult receives the order reference and the callback; persist it, then act
   */
  public StkCallbackEndpoint(CallbackUrlSigner signer, BiConsumer<String, StkCallback> onResult) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.onResult = Objects.requireNonNull(onResult, "onResult");
  }

  /** Serves {@code POST /payments/stk/<token>} on {@code port} until the JVM stops. */
  public HttpServer start(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/payments/stk/", this::handle);
    server.start();
    return server;
  }

  void handle(HttpExchange exchange) throws IOException {
    try {
      String remote = exchange.getRemoteAddress().getAddress().getHostAddress();
      List<String> forwarded = exchange.getRequestHeaders().get("X-Forwarded-For");
      if (!allowList.check(remote, forwarded == null ? List.of() : forwarded).allowed()) {
        reply(exchange, 403, "{}");
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      VerifiedReference order = signer.verify(exchange.getRequestURI().getPath());
      StkCallback callback = Callbacks.parseStk(body);
      once.runOnce(callback, cb -> onResult.accept(order.reference(), cb));
      reply(exchange, 200, CallbackReply.acknowledge().toJson());
    } catch (CallbackVerificationException | CallbackParseException e) {
      reply(exchange, 400, "{}"); // not a callback of ours: keep nothing, act on nothing
    } finally {
      exchange.close();
    }
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
