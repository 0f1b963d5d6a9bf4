package dev.mpesa.internal;

import dev.mpesa.Environment;
import dev.mpesa.Sleeper;
import dev.mpesa.internal.http.Transport;
import dev.mpesa.security.SecurityCredential;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * What every product service of one client shares: the transport, the clock, the settings. Holds
 * the passkey, so it has no {@code toString()} that prints fields.
 */
public final class ClientContext {

  /** Daraja's times are East Africa Time, whatever the JVM's default zone. */
  public static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

  /** The STK {@code Timestamp} format. */
  public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private static final Set<String> BANNED_URL_WORDS =
      Set.of("m-pesa", "mpesa", "safaricom", "exe", "exec", "cmd", "sql", "query");

  private final Transport transport;
  private final Environment environment;
  private final Clock clock;
  private final Sleeper sleeper;
  private final String shortCode;
  private final String passkey;
  private final long stkMaxAmount;
  private final String initiatorName;
  private final SecurityCredential securityCredential;

  /**
   * Creates the context; {@code shortCode} and {@code passkey} may be null (no STK), and so may the
   * initiator (no B2C, B2B or account APIs).
   */
  public ClientContext(
      Transport transport,
      Environment environment,
      Clock clock,
      Sleeper sleeper,
      String shortCode,
      String passkey,
      long stkMaxAmount,
      String initiatorName,
      SecurityCredential securityCredential) {
    this.transport = transport;
    this.environment = environment;
    this.clock = clock;
    this.sleeper = sleeper;
    this.shortCode = shortCode;
    this.passkey = passkey;
    this.stkMaxAmount = stkMaxAmount;
    this.initiatorName = initiatorName;
    this.securityCredential = securityCredential;
  }

  /**
   * The initiator name, checking that an initiator was configured.
   *
   * @param product what needs it, for the message ("B2C")
   * @throws IllegalStateException if the client has no initiator
   */
  public String initiatorName(String product) {
    requireInitiator(product);
    return initiatorName;
  }

  /**
   * The encrypted initiator credential, checking that an initiator was configured. Never falls back
   * to a plaintext password.
   *
   * @throws IllegalStateException if the client has no initiator
   */
  public SecurityCredential securityCredential(String product) {
    requireInitiator(product);
    return securityCredential;
  }

  private void requireInitiator(String product) {
    if (initiatorName == null || securityCredential == null) {
      throw new IllegalStateException(
          product
              + " needs an initiator (API operator): set initiator(name, password) on"
              + " MpesaClient.builder()");
    }
  }

  public Transport transport() {
    return transport;
  }

  public Environment environment() {
    return environment;
  }

  public Clock clock() {
    return clock;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  /** The default M-Pesa Express short code, or null if none was configured. */
  public String shortCode() {
    return shortCode;
  }

  /** The M-Pesa Express passkey, or null. A secret: never log it. */
  public String passkey() {
    return passkey;
  }

  public long stkMaxAmount() {
    return stkMaxAmount;
  }

  /**
   * Checks a callback URL against the environment's rules: https and a public host in production.
   * (Well-formedness and trimming are checked where the URL enters a request.)
   *
   * @throws IllegalArgumentException naming the rule that is broken
   */
  public void checkCallbackUrl(String field, URI url) {
    if (environment != Environment.PRODUCTION) {
      return;
    }
    if (!"https".equalsIgnoreCase(url.getScheme())) {
      throw new IllegalArgumentException(field + " must be an https URL in production: " + url);
    }
    if (isLocalHost(url.getHost())) {
      throw new IllegalArgumentException(
          field + " must be reachable from the internet in production, not " + url.getHost());
    }
  }

  /** The banned words of API.md §9.2 that {@code url} contains (any case); empty if none. */
  public static Set<String> bannedWords(URI url) {
    String lower = url.toString().toLowerCase(Locale.ROOT);
    java.util.TreeSet<String> found = new java.util.TreeSet<>();
    for (String word : BANNED_URL_WORDS) {
      if (lower.contains(word)) {
        found.add(word);
      }
    }
    return found;
  }

  private static boolean isLocalHost(String host) {
    if (host == null) {
      return true;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".local")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.startsWith("[")) {
      return false; // a name: not resolved here (no I/O while validating)
    }
    try {
      InetAddress a = InetAddress.getByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
      return isNotPublic(a);
    } catch (java.net.UnknownHostException e) {
      return true;
    }
  }

  /**
   * Whether Daraja, on the internet, cannot reach {@code a}: loopback, private (RFC 1918, IPv6
   * unique-local), carrier-grade NAT, link-local, wildcard or multicast.
   */
  public static boolean isNotPublic(InetAddress a) {
    byte[] b = a.getAddress();
    boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
    return a.isLoopbackAddress()
        || a.isSiteLocalAddress()
        || a.isLinkLocalAddress()
        || a.isAnyLocalAddress()
        || a.isMulticastAddress()
        || cgnat
        || uniqueLocal;
  }
}
