package dev.mpesa;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.account.AccountService;
import dev.mpesa.auth.InMemoryTokenStore;
import dev.mpesa.auth.TokenStore;
import dev.mpesa.b2b.B2bService;
import dev.mpesa.b2c.B2cService;
import dev.mpesa.b2c.B2cVersion;
import dev.mpesa.billmanager.BillManagerService;
import dev.mpesa.c2b.C2bService;
import dev.mpesa.c2b.C2bVersion;
import dev.mpesa.internal.ClientContext;
import dev.mpesa.internal.Problems;
import dev.mpesa.internal.auth.TokenManager;
import dev.mpesa.internal.http.OAuthFetcher;
import dev.mpesa.internal.http.Pipeline;
import dev.mpesa.internal.http.Services;
import dev.mpesa.internal.http.Transport;
import dev.mpesa.internal.json.Json;
import dev.mpesa.internal.resilience.Resilience;
import dev.mpesa.pull.PullService;
import dev.mpesa.qr.QrService;
import dev.mpesa.ratiba.RatibaService;
import dev.mpesa.ratiba.RatibaSettings;
import dev.mpesa.security.SecurityCredential;
import dev.mpesa.stk.StkService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * A client for one Daraja app: the entry point of the SDK.
 *
 * <pre>{@code
 * MpesaClient mpesa = MpesaClient.builder()
 *     .environment(Environment.SANDBOX)
 *     .consumerKey(key).consumerSecret(secret)
 *     .shortCode("174379").passkey(passkey)
 *     .build();
 * StkPushResponse ack = mpesa.stk().push(StkPushRequest.builder()
 *     .phoneNumber("0712 345 678").amount(850)
 *     .accountReference("ORD-1234").description("Order 1234")
 *     .callbackUrl("https://shop.example/mpesa/stk").build());
 * }</pre>
 *
 * <p>Create one client per Daraja app and share it: it is immutable and thread-safe, and it owns
 * one HTTP connection pool, one JSON mapper and one access-token cache. {@link #close()} releases
 * what it created (not an {@link OkHttpClient} you passed in).
 */
public final class MpesaClient implements AutoCloseable {

  /** Default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default read timeout: Daraja's acknowledgements can take several seconds. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /** Default limit on a whole call (connect, write, read). */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

  /** The largest M-Pesa Express payment Daraja documents: KES 250,000. */
  public static final long DEFAULT_STK_MAX_AMOUNT = 250_000;

  private final Environment environment;
  private final String baseUrl;
  private final OkHttpClient ownedHttpClient;
  private final ExecutorService tokenRefresher;
  private final Pipeline pipeline;
  private final Resilience resilience;
  private final StkService stk;
  private final B2cService b2c;
  private final B2bService b2b;
  private final C2bService c2b;
  private final PullService pull;
  private final AccountService account;
  private final QrService qr;
  private final RatibaService ratiba;
  private final BillManagerService billManager;
  private final String initiatorName;

  private MpesaClient(Builder b) {
    this.environment = b.environment;
    this.baseUrl = b.baseUrl != null ? b.baseUrl : b.environment.baseUrl();
    this.initiatorName = b.initiatorName;
    OkHttpClient base =
        b.httpClient != null
            ? b.httpClient
            : new OkHttpClient.Builder()
                // Shorter than a gateway's idle timeout is likely to be, so pooled connections are
                // rarely stale (a stale one can turn a push into an unknown outcome).
                .connectionPool(new ConnectionPool(5, 30, TimeUnit.SECONDS))
                .build();
    this.ownedHttpClient = b.httpClient == null ? base : null;
    OkHttpClient http =
        base.newBuilder()
            .connectTimeout(b.connectTimeout)
            .readTimeout(b.readTimeout)
            .writeTimeout(b.readTimeout)
            .callTimeout(b.callTimeout)
            .build();
    ObjectMapper mapper = Json.newMapper();
    this.resilience =
        new Resilience(b.retry, b.circuitBreaker, b.rateLimit, b.clock, b.sleeper, b.listener);
    Transport transport = new Transport(http, mapper, baseUrl, b.clock, resilience, b.listener);
    this.tokenRefresher = newRefresher();
    TokenManager tokens =
        new TokenManager(
            tokenKey(baseUrl, b.consumerKey),
            b.tokenStore,
            b.clock,
            tokenRefresher,
            new OAuthFetcher(
                transport, resilience, b.clock, b.listener, b.consumerKey, b.consumerSecret),
            resilience::newDeadline,
            TokenManager.DEFAULT_REFRESH_MARGIN,
            TokenManager.DEFAULT_EXPIRY_MARGIN);
    ClientContext context =
        new ClientContext(
            environment,
            b.clock,
            b.sleeper,
            b.shortCode,
            b.passkey,
            b.stkMaxAmount,
            b.initiatorName,
            securityCredential(b),
            b.b2cVersion,
            b.c2bVersion,
            b.ratibaSettings,
            b.awaitFirst,
            b.awaitInterval,
            b.awaitMax);
    this.pipeline = new Pipeline(transport, tokens, resilience, mapper, b.listener, context);
    this.stk = Services.create(StkService.class, pipeline);
    this.b2c = Services.create(B2cService.class, pipeline);
    this.b2b = Services.create(B2bService.class, pipeline);
    this.c2b = Services.create(C2bService.class, pipeline);
    this.pull = Services.create(PullService.class, pipeline);
    this.account = Services.create(AccountService.class, pipeline);
    this.qr = Services.create(QrService.class, pipeline);
    this.ratiba = Services.create(RatibaService.class, pipeline);
    this.billManager = Services.create(BillManagerService.class, pipeline);
  }

  /** A builder; {@link Builder#build()} says what is missing. */
  public static Builder builder() {
    return new Builder();
  }

  /** M-Pesa Express: STK push, query and await. */
  public StkService stk() {
    return stk;
  }

  /**
   * Business to customer: B2C payments (v3, or v1 if {@link Builder#b2cVersion(B2cVersion)} says
   * so), B2Pochi payments and B2C account top-ups. Needs the client's initiator.
   */
  public B2cService b2c() {
    return b2c;
  }

  /**
   * Business to business: Business Pay Bill, Business Buy Goods, tax remittance to KRA (these need
   * the client's initiator) and B2B Express Checkout.
   */
  public B2bService b2b() {
    return b2b;
  }

  /**
   * Customer to business: C2B URL registration and (sandbox only) simulated payments, on the {@link
   * Builder#c2bVersion(C2bVersion) C2B version} this client was built with.
   */
  public C2bService c2b() {
    return c2b;
  }

  /** Pull Transactions: register a short code once, then query its recent C2B payments. */
  public PullService pull() {
    return pull;
  }

  /**
   * Account Balance, Transaction Status and Reversal. Each call needs the client's initiator;
   * without one it fails with {@link IllegalStateException} before sending anything.
   */
  public AccountService account() {
    return account;
  }

  /** Dynamic QR: M-Pesa QR codes that customers scan to pay. Needs no initiator. */
  public QrService qr() {
    return qr;
  }

  /**
   * M-Pesa Ratiba: standing orders (recurring customer payments), written with the client's {@link
   * Builder#ratibaSettings(RatibaSettings) Ratiba settings}.
   */
  public RatibaService ratiba() {
    return ratiba;
  }

  /** M-Pesa Bill Manager: opt-in, e-invoices, payment acknowledgements and cancellations. */
  public BillManagerService billManager() {
    return billManager;
  }

  Pipeline pipeline() {
    return pipeline;
  }

  Resilience resilience() {
    return resilience;
  }

  /** The environment this client was built for. */
  public Environment environment() {
    return environment;
  }

  /** Where requests go: the environment's URL, or the {@code baseUrl} override. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The initiator (API operator) name configured for B2C, B2B and account APIs, or null. */
  public String initiatorName() {
    return initiatorName;
  }

  /**
   * Stops the token refresher and, if the client created its own OkHttpClient, its threads and idle
   * connections. Calls in flight finish; the client must not be used afterwards.
   */
  @Override
  public void close() {
    tokenRefresher.shutdown();
    if (ownedHttpClient != null) {
      ownedHttpClient.dispatcher().executorService().shutdown();
      ownedHttpClient.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "MpesaClient[environment=" + environment + ", baseUrl=" + baseUrl + "]";
  }

  /** Encrypts the initiator password once, with the certificate of the environment (or given). */
  private static SecurityCredential securityCredential(Builder b) {
    if (b.securityCredential != null) {
      return b.securityCredential;
    }
    if (b.initiatorPassword == null) {
      return null;
    }
    return b.initiatorCertificate != null
        ? SecurityCredential.encrypt(b.initiatorPassword, b.initiatorCertificate)
        : SecurityCredential.encrypt(b.initiatorPassword, b.environment);
  }

  private static ExecutorService newRefresher() {
    // At most one refresh runs at a time; the thread exists only while one does.
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            0,
            1,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "mpesa-token-refresh");
              t.setDaemon(true);
              return t;
            });
    return executor;
  }

  private static String tokenKey(String baseUrl, String consumerKey) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(consumerKey.getBytes(StandardCharsets.UTF_8));
      return baseUrl + "#" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Configures an {@link MpesaClient}. Not thread-safe; {@link #build()} checks every setting and
   * fails with a message naming the one that is missing or wrong.
   */
  public static final class Builder {
    private static final Pattern SHORT_CODE = Pattern.compile("\\d{5,7}");

    private Environment environment;
    private String baseUrl;
    private String consumerKey;
    private String consumerSecret;
    private String shortCode;
    private String passkey;
    private String initiatorName;
    private String initiatorPassword;
    private SecurityCredential securityCredential;
    private X509Certificate initiatorCertificate;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private OkHttpClient httpClient;
    private TokenStore tokenStore;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private long stkMaxAmount = DEFAULT_STK_MAX_AMOUNT;
    private B2cVersion b2cVersion = B2cVersion.V3;
    private C2bVersion c2bVersion = C2bVersion.V2;
    private RatibaSettings ratibaSettings = RatibaSettings.defaults();
    private RetrySettings retry = RetrySettings.defaults();
    private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.defaults();
    private double rateLimit;
    private MpesaListener listener = MpesaListener.NONE;
    private boolean initiatorSet;
    private Duration awaitFirst = StkService.AWAIT_FIRST_DELAY;
    private Duration awaitInterval = StkService.AWAIT_INTERVAL;
    private Duration awaitMax = StkService.AWAIT_MAX_INTERVAL;

    private Builder() {}

    /** Sandbox or production: decides the base URL and the rules for callback URLs. Required. */
    public Builder environment(Environment environment) {
      this.environment = environment;
      return this;
    }

    /**
     * Sends requests to {@code baseUrl} instead of the environment's URL: a fake Daraja in tests,
     * or a reverse proxy. The environment's rules still apply: in {@link Environment#PRODUCTION} it
     * must be https, unless it is a loopback address (a sidecar on the same host). A forward proxy
     * belongs on the {@link OkHttpClient} given to {@link #httpClient(OkHttpClient)}.
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** The consumer key of the Daraja app. Required. */
    public Builder consumerKey(String consumerKey) {
      this.consumerKey = consumerKey;
      return this;
    }

    /** The consumer secret of the Daraja app. Required; never logged or printed. */
    public Builder consumerSecret(String consumerSecret) {
      this.consumerSecret = consumerSecret;
      return this;
    }

    /**
     * The short code M-Pesa Express payments go to (for tills, the head-office or store number the
     * passkey was issued for). Needed, with {@link #passkey(String)}, for {@link #stk()}.
     */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /** The M-Pesa Express passkey of {@link #shortCode(String)}. Never logged or printed. */
    public Builder passkey(String passkey) {
      this.passkey = passkey;
      return this;
    }

    /**
     * The initiator (API operator) for B2C, B2B, reversal, balance and status: its name and
     * password. The password is never logged or printed.
     */
    public Builder initiator(String name, String password) {
      this.initiatorName = name;
      this.initiatorPassword = password;
      this.securityCredential = null;
      this.initiatorSet = true;
      return this;
    }

    /**
     * The initiator with a {@code SecurityCredential} made elsewhere (for example on the Daraja
     * portal), instead of a password for the SDK to encrypt.
     */
    public Builder initiator(String name, SecurityCredential credential) {
      this.initiatorName = name;
      this.securityCredential = credential;
      this.initiatorPassword = null;
      this.initiatorSet = true;
      return this;
    }

    /**
     * The certificate whose public key encrypts the initiator password, if Safaricom has issued a
     * new one; by default the SDK's bundled certificate of the environment.
     */
    public Builder initiatorCertificate(X509Certificate certificate) {
      this.initiatorCertificate = certificate;
      return this;
    }

    /** The clock for STK timestamps and token expiry; tests pass a fixed or fake one. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How the client waits between polls ({@code stk().await}); tests pass a recording one. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Derives the client's HTTP client from yours (sharing its connection pool, dispatcher and
     * interceptors). The timeouts of this builder are applied to the derived client. {@link
     * MpesaClient#close()} leaves your client alone.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * Where access tokens are kept. Give several clients (or, with a shared implementation, several
     * JVMs) of the same Daraja app the same store so they share one token: each new token
     * invalidates the one before. Default: a store of this client's own.
     */
    public Builder tokenStore(TokenStore tokenStore) {
      this.tokenStore = tokenStore;
      return this;
    }

    /** Connect timeout; default {@link MpesaClient#DEFAULT_CONNECT_TIMEOUT}. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** Read (and write) timeout; default {@link MpesaClient#DEFAULT_READ_TIMEOUT}. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /** Limit on a whole HTTP call; default {@link MpesaClient#DEFAULT_CALL_TIMEOUT}. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = timeout;
      return this;
    }

    /**
     * The largest M-Pesa Express amount this client sends, in shillings; larger pushes fail before
     * any call. Default {@link MpesaClient#DEFAULT_STK_MAX_AMOUNT} (Daraja's documented limit);
     * lower it to cap your own risk.
     */
    public Builder stkMaxAmount(long stkMaxAmount) {
      this.stkMaxAmount = stkMaxAmount;
      return this;
    }

    /**
     * When failed calls are retried: attempts, backoff, the per-call deadline and the shared retry
     * budget. What may be retried is fixed by each operation (a payment is resent only if it
     * provably never reached Daraja or was refused by the gateway's rate limits). Default {@link
     * RetrySettings#defaults()}; {@link RetrySettings#disabled()} turns retries off.
     */
    public Builder retry(RetrySettings retry) {
      this.retry = retry;
      return this;
    }

    /**
     * Circuit breaking per operation group. Default {@link CircuitBreakerSettings#defaults()};
     * {@link CircuitBreakerSettings#disabled()} turns it off.
     */
    public Builder circuitBreaker(CircuitBreakerSettings circuitBreaker) {
      this.circuitBreaker = circuitBreaker;
      return this;
    }

    /**
     * Spaces requests of each operation group evenly, at most {@code requestsPerSecond}, to stay
     * under Daraja's spike arrest (which rejects bursts even when the average is fine). Callers
     * wait for their slot within the call's deadline. Default 0: no limit.
     */
    public Builder rateLimit(double requestsPerSecond) {
      this.rateLimit = requestsPerSecond;
      return this;
    }

    /**
     * Which B2C endpoint {@code b2c().pay(...)} calls. Default {@link B2cVersion#V3}, the only one
     * the Daraja portal documents, and the only one whose requests carry an {@code
     * OriginatorConversationID} (so a payment of unknown outcome can be resent without paying
     * twice); {@link B2cVersion#V1} is the legacy path for apps that still need it.
     */
    public Builder b2cVersion(B2cVersion b2cVersion) {
      this.b2cVersion = b2cVersion;
      return this;
    }

    /**
     * Which C2B API version {@code c2b()} calls: {@link C2bVersion#V2} (the default, documented on
     * the Daraja portal today; callbacks carry a masked MSISDN) or {@link C2bVersion#V1} (callbacks
     * carry a SHA-256-hashed MSISDN). Register and simulate use the same version.
     */
    public Builder c2bVersion(C2bVersion c2bVersion) {
      this.c2bVersion = c2bVersion;
      return this;
    }

    /**
     * How {@link MpesaClient#ratiba()} writes the fields on which Daraja's sources disagree: the
     * {@code TransactionType} spelling and the {@code Frequency} codes. Default {@link
     * RatibaSettings#defaults()}, the current Daraja portal's forms.
     */
    public Builder ratibaSettings(RatibaSettings ratibaSettings) {
      this.ratibaSettings = ratibaSettings;
      return this;
    }

    /**
     * How {@code stk().await(...)} polls: the wait before its first query, the first interval
     * between queries (it grows by half each time) and the longest interval. Defaults 15 s, 5 s and
     * 15 s, which suit Daraja (a prompt takes seconds to answer, and faster polling meets spike
     * arrest). A fake Daraja's {@code clientBuilder()} sets a fast schedule so that an {@code
     * await} in a test takes milliseconds.
     */
    public Builder stkAwaitSchedule(Duration firstQuery, Duration interval, Duration maxInterval) {
      this.awaitFirst = firstQuery;
      this.awaitInterval = interval;
      this.awaitMax = maxInterval;
      return this;
    }

    /** Told about attempts, retries, breaker changes, token refreshes and unknown outcomes. */
    public Builder listener(MpesaListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Builds the client, after checking every setting.
     *
     * @throws IllegalStateException listing every setting that is missing or wrong, by name, with
     *     the environment variable the README reads it from
     */
    public MpesaClient build() {
      Problems problems = new Problems("MpesaClient");
      if (environment == null) {
        problems.add(
            "environment is required: environment(Environment.SANDBOX) or"
                + " environment(Environment.PRODUCTION)");
      }
      problems.requireText(consumerKey, "consumerKey", "MPESA_CONSUMER_KEY");
      problems.requireText(consumerSecret, "consumerSecret", "MPESA_CONSUMER_SECRET");
      if (baseUrl != null) {
        baseUrl = checkBaseUrl(baseUrl, environment, problems);
      }
      checkStk(problems);
      if (initiatorSet) {
        problems.requireText(initiatorName, "initiator name", "MPESA_INITIATOR_NAME");
        if (securityCredential == null) {
          problems.requireText(initiatorPassword, "initiator password", "MPESA_INITIATOR_PASSWORD");
        }
      }
      if (initiatorCertificate != null && initiatorPassword == null) {
        problems.add(
            "initiatorCertificate is set but no initiator password is given to encrypt with it");
      }
      checkTimeout(connectTimeout, "connectTimeout", problems);
      checkTimeout(readTimeout, "readTimeout", problems);
      checkTimeout(callTimeout, "callTimeout", problems);
      if (rateLimit < 0 || Double.isNaN(rateLimit) || Double.isInfinite(rateLimit)) {
        problems.add("rateLimit must be a positive number of requests per second, or 0 for none");
      }
      if (stkMaxAmount < 1 || stkMaxAmount > DEFAULT_STK_MAX_AMOUNT) {
        problems.add(
            "stkMaxAmount may only lower Daraja's limit: it must be from 1 to "
                + DEFAULT_STK_MAX_AMOUNT
                + " shillings, got "
                + stkMaxAmount);
      }
      problems.requireSet(clock, "clock");
      problems.requireSet(sleeper, "sleeper");
      problems.requireSet(retry, "retry");
      problems.requireSet(circuitBreaker, "circuitBreaker");
      problems.requireSet(b2cVersion, "b2cVersion");
      problems.requireSet(c2bVersion, "c2bVersion");
      problems.requireSet(ratibaSettings, "ratibaSettings");
      problems.requireSet(listener, "listener");
      checkTimeout(awaitFirst, "stkAwaitSchedule firstQuery", problems);
      checkTimeout(awaitInterval, "stkAwaitSchedule interval", problems);
      checkTimeout(awaitMax, "stkAwaitSchedule maxInterval", problems);
      if (awaitInterval != null && awaitMax != null && awaitMax.compareTo(awaitInterval) < 0) {
        problems.add("stkAwaitSchedule maxInterval must not be shorter than interval");
      }
      problems.throwIfAny();
      if (shortCode != null) {
        shortCode = shortCode.strip();
      }
      if (tokenStore == null) {
        tokenStore = new InMemoryTokenStore();
      }
      return new MpesaClient(this);
    }

    private void checkStk(Problems problems) {
      boolean hasShortCode = shortCode != null && !shortCode.isBlank();
      boolean hasPasskey = passkey != null && !passkey.isBlank();
      if (hasShortCode != hasPasskey) {
        problems.add(
            hasShortCode
                ? "passkey is required when shortCode is set (M-Pesa Express needs both; the README"
                    + " reads it from MPESA_PASSKEY)"
                : "shortCode is required when passkey is set (M-Pesa Express needs both; the README"
                    + " reads it from MPESA_SHORT_CODE)");
      } else if (shortCode != null && !hasShortCode || passkey != null && !hasPasskey) {
        problems.add(
            "shortCode and passkey are blank: set both (MPESA_SHORT_CODE, MPESA_PASSKEY) or"
                + " neither");
      }
      if (hasShortCode && !SHORT_CODE.matcher(shortCode.strip()).matches()) {
        problems.add("shortCode must be 5 to 7 digits, got '" + shortCode + "'");
      }
    }

    private static String checkBaseUrl(String url, Environment environment, Problems problems) {
      String u = url.strip();
      while (u.endsWith("/")) {
        u = u.substring(0, u.length() - 1);
      }
      URI uri;
      try {
        uri = URI.create(u);
      } catch (IllegalArgumentException e) {
        problems.add("baseUrl is not a valid URL: " + e.getMessage());
        return u;
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        problems.add(
            "baseUrl must be an absolute http(s) URL such as http://127.0.0.1:8089, got '"
                + url
                + "'");
      } else if (scheme.equals("http")
          && environment == Environment.PRODUCTION
          && !isLoopback(uri.getHost())) {
        problems.add(
            "baseUrl must be https in PRODUCTION (tokens and payments would cross the network in"
                + " clear; plain http is allowed only to a loopback sidecar), got '"
                + url
                + "'; to go through a forward proxy, configure it on an OkHttpClient passed to"
                + " httpClient(...)");
      }
      if (uri.getUserInfo() != null) {
        problems.add(
            "baseUrl must not carry credentials (user:password@); configure them on the proxy");
      }
      if (uri.getQuery() != null || uri.getFragment() != null) {
        problems.add("baseUrl must not have a query or fragment, got '" + url + "'");
      }
      return u;
    }

    private static boolean isLoopback(String host) {
      String h = host.toLowerCase(Locale.ROOT);
      return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static void checkTimeout(Duration d, String name, Problems problems) {
      if (d == null || d.isNegative() || d.isZero()) {
        problems.add(name + " must be a positive duration, got " + d);
      }
    }
  }
}
