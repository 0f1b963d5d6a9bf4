package dev.mpesa.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import dev.mpesa.security.IpAllowList.Decision;
import dev.mpesa.security.IpAllowList.Mode;
import dev.mpesa.security.IpAllowList.Reason;
import dev.mpesa.testing.LogCapture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAllowListTest {

  private static final String SAFARICOM = "196.201.214.200";
  private static final String STRANGER = "203.0.113.9";

  private static final IpAllowList ENFORCING =
      IpAllowList.builder().allowSafaricomDefaults().mode(Mode.ENFORCE).build();

  private static final IpAllowList BEHIND_PROXIES =
      IpAllowList.builder()
          .allowSafaricomDefaults()
          .trustProxies("10.0.0.0/8", "2001:db8:aa::/48")
          .mode(Mode.ENFORCE)
          .build();

  private static IpAllowList enforcing(String... entries) {
    return IpAllowList.builder().allow(entries).mode(Mode.ENFORCE).build();
  }

  // ------------------------------------------------------------- defaults and modes

  @Test
  @DisplayName("R34: the defaults are the 12 published addresses, in log-only mode")
  void safaricomDefaults_twelveAddresses_logOnly() {
    IpAllowList defaults = IpAllowList.safaricomDefaults();

    assertThat(defaults.mode()).isEqualTo(Mode.LOG_ONLY);
    assertThat(defaults.allowed()).hasSize(12).contains("196.201.214.200/32", "196.201.212.69/32");
    assertThat(defaults.trustedProxies()).isEmpty();
    for (String address : IpAllowList.SAFARICOM_CALLBACK_ADDRESSES) {
      Decision d = ENFORCING.check(address);
      assertThat(d.allowed()).as(address).isTrue();
      assertThat(d.reason()).isEqualTo(Reason.LISTED);
      assertThat(d.clientAddress()).isEqualTo(address);
    }
  }

  @Test
  @DisplayName("R34: log-only allows an unlisted address and logs a WARN naming it")
  void check_logOnlyUnlisted_allowsAndWarns() {
    try (LogCapture logs = new LogCapture()) {
      Decision d = IpAllowList.safaricomDefaults().check(STRANGER);

      assertThat(d.allowed()).isTrue();
      assertThat(d.reason()).isEqualTo(Reason.NOT_LISTED);
      assertThat(d.suspicious()).isTrue();
      assertThat(d.clientAddress()).isEqualTo(STRANGER);
      assertThat(logs.lines(Level.WARN)).singleElement().asString().contains(STRANGER);
    }
  }

  @Test
  void check_logOnlyListed_allowsWithoutLogging() {
    try (LogCapture logs = new LogCapture()) {
      Decision d = IpAllowList.safaricomDefaults().check(SAFARICOM);

      assertThat(d.allowed()).isTrue();
      assertThat(d.reason()).isEqualTo(Reason.LISTED);
      assertThat(d.suspicious()).isFalse();
      assertThat(logs.lines(Level.WARN)).isEmpty();
    }
  }

  @Test
  @DisplayName("R34: enforce denies an unlisted address, without a WARN per request")
  void check_enforceUnlisted_deniesQuietly() {
    try (LogCapture logs = new LogCapture()) {
      Decision d = ENFORCING.check(STRANGER);

      assertThat(d.allowed()).isFalse();
      assertThat(d.reason()).isEqualTo(Reason.NOT_LISTED);
      assertThat(d.detail()).contains(STRANGER);
      assertThat(logs.lines(Level.WARN)).isEmpty();
      assertThat(logs.lines(Level.DEBUG)).anySatisfy(l -> assertThat(l).contains(STRANGER));
    }
  }

  @Test
  void check_off_allowsEverythingUnchecked() {
    IpAllowList off = IpAllowList.builder().mode(Mode.OFF).build();
    try (LogCapture logs = new LogCapture()) {
      for (String remote : Arrays.asList(STRANGER, "not an address", null, SAFARICOM)) {
        Decision d = off.check(remote, List.of("1.2.3.4"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).isEqualTo(Reason.NOT_CHECKED);
        assertThat(d.suspicious()).isFalse();
      }
      assertThat(off.check(STRANGER).clientAddress()).isEqualTo(STRANGER);
      assertThat(logs.lines()).isEmpty();
    }
  }

  @Test
  void toBuilder_derivesAnEnforcingListFromTheDefaults() {
    IpAllowList derived =
        IpAllowList.safaricomDefaults().toBuilder()
            .allow("196.201.212.128")
            .mode(Mode.ENFORCE)
            .build();

    assertThat(derived.mode()).isEqualTo(Mode.ENFORCE);
    assertThat(derived.allowed()).hasSize(13);
    assertThat(derived.check("196.201.212.128").allowed()).isTrue();
    assertThat(derived.toString()).contains("ENFORCE", "196.201.212.128/32");
  }

  // ------------------------------------------------------------- CIDR edges

  @ParameterizedTest(name = "{0} in {1}: {2}")
  @CsvSource({
    "196.201.214.0,     196.201.214.0/24,  true",
    "196.201.214.255,   196.201.214.0/24,  true",
    "196.201.213.255,   196.201.214.0/24,  false",
    "196.201.215.0,     196.201.214.0/24,  false",
    "196.201.212.0,     196.201.212.0/23,  true",
    "196.201.213.255,   196.201.212.0/23,  true",
    "196.201.214.0,     196.201.212.0/23,  false",
    "196.201.211.255,   196.201.212.0/23,  false",
    "196.201.214.127,   196.201.214.0/25,  true",
    "196.201.214.128,   196.201.214.0/25,  false",
    "196.201.214.200,   196.201.214.200/31, true",
    "196.201.214.201,   196.201.214.200/31, true",
    "196.201.214.202,   196.201.214.200/31, false",
    "196.201.214.200,   196.201.214.200,   true",
    "196.201.214.201,   196.201.214.200/32, false",
    "0.0.0.0,           0.0.0.0/0,         true",
    "255.255.255.255,   0.0.0.0/0,         true",
    "::1,               0.0.0.0/0,         false",
    "2001:db8::,        2001:db8::/32,     true",
    "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, 2001:db8::/32, true",
    "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, 2001:db8::/32, false",
    "2001:db9::,        2001:db8::/32,     false",
    "2001:db8::7fff:ffff:ffff:ffff, 2001:db8::/65, true",
    "2001:db8::8000:0:0:0, 2001:db8::/65,  false",
    "2001:db8::1,       2001:db8::/127,    true",
    "2001:db8::2,       2001:db8::/127,    false",
    "2001:db8::1,       2001:db8::1/128,   true",
    "2001:db8::2,       2001:db8::1,       false",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ::/0, true",
    "196.201.214.200,   ::/0,              false",
    "::ffff:196.201.214.200, 196.201.214.200, true",
    "196.201.214.9,     ::ffff:196.201.214.0/120, true",
    "196.201.215.9,     ::ffff:196.201.214.0/120, false"
  })
  @DisplayName("R34: IPv4 and IPv6 blocks match exactly their first to last address")
  void check_cidrEdges_matchExactly(String address, String block, boolean listed) {
    Decision d = enforcing(block).check(address);

    assertThat(d.allowed()).isEqualTo(listed);
    assertThat(d.reason()).isEqualTo(listed ? Reason.LISTED : Reason.NOT_LISTED);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "'  196.201.214.200  ',            196.201.214.200",
    "196.201.214.200:443,              196.201.214.200",
    "::ffff:196.201.214.200,           196.201.214.200",
    "::FFFF:C4C9:D6C8,                 196.201.214.200",
    "[::ffff:196.201.214.200]:8080,    196.201.214.200",
    "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    "[2001:db8::1],                    2001:db8::1",
    "[2001:db8::1]:443,                2001:db8::1",
    "fe80::1%eth0,                     fe80::1",
    "[fe80::1%25]:80,                  fe80::1",
    "0:0:0:0:0:0:0:1,                  ::1",
    "::,                               ::",
    "1::,                              1::",
    "2001:db8:0:0:1:0:0:1,             2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1,             2001:db8:0:1:1:1:1:1",
    "2001:0:0:1:0:0:0:1,               2001:0:0:1::1",
    "::1.2.3.4,                        ::102:304"
  })
  @DisplayName("R34: reported forms parse without DNS and print canonically (RFC 5952)")
  void check_reportedForms_canonicalClientAddress(String remote, String canonical) {
    Decision d = ENFORCING.check(remote);

    assertThat(d.reason()).isIn(Reason.LISTED, Reason.NOT_LISTED);
    assertThat(d.clientAddress()).isEqualTo(canonical);
  }

  static Stream<Arguments> malformedAddresses() {
    return Stream.of(
        Arguments.of("null", null),
        Arguments.of("empty", ""),
        Arguments.of("blank", "   "),
        Arguments.of("unknown", "unknown"),
        Arguments.of("host name", "callbacks.safaricom.co.ke"),
        Arguments.of("localhost", "localhost"),
        Arguments.of("three parts", "196.201.214"),
        Arguments.of("five parts", "196.201.214.200.1"),
        Arguments.of("octet too big", "196.201.214.256"),
        Arguments.of("leading zero (octal elsewhere)", "196.201.214.010"),
        Arguments.of("empty octet", "196..214.200"),
        Arguments.of("trailing dot", "196.201.214.200."),
        Arguments.of("signed octet", "196.201.214.+20"),
        Arguments.of("decimal integer", "3301562056"),
        Arguments.of("hex octets", "0xc4.0xc9.0xd6.0xc8"),
        Arguments.of("arabic digits", "\u0661\u0669\u0666.201.214.200"),
        Arguments.of("fullwidth digits", "\uFF11\uFF19\uFF16.201.214.200"),
        Arguments.of("port too big", "196.201.214.200:65536"),
        Arguments.of("empty port", "196.201.214.200:"),
        Arguments.of("CIDR", "196.201.214.0/24"),
        Arguments.of("two addresses", "196.201.214.200 196.201.214.206"),
        Arguments.of("bracketed IPv4", "[196.201.214.200]"),
        Arguments.of("two gaps", "2001::db8::1"),
        Arguments.of("triple colon", "2001:::1"),
        Arguments.of("nine groups", "1:2:3:4:5:6:7:8:9"),
        Arguments.of("seven groups, no gap", "1:2:3:4:5:6:7"),
        Arguments.of("gap plus eight groups", "1:2:3:4::5:6:7:8"),
        Arguments.of("five hex digits", "2001:db8::12345"),
        Arguments.of("not hex", "2001:db8::g"),
        Arguments.of("leading single colon", ":1:2:3:4:5:6:7"),
        Arguments.of("trailing single colon", "1:2:3:4:5:6:7:"),
        Arguments.of("IPv4 not last", "1.2.3.4::1"),
        Arguments.of("IPv4 too many groups", "1:2:3:4:5:6:7:1.2.3.4"),
        Arguments.of("unclosed bracket", "[2001:db8::1"),
        Arguments.of("junk after bracket", "[2001:db8::1]x"),
        Arguments.of("empty zone", "fe80::1%"),
        Arguments.of("hostile zone", "fe80::1%eth0;rm"),
        Arguments.of("zone on IPv4", "196.201.214.200%eth0"),
        Arguments.of("jdk toString", "/196.201.214.200"),
        Arguments.of("control characters", "196.201.214.200\u0000"),
        Arguments.of("huge", "1".repeat(1_000_000)),
        Arguments.of("huge IPv6-looking", "1:".repeat(100_000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedAddresses")
  @DisplayName("R34: a malformed remote address is denied in enforce mode, never an exception")
  void check_malformedRemote_deniedWithReason(String name, String remote) {
    Throwable thrown = catchThrowable(() -> ENFORCING.check(remote));
    assertThat(thrown).isNull();

    Decision d = ENFORCING.check(remote);
    assertThat(d.allowed()).isFalse();
    assertThat(d.reason()).isEqualTo(Reason.MALFORMED_ADDRESS);
    assertThat(d.clientAddress()).isNull();
    if (remote != null && !remote.isBlank()) {
      assertThat(d.detail()).doesNotContain(remote.strip());
    }
  }

  @Test
  void check_malformedRemoteInLogOnly_allowsAndWarnsWithoutQuotingIt() {
    try (LogCapture logs = new LogCapture()) {
      Decision d = IpAllowList.safaricomDefaults().check("<script>evil</script>");

      assertThat(d.allowed()).isTrue();
      assertThat(d.reason()).isEqualTo(Reason.MALFORMED_ADDRESS);
      assertThat(logs.lines(Level.WARN)).singleElement().asString().doesNotContain("script");
    }
  }

  // ------------------------------------------------------------- X-Forwarded-For

  @Test
  @DisplayName("R34: X-Forwarded-For from an untrusted remote is ignored (spoofing)")
  void check_forwardedForFromUntrustedRemote_isIgnored() {
    Decision d = BEHIND_PROXIES.check(STRANGER, List.of(SAFARICOM));

    assertThat(d.allowed()).isFalse();
    assertThat(d.clientAddress()).isEqualTo(STRANGER);
    assertThat(d.reason()).isEqualTo(Reason.NOT_LISTED);
    assertThat(ENFORCING.check(STRANGER, List.of(SAFARICOM)).allowed()).isFalse();
  }

  @Test
  @DisplayName("R34: without trusted proxies the header is never read, even from Safaricom")
  void check_noTrustedProxies_headerNeverRead() {
    Decision d = ENFORCING.check(SAFARICOM, List.of("garbage, " + STRANGER));

    assertThat(d.allowed()).isTrue();
    assertThat(d.clientAddress()).isEqualTo(SAFARICOM);
  }

  @Test
  @DisplayName("R34: behind a trusted proxy, the address the proxy appended is the client")
  void check_trustedProxy_usesTheAppendedAddress() {
    Decision d = BEHIND_PROXIES.check("10.1.2.3", List.of(SAFARICOM));

    assertThat(d.allowed()).isTrue();
    assertThat(d.reason()).isEqualTo(Reason.LISTED);
    assertThat(d.clientAddress()).isEqualTo(SAFARICOM);
    assertThat(d.detail()).contains("X-Forwarded-For");
  }

  @Test
  @DisplayName("R34: a forged left-hand entry cannot pass: the header is read from the right")
  void check_forgedLeftEntry_rightmostUntrustedWins() {
    Decision d = BEHIND_PROXIES.check("10.1.2.3", List.of(SAFARICOM + ", " + STRANGER));

    assertThat(d.allowed()).isFalse();
    assertThat(d.clientAddress()).isEqualTo(STRANGER);
  }

  @Test
  @DisplayName("R34: several header lines and comma lists form one list, read from the right")
  void check_multipleHeadersAndCommaLists_readAsOneList() {
    IpAllowList list = BEHIND_PROXIES;

    assertThat(list.check("10.0.0.1", List.of(SAFARICOM, "10.0.0.5")).clientAddress())
        .isEqualTo(SAFARICOM);
    assertThat(
            list.check("10.0.0.1", List.of(STRANGER + ", " + SAFARICOM, "10.0.0.7,10.0.0.5"))
                .clientAddress())
        .isEqualTo(SAFARICOM);
    assertThat(list.check("10.0.0.1", List.of(SAFARICOM, STRANGER)).clientAddress())
        .isEqualTo(STRANGER);
  }

  @Test
  @DisplayName("R34: a chain of trusted proxies (IPv4 and IPv6) is skipped")
  void check_trustedProxyChain_skipsEveryTrustedHop() {
    Decision d =
        BEHIND_PROXIES.check(
            "[2001:db8:aa::1]:443",
            List.of("198.51.100.7, 196.201.214.206, 10.9.9.9, 2001:db8:aa::5, ::ffff:10.0.0.2"));

    assertThat(d.allowed()).isTrue();
    assertThat(d.clientAddress()).isEqualTo("196.201.214.206");
  }

  @Test
  void check_everyEntryTrusted_leftmostIsTheClient() {
    Decision d = BEHIND_PROXIES.check("10.0.0.1", List.of("10.0.0.9, 10.0.0.8"));

    assertThat(d.clientAddress()).isEqualTo("10.0.0.9");
    assertThat(d.allowed()).isFalse();
  }

  @Test
  void check_trustedProxyWithoutHeader_checksTheProxyItself() {
    List<String> nulls = new ArrayList<>();
    nulls.add(null);
    for (List<String> header :
        Arrays.asList(null, List.<String>of(), List.of(""), List.of(" , ,"), nulls)) {
      Decision d = BEHIND_PROXIES.check("10.0.0.1", header);
      assertThat(d.clientAddress()).isEqualTo("10.0.0.1");
      assertThat(d.reason()).isEqualTo(Reason.NOT_LISTED);
    }
  }

  @Test
  void check_listedProxyWithoutHeader_isAllowed() {
    IpAllowList list =
        IpAllowList.builder()
            .allow("10.0.0.1")
            .trustProxies("10.0.0.0/8")
            .mode(Mode.ENFORCE)
            .build();

    assertThat(list.check("10.0.0.1").allowed()).isTrue();
  }

  @Test
  void check_emptyEntriesAndPorts_areTolerated() {
    Decision d =
        BEHIND_PROXIES.check("10.0.0.1", List.of(" , ," + SAFARICOM + ":5555 , ", ", 10.0.0.3,"));

    assertThat(d.allowed()).isTrue();
    assertThat(d.clientAddress()).isEqualTo(SAFARICOM);
  }

  @Test
  @DisplayName("R34: a malformed client entry is denied; garbage left of the client is not read")
  void check_malformedForwardedEntries_onlyTheClientPositionMatters() {
    Decision unknown = BEHIND_PROXIES.check("10.0.0.1", List.of("unknown"));
    assertThat(unknown.allowed()).isFalse();
    assertThat(unknown.reason()).isEqualTo(Reason.MALFORMED_ADDRESS);
    assertThat(unknown.detail()).doesNotContain("unknown").contains("entry 1 from the right");

    Decision behindGarbage =
        BEHIND_PROXIES.check("10.0.0.1", List.of("'; DROP TABLE--, 999.1.1.1, " + SAFARICOM));
    assertThat(behindGarbage.allowed()).isTrue();
    assertThat(behindGarbage.clientAddress()).isEqualTo(SAFARICOM);
  }

  @Test
  void check_tooManyTrustedHops_isMalformed() {
    String chain =
        String.join(",", Collections.nCopies(IpAllowList.MAX_FORWARDED_ENTRIES, "10.0.0.4"));

    Decision tooMany = BEHIND_PROXIES.check("10.0.0.1", List.of(SAFARICOM + "," + chain));
    assertThat(tooMany.allowed()).isFalse();
    assertThat(tooMany.reason()).isEqualTo(Reason.MALFORMED_ADDRESS);

    String justEnough =
        String.join(",", Collections.nCopies(IpAllowList.MAX_FORWARDED_ENTRIES - 1, "10.0.0.4"));
    assertThat(BEHIND_PROXIES.check("10.0.0.1", List.of(SAFARICOM + "," + justEnough)).allowed())
        .isTrue();
  }

  @Test
  @DisplayName("R34: huge hostile headers give a decision, never an exception")
  void check_hugeHostileHeaders_neverThrow() {
    List<String> hostile =
        List.of(
            ",".repeat(1_000_000),
            (SAFARICOM + ",").repeat(100_000),
            "x".repeat(1_000_000),
            "\u0000\uFFFF\uD800" + "1".repeat(10_000));

    for (String value : hostile) {
      Decision fromStranger = BEHIND_PROXIES.check(STRANGER, List.of(value));
      assertThat(fromStranger.clientAddress()).isEqualTo(STRANGER);
      Decision fromProxy = BEHIND_PROXIES.check("10.0.0.1", List.of(value, value));
      assertThat(fromProxy).isNotNull();
    }
    assertThat(BEHIND_PROXIES.check("10.0.0.1", Collections.nCopies(100_000, "10.0.0.2")).reason())
        .isEqualTo(Reason.MALFORMED_ADDRESS);
  }

  @Test
  void check_randomInput_neverThrows() {
    Random random = new Random(34);
    String pool = "0123456789abcdefABCDEF:.%[]/, x\u0000\u00e9";
    try (LogCapture quiet = new LogCapture()) {
      randomChecks(random, pool);
      assertThat(quiet.lines()).isNotEmpty(); // the log-only list warned, into the capture
    }
  }

  private static void randomChecks(Random random, String pool) {
    for (int i = 0; i < 20_000; i++) {
      String remote = random(random, pool, 50);
      List<String> header =
          random.nextBoolean() ? List.of(random(random, pool, 80)) : List.of("10.0.0.1", remote);
      for (IpAllowList list : List.of(ENFORCING, BEHIND_PROXIES, IpAllowList.safaricomDefaults())) {
        Decision d = list.check(random.nextInt(4) == 0 ? "10.0.0.1" : remote, header);
        assertThat(d.reason()).isNotNull();
      }
    }
  }

  private static String random(Random random, String pool, int maxLength) {
    int length = random.nextInt(maxLength);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(pool.charAt(random.nextInt(pool.length())));
    }
    return sb.toString();
  }

  // ------------------------------------------------------------- configuration

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "196.201.214.0/33",
        "2001:db8::/129",
        "196.201.214.0/",
        "196.201.214.0/-1",
        "196.201.214.0/2a",
        "/24",
        "::ffff:196.201.214.0/95",
        "callbacks.example.com"
      })
  void builder_badEntry_isRefused(String entry) {
    assertThatThrownBy(() -> IpAllowList.builder().allow(entry))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpAllowList.builder().trustProxies(entry))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_hostBitsSet_isRefusedWithTheLikelyMeaning() {
    assertThatThrownBy(() -> IpAllowList.builder().allow("196.201.214.7/24"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("196.201.214.0/24");
    assertThatThrownBy(() -> IpAllowList.builder().allow("2001:db8::1/64"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2001:db8::/64");
  }

  @Test
  void builder_nullEntry_isRefused() {
    // allow(...) documents IllegalArgumentException for an entry that is not an address.
    assertThatThrownBy(() -> IpAllowList.builder().allow(Arrays.asList(SAFARICOM, null)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("an allow-list entry is null");
    assertThatThrownBy(() -> IpAllowList.builder().trustProxies(Arrays.asList((String) null)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("an allow-list entry is null");
    assertThatThrownBy(() -> IpAllowList.builder().allow((List<String>) null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("entries is required");
    assertThatThrownBy(() -> IpAllowList.builder().mode(null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("mode is required");
  }

  @Test
  void builder_nullVarargsEntry_isRefusedAsDocumented() {
    assertThatThrownBy(() -> IpAllowList.builder().allow((String) null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("an allow-list entry is null");
    assertThatThrownBy(() -> IpAllowList.builder().trustProxies((String) null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("an allow-list entry is null");
  }

  @Test
  void builder_nothingAllowed_failsUnlessOff() {
    assertThatThrownBy(() -> IpAllowList.builder().mode(Mode.ENFORCE).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("allowSafaricomDefaults()");
    assertThatThrownBy(() -> IpAllowList.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(IpAllowList.builder().mode(Mode.OFF).build().mode()).isEqualTo(Mode.OFF);
  }

  @Test
  void builder_duplicatesAndCanonicalForms_areListedOnce() {
    IpAllowList list =
        IpAllowList.builder()
            .allow("196.201.214.200", "196.201.214.200/32", "::ffff:196.201.214.200")
            .allow(List.of("2001:DB8:0::/48"))
            .build();

    assertThat(list.allowed()).containsExactly("196.201.214.200/32", "2001:db8::/48");
  }
}
