package dev.mpesa.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mpesa.error.CallbackVerificationException;
import dev.mpesa.error.CallbackVerificationException.Reason;
import dev.mpesa.error.MpesaException;
import dev.mpesa.internal.CallbackUrls;
import dev.mpesa.testing.FakeClock;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackUrlSignerTest {

  private static final Instant T0 = Instant.parse("2026-03-01T09:30:00Z");
  private static final URI BASE = URI.create("https://shop.example/daraja/stk");
  private static final String ALPHABET = "0123456789abcdfghijklnopqrtvwxyz";
  private static final String REFERENCE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) seed);
    key[0] = 42;
    return key;
  }

  private static final byte[] KEY = key(7);
  private static final byte[] OTHER_KEY = key(8);

  private final FakeClock clock = new FakeClock(T0);
  private final CallbackUrlSigner signer = CallbackUrlSigner.of(KEY, clock);

  private static String token(URI url) {
    String s = url.toString();
    return s.substring(s.lastIndexOf('/') + 1);
  }

  private static CallbackVerificationException rejection(CallbackUrlSigner signer, String input) {
    Throwable thrown = catchThrowable(() -> signer.verify(input));
    assertThat(thrown).isExactlyInstanceOf(CallbackVerificationException.class);
    return (CallbackVerificationException) thrown;
  }

  // ------------------------------------------------------------- round trip and format

  @Test
  @DisplayName("R33: a signed URL verifies to its reference and issue time")
  void verify_signedUrl_returnsReferenceAndIssuedAt() {
    URI url = signer.sign(BASE, "ORD-1234");

    VerifiedReference ref = signer.verify(url.toString());

    assertThat(ref.reference()).isEqualTo("ORD-1234");
    assertThat(ref.issuedAt()).isEqualTo(T0);
    assertThat(ref).isEqualTo(signer.verify(token(url)));
    assertThat(ref.toString()).contains("ORD-1234");
  }

  @Test
  @DisplayName("R33: the token is one more path segment of the base URL, never a query")
  void sign_baseUrl_appendsOnePathSegment() {
    URI url = signer.sign(BASE, "ORD-1234");

    assertThat(url.getScheme()).isEqualTo("https");
    assertThat(url.getHost()).isEqualTo("shop.example");
    assertThat(url.getRawQuery()).isNull();
    assertThat(url.getPath()).startsWith("/daraja/stk/");
    assertThat(token(url)).isNotEmpty().matches("[" + ALPHABET + "]+");
    assertThat(signer.sign(URI.create("https://shop.example/daraja/stk/"), "ORD-1234"))
        .isEqualTo(url);
    assertThat(signer.sign(URI.create("https://shop.example:8443"), "A").toString())
        .matches("https://shop\\.example:8443/[" + ALPHABET + "]+");
  }

  @Test
  void sign_sameReferenceAndSecond_isDeterministic() {
    URI first = signer.sign(BASE, "ORD-1");
    assertThat(signer.sign(BASE, "ORD-1")).isEqualTo(first);

    clock.advance(Duration.ofSeconds(1));
    assertThat(signer.sign(BASE, "ORD-1")).isNotEqualTo(first);
    assertThat(signer.sign(BASE, "ORD-2")).isNotEqualTo(first);
  }

  static Stream<String> placesTheTokenIsTakenFrom() {
    return Stream.of("", "/", "?attempt=2", "#top", "/?x=1#y");
  }

  @ParameterizedTest
  @MethodSource("placesTheTokenIsTakenFrom")
  void verify_urlPathOrToken_allVerify(String suffix) {
    URI url = signer.sign(BASE, "ORD-9");
    String path = url.getRawPath();

    assertThat(signer.verify(url + suffix).reference()).isEqualTo("ORD-9");
    assertThat(signer.verify(path + suffix).reference()).isEqualTo("ORD-9");
    assertThat(signer.verify(token(url) + suffix).reference()).isEqualTo("ORD-9");
  }

  @Test
  @DisplayName("R33: the token is the documented layout, so it can be checked independently")
  void verify_independentlyBuiltToken_verifiesAndUnknownVersionIsMalformed() throws Exception {
    String good = TestToken.build(KEY, 1, T0.getEpochSecond(), "ref_1");
    assertThat(signer.verify(good).reference()).isEqualTo("ref_1");
    assertThat(token(signer.sign(BASE, "ref_1"))).isEqualTo(good);

    String version2 = TestToken.build(KEY, 2, T0.getEpochSecond(), "ref_1");
    assertThat(rejection(signer, version2).reason()).isEqualTo(Reason.MALFORMED);
  }

  // ------------------------------------------------------------- tampering

  @Test
  @DisplayName("R33: a changed reference, issue time or MAC byte is TAMPERED")
  void verify_tamperedFields_rejectedAsTampered() {
    byte[] token = TestToken.decode(token(signer.sign(BASE, "ORD-1234")));
    int referenceStart = 6;
    int macStart = token.length - 16;

    for (int index : new int[] {1, 3, 5, referenceStart, referenceStart + 3, macStart - 1}) {
      byte[] changed = token.clone();
      changed[index] ^= 1;
      CallbackVerificationException e = rejection(signer, TestToken.encode(changed));
      assertThat(e.reason()).as("byte %d", index).isEqualTo(Reason.TAMPERED);
      assertThat(e.reference()).isEmpty();
      assertThat(e.issuedAt()).isEmpty();
    }
  }

  @Test
  @DisplayName("R33: the whole MAC is compared: a difference in its first or last byte is caught")
  void verify_macDifferingInAnyByte_isTampered() {
    byte[] token = TestToken.decode(token(signer.sign(BASE, "ORD-1234")));
    int macStart = token.length - 16;

    for (int i = macStart; i < token.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] changed = token.clone();
        changed[i] ^= (byte) (1 << bit);
        assertThat(rejection(signer, TestToken.encode(changed)).reason())
            .as("byte %d bit %d", i, bit)
            .isEqualTo(Reason.TAMPERED);
      }
    }
  }

  @Test
  void verify_everySingleCharacterChange_neverVerifies() {
    String token = token(signer.sign(BASE, "A.b_c-9"));

    for (int i = 0; i < token.length(); i++) {
      for (char c : ALPHABET.toCharArray()) {
        if (c == token.charAt(i)) {
          continue;
        }
        String changed = token.substring(0, i) + c + token.substring(i + 1);
        assertThat(rejection(signer, changed).reason())
            .as("position %d -> %s", i, c)
            .isIn(Reason.TAMPERED, Reason.MALFORMED);
      }
    }
  }

  @Test
  @DisplayName("R33: a reference moved onto another order's token fails")
  void verify_referenceSwappedBetweenTokens_isTampered() {
    byte[] a = TestToken.decode(token(signer.sign(BASE, "ORD-1111")));
    byte[] b = TestToken.decode(token(signer.sign(BASE, "ORD-2222")));
    byte[] spliced = a.clone();
    System.arraycopy(b, 6, spliced, 6, 8);

    assertThat(rejection(signer, TestToken.encode(spliced)).reason()).isEqualTo(Reason.TAMPERED);
  }

  @Test
  void verify_tokenFromAnotherKey_isTampered() {
    CallbackUrlSigner other = CallbackUrlSigner.of(OTHER_KEY, clock);

    assertThat(rejection(signer, other.sign(BASE, "ORD-1").toString()).reason())
        .isEqualTo(Reason.TAMPERED);
  }

  // ------------------------------------------------------------- time window

  @Test
  @DisplayName("R33: a token verifies for 24 hours by default and is EXPIRED after")
  void verify_afterTolerance_isExpiredWithGenuineReference() {
    String url = signer.sign(BASE, "ORD-7").toString();

    clock.advance(Duration.ofHours(24));
    assertThat(signer.verify(url).reference()).isEqualTo("ORD-7");

    clock.advance(Duration.ofSeconds(1));
    CallbackVerificationException e = rejection(signer, url);
    assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
    assertThat(e.reference()).contains("ORD-7");
    assertThat(e.issuedAt()).contains(T0);
    assertThat(e.getMessage()).doesNotContain(url).doesNotContain(token(URI.create(url)));
  }

  @Test
  void verify_customTolerance_isHonoured() {
    CallbackUrlSigner shortLived =
        CallbackUrlSigner.builder().key(KEY).clock(clock).tolerance(Duration.ofMinutes(10)).build();
    String url = shortLived.sign(BASE, "ORD-7").toString();

    clock.advance(Duration.ofMinutes(10));
    assertThat(shortLived.verify(url).reference()).isEqualTo("ORD-7");
    clock.advance(Duration.ofSeconds(1));
    assertThat(rejection(shortLived, url).reason()).isEqualTo(Reason.EXPIRED);
    assertThat(shortLived.tolerance()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  @DisplayName("R33: a token dated beyond the clock skew is FROM_THE_FUTURE")
  void verify_futureDated_rejectedBeyondSkew() {
    CallbackUrlSigner ahead = signer.withClock(Clock.fixed(T0.plusSeconds(300), ZoneOffset.UTC));
    CallbackUrlSigner farAhead = signer.withClock(Clock.fixed(T0.plusSeconds(301), ZoneOffset.UTC));

    assertThat(signer.verify(ahead.sign(BASE, "ORD-1").toString()).issuedAt())
        .isEqualTo(T0.plusSeconds(300));
    CallbackVerificationException e = rejection(signer, farAhead.sign(BASE, "ORD-1").toString());
    assertThat(e.reason()).isEqualTo(Reason.FROM_THE_FUTURE);
    assertThat(e.reference()).contains("ORD-1");
  }

  @Test
  void verify_zeroSkew_rejectsOneSecondAhead() {
    CallbackUrlSigner strict =
        CallbackUrlSigner.builder().key(KEY).clock(clock).maxClockSkew(Duration.ZERO).build();
    String ahead =
        strict.withClock(Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC)).sign(BASE, "X").toString();

    assertThat(rejection(strict, ahead).reason()).isEqualTo(Reason.FROM_THE_FUTURE);
    assertThat(strict.verify(strict.sign(BASE, "X").toString()).reference()).isEqualTo("X");
  }

  @Test
  @DisplayName("R33: the test helper: the same signer with a fixed clock mints past tokens")
  void withClock_fixedPast_mintsTokensThatAgeAsExpected() {
    CallbackUrlSigner minter =
        signer.withClock(Clock.fixed(T0.minus(Duration.ofHours(2)), ZoneOffset.UTC));

    URI twoHoursOld = minter.sign(BASE, "ORD-5");

    assertThat(signer.verify(twoHoursOld.toString()).issuedAt())
        .isEqualTo(T0.minus(Duration.ofHours(2)));
    URI dayOld =
        signer
            .withClock(Clock.fixed(T0.minus(Duration.ofHours(25)), ZoneOffset.UTC))
            .sign(BASE, "ORD-5");
    assertThat(rejection(signer, dayOld.toString()).reason()).isEqualTo(Reason.EXPIRED);
    // the original signer keeps its own clock
    assertThat(signer.verify(signer.sign(BASE, "ORD-5").toString()).issuedAt()).isEqualTo(T0);
  }

  @Test
  void sign_clockBefore1970_isRefused() {
    CallbackUrlSigner past =
        signer.withClock(Clock.fixed(Instant.parse("1969-12-31T23:59:59Z"), ZoneOffset.UTC));

    assertThatThrownBy(() -> past.sign(BASE, "A")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void verify_extremeClock_neverOverflows() {
    String url = signer.sign(BASE, "A").toString();
    CallbackUrlSigner endOfTime = signer.withClock(Clock.fixed(Instant.MAX, ZoneOffset.UTC));
    CallbackUrlSigner startOfTime = signer.withClock(Clock.fixed(Instant.MIN, ZoneOffset.UTC));
    CallbackUrlSigner forever =
        CallbackUrlSigner.builder()
            .key(KEY)
            .clock(clock)
            .tolerance(Duration.ofSeconds(Long.MAX_VALUE))
            .maxClockSkew(Duration.ofSeconds(Long.MAX_VALUE))
            .build();

    assertThat(rejection(endOfTime, url).reason()).isEqualTo(Reason.EXPIRED);
    assertThat(rejection(startOfTime, url).reason()).isEqualTo(Reason.FROM_THE_FUTURE);
    assertThat(forever.withClock(Clock.fixed(Instant.MAX, ZoneOffset.UTC)).verify(url).reference())
        .isEqualTo("A");
  }

  // ------------------------------------------------------------- key rotation

  @Test
  @DisplayName(
      "R33: after a rotation, tokens of the previous key still verify; new ones use the"
          + " new key")
  void verify_previousKey_acceptedAndNewTokensUseTheCurrentKey() {
    CallbackUrlSigner before = CallbackUrlSigner.of(KEY, clock);
    String oldUrl = before.sign(BASE, "ORD-OLD").toString();
    CallbackUrlSigner rotated =
        CallbackUrlSigner.builder().key(OTHER_KEY).previousKey(KEY).clock(clock).build();
    CallbackUrlSigner newOnly = CallbackUrlSigner.of(OTHER_KEY, clock);

    String newUrl = rotated.sign(BASE, "ORD-NEW").toString();

    assertThat(rotated.verify(oldUrl).reference()).isEqualTo("ORD-OLD");
    assertThat(rotated.verify(newUrl).reference()).isEqualTo("ORD-NEW");
    assertThat(newOnly.verify(newUrl).reference()).isEqualTo("ORD-NEW");
    assertThat(rejection(before, newUrl).reason()).isEqualTo(Reason.TAMPERED);
    assertThat(rejection(newOnly, oldUrl).reason()).isEqualTo(Reason.TAMPERED);
  }

  @Test
  void verify_severalPreviousKeysInBase64_allAccepted() {
    byte[] third = key(9);
    CallbackUrlSigner rotated =
        CallbackUrlSigner.builder()
            .key(Base64.getEncoder().encodeToString(third))
            .previousKey(Base64.getEncoder().encodeToString(KEY))
            .previousKey(Base64.getUrlEncoder().withoutPadding().encodeToString(OTHER_KEY))
            .clock(clock)
            .build();

    for (byte[] k : new byte[][] {KEY, OTHER_KEY, third}) {
      String url = CallbackUrlSigner.of(k, clock).sign(BASE, "R").toString();
      assertThat(rotated.verify(url).reference()).isEqualTo("R");
    }
    assertThat(rotated.toString()).contains("keys=3");
  }

  // ------------------------------------------------------------- Daraja's URL rules

  @Test
  @DisplayName("R33/R36: 10,000 random references and times never give a URL with a banned word")
  void sign_tenThousandRandomReferences_noBannedWordAndShortEnough() {
    Random random = new Random(20260301);
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      int length = 1 + random.nextInt(CallbackUrlSigner.MAX_REFERENCE_LENGTH);
      StringBuilder reference = new StringBuilder(length);
      for (int j = 0; j < length; j++) {
        reference.append(REFERENCE_CHARS.charAt(random.nextInt(REFERENCE_CHARS.length())));
      }
      clock.set(Instant.ofEpochSecond(1_600_000_000L + random.nextInt(400_000_000)));

      URI url = signer.sign(BASE, reference.toString());

      assertThat(CallbackUrls.bannedWords(url)).as(url.toString()).isEmpty();
      assertThat(url.toString().length()).isLessThanOrEqualTo(CallbackUrlSigner.MAX_URL_LENGTH);
      assertThat(signer.verify(url.toString()).reference()).isEqualTo(reference.toString());
      tokens.add(token(url));
    }
    assertThat(tokens).hasSize(10_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mpesa", "M-PESA", "safaricom", "exe", "EXEC", "cmd", "sql", "query"})
  @DisplayName("R36: a reference that is itself a banned word is encoded away")
  void sign_bannedWordAsReference_urlIsClean(String reference) {
    URI url = signer.sign(BASE, reference);

    assertThat(CallbackUrls.bannedWords(url)).isEmpty();
    assertThat(signer.verify(url.toString()).reference()).isEqualTo(reference);
  }

  @Test
  @DisplayName("R36: a base URL with a banned word is refused, naming the word")
  void sign_baseWithBannedWord_isRefused() {
    assertThatThrownBy(() -> signer.sign(URI.create("https://shop.example/mpesa/stk"), "A"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mpesa");
    assertThatThrownBy(() -> signer.sign(URI.create("https://shop.example/cb?x=1"), "A"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("query");
  }

  @Test
  @DisplayName("R33: the longest reference gives a 138-character token; the URL stays under 200")
  void sign_longestReference_urlLengthIsBounded() {
    String reference = "R".repeat(CallbackUrlSigner.MAX_REFERENCE_LENGTH);
    String host = "https://shop.example/";
    URI fits = URI.create(host + "p".repeat(199 - 1 - 138 - host.length()));
    URI tooLong = URI.create(host + "p".repeat(199 - 138 - host.length()));

    URI url = signer.sign(fits, reference);

    assertThat(token(url)).hasSize(138);
    assertThat(url.toString()).hasSize(CallbackUrlSigner.MAX_URL_LENGTH);
    assertThat(token(signer.sign(BASE, "R"))).hasSize(37);
    assertThatThrownBy(() -> signer.sign(tooLong, reference))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("200")
        .hasMessageContaining("shorten");
  }

  static Stream<Arguments> badReferences() {
    return Stream.of(
        Arguments.of(""),
        Arguments.of("R".repeat(65)),
        Arguments.of("ORD 1"),
        Arguments.of("ORD/1"),
        Arguments.of("ORD%2F1"),
        Arguments.of("caf\u00e9"),
        Arguments.of("+254712345678"),
        Arguments.of("ORD\n1"));
  }

  @ParameterizedTest
  @MethodSource("badReferences")
  void sign_badReference_isRefusedWithoutQuotingIt(String reference) {
    assertThatThrownBy(() -> signer.sign(BASE, reference))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A-Z a-z 0-9 . _ -")
        .satisfies(
            e -> {
              if (!reference.isEmpty()) {
                assertThat(e.getMessage()).doesNotContain(reference);
              }
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/daraja/stk",
        "ftp://shop.example/cb",
        "https://shop.example/cb#frag",
        "https://user:secret@shop.example/cb"
      })
  void sign_unusableBaseUrl_isRefused(String base) {
    assertThatThrownBy(() -> signer.sign(URI.create(base), "A"))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
  }

  @Test
  void sign_nulls_areRefused() {
    assertThatThrownBy(() -> signer.sign((java.net.URI) null, "A"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl is required");
    assertThatThrownBy(() -> signer.sign(BASE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference is required");
  }

  // ------------------------------------------------------------- hostile input

  static Stream<Arguments> hostileInputs() {
    String valid =
        token(CallbackUrlSigner.of(KEY, Clock.fixed(T0, ZoneOffset.UTC)).sign(BASE, "ORD-1"));
    return Stream.of(
        Arguments.of("null", null),
        Arguments.of("empty", ""),
        Arguments.of("blank", "   "),
        Arguments.of("slash", "/"),
        Arguments.of("slashes", "////"),
        Arguments.of("query only", "?token=" + valid),
        Arguments.of("token in a query", "https://shop.example/cb?t=" + valid),
        Arguments.of("upper case", valid.toUpperCase(java.util.Locale.ROOT)),
        Arguments.of("one character more", valid + "0"),
        Arguments.of("one character less", valid.substring(1)),
        Arguments.of("base64url", "AQAAAAAAAE9SRC0xq83vEjRWeJCrze8SNFZ4kA"),
        Arguments.of("banned letters", valid.substring(0, 10) + "e" + valid.substring(11)),
        Arguments.of("percent-encoded", "%30%31%32"),
        Arguments.of("NUL", "\u0000"),
        Arguments.of("unicode digits", "\u0661\u0662\u0663".repeat(20)),
        Arguments.of("emoji", "\uD83D\uDCB8".repeat(30)),
        Arguments.of("lone surrogate", "\uD83D" + valid),
        Arguments.of("too short", "0000"),
        Arguments.of("shortest length, all zero", "0".repeat(37)),
        Arguments.of("longest length, all z", "z".repeat(138)),
        Arguments.of("too long for a token", "0".repeat(139)),
        Arguments.of("huge", "0".repeat(1_000_000)),
        Arguments.of("huge path", "/a".repeat(500_000)),
        Arguments.of("non-canonical last character", valid.substring(0, valid.length() - 1) + "z"),
        Arguments.of("impossible length", "0".repeat(38)),
        Arguments.of("dot segments", "https://shop.example/cb/" + valid + "/.."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileInputs")
  @DisplayName("R31/R33: hostile input gives CallbackVerificationException and nothing else")
  void verify_hostileInput_onlyCallbackVerificationException(String name, String input) {
    CallbackVerificationException e = rejection(signer, input);

    assertThat(e.reason()).isIn(Reason.MALFORMED, Reason.TAMPERED);
    assertThat(e).isInstanceOf(MpesaException.class);
    assertThat(e.operation()).isEqualTo("callback.verify");
    assertThat(e.reference()).isEmpty();
    if (input != null && input.strip().length() > 3) {
      assertThat(e.getMessage()).doesNotContain(input.strip());
    }
  }

  @Test
  void verify_randomGarbage_onlyCallbackVerificationException() {
    Random random = new Random(99);
    String pool = ALPHABET + "eEmMsSuU/?#%:;., \t\u00e9\u0000\uFFFF\uD800";
    for (int i = 0; i < 20_000; i++) {
      int length = random.nextInt(i % 2 == 0 ? 160 : 40) + (i % 3 == 0 ? 37 : 0);
      StringBuilder sb = new StringBuilder(length);
      String chars = i % 4 == 0 ? ALPHABET : pool;
      for (int j = 0; j < length; j++) {
        sb.append(chars.charAt(random.nextInt(chars.length())));
      }
      rejection(signer, sb.toString());
    }
  }

  // ------------------------------------------------------------- keys

  @Test
  void key_shorterThan32Bytes_isRefusedWithoutEchoingIt() {
    byte[] shortKey = "correct horse battery staple".getBytes(StandardCharsets.US_ASCII);
    String shortBase64 = Base64.getEncoder().encodeToString(shortKey);

    assertThatThrownBy(() -> CallbackUrlSigner.of(shortKey, clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> CallbackUrlSigner.of(shortBase64, clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(shortBase64);
    assertThatThrownBy(() -> CallbackUrlSigner.builder().key(KEY).previousKey(new byte[31]).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("previousKey must be at least 32 bytes");
  }

  @Test
  void key_notBase64_isRefusedWithoutEchoingItOrAnyCause() {
    String notBase64 = "this is !! not base64 at all, secret-ish";

    assertThatThrownBy(() -> CallbackUrlSigner.of(notBase64, clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "CallbackUrlSigner: key is not base64 (CallbackUrlSigner.generateKey() makes one)")
        .hasNoCause();
  }

  @Test
  void key_isCopied_laterChangesToTheArrayDoNotMatter() {
    byte[] key = KEY.clone();
    CallbackUrlSigner copied = CallbackUrlSigner.of(key, clock);
    String url = copied.sign(BASE, "A").toString();

    Arrays.fill(key, (byte) 0);

    assertThat(copied.verify(url).reference()).isEqualTo("A");
  }

  @Test
  void generateKey_returns32RandomBytesThatWork() {
    String k1 = CallbackUrlSigner.generateKey();
    String k2 = CallbackUrlSigner.generateKey();

    assertThat(Base64.getDecoder().decode(k1)).hasSize(32);
    assertThat(k1).isNotEqualTo(k2);
    CallbackUrlSigner s = CallbackUrlSigner.of(k1, clock);
    assertThat(s.verify(s.sign(BASE, "A").toString()).reference()).isEqualTo("A");
  }

  @Test
  void toString_neverShowsAKey() {
    String base64 = Base64.getEncoder().encodeToString(KEY);
    CallbackUrlSigner s = CallbackUrlSigner.of(base64, clock);

    assertThat(s.toString())
        .doesNotContain(base64)
        .doesNotContain(new String(KEY, StandardCharsets.ISO_8859_1))
        .contains("keys=1", "tolerance=PT24H");
  }

  @Test
  void builder_missingKeyOrBadWindow_isRefused() {
    assertThatThrownBy(() -> CallbackUrlSigner.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key(");
    assertThatThrownBy(() -> CallbackUrlSigner.builder().key(KEY).tolerance(Duration.ZERO).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tolerance must be a positive duration");
    assertThatThrownBy(
            () -> CallbackUrlSigner.builder().key(KEY).maxClockSkew(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxClockSkew must not be negative");
    assertThatThrownBy(() -> CallbackUrlSigner.builder().key(KEY).clock(null).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("clock must not be null");
  }

  @Test
  void of_nullKey_namesTheSettingAndItsEnvironmentVariable_notAnNpe() {
    // What the README's snippet does when MPESA_CALLBACK_KEY is unset.
    assertThatThrownBy(() -> CallbackUrlSigner.of((String) null, clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key is required")
        .hasMessageContaining("MPESA_CALLBACK_KEY");
  }

  @Test
  void builder_reportsEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                CallbackUrlSigner.builder()
                    .key(new byte[3])
                    .tolerance(Duration.ZERO)
                    .maxClockSkew(Duration.ofSeconds(-1))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("3 settings to fix")
        .hasMessageContaining("key must be at least 32 bytes")
        .hasMessageContaining("tolerance")
        .hasMessageContaining("maxClockSkew");
  }

  @Test
  void defaults_areTwentyFourHoursAndFiveMinutes() {
    assertThat(signer.tolerance()).isEqualTo(Duration.ofHours(24));
    assertThat(signer.maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
  }

  /** The token layout as documented, built independently of the signer. */
  static final class TestToken {
    private TestToken() {}

    static String build(byte[] key, int version, long epochSecond, String reference)
        throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(version);
      for (int i = 4; i >= 0; i--) {
        out.write((int) (epochSecond >>> (8 * i)));
      }
      out.write(reference.getBytes(StandardCharsets.US_ASCII));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update("dev.mpesa/callback-url\0".getBytes(StandardCharsets.US_ASCII));
      mac.update(out.toByteArray());
      out.write(mac.doFinal(), 0, 16);
      return encode(out.toByteArray());
    }

    static String encode(byte[] bytes) {
      StringBuilder sb = new StringBuilder();
      int buffer = 0;
      int bits = 0;
      for (byte b : bytes) {
        buffer = (buffer << 8) | (b & 0xFF);
        bits += 8;
        while (bits >= 5) {
          sb.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
          bits -= 5;
        }
      }
      if (bits > 0) {
        sb.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
      }
      return sb.toString();
    }

    static byte[] decode(String text) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int buffer = 0;
      int bits = 0;
      for (char c : text.toCharArray()) {
        buffer = (buffer << 5) | ALPHABET.indexOf(c);
        bits += 5;
        if (bits >= 8) {
          out.write(buffer >>> (bits - 8));
          bits -= 8;
        }
      }
      return out.toByteArray();
    }
  }
}
