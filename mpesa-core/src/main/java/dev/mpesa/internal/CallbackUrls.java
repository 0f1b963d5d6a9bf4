package dev.mpesa.internal;

import dev.mpesa.Environment;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one callback-URL policy: which URLs Daraja can call in an environment, and the words Daraja
 * bans in them (API.md §9.2). Every URL a request carries goes through {@link #check}; the
 * registration of C2B URLs and the signer, where Daraja's refusal is certain, refuse banned words
 * through {@link #refuseBannedWords}.
 */
public final class CallbackUrls {
  private static final Logger log = LoggerFactory.getLogger(CallbackUrls.class);

  private static final Set<String> BANNED_WORDS =
      Set.of("m-pesa", "mpesa", "safaricom", "exe", "exec", "cmd", "sql", "query");

  /** Public tunnels and URL testers, which Daraja usually blocks in production. */
  private static final List<String> TUNNEL_HOSTS = List.of("ngrok", "mockbin", "requestbin");

  private CallbackUrls() {}

  /**
   * Checks a URL Daraja will call: in production it must be https on a host reachable from the
   * internet (an {@link IllegalArgumentException} otherwise), and a public tunnel is logged at
   * WARN; a banned word is logged at WARN in any environment, because Daraja may silently never
   * call such a URL.
   *
   * @param operation the operation's name, for the messages ({@code stk.push})
   * @param field the request field ({@code callbackUrl})
   * @throws IllegalArgumentException naming the rule that is broken
   */
  public static void check(Environment environment, String operation, String field, URI url) {
    if (environment == Environment.PRODUCTION) {
      if (!"https".equalsIgnoreCase(url.getScheme())) {
        throw new IllegalArgumentException(
            field + " must be an https URL in production: " + Redaction.url(url));
      }
      if (isLocalHost(url.getHost())) {
        throw new IllegalArgumentException(
            field + " must be reachable from the internet in production, not " + url.getHost());
      }
      String host = url.getHost().toLowerCase(Locale.ROOT);
      if (TUNNEL_HOSTS.stream().anyMatch(host::contains)) {
        log.warn(
            "{} {} uses {}, a public tunnel or URL tester that Daraja usually blocks in production",
            operation,
            field,
            host);
      }
    }
    Set<String> banned = bannedWords(url);
    if (!banned.isEmpty()) {
      log.warn("{} {}: {}", operation, field, bannedWordsMessage(url, banned));
    }
  }

  /**
   * Refuses a URL with a banned word, where Daraja's refusal is certain (C2B URL registration).
   *
   * @throws IllegalArgumentException if {@code url} contains a banned word
   */
  public static void refuseBannedWords(String field, URI url) {
    Set<String> banned = bannedWords(url);
    if (!banned.isEmpty()) {
      throw new IllegalArgumentException(field + ": " + bannedWordsMessage(url, banned));
    }
  }

  private static String bannedWordsMessage(URI url, Set<String> banned) {
    return Redaction.url(url)
        + " contains "
        + banned
        + ", which Daraja bans in callback URLs: it may refuse the request or never call the URL"
        + " (see docs/TROUBLESHOOTING.md#callback-url-rules)";
  }

  /** The banned words of API.md §9.2 that {@code url} contains (any case); empty if none. */
  public static Set<String> bannedWords(URI url) {
    String lower = url.toString().toLowerCase(Locale.ROOT);
    TreeSet<String> found = new TreeSet<>();
    for (String word : BANNED_WORDS) {
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
    } catch (UnknownHostException e) {
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
