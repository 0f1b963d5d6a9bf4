package dev.mpesa.security;

import java.util.Arrays;

/**
 * IP address literals parsed and printed without DNS: {@link java.net.InetAddress#getByName}
 * resolves anything that is not a literal, which a request handler must never do with text a client
 * sent. Every method returns null (never throws) on text that is not a literal.
 *
 * <p>IPv4 is strict dotted-quad: four decimal parts, no leading zeros (some parsers read {@code
 * 010} as octal, so the same text would name different hosts). IPv6 follows RFC 4291 section 2.2,
 * including one {@code ::} and a trailing dotted-quad; an IPv4-mapped address ({@code
 * ::ffff:196.201.214.200}) is returned as the IPv4 address it carries, because dual-stack servers
 * report IPv4 clients that way.
 */
final class IpAddresses {
  /** Longer text is never an address, not even in brackets with a port and a zone. */
  static final int MAX_TEXT_LENGTH = 64;

  private static final int MAX_IPV6_LENGTH = 45;
  private static final int MAX_ZONE_LENGTH = 15;

  private IpAddresses() {}

  /** A CIDR block: {@code network} with its host bits zero and a prefix length in bits. */
  record Cidr(byte[] network, int prefix) {
    Cidr {
      network = network.clone();
    }

    @Override
    public byte[] network() {
      return network.clone();
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int fullBytes = prefix / 8;
      for (int i = 0; i < fullBytes; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cidr c && prefix == c.prefix && Arrays.equals(network, c.network);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
      return format(network) + "/" + prefix;
    }
  }

  /**
   * Parses a configured entry: an address, or an address and a prefix length ({@code
   * 196.201.214.0/24}, {@code 2001:db8::/32}).
   *
   * @throws IllegalArgumentException naming the entry and what is wrong with it
   */
  static Cidr parseCidr(String entry) {
    if (entry == null) {
      throw new IllegalArgumentException("an allow-list entry is null");
    }
    String text = entry.strip();
    int slash = text.indexOf('/');
    String addressText = slash < 0 ? text : text.substring(0, slash);
    byte[] address = parseLiteral(addressText);
    if (address == null) {
      throw new IllegalArgumentException(
          "not an IP address or CIDR block: '" + printable(entry) + "'");
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String prefixText = text.substring(slash + 1);
      prefix = parsePrefix(prefixText);
      boolean mappedIpv4 = address.length == 4 && addressText.indexOf(':') >= 0;
      if (mappedIpv4) {
        // ::ffff:196.201.214.0/120 is the IPv4 block 196.201.214.0/24.
        prefix = prefix < 96 ? -1 : prefix - 96;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException(
            "the prefix length of '"
                + printable(entry)
                + "' must be 0.."
                + (mappedIpv4 ? 128 : bits)
                + (mappedIpv4 ? " (at least 96 for an IPv4-mapped block)" : ""));
      }
    }
    byte[] network = mask(address, prefix);
    if (!Arrays.equals(network, address)) {
      throw new IllegalArgumentException(
          "'"
              + printable(entry)
              + "' has host bits set; did you mean "
              + format(network)
              + "/"
              + prefix
              + "?");
    }
    return new Cidr(network, prefix);
  }

  private static int parsePrefix(String text) {
    if (text.isEmpty() || text.length() > 3) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
      int m = bitsHere == 0 ? 0 : (0xFF << (8 - bitsHere)) & 0xFF;
      out[i] = (byte) (out[i] & m);
    }
    return out;
  }

  /**
   * Parses an address as a server or a proxy reports it: a bare literal, optionally with an IPv6
   * zone ({@code fe80::1%eth0}), in brackets ({@code [2001:db8::1]}), or with a port ({@code
   * 196.201.214.200:443}, {@code [2001:db8::1]:443}). Surrounding spaces are ignored.
   *
   * @return 4 or 16 bytes, or null if the text is not such an address
   */
  static byte[] parseReported(String raw) {
    if (raw == null || raw.length() > MAX_TEXT_LENGTH) {
      return null;
    }
    String text = raw.strip();
    if (text.isEmpty()) {
      return null;
    }
    if (text.charAt(0) == '[') {
      int close = text.indexOf(']');
      if (close < 0) {
        return null;
      }
      String rest = text.substring(close + 1);
      if (!rest.isEmpty() && !(rest.charAt(0) == ':' && isPort(rest.substring(1)))) {
        return null;
      }
      String inner = stripZone(text.substring(1, close));
      return inner == null || inner.indexOf(':') < 0 ? null : parseLiteral(inner);
    }
    int firstColon = text.indexOf(':');
    if (firstColon >= 0 && firstColon == text.lastIndexOf(':')) {
      // Exactly one colon: only "IPv4:port" has that shape (IPv6 has at least two).
      if (!isPort(text.substring(firstColon + 1))) {
        return null;
      }
      return parseIpv4(text.substring(0, firstColon));
    }
    String bare = stripZone(text);
    return bare == null ? null : parseLiteral(bare);
  }

  private static String stripZone(String text) {
    int percent = text.indexOf('%');
    if (percent < 0) {
      return text;
    }
    String zone = text.substring(percent + 1);
    if (zone.isEmpty() || zone.length() > MAX_ZONE_LENGTH || text.indexOf(':') < 0) {
      return null;
    }
    for (int i = 0; i < zone.length(); i++) {
      char c = zone.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) {
        return null;
      }
    }
    return text.substring(0, percent);
  }

  private static boolean isPort(String text) {
    if (text.isEmpty() || text.length() > 5) {
      return false;
    }
    int port = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      port = port * 10 + (c - '0');
    }
    return port <= 65_535;
  }

  /** An IPv4 or IPv6 literal with nothing around it; null if it is not one. */
  static byte[] parseLiteral(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_IPV6_LENGTH) {
      return null;
    }
    return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
  }

  static byte[] parseIpv4(String text) {
    if (text.length() < 7 || text.length() > 15) {
      return null;
    }
    byte[] out = new byte[4];
    int part = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '.') {
        if (part > 3) {
          return null;
        }
        int value = decimalOctet(text, start, i);
        if (value < 0) {
          return null;
        }
        out[part++] = (byte) value;
        start = i + 1;
      }
    }
    return part == 4 ? out : null;
  }

  private static int decimalOctet(String text, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 3 || (length > 1 && text.charAt(from) == '0')) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 255 ? value : -1;
  }

  private static byte[] parseIpv6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head = new int[8];
    int[] tail = new int[8];
    int headCount;
    int tailCount;
    if (gap < 0) {
      headCount = groups(text, head, true);
      tailCount = 0;
      if (headCount != 8) {
        return null;
      }
    } else {
      headCount = gap == 0 ? 0 : groups(text.substring(0, gap), head, false);
      String after = text.substring(gap + 2);
      tailCount = after.isEmpty() ? 0 : groups(after, tail, true);
      if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
        return null;
      }
    }
    byte[] out = new byte[16];
    for (int i = 0; i < headCount; i++) {
      out[2 * i] = (byte) (head[i] >>> 8);
      out[2 * i + 1] = (byte) head[i];
    }
    int offset = 8 - tailCount;
    for (int i = 0; i < tailCount; i++) {
      out[2 * (offset + i)] = (byte) (tail[i] >>> 8);
      out[2 * (offset + i) + 1] = (byte) tail[i];
    }
    return isIpv4Mapped(out) ? Arrays.copyOfRange(out, 12, 16) : out;
  }

  /**
   * Reads colon-separated 16-bit groups into {@code into}; the last may be a dotted quad (two
   * groups) when {@code ipv4Allowed}. Returns the number of groups, or -1.
   */
  private static int groups(String text, int[] into, boolean ipv4Allowed) {
    int count = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length() && text.charAt(i) != ':') {
        continue;
      }
      boolean last = i == text.length();
      String group = text.substring(start, i);
      if (last && ipv4Allowed && group.indexOf('.') >= 0) {
        byte[] v4 = parseIpv4(group);
        if (v4 == null || count + 2 > 8) {
          return -1;
        }
        into[count++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
        into[count++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
        return count;
      }
      int value = hexGroup(group);
      if (value < 0 || count == 8) {
        return -1;
      }
      into[count++] = value;
      start = i + 1;
    }
    return count;
  }

  private static int hexGroup(String group) {
    if (group.isEmpty() || group.length() > 4) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < group.length(); i++) {
      char c = group.charAt(i);
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        return -1;
      }
      value = (value << 4) | digit;
    }
    return value;
  }

  private static boolean isIpv4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
  }

  /** Dotted-quad for IPv4; RFC 5952 text for IPv6 (lower case, longest zero run as "::"). */
  static String format(byte[] a) {
    if (a.length == 4) {
      return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
    }
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is not shortened (RFC 5952 section 4.2.2)
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  /** Configuration text for a message: short and without control characters. */
  private static String printable(String text) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < text.length() && i < MAX_TEXT_LENGTH; i++) {
      char c = text.charAt(i);
      sb.append(c < 0x20 || c == 0x7F ? '?' : c);
    }
    return text.length() > MAX_TEXT_LENGTH ? sb + "..." : sb.toString();
  }
}
