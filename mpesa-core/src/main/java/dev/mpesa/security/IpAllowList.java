package dev.mpesa.security;

import dev.mpesa.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the source address of a callback against the addresses Safaricom sends callbacks from
 * (API.md section 9.3). Daraja does not sign its callbacks, so this is one of the few origin checks
 * available; it is a secondary control. The primary ones are an unguessable per-request callback
 * URL ({@link CallbackUrlSigner}), validating the payload and matching amount and account against
 * your own order, and confirming money with a status query before releasing value.
 *
 * <pre>{@code
 * IpAllowList allowList = IpAllowList.builder()
 *     .allowSafaricomDefaults()
 *     .trustProxies("10.0.0.0/8")           // your load balancer, if it sets X-Forwarded-For
 *     .mode(IpAllowList.Mode.ENFORCE)
 *     .build();
 *
 * IpAllowList.Decision d = allowList.check(
 *     request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
 * if (!d.allowed()) {
 *   return 403;
 * }
 * }</pre>
 *
 * <p><b>Which address is checked.</b> The connection's remote address, unless that address is a
 * configured trusted proxy: then {@code X-Forwarded-For} is read from the right (the end the
 * proxies appended), skipping trusted proxies, and the first address that is not a trusted proxy is
 * the client. Anything left of it was written by the client and is ignored, so a forged header
 * cannot put a Safaricom address in front of the check. Without trusted proxies the header is never
 * read.
 *
 * <p><b>Modes.</b> {@link Mode#LOG_ONLY} (the default) allows every request and logs a WARN for
 * each one that enforcement would deny: Safaricom's list is copied from community sources and has
 * changed before, so watch the logs before turning on {@link Mode#ENFORCE}. {@link Mode#OFF} checks
 * nothing (the sandbox calls from other addresses).
 *
 * <p>Addresses are parsed as literals, without DNS. {@link #check} never throws on what a client
 * sent: text that is not an address is a {@link Reason#MALFORMED_ADDRESS} decision. Immutable and
 * thread-safe.
 */
public final class IpAllowList {
  private static final Logger log = LoggerFactory.getLogger(IpAllowList.class);

  /**
   * The 12 callback source addresses published for Daraja (API.md section 9.3). Other copies add
   * {@code 196.201.212.128}, {@code 196.201.212.132} or whole {@code /24}s; add them with {@link
   * Builder#allow} if Safaricom tells you to.
   */
  public static final List<String> SAFARICOM_CALLBACK_ADDRESSES =
      List.of(
          "196.201.214.200",
          "196.201.214.206",
          "196.201.213.114",
          "196.201.214.207",
          "196.201.214.208",
          "196.201.213.44",
          "196.201.212.127",
          "196.201.212.138",
          "196.201.212.129",
          "196.201.212.136",
          "196.201.212.74",
          "196.201.212.69");

  /**
   * At most this many {@code X-Forwarded-For} entries are read; a longer chain of trusted proxies
   * is treated as malformed rather than walked to its end.
   */
  public static final int MAX_FORWARDED_ENTRIES = 32;

  /** What the list does with an address that is not on it. */
  public enum Mode {
    /** Check nothing: every request is allowed, nothing is logged. */
    OFF,
    /** Allow every request; log a WARN for each one that {@link #ENFORCE} would deny. */
    LOG_ONLY,
    /** Deny requests from addresses that are not on the list, and malformed addresses. */
    ENFORCE
  }

  /** Why a {@link Decision} came out as it did. */
  public enum Reason {
    /** The list is {@link Mode#OFF}: nothing was checked. */
    NOT_CHECKED,
    /** The client address is on the list. */
    LISTED,
    /** The client address is not on the list. */
    NOT_LISTED,
    /**
     * The remote address, or the {@code X-Forwarded-For} entry that would be the client, is not an
     * IP address (or the chain of trusted proxies is longer than {@link #MAX_FORWARDED_ENTRIES}).
     */
    MALFORMED_ADDRESS
  }

  /**
   * The outcome of {@link IpAllowList#check}.
   *
   * @param allowed whether to process the request; false only in {@link Mode#ENFORCE}
   * @param clientAddress the address that was checked, in canonical form (dotted-quad, or RFC 5952
   *     IPv6); null if there was none that parses
   * @param reason why
   * @param detail a sentence for logs; never quotes what the client sent
   */
  public record Decision(boolean allowed, String clientAddress, Reason reason, String detail) {
    /** Checks that reason and detail are present. */
    public Decision {
      Checks.required(reason, "reason");
      Checks.required(detail, "detail");
    }

    /** Whether enforcement would deny this request (also in {@link Mode#LOG_ONLY}). */
    public boolean suspicious() {
      return reason == Reason.NOT_LISTED || reason == Reason.MALFORMED_ADDRESS;
    }
  }

  private final Mode mode;
  private final List<IpAddresses.Cidr> allowed;
  private final List<IpAddresses.Cidr> trustedProxies;

  private IpAllowList(Builder b) {
    this.mode = b.mode;
    this.allowed = List.copyOf(b.allowed);
    this.trustedProxies = List.copyOf(b.trustedProxies);
  }

  /**
   * The 12 published Safaricom addresses in {@link Mode#LOG_ONLY}, with no trusted proxies. For
   * enforcement or a proxy, use {@link #builder()} with {@link Builder#allowSafaricomDefaults()}.
   */
  public static IpAllowList safaricomDefaults() {
    return builder().allowSafaricomDefaults().build();
  }

  /** An empty builder in {@link Mode#LOG_ONLY}. */
  public static Builder builder() {
    return new Builder();
  }

  /** This list's settings in a new builder, to derive a list from it. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.mode = mode;
    b.allowed.addAll(allowed);
    b.trustedProxies.addAll(trustedProxies);
    return b;
  }

  /** The mode. */
  public Mode mode() {
    return mode;
  }

  /** The allowed blocks, canonical ({@code 196.201.214.200/32}), in the order they were added. */
  public List<String> allowed() {
    return allowed.stream().map(IpAddresses.Cidr::toString).toList();
  }

  /** The trusted proxy blocks, canonical, in the order they were added. */
  public List<String> trustedProxies() {
    return trustedProxies.stream().map(IpAddresses.Cidr::toString).toList();
  }

  /**
   * Checks a request that carries no {@code X-Forwarded-For} header (or whose proxies are not
   * trusted); same as {@code check(remoteAddress, List.of())}.
   */
  public Decision check(String remoteAddress) {
    return check(remoteAddress, List.of());
  }

  /**
   * Decides whether a callback request comes from an allowed address. Never throws.
   *
   * @param remoteAddress the connection's peer as the server reports it ({@code
   *     HttpServletRequest.getRemoteAddr()}, {@code
   *     HttpExchange.getRemoteAddress().getAddress().getHostAddress()}); a literal, optionally in
   *     brackets or with a port
   * @param forwardedForValues every {@code X-Forwarded-For} header value of the request, in the
   *     order received (each may be a comma-separated list); null or empty when there is none. Read
   *     only when {@code remoteAddress} is a trusted proxy
   * @return the decision; in {@link Mode#LOG_ONLY} a suspicious decision is also logged at WARN
   */
  public Decision check(String remoteAddress, List<String> forwardedForValues) {
    Decision d = decide(remoteAddress, forwardedForValues);
    if (mode == Mode.LOG_ONLY && d.suspicious()) {
      log.warn("Callback IP allow-list (log-only, request allowed): {}", d.detail());
    } else if (mode == Mode.ENFORCE && !d.allowed()) {
      // DEBUG, not WARN: a flood of forged callbacks must not become a flood of log lines.
      log.debug("Callback IP allow-list denied a request: {}", d.detail());
    }
    return d;
  }

  private Decision decide(String remoteAddress, List<String> forwardedForValues) {
    byte[] remote = IpAddresses.parseReported(remoteAddress);
    if (remote == null) {
      return verdict(null, Reason.MALFORMED_ADDRESS, "the remote address is not an IP address");
    }
    if (!matches(trustedProxies, remote)) {
      return listed(remote, "remote address ");
    }
    Forwarded forwarded = clientFromForwardedFor(forwardedForValues);
    if (forwarded == null) {
      return listed(remote, "trusted proxy (no X-Forwarded-For) ");
    }
    if (forwarded.address == null) {
      return verdict(null, Reason.MALFORMED_ADDRESS, forwarded.problem);
    }
    return listed(forwarded.address, "X-Forwarded-For client ");
  }

  private Decision listed(byte[] client, String what) {
    String text = IpAddresses.format(client);
    return matches(allowed, client)
        ? verdict(text, Reason.LISTED, what + text + " is on the allow-list")
        : verdict(text, Reason.NOT_LISTED, what + text + " is not on the allow-list");
  }

  private Decision verdict(String client, Reason reason, String detail) {
    if (mode == Mode.OFF) {
      return new Decision(true, client, Reason.NOT_CHECKED, "the allow-list is off");
    }
    boolean deny = mode == Mode.ENFORCE && (reason != Reason.LISTED);
    return new Decision(!deny, client, reason, detail);
  }

  /** The client named by the header, a problem, or null when the header names nobody. */
  private record Forwarded(byte[] address, String problem) {}

  private Forwarded clientFromForwardedFor(List<String> values) {
    if (values == null) {
      return null;
    }
    byte[] lastTrusted = null;
    int seen = 0;
    // A list iterator walks any List backwards in linear time (a LinkedList's get(i) would not).
    for (ListIterator<String> it = values.listIterator(values.size()); it.hasPrevious(); ) {
      String value = it.previous();
      if (value == null) {
        continue;
      }
      // Scan from the end: the attacker-controlled left part is never read past the client.
      int end = value.length();
      while (end >= 0) {
        int comma = value.lastIndexOf(',', end - 1);
        String entry = value.substring(comma + 1, end);
        end = comma;
        if (entry.isBlank()) {
          continue;
        }
        if (++seen > MAX_FORWARDED_ENTRIES) {
          return new Forwarded(
              null,
              "X-Forwarded-For has more than "
                  + MAX_FORWARDED_ENTRIES
                  + " entries from trusted proxies");
        }
        byte[] address = IpAddresses.parseReported(entry);
        if (address == null) {
          return new Forwarded(
              null, "X-Forwarded-For entry " + seen + " from the right is not an IP address");
        }
        if (!matches(trustedProxies, address)) {
          return new Forwarded(address, null);
        }
        lastTrusted = address;
      }
    }
    // Every entry is a trusted proxy: the leftmost one is as close to the client as we can see.
    return lastTrusted == null ? null : new Forwarded(lastTrusted, null);
  }

  private static boolean matches(List<IpAddresses.Cidr> blocks, byte[] address) {
    for (IpAddresses.Cidr block : blocks) {
      if (block.contains(address)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "IpAllowList[mode="
        + mode
        + ", allowed="
        + allowed
        + ", trustedProxies="
        + trustedProxies
        + "]";
  }

  /** Builds an {@link IpAllowList}. Not thread-safe. */
  public static final class Builder {
    private Mode mode = Mode.LOG_ONLY;
    private final Set<IpAddresses.Cidr> allowed = new LinkedHashSet<>();
    private final Set<IpAddresses.Cidr> trustedProxies = new LinkedHashSet<>();

    private Builder() {}

    /** Sets the mode; {@link Mode#LOG_ONLY} unless set. */
    public Builder mode(Mode mode) {
      this.mode = Checks.required(mode, "mode");
      return this;
    }

    /** Adds {@link #SAFARICOM_CALLBACK_ADDRESSES}. */
    public Builder allowSafaricomDefaults() {
      return allow(SAFARICOM_CALLBACK_ADDRESSES);
    }

    /**
     * Allows addresses or CIDR blocks, IPv4 or IPv6 ({@code 196.201.214.200}, {@code
     * 196.201.214.0/24}, {@code 2001:db8::/32}).
     *
     * @throws IllegalArgumentException if an entry is not an address or block, or has host bits set
     *     ({@code 196.201.214.7/24})
     */
    public Builder allow(String... entries) {
      return allow(entries == null ? null : java.util.Arrays.asList(entries));
    }

    /**
     * Allows addresses or CIDR blocks.
     *
     * @throws IllegalArgumentException if an entry is not an address or block
     */
    public Builder allow(List<String> entries) {
      add(allowed, entries);
      return this;
    }

    /**
     * Trusts the proxies (load balancers, ingress) in these addresses or blocks to append the
     * address they received a request from to {@code X-Forwarded-For}. Trust only proxies you run:
     * a request from a trusted address can name any client it likes.
     *
     * @throws IllegalArgumentException if an entry is not an address or block
     */
    public Builder trustProxies(String... entries) {
      return trustProxies(entries == null ? null : java.util.Arrays.asList(entries));
    }

    /**
     * Trusts these proxies; see {@link #trustProxies(String...)}.
     *
     * @throws IllegalArgumentException if an entry is not an address or block
     */
    public Builder trustProxies(List<String> entries) {
      add(trustedProxies, entries);
      return this;
    }

    private static void add(Set<IpAddresses.Cidr> into, List<String> entries) {
      Checks.required(entries, "entries");
      List<IpAddresses.Cidr> parsed = new ArrayList<>(entries.size());
      for (String entry : entries) {
        parsed.add(IpAddresses.parseCidr(entry));
      }
      into.addAll(parsed);
    }

    /**
     * Builds the list.
     *
     * @throws IllegalStateException if no address is allowed and the mode is not {@link Mode#OFF}
     *     (enforcing would deny everything; logging would warn on everything)
     */
    public IpAllowList build() {
      if (allowed.isEmpty() && mode != Mode.OFF) {
        throw new IllegalStateException(
            "IpAllowList: no address is allowed; call allowSafaricomDefaults() or allow(...),"
                + " or set mode(Mode.OFF)");
      }
      return new IpAllowList(this);
    }
  }
}
