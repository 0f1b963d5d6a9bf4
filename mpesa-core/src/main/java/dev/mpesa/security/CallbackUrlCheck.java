package dev.mpesa.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.internal.CallbackUrls;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.internal.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Checks a callback URL before you go live, the way Daraja will use it: https, a host that resolves
 * only to public addresses, none of the words Daraja bans, and an endpoint that answers a sample
 * STK callback quickly with HTTP 200 and the acknowledgement {@code {"ResultCode":0,...}}.
 *
 * <pre>{@code
 * CallbackUrlCheck.Report report =
 *     CallbackUrlCheck.check(signer.sign(URI.create("https://shop.example/payments/stk"), "check"));
 * System.out.println(report); // every problem found, or "passed"
 * }</pre>
 *
 * <p>The sample is a <b>cancelled</b> payment (ResultCode {@code 1032}) with the made-up
 * CheckoutRequestID {@value #SAMPLE_CHECKOUT_REQUEST_ID}, so an endpoint that settles payments
 * cannot mark anything paid with it; an endpoint that verifies signed URLs needs a URL signed by
 * your {@link CallbackUrlSigner}, or it answers 403 (reported as a problem). The check POSTs from
 * this machine, not from Safaricom's network: it cannot see a firewall that blocks Safaricom's
 * addresses only. The standalone fake Daraja runs it from the command line: {@code
 * --check-callback-url URL}.
 */
public final class CallbackUrlCheck {
  /** How long the endpoint may take to answer the sample, by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Answers slower than this are reported: Daraja's own wait is short and undocumented. */
  public static final Duration SLOW = Duration.ofSeconds(2);

  /** The CheckoutRequestID of the sample callback. */
  public static final String SAMPLE_CHECKOUT_REQUEST_ID = "ws_CO_CALLBACK_URL_CHECK";

  private static final String SAMPLE =
      "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"CALLBACK-URL-CHECK\","
          + "\"CheckoutRequestID\":\""
          + SAMPLE_CHECKOUT_REQUEST_ID
          + "\",\"ResultCode\":1032,\"ResultDesc\":\"Request cancelled by user\"}}}";

  private static final MediaType JSON = MediaType.get("application/json");

  private CallbackUrlCheck() {}

  /** What can be wrong with a callback URL. */
  public enum Problem {
    /** Not https: refused in production. */
    NOT_HTTPS,
    /** The host is a name that does not resolve. */
    UNRESOLVABLE,
    /** The host is or resolves to an address Daraja cannot reach (loopback, private...). */
    NOT_PUBLIC,
    /** The URL contains a word Daraja bans in callback URLs. */
    BANNED_WORD,
    /** No answer within the timeout, or the connection failed. */
    NO_ANSWER,
    /** An answer, but slower than {@link CallbackUrlCheck#SLOW}. */
    SLOW,
    /** An answer other than HTTP 200. */
    BAD_STATUS,
    /** HTTP 200 without the acknowledgement {@code {"ResultCode":0,...}}. */
    BAD_REPLY
  }

  /**
   * One problem found.
   *
   * @param problem what is wrong
   * @param detail in plain words
   */
  public record Finding(Problem problem, String detail) {}

  /**
   * What the check found.
   *
   * @param url the URL checked
   * @param findings every problem, empty if the URL passed
   * @param httpStatus the endpoint's HTTP status, or 0 if it did not answer
   * @param latency how long the answer took, or null if there was none
   */
  public record Report(URI url, List<Finding> findings, int httpStatus, Duration latency) {
    /** Copies the findings. */
    public Report {
      findings = List.copyOf(findings);
    }

    /** Whether no problem was found. */
    public boolean passed() {
      return findings.isEmpty();
    }

    /** Whether {@code problem} was found. */
    public boolean has(Problem problem) {
      return findings.stream().anyMatch(f -> f.problem() == problem);
    }

    /** One line per problem, or "passed". */
    @Override
    public String toString() {
      StringBuilder sb =
          new StringBuilder("Callback URL check of ").append(Redaction.url(url)).append(": ");
      if (findings.isEmpty()) {
        return sb.append("passed (HTTP 200 in ")
            .append(latency.toMillis())
            .append(" ms)")
            .toString();
      }
      sb.append(findings.size()).append(findings.size() == 1 ? " problem" : " problems");
      for (Finding f : findings) {
        sb.append("\n  - ").append(f.problem()).append(": ").append(f.detail());
      }
      return sb.toString();
    }
  }

  /** Checks {@code url} with {@link #DEFAULT_TIMEOUT}. */
  public static Report check(URI url) {
    return check(url, DEFAULT_TIMEOUT);
  }

  /**
   * Checks {@code url}: its form and host, then one POST of the sample callback.
   *
   * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL, or the timeout
   *     is not positive
   */
  public static Report check(URI url, Duration timeout) {
    Checks.callbackUrl("url", url);
    Checks.required(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    List<Finding> findings = new ArrayList<>();
    if (!"https".equals(url.getScheme().toLowerCase(Locale.ROOT))) {
      findings.add(
          new Finding(
              Problem.NOT_HTTPS, "production callback URLs must be https, not " + url.getScheme()));
    }
    Set<String> banned = CallbackUrls.bannedWords(url);
    if (!banned.isEmpty()) {
      findings.add(
          new Finding(
              Problem.BANNED_WORD,
              "contains " + banned + ", which Daraja refuses in callback URLs (any case)"));
    }
    checkHost(url.getHost(), findings);

    OkHttpClient http =
        new OkHttpClient.Builder()
            .callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .followRedirects(false)
            .retryOnConnectionFailure(false)
            .build();
    int status = 0;
    Duration latency = null;
    long start = System.nanoTime();
    try (Response response =
        http.newCall(
                new Request.Builder()
                    .url(url.toString())
                    .header("User-Agent", "mpesa-java CallbackUrlCheck")
                    .post(RequestBody.create(SAMPLE, JSON))
                    .build())
            .execute()) {
      latency = Duration.ofNanos(System.nanoTime() - start);
      status = response.code();
      ResponseBody body = response.body();
      String reply = body == null ? "" : body.string();
      if (status != 200) {
        findings.add(
            new Finding(
                Problem.BAD_STATUS,
                "answered HTTP "
                    + status
                    + " instead of 200"
                    + (status == 403 ? " (a signed-URL check? sign the URL you test)" : "")));
      } else if (!acknowledges(reply)) {
        findings.add(
            new Finding(
                Problem.BAD_REPLY,
                "answered 200 without {\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}"
                    + " (CallbackReply.acknowledge().toJson())"));
      }
      if (latency.compareTo(SLOW) > 0) {
        findings.add(
            new Finding(
                Problem.SLOW,
                "took "
                    + latency.toMillis()
                    + " ms; acknowledge first and do slow work afterwards"));
      }
    } catch (IOException e) {
      findings.add(
          new Finding(
              Problem.NO_ANSWER,
              "no answer within " + timeout.toMillis() + " ms: " + e.getClass().getSimpleName()));
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    return new Report(url, findings, status, latency);
  }

  private static void checkHost(String host, List<Finding> findings) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(h);
    } catch (UnknownHostException e) {
      findings.add(new Finding(Problem.UNRESOLVABLE, "the host " + host + " does not resolve"));
      return;
    }
    for (InetAddress a : addresses) {
      if (CallbackUrls.isNotPublic(a)) {
        findings.add(
            new Finding(
                Problem.NOT_PUBLIC,
                "the host "
                    + host
                    + " is "
                    + a.getHostAddress()
                    + ", which Daraja on the internet cannot reach"));
        return;
      }
    }
  }

  private static boolean acknowledges(String reply) {
    try {
      JsonNode json = Json.TREE_READER.readTree(reply);
      return json != null && json.isObject() && "0".equals(Json.text(json.get("ResultCode")));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
