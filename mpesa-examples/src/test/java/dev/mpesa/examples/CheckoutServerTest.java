package dev.mpesa.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.MpesaClient;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.security.CallbackUrlSigner;
import dev.mpesa.security.IpAllowList;
import dev.mpesa.testkit.CallbackDelivery;
import dev.mpesa.testkit.CallbackKind;
import dev.mpesa.testkit.FakeDaraja;
import dev.mpesa.testkit.Fault;
import dev.mpesa.testkit.SandboxNumbers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checkout server against the fake Daraja, over real HTTP on loopback: pushes, callbacks the
 * fake really POSTs, queries, and the faults of docs RELIABILITY.md (R-numbers in the names'
 * notes).
 */
class CheckoutServerTest {
  private static final String PUSH = "/mpesa/stkpush/v1/processrequest";
  private static final String QUERY = "/mpesa/stkpushquery/v1/query";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final CallbackUrlSigner signer =
      CallbackUrlSigner.of(CallbackUrlSigner.generateKey(), Clock.systemUTC());

  private FakeDaraja fake;
  private MpesaClient mpesa;
  private JdbcDataSource database;
  private CheckoutServer server;

  /** An HTTP answer of the checkout server. */
  record Answer(int status, JsonNode json) {}

  @BeforeEach
  void start() throws Exception {
    fake =
        FakeDaraja.builder()
            .customerResponseTime(Duration.ofMillis(50))
            .promptTimeout(Duration.ofMillis(200))
            .start();
    mpesa = fake.clientBuilder().build();
    database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:checkout-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    // No reconciliation unless a test asks for it: callbacks settle payments.
    serve(CheckoutServer.builder().reconcileAfter(Duration.ofHours(1)));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    mpesa.close();
    fake.close();
    try (Connection c = database.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  /** (Re)starts the server on the same database with these settings. */
  private void serve(CheckoutServer.Builder settings) throws Exception {
    if (server != null) {
      server.close();
    }
    server = settings.mpesa(mpesa).signer(signer).dataSource(database).start();
  }

  // ---------------------------------------------------------------- the three outcomes

  @Test
  void checkout_customerPays_completedWithReceipt() throws Exception {
    // Slow enough that the checkout answers first, whatever the JVM's warm-up.
    fake.customer(SandboxNumbers.PAYS).paysAfter(Duration.ofSeconds(1));

    Answer checkout = checkout("ORD-1001", 850, "0708 374 149");

    assertThat(checkout.status()).isEqualTo(202);
    assertThat(checkout.json().get("status").asText()).isEqualTo("pending");
    String id = checkout.json().get("checkoutRequestId").asText();
    assertThat(checkout.json().get("statusUrl").asText()).isEqualTo("/payments/status/" + id);

    JsonNode settled = awaitSettled("/payments/status/" + id);
    assertThat(settled.get("status").asText()).isEqualTo("completed");
    assertThat(settled.get("receipt").asText()).matches("[A-Z0-9]{10}");
    assertThat(settled.get("resultCode").asText()).isEqualTo("0");
    assertThat(settled.get("orderId").asText()).isEqualTo("ORD-1001");
    assertThat(settled.get("amount").asLong()).isEqualTo(850);
    assertThat(settled.get("phone").asText()).isEqualTo("2547******49");

    JsonNode push = fake.journal().requests(PUSH).get(0).json();
    assertThat(push.get("AccountReference").asText()).isEqualTo("ORD-1001");
    assertThat(push.get("Amount").asText()).isEqualTo("850");
    assertThat(push.get("PhoneNumber").asText()).isEqualTo(SandboxNumbers.PAYS);
    assertThat(push.get("CallBackURL").asText()).startsWith(server.callbackBase() + "/");
    CallbackDelivery delivery = fake.journal().awaitCallback(id, WAIT);
    assertThat(delivery.status()).isEqualTo(200);
    assertThat(delivery.responseBody()).isEqualTo("{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}");
  }

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource({
    SandboxNumbers.CANCELS + ", cancelled, 1032",
    SandboxNumbers.INSUFFICIENT_FUNDS + ", failed, 1",
    SandboxNumbers.NEVER_ANSWERS + ", timed_out, 1037",
    SandboxNumbers.WRONG_PIN + ", failed, 2001",
  })
  void checkout_customerDoesNotPay_settlesWithTheResultCode(
      String phone, String status, String resultCode) throws Exception {
    Answer checkout = checkout("ORD-1", 100, phone);

    JsonNode settled = awaitSettled(checkout.json().get("statusUrl").asText());
    assertThat(settled.get("status").asText()).isEqualTo(status);
    assertThat(settled.get("resultCode").asText()).isEqualTo(resultCode);
    assertThat(settled.get("resultDescription").asText()).isNotBlank();
    assertThat(settled.get("receipt").isNull()).isTrue();
  }

  @Test
  void checkout_afterCancelledAttempt_pushesASecondAttempt() throws Exception {
    fake.customer(SandboxNumbers.CANCELS).willCancel();
    awaitSettled(checkout("ORD-7", 100, SandboxNumbers.CANCELS).json().get("statusUrl").asText());
    fake.customer(SandboxNumbers.CANCELS).pays();

    Answer again = checkout("ORD-7", 100, SandboxNumbers.CANCELS);

    assertThat(again.status()).isEqualTo(202);
    assertThat(awaitSettled("/payments/orders/ORD-7").get("status").asText())
        .isEqualTo("completed");
    assertThat(fake.journal().requests(PUSH)).hasSize(2);
  }

  // ---------------------------------------------------------------- callbacks

  /** R32: Daraja may deliver a callback twice; the payment is settled once. */
  @Test
  void callback_deliveredTwice_storedOnceAndBothAcknowledged() throws Exception {
    fake.faults().duplicateCallbacks(true);
    String id =
        checkout("ORD-1", 850, SandboxNumbers.PAYS).json().get("checkoutRequestId").asText();

    List<CallbackDelivery> deliveries =
        fake.journal().awaitCallbacks(c -> id.equals(c.correlationId()), 2, WAIT);

    assertThat(deliveries).extracting(CallbackDelivery::status).containsExactly(200, 200);
    assertThat(deliveries).allMatch(CallbackDelivery::acknowledged);
    // Both are kept; one settled the payment, the other changed nothing.
    assertThat(count("SELECT COUNT(*) FROM stk_callbacks")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM stk_callbacks WHERE effect = 'APPLIED'")).isEqualTo(1);
    assertThat(get("/payments/status/" + id).json().get("status").asText()).isEqualTo("completed");
  }

  /** R32 under concurrency: simultaneous deliveries of one callback store it once. */
  @Test
  void callback_deliveredConcurrently_storedOnce() throws Exception {
    fake.faults().dropCallbacks(true);
    String id =
        checkout("ORD-1", 850, SandboxNumbers.PAYS).json().get("checkoutRequestId").asText();
    CallbackDelivery dropped = fake.journal().awaitCallback(id, WAIT);

    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return post(dropped.url(), dropped.body()).status();
                }));
      }
      go.countDown();
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(count("SELECT COUNT(*) FROM stk_callbacks")).isEqualTo(threads);
    assertThat(count("SELECT COUNT(*) FROM stk_callbacks WHERE effect = 'APPLIED'")).isEqualTo(1);
    assertThat(get("/payments/status/" + id).json().get("status").asText()).isEqualTo("completed");
  }

  /** R33: only URLs this server signed are accepted; the rest leave no trace. */
  @Test
  void callback_forgedOrTamperedToken_refusedAndNothingStored() throws Exception {
    fake.faults().dropCallbacks(true);
    String id =
        checkout("ORD-1", 850, SandboxNumbers.PAYS).json().get("checkoutRequestId").asText();
    CallbackDelivery genuine = fake.journal().awaitCallback(id, WAIT);
    String url = genuine.url().toString();
    char last = url.charAt(url.length() - 1);
    URI tampered = URI.create(url.substring(0, url.length() - 1) + (last == '0' ? '1' : '0'));
    CallbackUrlSigner otherKey =
        CallbackUrlSigner.of(CallbackUrlSigner.generateKey(), Clock.systemUTC());

    assertThat(post(URI.create(server.callbackBase() + "/forged"), genuine.body()).status())
        .isEqualTo(403);
    assertThat(post(tampered, genuine.body()).status()).isEqualTo(403);
    assertThat(post(otherKey.sign(server.callbackBase(), "ORD-1.1"), genuine.body()).status())
        .isEqualTo(403);

    assertThat(count("SELECT COUNT(*) FROM stk_callbacks")).isZero();
    assertThat(get("/payments/status/" + id).json().get("status").asText()).isEqualTo("pending");
    assertThat(post(genuine.url(), genuine.body()).status()).isEqualTo(200);
    assertThat(get("/payments/status/" + id).json().get("status").asText()).isEqualTo("completed");
  }

  @Test
  void callback_signedUrlWithMalformedBody_refusedAndNothingStored() throws Exception {
    Answer answer = post(signer.sign(server.callbackBase(), "ORD-1.1"), "{\"Body\":");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(count("SELECT COUNT(*) FROM stk_callbacks")).isZero();
  }

  /** A callback at one payment's URL with another payment's CheckoutRequestID settles neither. */
  @Test
  void callback_forAnotherPaymentsCheckoutRequestId_keptButMarksNothing() throws Exception {
    fake.faults().dropCallbacks(true);
    String a = checkout("ORD-A", 100, SandboxNumbers.PAYS).json().get("checkoutRequestId").asText();
    String b =
        checkout("ORD-B", 200, SandboxNumbers.CANCELS).json().get("checkoutRequestId").asText();
    CallbackDelivery toA = fake.journal().awaitCallback(a, WAIT);
    CallbackDelivery toB = fake.journal().awaitCallback(b, WAIT);

    assertThat(post(toA.url(), toB.body()).status()).isEqualTo(200);
    assertThat(post(signer.sign(server.callbackBase(), "NO-SUCH.1"), toA.body()).status())
        .isEqualTo(200);

    assertThat(get("/payments/status/" + a).json().get("status").asText()).isEqualTo("pending");
    assertThat(get("/payments/status/" + b).json().get("status").asText()).isEqualTo("pending");
    assertThat(count("SELECT COUNT(*) FROM stk_callbacks WHERE NOT matched")).isEqualTo(1);

    // The misdirected copy does not make the genuine deliveries look like duplicates.
    post(toB.url(), toB.body());
    post(toA.url(), toA.body());
    assertThat(get("/payments/status/" + a).json().get("status").asText()).isEqualTo("completed");
    assertThat(get("/payments/status/" + b).json().get("status").asText()).isEqualTo("cancelled");
  }

  // ------------------------------------------- forged and altered callbacks (issue 11, point 2)

  /** A copy of a genuine callback body with {@code edit} applied, posted to its own signed URL. */
  private Answer forge(CallbackDelivery genuine, java.util.function.UnaryOperator<String> edit)
      throws Exception {
    return post(genuine.url(), edit.apply(genuine.body()));
  }

  private static String asSuccess(String body, String receipt, String amount) {
    return body.replaceFirst("\"ResultCode\":\\s*\\d+", "\"ResultCode\":0")
        .replaceFirst(
            "\"ResultDesc\":\"[^\"]*\"",
            "\"ResultDesc\":\"The service request is processed successfully.\","
                + "\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":"
                + amount
                + "},{\"Name\":\"MpesaReceiptNumber\",\"Value\":\""
                + receipt
                + "\"},{\"Name\":\"PhoneNumber\",\"Value\":254708374151}]}");
  }

  /** The reproduction of the issue: a cancelled push's callback replayed as a success. */
  @Test
  void forgedSuccess_ofACancelledPush_changesNothing() throws Exception {
    fake.faults().dropCallbacks(true);
    String id =
        checkout("ORD-1", 100, SandboxNumbers.CANCELS).json().get("checkoutRequestId").asText();
    CallbackDelivery dropped = fake.journal().awaitCallback(id, WAIT);
    assertThat(mpesa.stk().query(id).status()).isEqualTo(PaymentStatus.CANCELLED);

    Answer answer = forge(dropped, b -> asSuccess(b, "ZZ00000000", "100"));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode payment = get("/payments/status/" + id).json();
    assertThat(payment.get("status").asText())
        .isEqualTo("cancelled"); // Daraja's word, not the body's
    assertThat(payment.get("receipt").isNull()).isTrue();
    assertThat(count("SELECT COUNT(*) FROM payments WHERE receipt = 'ZZ00000000'")).isZero();
  }

  /** A success for a push that never reached the customer is not confirmed: nothing changes. */
  @Test
  void forgedSuccess_forAPushThatNeverReachedTheCustomer_changesNothing() throws Exception {
    fake.faults().failNext(1, dev.mpesa.testkit.Fault.RESET_BEFORE_PROCESSING, PUSH);
    Answer checkout = checkout("ORD-1", 850, SandboxNumbers.PAYS); // outcome unknown: pending
    assertThat(checkout.json().get("status").asText()).isEqualTo("pending");
    String invented =
        "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"1-1-1\","
            + "\"CheckoutRequestID\":\"ws_CO_04122026000000000001\",\"ResultCode\":1032,"
            + "\"ResultDesc\":\"x\"}}}";

    Answer answer =
        post(signer.sign(server.callbackBase(), "ORD-1.1"), asSuccess(invented, "ZZ1", "850"));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode payment = get("/payments/orders/ORD-1").json();
    assertThat(payment.get("status").asText()).isEqualTo("pending");
    assertThat(payment.get("receipt").isNull()).isTrue();
    assertThat(count("SELECT COUNT(*) FROM stk_callbacks WHERE confirmation = 'UNCONFIRMED'"))
        .isEqualTo(1);
  }

  /** A paid order's callback replayed with another receipt and KES 1 changes nothing. */
  @Test
  void forgedReceiptOrAmount_afterTheGenuineCallback_changesNothing() throws Exception {
    String id =
        checkout("ORD-1", 850, SandboxNumbers.PAYS).json().get("checkoutRequestId").asText();
    CallbackDelivery genuine = fake.journal().awaitCallback(id, WAIT);
    JsonNode paid = awaitSettled("/payments/status/" + id);
    String receipt = paid.get("receipt").asText();

    forge(genuine, b -> b.replace(receipt, "ZZ00000000"));
    forge(genuine, b -> b.replaceFirst("\"Value\":850(\\.0+)?", "\"Value\":1.00"));

    JsonNode after = get("/payments/status/" + id).json();
    assertThat(after.get("status").asText()).isEqualTo("completed");
    assertThat(after.get("receipt").asText()).isEqualTo(receipt);
  }

  /** The first callback to arrive is a forgery with KES 1: the payment is held, not completed. */
  @Test
  void wrongAmount_onAConfirmedPayment_holdsIt() throws Exception {
    fake.faults().dropCallbacks(true);
    String id =
        checkout("ORD-1", 850, SandboxNumbers.PAYS).json().get("checkoutRequestId").asText();
    CallbackDelivery dropped = fake.journal().awaitCallback(id, WAIT);

    forge(dropped, b -> b.replaceFirst("\"Value\":850(\\.0+)?", "\"Value\":1.00"));

    JsonNode payment = get("/payments/status/" + id).json();
    assertThat(payment.get("status").asText()).isEqualTo("held");
    assertThat(payment.get("receipt").isNull()).isTrue();
    assertThat(payment.get("resultDescription").asText()).contains("AMOUNT");
  }

  /** The callback can arrive before the push returns: the payment was stored before the push. */
  @Test
  void callback_beforePushAnswer_settlesThePayment() throws Exception {
    fake.faults().latency(Duration.ofMillis(800)); // the customer pays after 50 ms

    Answer checkout = checkout("ORD-1", 850, SandboxNumbers.PAYS);

    String id =
        fake.journal().requests(PUSH).get(0).responseJson().get("CheckoutRequestID").asText();
    assertThat(fake.journal().awaitCallback(id, WAIT).status()).isEqualTo(200);
    assertThat(checkout.json().get("checkoutRequestId").asText()).isEqualTo(id);
    // The callback came first and found the payment (its confirming query may still be running
    // when the push answers).
    JsonNode settled = awaitSettled("/payments/status/" + id);
    assertThat(settled.get("status").asText()).isEqualTo("completed");
    assertThat(settled.get("receipt").isNull()).isFalse();
  }

  @Test
  void callback_fromAddressNotAllowed_refusedWhenEnforcing() throws Exception {
    serve(
        CheckoutServer.builder()
            .ipAllowList(
                IpAllowList.builder()
                    .allowSafaricomDefaults()
                    .mode(IpAllowList.Mode.ENFORCE)
                    .build()));
    fake.faults().dropCallbacks(true);
    String id =
        checkout("ORD-1", 850, SandboxNumbers.PAYS).json().get("checkoutRequestId").asText();
    CallbackDelivery genuine = fake.journal().awaitCallback(id, WAIT);

    assertThat(post(genuine.url(), genuine.body()).status()).isEqualTo(403);
    assertThat(count("SELECT COUNT(*) FROM stk_callbacks")).isZero();
  }

  // ---------------------------------------------------------------- reconciliation

  /** A.5: a lost callback; the status endpoint's STK query settles the payment (no receipt). */
  @Test
  void status_callbackLost_settledByQuery() throws Exception {
    serve(CheckoutServer.builder().reconcileAfter(Duration.ZERO));
    fake.faults().dropCallbacks(true);
    String id =
        checkout("ORD-1", 850, SandboxNumbers.PAYS).json().get("checkoutRequestId").asText();
    fake.journal().awaitCallback(id, WAIT); // the fake's customer has paid; nothing came

    JsonNode settled = awaitSettled("/payments/status/" + id);

    assertThat(settled.get("status").asText()).isEqualTo("completed");
    assertThat(settled.get("resultCode").asText()).isEqualTo("0");
    assertThat(settled.get("receipt").isNull()).isTrue(); // a query carries no receipt
    assertThat(fake.journal().requests(QUERY)).isNotEmpty();
    assertThat(fake.journal().requests(PUSH)).hasSize(1);
  }

  @Test
  void status_lostCallbackNotYetDue_staysPendingWithoutQuery() throws Exception {
    fake.faults().dropCallbacks(true);
    String id =
        checkout("ORD-1", 850, SandboxNumbers.PAYS).json().get("checkoutRequestId").asText();
    fake.journal().awaitCallback(id, WAIT);

    assertThat(get("/payments/status/" + id).json().get("status").asText()).isEqualTo("pending");
    assertThat(fake.journal().requests(QUERY)).isEmpty();
  }

  /** A.8/R30: "being processed" is not an outcome. */
  @Test
  void status_queriedBeforeCustomerAnswers_staysPending() throws Exception {
    serve(CheckoutServer.builder().reconcileAfter(Duration.ZERO));
    fake.customer(SandboxNumbers.PAYS).paysAfter(Duration.ofSeconds(30));
    String id =
        checkout("ORD-1", 850, SandboxNumbers.PAYS).json().get("checkoutRequestId").asText();

    assertThat(get("/payments/status/" + id).json().get("status").asText()).isEqualTo("pending");
    assertThat(fake.journal().requests(QUERY)).hasSize(1);
  }

  /** R9, A.12: a push that may have been processed is never resent; its callback settles it. */
  @Test
  void checkout_pushResetAfterProcessing_notResentAndSettledByCallback() throws Exception {
    fake.faults().failNext(1, Fault.RESET_AFTER_PROCESSING, PUSH);
    fake.customer(SandboxNumbers.PAYS).paysAfter(Duration.ofSeconds(1));

    Answer checkout = checkout("ORD-1", 850, SandboxNumbers.PAYS);

    assertThat(checkout.status()).isEqualTo(202);
    assertThat(checkout.json().get("status").asText()).isEqualTo("pending");
    assertThat(checkout.json().get("checkoutRequestId").isNull()).isTrue();
    assertThat(checkout.json().get("message").asText()).contains("will not be sent again");
    assertThat(checkout.json().get("statusUrl").asText()).isEqualTo("/payments/orders/ORD-1");
    assertThat(checkout("ORD-1", 850, SandboxNumbers.PAYS).status()).isEqualTo(409);

    JsonNode settled = awaitSettled("/payments/orders/ORD-1");

    assertThat(settled.get("status").asText()).isEqualTo("completed");
    assertThat(settled.get("receipt").isNull()).isFalse();
    assertThat(settled.get("checkoutRequestId").asText())
        .isEqualTo(fake.journal().callbacks(CallbackKind.STK).get(0).correlationId());
    assertThat(settled.has("message")).isFalse();
    assertThat(fake.journal().requests(PUSH)).hasSize(1);
  }

  // ---------------------------------------------------------------- refusals

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[]",
        "{}",
        "{\"amount\":850,\"phone\":\"0712345678\"}",
        "{\"orderId\":\"ORD-TOO-LONG-1\",\"amount\":850,\"phone\":\"0712345678\"}",
        "{\"orderId\":\"ORD 1\",\"amount\":850,\"phone\":\"0712345678\"}",
        "{\"orderId\":\"ORD-1\",\"amount\":0,\"phone\":\"0712345678\"}",
        "{\"orderId\":\"ORD-1\",\"amount\":8.5,\"phone\":\"0712345678\"}",
        "{\"orderId\":\"ORD-1\",\"amount\":\"850\",\"phone\":\"0712345678\"}",
        "{\"orderId\":\"ORD-1\",\"amount\":250001,\"phone\":\"0712345678\"}",
        "{\"orderId\":\"ORD-1\",\"amount\":850}",
        "{\"orderId\":\"ORD-1\",\"amount\":850,\"phone\":\"0812345678\"}",
      })
  void checkout_badInput_answers400AndSendsNothing(String body) throws Exception {
    Answer answer = post(server.localUrl().resolve("/payments/checkout"), body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("error").asText()).isNotBlank().doesNotContain("812345678");
    assertThat(fake.journal().requests()).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM orders")).isZero();
  }

  /** R14, A.7: a busy customer is not pushed again by the server; nothing was charged. */
  @Test
  void checkout_busySubscriber_answers409Failed() throws Exception {
    Answer answer = checkout("ORD-1", 850, SandboxNumbers.BUSY);

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.json().get("status").asText()).isEqualTo("failed");
    assertThat(answer.json().get("error").asText()).contains("another M-Pesa session");
    assertThat(answer.json().get("retryAfterSeconds").asLong()).isEqualTo(60);
    assertThat(get("/payments/orders/ORD-1").json().get("status").asText()).isEqualTo("failed");
    assertThat(fake.journal().requests(PUSH)).hasSize(1);
  }

  /** R13: a request Daraja rejects is failed at once, never resent. */
  @Test
  void checkout_darajaRejectsCredentials_answers502Failed() throws Exception {
    try (MpesaClient wrongPasskey = fake.clientBuilder().passkey("not-the-passkey").build()) {
      server.close();
      server =
          CheckoutServer.builder().mpesa(wrongPasskey).signer(signer).dataSource(database).start();

      Answer answer = checkout("ORD-1", 850, SandboxNumbers.PAYS);

      assertThat(answer.status()).isEqualTo(502);
      assertThat(answer.json().get("status").asText()).isEqualTo("failed");
      assertThat(answer.json().get("error").asText()).contains("Wrong credentials");
      assertThat(answer.json().get("resultDescription").asText()).contains("Wrong credentials");
      assertThat(fake.journal().requests(PUSH)).hasSize(1);
    }
  }

  /** R17: one prompt per order at a time, and never for a paid order. */
  @Test
  void checkout_orderPendingOrPaidOrOtherAmount_answers409WithoutPush() throws Exception {
    fake.customer(SandboxNumbers.PAYS).paysAfter(Duration.ofSeconds(1));
    String id =
        checkout("ORD-1", 850, SandboxNumbers.PAYS).json().get("checkoutRequestId").asText();

    Answer whilePending = checkout("ORD-1", 850, SandboxNumbers.PAYS);
    Answer otherAmount = checkout("ORD-1", 900, SandboxNumbers.PAYS);
    awaitSettled("/payments/status/" + id);
    Answer whenPaid = checkout("ORD-1", 850, SandboxNumbers.PAYS);

    assertThat(whilePending.status()).isEqualTo(409);
    assertThat(whilePending.json().get("error").asText()).contains("in progress");
    assertThat(otherAmount.status()).isEqualTo(409);
    assertThat(otherAmount.json().get("error").asText()).contains("KES 850");
    assertThat(whenPaid.status()).isEqualTo(409);
    assertThat(whenPaid.json().get("error").asText()).contains("already paid");
    assertThat(fake.journal().requests(PUSH)).hasSize(1);
  }

  // ---------------------------------------------------------------- routing

  @Test
  void unknownPaths_answer404Json() throws Exception {
    assertThat(get("/").status()).isEqualTo(404);
    assertThat(get("/payments/status/").status()).isEqualTo(404);
    assertThat(get("/payments/status/ws_CO_unknown").status()).isEqualTo(404);
    assertThat(get("/payments/orders/ORD-404").json().get("error").asText()).isNotBlank();
    assertThat(post(server.localUrl().resolve("/payments/callback/a/b"), "{}").status())
        .isEqualTo(404);
  }

  @Test
  void wrongMethods_answer405WithAllow() throws Exception {
    HttpResponse<String> getCheckout =
        http.send(
            HttpRequest.newBuilder(server.localUrl().resolve("/payments/checkout")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    Answer postStatus = post(server.localUrl().resolve("/payments/status/ws_CO_1"), "{}");

    assertThat(getCheckout.statusCode()).isEqualTo(405);
    assertThat(getCheckout.headers().firstValue("Allow")).contains("POST");
    assertThat(json.readTree(getCheckout.body()).get("error").asText()).isNotBlank();
    assertThat(postStatus.status()).isEqualTo(405);
  }

  // ---------------------------------------------------------------- helpers

  private Answer checkout(String orderId, long amount, String phone) throws Exception {
    String body =
        json.createObjectNode()
            .put("orderId", orderId)
            .put("amount", amount)
            .put("phone", phone)
            .toString();
    return post(server.localUrl().resolve("/payments/checkout"), body);
  }

  private Answer post(URI url, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), json.readTree(response.body()));
  }

  private Answer get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.localUrl().resolve(path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), json.readTree(response.body()));
  }

  /** Polls like a front end until the payment is no longer pending. */
  private JsonNode awaitSettled(String path) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode payment = get(path).json();
      if (!"pending".equals(payment.path("status").asText())) {
        return payment;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still pending after " + WAIT + ": " + payment);
      }
      Thread.sleep(25);
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = database.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
