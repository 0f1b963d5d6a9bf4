package dev.mpesa.security;

import dev.mpesa.error.CallbackVerificationException;
import dev.mpesa.error.CallbackVerificationException.Reason;
import dev.mpesa.internal.CallbackUrls;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Errors;
import dev.mpesa.internal.Problems;
import dev.mpesa.internal.Redaction;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints per-request callback URLs that carry a signed client reference, and verifies them when the
 * callback arrives. Daraja does not sign callbacks and does not echo your reference in an STK
 * callback, so a URL only you can mint is both the strongest origin check available and the way to
 * correlate a callback whose request timed out before you learnt its {@code CheckoutRequestID}.
 *
 * <pre>{@code
 * CallbackUrlSigner signer = CallbackUrlSigner.of(System.getenv("MPESA_CALLBACK_KEY"), Clock.systemUTC());
 *
 * URI callbackUrl = signer.sign(URI.create("https://shop.example/daraja/stk"), "ORD-1234");
 * // https://shop.example/daraja/stk/0g21...      (a path segment, not a query parameter)
 *
 * // in the callback handler, with the request path or just its last segment:
 * try {
 *   VerifiedReference ref = signer.verify(request.getRequestURI());
 *   StkCallback cb = Callbacks.parseStk(body);
 *   orders.recordCallback(ref.reference(), cb);
 * } catch (CallbackVerificationException e) {
 *   return 403;                              // e.reason(): MALFORMED, TAMPERED, EXPIRED, ...
 * }
 * }</pre>
 *
 * <p><b>The token</b> is the last path segment of the URL (a path survives proxies and frameworks
 * that drop or reorder query strings). It holds a version byte, the issue time in seconds, the
 * reference in clear, and the first 128 bits of an HMAC-SHA256 over them (RFC 2104 allows
 * truncating to half the hash; 128 bits keep the URL short). It is written in a 32-letter alphabet
 * of digits and lower-case letters without {@code e}, {@code m}, {@code s} and {@code u}: every
 * word Daraja refuses in a callback URL ({@code mpesa}, {@code safaricom}, {@code exe}, {@code
 * cmd}, {@code sql}, {@code query}, ...) contains {@code e}, {@code m} or {@code s}, so no token
 * can ever spell one, whatever the reference and the time. (Base64url tokens would, now and then.)
 *
 * <p><b>The reference is signed, not encrypted:</b> anyone who sees the URL (Safaricom, your
 * proxies, your logs) can read it. Use an order id, never a phone number or other personal data. It
 * is 1 to {@value #MAX_REFERENCE_LENGTH} characters of {@code A-Z a-z 0-9 . _ -}; a signed URL is
 * at most {@value #MAX_URL_LENGTH} characters (Daraja's limit is unpublished).
 *
 * <p><b>Time window.</b> A token verifies for {@link Builder#tolerance(Duration) tolerance} after
 * it was issued (24 hours by default: B2C results can arrive hours late) and is rejected if issued
 * more than {@link Builder#maxClockSkew(Duration) maxClockSkew} in the future (5 minutes by
 * default, for servers whose clocks differ). Both are measured with the injected {@link Clock}.
 *
 * <p><b>Keys.</b> At least {@value #MIN_KEY_BYTES} random bytes (see {@link #generateKey()}), used
 * for nothing else, and never printed. To rotate, sign with the new key and keep the old one as a
 * {@link Builder#previousKey(String) previous key} until the tolerance has passed; every key is
 * tried on every token (each with a constant-time comparison), so timing does not tell which key
 * matched.
 *
 * <p><b>In tests</b>, mint valid URLs with the same signer at another time: {@code
 * signer.withClock(Clock.fixed(issuedAt, ZoneOffset.UTC)).sign(base, "ORD-1")}, then verify with
 * the signer your handler uses; a callback "issued 25 hours ago" is an {@link Reason#EXPIRED} one.
 *
 * <p>Immutable and thread-safe.
 */
public final class CallbackUrlSigner {
  /** The shortest key accepted, in bytes: the output size of SHA-256. */
  public static final int MIN_KEY_BYTES = 32;

  /** The longest reference accepted by {@link #sign}. */
  public static final int MAX_REFERENCE_LENGTH = 64;

  /** The longest URL {@link #sign} returns. */
  public static final int MAX_URL_LENGTH = 199;

  /** How long a token verifies unless {@link Builder#tolerance(Duration)} says otherwise. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofHours(24);

  /** How far in the future a token may be dated unless {@link Builder#maxClockSkew} says so. */
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private static final String ALGORITHM = "HmacSHA256";
  private static final byte VERSION = 1;
  private static final int TIME_BYTES = 5;
  private static final int HEADER_BYTES = 1 + TIME_BYTES;
  private static final int TAG_BYTES = 16;
  private static final int MIN_TOKEN_BYTES = HEADER_BYTES + 1 + TAG_BYTES;
  private static final int MAX_TOKEN_BYTES = HEADER_BYTES + MAX_REFERENCE_LENGTH + TAG_BYTES;
  private static final long MAX_EPOCH_SECOND = (1L << (8 * TIME_BYTES)) - 1;

  /** Separates these MACs from any other use of the same key. */
  private static final byte[] CONTEXT =
      "dev.mpesa/callback-url\0".getBytes(StandardCharsets.US_ASCII);

  /** Digits and lower-case letters without e, m, s (every banned word has one) and u. */
  private static final char[] ALPHABET = "0123456789abcdfghijklnopqrtvwxyz".toCharArray();

  private static final int[] DECODE = new int[128];

  static {
    Arrays.fill(DECODE, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      DECODE[ALPHABET[i]] = i;
    }
  }

  /** Inputs longer than this are rejected before they are scanned. */
  private static final int MAX_INPUT_LENGTH = 4096;

  private final SecretKeySpec signingKey;
  private final List<SecretKeySpec> verificationKeys;
  private final Clock clock;
  private final Duration tolerance;
  private final Duration maxClockSkew;

  private CallbackUrlSigner(
      SecretKeySpec signingKey,
      List<SecretKeySpec> verificationKeys,
      Clock clock,
      Duration tolerance,
      Duration maxClockSkew) {
    this.signingKey = signingKey;
    this.verificationKeys = List.copyOf(verificationKeys);
    this.clock = clock;
    this.tolerance = tolerance;
    this.maxClockSkew = maxClockSkew;
  }

  /**
   * A signer with one key and the default window.
   *
   * @param key at least {@value #MIN_KEY_BYTES} secret random bytes (copied)
   * @param clock the clock for issue times and the window
   * @throws IllegalStateException if the key is missing or too short
   */
  public static CallbackUrlSigner of(byte[] key, Clock clock) {
    return builder().key(key).clock(clock).build();
  }

  /**
   * A signer with one key, given in base64 (standard or URL-safe), and the default window.
   *
   * @throws IllegalStateException if the key is missing, is not base64 or decodes to fewer than
   *     {@value #MIN_KEY_BYTES} bytes (the message never contains the key)
   */
  public static CallbackUrlSigner of(String base64Key, Clock clock) {
    return builder().key(base64Key).clock(clock).build();
  }

  /** A builder, for previous keys and a different window. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A new random key ({@value #MIN_KEY_BYTES} bytes from {@link SecureRandom}, base64) for {@link
   * Builder#key(String)}. Store it as a secret, like a password.
   */
  public static String generateKey() {
    byte[] key = new byte[MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /**
   * A callback URL as it may appear in a log line or a message: scheme, host and path, with no
   * query and with long path segments (signed tokens) cut to their first 6 characters. A token in a
   * log is a token anyone reading the log can replay for its window; log this instead of the URL.
   */
  public static String redact(URI url) {
    Checks.required(url, "url");
    return Redaction.url(url);
  }

  /**
   * This signer with another clock and the same keys and window: in tests, to mint URLs issued at a
   * chosen time, or to verify as of a chosen time.
   */
  public CallbackUrlSigner withClock(Clock clock) {
    Checks.required(clock, "clock");
    return new CallbackUrlSigner(signingKey, verificationKeys, clock, tolerance, maxClockSkew);
  }

  /** How long after issue a token verifies. */
  public Duration tolerance() {
    return tolerance;
  }

  /** How far in the future a token may be dated. */
  public Duration maxClockSkew() {
    return maxClockSkew;
  }

  /**
   * Mints a callback URL for one request, as {@link #sign(URI, String)} does, from and to the
   * strings the request builders take: {@code
   * .callbackUrl(signer.sign("https://shop.example/payments/stk", orderId))}.
   *
   * @param baseUrl an absolute http(s) URL without query, fragment or user information
   * @param reference your id for the request (see {@link #sign(URI, String)})
   * @return the signed URL
   * @throws IllegalArgumentException if the base URL is not a valid URL, or as {@link #sign(URI,
   *     String)}
   */
  public String sign(String baseUrl, String reference) {
    return sign(Checks.callbackUrl("baseUrl", baseUrl), reference).toString();
  }

  /**
   * Mints a callback URL for one request: {@code baseUrl}, then one more path segment with a token
   * that carries {@code reference} and the clock's current second, signed with the current key.
   * Give it to Daraja as the {@code CallBackURL} / {@code ResultURL} of that request.
   *
   * @param baseUrl an absolute http(s) URL without query, fragment or user information, and without
   *     the words Daraja refuses in callback URLs
   * @param reference your id for the request, 1 to {@value #MAX_REFERENCE_LENGTH} characters of
   *     {@code A-Z a-z 0-9 . _ -}; readable by anyone who sees the URL
   * @return {@code baseUrl + "/" + token}, at most {@value #MAX_URL_LENGTH} characters, free of
   *     Daraja's banned words
   * @throws IllegalArgumentException if the base URL or the reference breaks these rules, or the
   *     URL would be too long
   * @throws IllegalStateException if the clock is before 1970 or after the year 36812
   */
  public URI sign(URI baseUrl, String reference) {
    Checks.required(baseUrl, "baseUrl");
    Checks.required(reference, "reference");
    checkReference(reference);
    String base = checkBase(baseUrl);

    long epochSecond = clock.instant().getEpochSecond();
    if (epochSecond < 0 || epochSecond > MAX_EPOCH_SECOND) {
      throw new IllegalStateException("the clock's time cannot be put in a callback URL token");
    }
    byte[] token = new byte[HEADER_BYTES + reference.length() + TAG_BYTES];
    token[0] = VERSION;
    for (int i = 0; i < TIME_BYTES; i++) {
      token[1 + i] = (byte) (epochSecond >>> (8 * (TIME_BYTES - 1 - i)));
    }
    byte[] ref = reference.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(ref, 0, token, HEADER_BYTES, ref.length);
    int signedLength = HEADER_BYTES + ref.length;
    System.arraycopy(tag(signingKey, token, signedLength), 0, token, signedLength, TAG_BYTES);

    String url = (base.endsWith("/") ? base : base + "/") + encode(token);
    if (url.length() > MAX_URL_LENGTH) {
      throw new IllegalArgumentException(
          "the signed callback URL would be "
              + url.length()
              + " characters, more than "
              + MAX_URL_LENGTH
              + ": shorten baseUrl ("
              + base.length()
              + " characters) or the reference ("
              + reference.length()
              + ")");
    }
    return URI.create(url);
  }

  /**
   * Verifies the token of a callback request and returns the reference it carries.
   *
   * <p>Accepts the token alone (a path variable), the request path ({@code /daraja/stk/0g21...}) or
   * the full URL; a query string, a fragment and one trailing slash are ignored, and the last path
   * segment is the token. The MAC is checked against every key with a constant-time comparison
   * before the time is looked at.
   *
   * @param tokenOrUrlOrPath what the callback request was sent to; may be null or anything at all
   * @return the verified reference and issue time
   * @throws CallbackVerificationException if the token is malformed, tampered with, expired or
   *     dated in the future; never any other exception, whatever the input
   */
  public VerifiedReference verify(String tokenOrUrlOrPath) {
    byte[] token = decode(lastSegment(tokenOrUrlOrPath));
    if (token.length < MIN_TOKEN_BYTES || token.length > MAX_TOKEN_BYTES) {
      throw malformed("it has the wrong length");
    }
    if (token[0] != VERSION) {
      throw malformed("its version is unknown");
    }
    int signedLength = token.length - TAG_BYTES;
    byte[] presented = Arrays.copyOfRange(token, signedLength, token.length);
    boolean genuine = false;
    for (SecretKeySpec key : verificationKeys) {
      // Every key, without stopping at a match: which key matched must not show in the timing.
      genuine |= MessageDigest.isEqual(tag(key, token, signedLength), presented);
    }
    if (!genuine) {
      throw Errors.callbackVerification(
          Reason.TAMPERED,
          "the callback URL token's signature matches none of the keys: it was altered, made up,"
              + " or signed with a key this signer does not hold",
          null,
          null);
    }
    String reference =
        new String(token, HEADER_BYTES, signedLength - HEADER_BYTES, StandardCharsets.ISO_8859_1);
    if (!isReference(reference)) {
      throw malformed("its signed reference is not one this signer would sign");
    }
    long epochSecond = 0;
    for (int i = 0; i < TIME_BYTES; i++) {
      epochSecond = (epochSecond << 8) | (token[1 + i] & 0xFF);
    }
    Instant issuedAt = Instant.ofEpochSecond(epochSecond);
    // Durations between instants cannot overflow, whatever the clock and the settings say.
    Duration age = Duration.between(issuedAt, clock.instant());
    if (age.compareTo(tolerance) > 0) {
      throw Errors.callbackVerification(
          Reason.EXPIRED,
          "the callback URL token was issued at "
              + issuedAt
              + ", more than "
              + tolerance
              + " ago; reconcile its reference with a status query",
          reference,
          issuedAt);
    }
    if (age.negated().compareTo(maxClockSkew) > 0) {
      throw Errors.callbackVerification(
          Reason.FROM_THE_FUTURE,
          "the callback URL token is dated "
              + issuedAt
              + ", more than "
              + maxClockSkew
              + " after now",
          reference,
          issuedAt);
    }
    return new VerifiedReference(reference, issuedAt);
  }

  private static byte[] tag(SecretKeySpec key, byte[] token, int signedLength) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(CONTEXT);
      mac.update(token, 0, signedLength);
      return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is required of every Java platform; a failure here is a broken JRE.
      throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
    }
  }

  private static void checkReference(String reference) {
    if (!isReference(reference)) {
      throw new IllegalArgumentException(
          "reference must be 1 to "
              + MAX_REFERENCE_LENGTH
              + " characters of A-Z a-z 0-9 . _ - (got "
              + reference.length()
              + " characters)");
    }
  }

  private static boolean isReference(String s) {
    if (s.isEmpty() || s.length() > MAX_REFERENCE_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String checkBase(URI baseUrl) {
    if (baseUrl.getRawUserInfo() != null) {
      throw new IllegalArgumentException("baseUrl must not carry user information");
    }
    Checks.callbackUrl("baseUrl", baseUrl);
    if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "baseUrl must not have a query or fragment: the token is appended to its path");
    }
    CallbackUrls.refuseBannedWords("baseUrl", baseUrl);
    return baseUrl.toString();
  }

  private static String lastSegment(String input) {
    if (input == null) {
      throw malformed("there is none");
    }
    if (input.length() > MAX_INPUT_LENGTH) {
      throw malformed("the input is longer than any callback URL");
    }
    String s = input.strip();
    int cut = s.length();
    int query = s.indexOf('?');
    int fragment = s.indexOf('#');
    if (query >= 0) {
      cut = query;
    }
    if (fragment >= 0 && fragment < cut) {
      cut = fragment;
    }
    s = s.substring(0, cut);
    if (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.substring(s.lastIndexOf('/') + 1);
  }

  /** Base32 in {@link #ALPHABET}, most significant bits first, no padding. */
  private static String encode(byte[] bytes) {
    StringBuilder sb = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        sb.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    }
    return sb.toString();
  }

  /** The inverse of {@link #encode}; rejects any text {@code encode} would not produce. */
  private static byte[] decode(String text) {
    int maxChars = (MAX_TOKEN_BYTES * 8 + 4) / 5;
    if (text.isEmpty() || text.length() > maxChars) {
      throw malformed("it has the wrong length");
    }
    int leftover = text.length() * 5 % 8;
    if (leftover >= 5) {
      throw malformed("it has the wrong length");
    }
    byte[] out = new byte[text.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int value = c < DECODE.length ? DECODE[c] : -1;
      if (value < 0) {
        throw malformed("it has a character outside the token alphabet");
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    if ((buffer & ((1 << bits) - 1)) != 0) {
      throw malformed("its encoding is not canonical");
    }
    return out;
  }

  private static CallbackVerificationException malformed(String why) {
    return Errors.callbackVerification(
        Reason.MALFORMED, "not a callback URL token: " + why, null, null);
  }

  @Override
  public String toString() {
    return "CallbackUrlSigner[keys="
        + verificationKeys.size()
        + ", tolerance="
        + tolerance
        + ", maxClockSkew="
        + maxClockSkew
        + "]";
  }

  /**
   * Builds a {@link CallbackUrlSigner}. Not thread-safe; never prints its keys. Setters accept what
   * they are given; {@link #build()} checks everything and names every problem at once.
   */
  public static final class Builder {
    private Object key; // byte[] or base64 String, as given
    private boolean keySet;
    private final List<Object> previousKeys = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Duration tolerance = DEFAULT_TOLERANCE;
    private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;

    private Builder() {}

    /**
     * The current key: signs new URLs and verifies tokens. At least {@value
     * CallbackUrlSigner#MIN_KEY_BYTES} secret random bytes, copied.
     */
    public Builder key(byte[] key) {
      this.key = key == null ? null : key.clone();
      this.keySet = true;
      return this;
    }

    /**
     * The current key in base64 (standard or URL-safe, padding optional), as {@link
     * CallbackUrlSigner#generateKey()} makes it; the README reads it from {@code
     * MPESA_CALLBACK_KEY}.
     */
    public Builder key(String base64Key) {
      this.key = base64Key;
      this.keySet = true;
      return this;
    }

    /**
     * A key that verifies tokens but no longer signs: the key before a rotation, kept until every
     * URL it signed is past the tolerance. May be called several times.
     */
    public Builder previousKey(byte[] key) {
      previousKeys.add(key == null ? null : key.clone());
      return this;
    }

    /** A previous key in base64. */
    public Builder previousKey(String base64Key) {
      previousKeys.add(base64Key);
      return this;
    }

    /** The clock for issue times and the window; {@link Clock#systemUTC()} unless set. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * How long after issue a token verifies; 24 hours unless set. Make it longer than the latest
     * callback you expect (B2C and B2B results can take hours). Must be positive.
     */
    public Builder tolerance(Duration tolerance) {
      this.tolerance = tolerance;
      return this;
    }

    /**
     * How far after now a token may be dated (another server's clock may run ahead); 5 minutes
     * unless set. Must not be negative.
     */
    public Builder maxClockSkew(Duration maxClockSkew) {
      this.maxClockSkew = maxClockSkew;
      return this;
    }

    /**
     * Builds the signer.
     *
     * @throws IllegalStateException naming every problem: no key, a key that is not base64 or too
     *     short (the message never contains the key), a bad window
     */
    public CallbackUrlSigner build() {
      Problems problems = new Problems("CallbackUrlSigner");
      SecretKeySpec current = null;
      if (!keySet) {
        problems.add("key is required: set key(...) (CallbackUrlSigner.generateKey() makes one)");
      } else {
        current = keySpec(key, "key", problems);
      }
      List<SecretKeySpec> verification = new ArrayList<>();
      if (current != null) {
        verification.add(current);
      }
      for (Object previous : previousKeys) {
        SecretKeySpec spec = keySpec(previous, "previousKey", problems);
        if (spec != null) {
          verification.add(spec);
        }
      }
      problems.requireSet(clock, "clock");
      if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
        problems.add("tolerance must be a positive duration, got " + tolerance);
      }
      if (maxClockSkew == null || maxClockSkew.isNegative()) {
        problems.add("maxClockSkew must not be negative, got " + maxClockSkew);
      }
      problems.throwIfAny();
      return new CallbackUrlSigner(current, verification, clock, tolerance, maxClockSkew);
    }

    private static SecretKeySpec keySpec(Object given, String name, Problems problems) {
      if (given == null) {
        problems.add(
            name
                + " is required (the README reads it from MPESA_CALLBACK_KEY, which may be unset;"
                + " CallbackUrlSigner.generateKey() makes one)");
        return null;
      }
      byte[] bytes = given instanceof byte[] b ? b : decodeKey((String) given);
      if (bytes == null) {
        problems.add(name + " is not base64 (CallbackUrlSigner.generateKey() makes one)");
        return null;
      }
      if (bytes.length < MIN_KEY_BYTES) {
        problems.add(
            name
                + " must be at least "
                + MIN_KEY_BYTES
                + " bytes, got "
                + bytes.length
                + " (CallbackUrlSigner.generateKey() makes one)");
        return null;
      }
      return new SecretKeySpec(bytes, ALGORITHM);
    }

    /** The decoded key, or null if it is not base64 (never an exception quoting the key). */
    private static byte[] decodeKey(String base64Key) {
      String text = base64Key.strip();
      try {
        return Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException notStandard) {
        try {
          return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException notUrlSafe) {
          return null;
        }
      }
    }
  }
}
