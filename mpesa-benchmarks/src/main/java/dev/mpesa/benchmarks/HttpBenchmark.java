package dev.mpesa.benchmarks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.CircuitBreakerSettings;
import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.RetrySettings;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.stk.StkPushResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One STK push exchange four ways, on the same loopback server and the same OkHttpClient settings:
 * (1) raw OkHttp with a pre-serialized body, (2) raw OkHttp plus Jackson both ways, (3) the SDK
 * with a warm token and retry and circuit breaker on, (4) the SDK with them off. Run with {@code -t
 * 1} and {@code -t 16}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HttpBenchmark {
  static final MediaType JSON = MediaType.get("application/json");
  static final String PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

  LoopbackDaraja server;
  OkHttpClient http;
  ObjectMapper mapper;
  MpesaClient sdk;
  MpesaClient sdkWithoutResilience;
  StkPushRequest request;
  byte[] preSerialized;
  String pushUrl;
  PushBody body;

  /** The push body as a hand-written integration would model it. */
  @JsonPropertyOrder({
    "BusinessShortCode",
    "Password",
    "Timestamp",
    "TransactionType",
    "Amount",
    "PartyA",
    "PartyB",
    "PhoneNumber",
    "CallBackURL",
    "AccountReference",
    "TransactionDesc"
  })
  public record PushBody(
      @JsonProperty("BusinessShortCode") String businessShortCode,
      @JsonProperty("Password") String password,
      @JsonProperty("Timestamp") String timestamp,
      @JsonProperty("TransactionType") String transactionType,
      @JsonProperty("Amount") String amount,
      @JsonProperty("PartyA") String partyA,
      @JsonProperty("PartyB") String partyB,
      @JsonProperty("PhoneNumber") String phoneNumber,
      @JsonProperty("CallBackURL") String callBackUrl,
      @JsonProperty("AccountReference") String accountReference,
      @JsonProperty("TransactionDesc") String transactionDesc) {}

  /** The acknowledgement as a hand-written integration would model it. */
  public record PushAck(
      @JsonProperty("MerchantRequestID") String merchantRequestId,
      @JsonProperty("CheckoutRequestID") String checkoutRequestId,
      @JsonProperty("ResponseCode") String responseCode,
      @JsonProperty("ResponseDescription") String responseDescription,
      @JsonProperty("CustomerMessage") String customerMessage) {}

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    server = new LoopbackDaraja(3599);
    http =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES))
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(30))
            .writeTimeout(Duration.ofSeconds(30))
            .callTimeout(Duration.ofSeconds(60))
            .build();
    http.dispatcher().setMaxRequestsPerHost(64);
    mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    sdk = client(RetrySettings.defaults(), CircuitBreakerSettings.defaults());
    sdkWithoutResilience = client(RetrySettings.disabled(), CircuitBreakerSettings.disabled());
    request =
        StkPushRequest.builder()
            .phoneNumber("0712345678")
            .amount(850)
            .accountReference("ORD-1234")
            .description("Order 1234")
            .callbackUrl("https://shop.example/mpesa/stk")
            .build();
    String timestamp = "20260101120000";
    String password =
        Base64.getEncoder()
            .encodeToString(("174379" + PASSKEY + timestamp).getBytes(StandardCharsets.UTF_8));
    body =
        new PushBody(
            "174379",
            password,
            timestamp,
            "CustomerPayBillOnline",
            "850",
            "254712345678",
            "174379",
            "254712345678",
            "https://shop.example/mpesa/stk",
            "ORD-1234",
            "Order 1234");
    preSerialized = mapper.writeValueAsBytes(body);
    pushUrl = server.baseUrl() + "/mpesa/stkpush/v1/processrequest";
    // Warm the SDK clients' tokens so the measured calls never refresh.
    sdk.stk().push(request);
    sdkWithoutResilience.stk().push(request);
  }

  private MpesaClient client(RetrySettings retry, CircuitBreakerSettings breaker) {
    return MpesaClient.builder()
        .environment(Environment.SANDBOX)
        .baseUrl(server.baseUrl())
        .consumerKey("bench-key")
        .consumerSecret("bench-secret")
        .shortCode("174379")
        .passkey(PASSKEY)
        .httpClient(http)
        .retry(retry)
        .circuitBreaker(breaker)
        .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    sdk.close();
    sdkWithoutResilience.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    server.close();
  }

  /** (1) The floor: a pre-serialized body, execute, read the answer, close. */
  @Benchmark
  public String rawOkHttp() throws IOException {
    Request r =
        new Request.Builder()
            .url(pushUrl)
            .header("Authorization", "Bearer static-token")
            .post(RequestBody.create(preSerialized, JSON))
            .build();
    try (Response response = http.newCall(r).execute()) {
      return response.body().string();
    }
  }

  /** (2) What a careful hand-written integration does: Jackson both ways. */
  @Benchmark
  public PushAck rawOkHttpJackson() throws IOException {
    Request r =
        new Request.Builder()
            .url(pushUrl)
            .header("Authorization", "Bearer static-token")
            .post(RequestBody.create(mapper.writeValueAsBytes(body), JSON))
            .build();
    try (Response response = http.newCall(r).execute()) {
      return mapper.readValue(response.body().bytes(), PushAck.class);
    }
  }

  /** (3) The SDK: validation, timestamp and password, token, retry and breaker, mapping. */
  @Benchmark
  public StkPushResponse sdkPush() {
    return sdk.stk().push(request);
  }

  /** (4) The SDK with retry and circuit breaker turned off: (3) - (4) is their cost. */
  @Benchmark
  public StkPushResponse sdkPushWithoutResilience() {
    return sdkWithoutResilience.stk().push(request);
  }
}
