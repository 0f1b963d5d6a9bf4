package dev.mpesa.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed, cheap HTTP/1.1 server on loopback: answers OAuth with a token and every other path with
 * an STK push acknowledgement of about 300 bytes, no delay, keep-alive, each answer written in one
 * piece with {@code TCP_NODELAY} so that the server costs the client's measurement as little as
 * possible. One thread per connection; responses are precomputed.
 */
public final class LoopbackDaraja implements AutoCloseable {
  static final String ACK =
      "{\"MerchantRequestID\":\"2654-4b64-97ff-b827b542881d3130\","
          + "\"CheckoutRequestID\":\"ws_CO_1007202409152617172396192\","
          + "\"ResponseCode\":\"0\","
          + "\"ResponseDescription\":\"Success. Request accepted for processing\","
          + "\"CustomerMessage\":\"Success. Request accepted for processing\"}";

  private final ServerSocket server;
  private final byte[] ackResponse;
  private final AtomicInteger tokens = new AtomicInteger();
  private final AtomicLong oauthRequests = new AtomicLong();
  private final AtomicLong businessRequests = new AtomicLong();
  private final long tokenTtlSeconds;
  private volatile boolean open = true;

  /** Starts on an ephemeral loopback port; OAuth tokens say they live {@code tokenTtlSeconds}. */
  public LoopbackDaraja(long tokenTtlSeconds) throws IOException {
    this.tokenTtlSeconds = tokenTtlSeconds;
    this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
    this.ackResponse = response(ACK);
    Thread acceptor = new Thread(this::acceptLoop, "loopback-daraja-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  public long oauthRequests() {
    return oauthRequests.get();
  }

  public long businessRequests() {
    return businessRequests.get();
  }

  private static byte[] response(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + bytes.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[headBytes.length + bytes.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(bytes, 0, all, headBytes.length, bytes.length);
    return all;
  }

  private void acceptLoop() {
    while (open) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        Thread t = new Thread(() -> serve(socket), "loopback-daraja-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (open) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
        OutputStream out = socket.getOutputStream()) {
      StringBuilder line = new StringBuilder(128);
      while (open) {
        String requestLine = readLine(in, line);
        if (requestLine == null) {
          return;
        }
        long contentLength = 0;
        String header;
        while ((header = readLine(in, line)) != null && !header.isEmpty()) {
          int colon = header.indexOf(':');
          if (colon > 0
              && header
                  .substring(0, colon)
                  .trim()
                  .toLowerCase(Locale.ROOT)
                  .equals("content-length")) {
            contentLength = Long.parseLong(header.substring(colon + 1).trim());
          }
        }
        for (long skipped = 0; skipped < contentLength; skipped++) {
          if (in.read() < 0) {
            return;
          }
        }
        if (requestLine.contains("/oauth/v1/generate")) {
          oauthRequests.incrementAndGet();
          out.write(
              response(
                  "{\"access_token\":\"bench-token-"
                      + tokens.incrementAndGet()
                      + "\",\"expires_in\":\""
                      + tokenTtlSeconds
                      + "\"}"));
        } else {
          businessRequests.incrementAndGet();
          out.write(ackResponse);
        }
        out.flush();
      }
    } catch (IOException e) {
      // the client closed the connection
    }
  }

  private static String readLine(InputStream in, StringBuilder sb) throws IOException {
    sb.setLength(0);
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') {
          sb.setLength(len - 1);
        }
        return sb.toString();
      }
      sb.append((char) c);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  @Override
  public void close() throws IOException {
    open = false;
    server.close();
  }
}
