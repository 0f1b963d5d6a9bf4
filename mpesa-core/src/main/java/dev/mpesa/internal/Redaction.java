package dev.mpesa.internal;

import dev.mpesa.phone.PhoneNumber;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes what must never reach a log or an exception message from text Daraja sent back. */
public final class Redaction {
  /** A Kenyan mobile number in any of its usual forms, not part of a longer run of digits. */
  private static final Pattern PHONE =
      Pattern.compile("(?<![0-9])(?:\\+?254|0)?[17][0-9]{8}(?![0-9])");

  private Redaction() {}

  /**
   * {@code text} with every phone number masked and every occurrence of {@code secret} (a token,
   * say; may be null) replaced by {@code [redacted]}.
   */
  public static String redact(String text, String secret) {
    if (text == null) {
      return null;
    }
    String t = secret == null || secret.isEmpty() ? text : text.replace(secret, "[redacted]");
    Matcher m = PHONE.matcher(t);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(PhoneNumber.mask(m.group())));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * A URL for a request's {@code toString()}: scheme and host only, as a path or query may carry a
   * per-request secret (a signed callback token).
   */
  public static String brief(java.net.URI url) {
    return url == null ? "null" : url.getScheme() + "://" + url.getHost() + "/...";
  }

  /**
   * A URL for a log line or a message: scheme, authority and path, without the query, and with path
   * segments longer than 24 characters (signed callback tokens) cut to their first 6.
   */
  public static String url(java.net.URI url) {
    StringBuilder sb = new StringBuilder(url.getScheme() + "://" + url.getRawAuthority());
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    for (String segment : path.split("/", -1)) {
      if (!segment.isEmpty()) {
        sb.append('/').append(segment.length() > 24 ? segment.substring(0, 6) + "..." : segment);
      }
    }
    return sb.toString();
  }
}
