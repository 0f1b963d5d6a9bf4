package dev.mpesa.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.security.CallbackUrlSigner;
import dev.mpesa.testkit.FakeDaraja;
import dev.mpesa.testkit.SandboxNumbers;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The main demo: a {@link CheckoutServer} takes three orders and a small front end polls it until
 * each is settled, printing what happens.
 *
 * <p>Offline (the default), an embedded {@link FakeDaraja} plays M-Pesa: one customer pays, one
 * cancels the prompt, one lacks the funds. It needs no network or credentials and takes about two
 * seconds:
 *
 * <pre>
 * mvn -q -pl mpesa-examples -am compile -Pdemo
 * </pre>
 *
 * <p>With {@code MPESA_CONSUMER_KEY} and {@code MPESA_CONSUMER_SECRET} set, it runs against the
 * real Daraja sandbox instead, and a person answers the prompts. It then also reads {@code
 * MPESA_CALLBACK_BASE_URL} (required: a public https URL that forwards to this machine's {@code
 * CHECKOUT_PORT}, 8080 unless set, for example a tunnel), {@code MPESA_SHORT_CODE} (174379), {@code
 * MPESA_PASSKEY} (the public sandbox passkey), {@code MPESA_CALLBACK_KEY} (a new key unless set),
 * and the phones: {@code MPESA_PHONE_PAYS} (the sandbox test number unless set), {@code
 * MPESA_PHONE_CANCELS} and {@code MPESA_PHONE_INSUFFICIENT_FUNDS} (orders without a phone are
 * skipped). Each order is for KES 1.
 */
public final class CheckoutDemo {
  /** Every order reached the outcome its customer was scripted for. */
  public static final int OK = 0;

  /** An order ended otherwise, or time ran out. */
  public static final int UNEXPECTED_OUTCOME = 1;

  /** The configuration is incomplete, or the server could not start. */
  public static final int CONFIGURATION_ERROR = 2;

  static final String SANDBOX_SHORT_CODE = "174379";
  static final String SANDBOX_PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

  private static final Duration OFFLINE_POLL = Duration.ofMillis(250);
  private static final Duration OFFLINE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration LIVE_POLL = Duration.ofSeconds(2);
  private static final Duration LIVE_TIMEOUT = Duration.ofMinutes(3);

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  private CheckoutDemo(PrintStream out) {
    this.out = out;
  }

  /** Runs the demo with the environment's settings and exits with {@link #run}'s code. */
  public static void main(String[] args) {
    System.exit(run(System.getenv(), System.out));
  }

  /**
   * Runs the demo: offline against a fake Daraja, or against the sandbox when {@code env} has
   * {@code MPESA_CONSUMER_KEY} and {@code MPESA_CONSUMER_SECRET}.
   *
   * @param env the settings (the class documentation lists them)
   * @param out where the transcript goes; phone numbers are printed masked, secrets never
   * @return {@link #OK}, {@link #UNEXPECTED_OUTCOME} or {@link #CONFIGURATION_ERROR}
   */
  public static int run(Map<String, String> env, PrintStream out) {
    CheckoutDemo demo = new CheckoutDemo(out);
    return isSet(env, "MPESA_CONSUMER_KEY") && isSet(env, "MPESA_CONSUMER_SECRET")
        ? demo.sandbox(env)
        : demo.offline();
  }

  /** One order and the outcome its customer should produce. */
  private record Order(
      String orderId, long amount, String phone, String expectedStatus, String expectedCode) {
    String expectation() {
      return expectedCode == null ? expectedStatus : expectedStatus + " with code " + expectedCode;
    }

    boolean isMetBy(JsonNode payment) {
      return payment != null
          && expectedStatus.equals(payment.path("status").asText())
          && (expectedCode == null || expectedCode.equals(payment.path("resultCode").asText()));
    }
  }

  private int offline() {
    out.println(
        "Checkout demo, offline: a fake Daraja plays M-Pesa and three customers (no network).");
    try (FakeDaraja fake = FakeDaraja.start();
        MpesaClient mpesa = fake.clientBuilder().build()) {
      // Customers take a moment to read the prompt, as people do.
      fake.customer(SandboxNumbers.PAYS).paysAfter(Duration.ofMillis(1500));
      fake.customer(SandboxNumbers.CANCELS).cancelsAfter(Duration.ofMillis(800));
      fake.customer(SandboxNumbers.INSUFFICIENT_FUNDS).after(Duration.ofMillis(1100));
      List<Order> orders =
          List.of(
              new Order("ORD-1001", 850, SandboxNumbers.PAYS, "completed", null),
              new Order("ORD-1002", 1200, SandboxNumbers.CANCELS, "cancelled", null),
              new Order("ORD-1003", 4500, SandboxNumbers.INSUFFICIENT_FUNDS, "failed", "1"));
      CheckoutServer.Builder server =
          CheckoutServer.builder().mpesa(mpesa).reconcileAfter(Duration.ofSeconds(5));
      return shop(server, CallbackUrlSigner.generateKey(), orders, OFFLINE_POLL, OFFLINE_TIMEOUT);
    }
  }

  private int sandbox(Map<String, String> env) {
    out.println("Checkout demo against the Daraja sandbox: answer the prompts on the phones.");
    String base = env.get("MPESA_CALLBACK_BASE_URL");
    if (!isSet(env, "MPESA_CALLBACK_BASE_URL")) {
      out.println(
          "Set MPESA_CALLBACK_BASE_URL to a public https URL that forwards to this machine's port"
              + " CHECKOUT_PORT (8080 unless set), for example a tunnel: Daraja must reach the"
              + " checkout server to report each payment.");
      return CONFIGURATION_ERROR;
    }
    int port;
    URI publicBaseUrl;
    try {
      port = Integer.parseInt(env.getOrDefault("CHECKOUT_PORT", "8080").strip());
      publicBaseUrl = URI.create(base.strip());
    } catch (IllegalArgumentException e) {
      out.println("Bad setting: " + e.getMessage());
      return CONFIGURATION_ERROR;
    }
    // A person holds each phone and answers as the order expects; KES 1 each.
    List<Order> orders = new ArrayList<>();
    String pays = env.getOrDefault("MPESA_PHONE_PAYS", SandboxNumbers.PAYS);
    orders.add(new Order("ORD-1001", 1, pays, "completed", null));
    if (isSet(env, "MPESA_PHONE_CANCELS")) {
      orders.add(new Order("ORD-1002", 1, env.get("MPESA_PHONE_CANCELS"), "cancelled", null));
    } else {
      out.println("(ORD-1002 skipped: set MPESA_PHONE_CANCELS to a phone that will cancel)");
    }
    if (isSet(env, "MPESA_PHONE_INSUFFICIENT_FUNDS")) {
      orders.add(
          new Order("ORD-1003", 1, env.get("MPESA_PHONE_INSUFFICIENT_FUNDS"), "failed", "1"));
    } else {
      out.println(
          "(ORD-1003 skipped: set MPESA_PHONE_INSUFFICIENT_FUNDS to a phone without funds)");
    }
    for (Order order : orders) {
      try {
        PhoneNumber.parse(order.phone());
      } catch (IllegalArgumentException e) {
        out.println("Bad setting for " + order.orderId() + ": " + e.getMessage()); // masked
        return CONFIGURATION_ERROR;
      }
    }

    try (MpesaClient mpesa =
        MpesaClient.builder()
            .environment(Environment.SANDBOX)
            .consumerKey(env.get("MPESA_CONSUMER_KEY"))
            .consumerSecret(env.get("MPESA_CONSUMER_SECRET"))
            .shortCode(env.getOrDefault("MPESA_SHORT_CODE", SANDBOX_SHORT_CODE))
            .passkey(env.getOrDefault("MPESA_PASSKEY", SANDBOX_PASSKEY))
            .build()) {
      CheckoutServer.Builder server =
          CheckoutServer.builder()
              .mpesa(mpesa)
              .publicBaseUrl(publicBaseUrl)
              .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      String key = env.get("MPESA_CALLBACK_KEY");
      return shop(
          server,
          key != null && !key.isBlank() ? key : CallbackUrlSigner.generateKey(),
          orders,
          LIVE_POLL,
          LIVE_TIMEOUT);
    } catch (IllegalStateException | IllegalArgumentException e) {
      out.println("Bad setting: " + e.getMessage()); // the SDK's messages never hold a secret
      return CONFIGURATION_ERROR;
    }
  }

  /** Starts the checkout server on a fresh in-memory database and plays the orders through it. */
  @SuppressWarnings("try") // keepAlive is held, not used
  private int shop(
      CheckoutServer.Builder settings,
      String signingKey,
      List<Order> orders,
      Duration poll,
      Duration timeout) {
    JdbcDataSource database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:checkout-" + UUID.randomUUID());
    // An in-memory H2 database lives while a connection to it is open.
    try (Connection keepAlive = database.getConnection();
        CheckoutServer server =
            settings
                .signer(CallbackUrlSigner.of(signingKey, Clock.systemUTC()))
                .dataSource(database)
                .start()) {
      out.println("Checkout server on " + server.localUrl() + ", orders in H2 (in memory).");
      out.println();
      return play(server.localUrl(), orders, poll, timeout);
    } catch (IOException | SQLException e) {
      out.println("The checkout server could not start: " + e.getMessage());
      return CONFIGURATION_ERROR;
    }
  }

  /** What a front end does: ask for each payment, then poll until each is settled. */
  private int play(URI shop, List<Order> orders, Duration poll, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode[] last = new JsonNode[orders.size()];
    try {
      for (int i = 0; i < orders.size(); i++) {
        Order order = orders.get(i);
        last[i] = checkout(shop, order);
        String error = last[i].path("error").asText(null);
        print(
            order,
            String.format(
                Locale.ROOT,
                "KES %,6d  %s  checkout: %s%s",
                order.amount(),
                PhoneNumber.parse(order.phone()).masked(),
                last[i].path("status").asText("?"),
                error != null ? " (" + error + ")" : ""));
      }
      while (!allSettled(last) && System.nanoTime() < deadline) {
        Thread.sleep(poll.toMillis());
        for (int i = 0; i < orders.size(); i++) {
          if (isSettled(last[i]) || !last[i].hasNonNull("statusUrl")) {
            continue;
          }
          JsonNode now = get(shop.resolve(last[i].get("statusUrl").asText()));
          String before = last[i].path("status").asText();
          if (!before.equals(now.path("status").asText())) {
            print(orders.get(i), before + " -> " + describe(now));
          }
          last[i] = now;
        }
      }
    } catch (IOException e) {
      out.println("The checkout server did not answer: " + e.getMessage());
      return UNEXPECTED_OUTCOME;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println("Interrupted.");
      return UNEXPECTED_OUTCOME;
    }
    return summarise(orders, last, timeout);
  }

  private int summarise(List<Order> orders, JsonNode[] last, Duration timeout) {
    out.println();
    int met = 0;
    List<String> missed = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      Order order = orders.get(i);
      boolean ok = order.isMetBy(last[i]);
      out.printf(
          Locale.ROOT,
          "%-9s %s: %s%n",
          order.orderId(),
          ok ? "as expected" : "NOT as expected (" + order.expectation() + ")",
          describe(last[i]));
      if (ok) {
        met++;
      } else {
        missed.add(order.orderId());
      }
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    if (missed.isEmpty()) {
      out.printf(
          Locale.ROOT,
          "All %d orders reached the expected outcome in %.1f s.%n",
          orders.size(),
          seconds);
      return OK;
    }
    out.printf(
        Locale.ROOT,
        "%d of %d orders reached the expected outcome; not %s (after %.1f s%s).%n",
        met,
        orders.size(),
        String.join(", ", missed),
        seconds,
        allSettled(last) ? "" : ", time limit " + timeout.toSeconds() + " s");
    return UNEXPECTED_OUTCOME;
  }

  private JsonNode checkout(URI shop, Order order) throws IOException, InterruptedException {
    String body =
        json.createObjectNode()
            .put("orderId", order.orderId())
            .put("amount", order.amount())
            .put("phone", order.phone())
            .toString();
    return send(
        HttpRequest.newBuilder(shop.resolve(CheckoutServer.CHECKOUT_PATH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private JsonNode get(URI url) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(url).GET());
  }

  /** Every answer of the checkout server is JSON, errors included. */
  private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    return json.readTree(response.body());
  }

  private void print(Order order, String text) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    out.printf(Locale.ROOT, "[%5.2fs] %-9s %s%n", seconds, order.orderId(), text);
  }

  /** {@code completed, receipt ...}, {@code cancelled (1032 Request cancelled by user)}, ... */
  private static String describe(JsonNode payment) {
    if (payment == null) {
      return "no answer";
    }
    String status = payment.path("status").asText("?");
    if (payment.hasNonNull("receipt")) {
      return status + ", receipt " + payment.get("receipt").asText();
    }
    if (payment.hasNonNull("resultCode")) {
      return status
          + " ("
          + payment.get("resultCode").asText()
          + " "
          + payment.path("resultDescription").asText("")
          + ")";
    }
    return status;
  }

  private static boolean allSettled(JsonNode[] payments) {
    for (JsonNode p : payments) {
      if (!isSettled(p)) {
        return false;
      }
    }
    return true;
  }

  /** Settled, or refused outright (a conflict answer has no status): nothing more to poll. */
  private static boolean isSettled(JsonNode payment) {
    return payment != null && !"pending".equals(payment.path("status").asText());
  }

  private static boolean isSet(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }
}
