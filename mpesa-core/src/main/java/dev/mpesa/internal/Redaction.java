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
   * A request record's {@code toString()}, the one way every request prints: {@code
   * Name[component=value, ...]} in component order, null components left out, phone numbers masked
   * ({@link PhoneNumber#masked()}), URLs cut to scheme and host ({@link #brief}), so no request's
   * text carries a full phone number or a callback URL's token.
   */
  public static String describe(Record request) {
    StringBuilder sb = new StringBuilder(request.getClass().getSimpleName()).append('[');
    String sep = "";
    for (java.lang.reflect.RecordComponent c : request.getClass().getRecordComponents()) {
      Object value;
      try {
        value = c.getAccessor().invoke(request);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c.getName(), e);
      }
      if (value != null) {
        sb.append(sep).append(c.getName()).append('=').append(shown(value));
        sep = ", ";
      }
    }
    return sb.append(']').toString();
  }

  private static String shown(Object value) {
    if (value instanceof PhoneNumber phone) {
      return phone.masked();
    }
    if (value instanceof java.net.URI url) {
      return brief(url);
    }
    if (value instanceof String text && text.length() > 100) {
      return text.length() + " chars"; // a logo or other blob: its size says enough
    }
    return String.valueOf(value);
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
