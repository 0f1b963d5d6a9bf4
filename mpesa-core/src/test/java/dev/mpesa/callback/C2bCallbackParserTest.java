package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mpesa.callback.C2bTransaction.Stage;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.testing.Fixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class C2bCallbackParserTest {

  private static final String PHONE = "254708374149";
  private static final String HASH =
      "bbff37cea44ac0b2d964ee0dfb8d2df8513dc7ba1b36129a929fc3fbd6dd4af4";
  private static final String TRANS_ID = "RKL51ZDR4F";

  // ---------------------------------------------------------------- golden fixtures

  @Test
  @DisplayName("R28: the documented v2 confirmation gives every field exactly")
  void parseConfirmation_v2Fixture_readsEveryField() {
    C2bTransaction tx = C2bCallbackParser.parseConfirmation(fixture("c2b-v2-confirmation.json"));

    assertThat(tx.stage()).isEqualTo(Stage.CONFIRMATION);
    assertThat(tx.isValidation()).isFalse();
    assertThat(tx.transactionType()).isEqualTo("Pay Bill");
    assertThat(tx.transId()).isEqualTo(TRANS_ID);
    assertThat(tx.transTime()).isEqualTo("20231121121325");
    assertThat(tx.transactionTime()).contains(LocalDateTime.of(2023, 11, 21, 12, 13, 25));
    assertThat(tx.amount()).isEqualTo(new BigDecimal("5.00"));
    assertThat(tx.businessShortCode()).isEqualTo("600966");
    assertThat(tx.billRefNumber()).isEqualTo("Sample Transaction");
    assertThat(tx.invoiceNumber()).isEmpty();
    assertThat(tx.orgAccountBalance()).isEqualTo(new BigDecimal("25.00"));
    assertThat(tx.thirdPartyTransId()).isEmpty();
    assertThat(tx.msisdn()).isEqualTo("2547 ***** 126");
    assertThat(tx.msisdnKind()).isEqualTo(MsisdnKind.MASKED);
    assertThat(tx.firstName()).isEqualTo("NICHOLAS");
    assertThat(tx.middleName()).isEmpty();
    assertThat(tx.lastName()).isEmpty();
  }

  @Test
  @DisplayName("A.6: a confirmation is a completed payment keyed by its TransID")
  void parseConfirmation_v2Fixture_isCompletedKeyedByTransId() {
    C2bTransaction tx = C2bCallbackParser.parseConfirmation(fixture("c2b-v2-confirmation.json"));

    assertThat(tx.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(tx.idempotencyKey()).isEqualTo(TRANS_ID);
  }

  @Test
  @DisplayName("A validation request is not a payment yet: PENDING, with no balance")
  void parseValidation_v2Fixture_isPendingWithoutBalance() {
    C2bTransaction tx = C2bCallbackParser.parseValidation(fixture("c2b-v2-validation.json"));

    assertThat(tx.stage()).isEqualTo(Stage.VALIDATION);
    assertThat(tx.isValidation()).isTrue();
    assertThat(tx.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(tx.status().isFinal()).isFalse();
    assertThat(tx.transId()).isEqualTo(TRANS_ID);
    assertThat(tx.amount()).isEqualTo(new BigDecimal("5.00"));
    assertThat(tx.orgAccountBalance()).isNull();
  }

  @Test
  @DisplayName("A.6, R32: validation and confirmation of one payment never share a key")
  void idempotencyKey_validationAndConfirmationOfOnePayment_differ() {
    C2bTransaction validation =
        C2bCallbackParser.parseValidation(fixture("c2b-v2-validation.json"));
    C2bTransaction confirmation =
        C2bCallbackParser.parseConfirmation(fixture("c2b-v2-confirmation.json"));

    assertThat(validation.transId()).isEqualTo(confirmation.transId());
    assertThat(validation.idempotencyKey())
        .isEqualTo(TRANS_ID + C2bTransaction.VALIDATION_KEY_SUFFIX)
        .isNotEqualTo(confirmation.idempotencyKey());
  }

  @Test
  @DisplayName("A.6, R32: the same confirmation delivered twice has the same key")
  void idempotencyKey_sameConfirmationTwice_isEqual() {
    String body = fixture("c2b-v2-confirmation.json");

    assertThat(C2bCallbackParser.parseConfirmation(body).idempotencyKey())
        .isEqualTo(C2bCallbackParser.parseConfirmation(body).idempotencyKey());
    assertThat(C2bCallbackParser.parseConfirmation(body))
        .isEqualTo(C2bCallbackParser.parseConfirmation(body));
  }

  @Test
  void parseConfirmation_v1Fixture_keepsHashedMsisdn() {
    C2bTransaction tx = C2bCallbackParser.parseConfirmation(fixture("c2b-v1-confirmation.json"));

    assertThat(tx.msisdn()).isEqualTo(HASH);
    assertThat(tx.msisdnKind()).isEqualTo(MsisdnKind.HASHED);
    assertThat(tx.transactionType()).isEqualTo("Buy Goods");
    assertThat(tx.billRefNumber()).isEmpty();
    assertThat(tx.amount()).isEqualTo(new BigDecimal("1500.00"));
    assertThat(tx.orgAccountBalance()).isEqualTo(new BigDecimal("1525.00"));
    assertThat(tx.firstName()).isEmpty();
  }

  @Test
  void parseConfirmation_legacyFixture_keepsClearMsisdnAndThirdPartyId() {
    C2bTransaction tx =
        C2bCallbackParser.parseConfirmation(fixture("c2b-legacy-confirmation.json"));

    assertThat(tx.msisdn()).isEqualTo(PHONE);
    assertThat(tx.msisdnKind()).isEqualTo(MsisdnKind.CLEAR);
    assertThat(tx.transactionType()).isEmpty();
    assertThat(tx.thirdPartyTransId()).isEqualTo("INV-7");
    assertThat(tx.amount()).isEqualTo(new BigDecimal("10.00"));
    assertThat(tx.transactionTime()).contains(LocalDateTime.of(2019, 11, 22, 6, 38, 45));
  }

  // ---------------------------------------------------------------- values (R28)

  @ParameterizedTest(name = "TransAmount {0}")
  @DisplayName("R28: TransAmount \"5.00\", 5 and 5.00 give equal BigDecimals")
  @ValueSource(
      strings = {"\"5.00\"", "5", "5.00", "\"5\"", "5.0", "\"5.000\"", "5e0", "\" 5.00 \""})
  void parseConfirmation_amountShapes_areEqual(String json) {
    C2bTransaction tx = C2bCallbackParser.parseConfirmation(c2b("1", json, ""));

    assertThat(tx.amount()).isEqualTo(new BigDecimal("5.00"));
    assertThat(tx.amount().toPlainString()).isEqualTo("5.00");
  }

  @Test
  void parseConfirmation_amountWithThousandsSeparator_isRead() {
    C2bTransaction tx = C2bCallbackParser.parseConfirmation(c2b("1", "\"1,250.50\"", ""));

    assertThat(tx.amount()).isEqualTo(new BigDecimal("1250.50"));
  }

  @ParameterizedTest(name = "OrgAccountBalance {0}")
  @DisplayName("A.13: an empty, absent or odd OrgAccountBalance is null, not an exception")
  @ValueSource(
      strings = {
        ",\"OrgAccountBalance\":\"\"",
        ",\"OrgAccountBalance\":\" \"",
        ",\"OrgAccountBalance\":null",
        ",\"OrgAccountBalance\":\"n/a\"",
        ",\"OrgAccountBalance\":{}",
        ",\"OrgAccountBalance\":[25]",
        ",\"OrgAccountBalance\":1e999999999",
        ""
      })
  void parseConfirmation_orgAccountBalanceNotNumeric_isNull(String member) {
    C2bTransaction tx = C2bCallbackParser.parseConfirmation(c2b("1", "\"5.00\"", member));

    assertThat(tx.orgAccountBalance()).isNull();
  }

  @ParameterizedTest(name = "OrgAccountBalance {0}")
  @ValueSource(strings = {"25", "25.0", "\"25\"", "\"25.00\""})
  void parseConfirmation_orgAccountBalanceNumeric_isNormalised(String json) {
    C2bTransaction tx =
        C2bCallbackParser.parseConfirmation(c2b("1", "5", ",\"OrgAccountBalance\":" + json));

    assertThat(tx.orgAccountBalance()).isEqualTo(new BigDecimal("25.00"));
  }

  @Test
  @DisplayName("R28: a TransID and short code sent as numbers become exact strings")
  void parseConfirmation_numericIdentifiers_areExactStrings() {
    C2bTransaction tx =
        C2bCallbackParser.parseConfirmation(
            "{\"TransID\":12345678901234567890,\"TransAmount\":5,\"BusinessShortCode\":600966,"
                + "\"TransTime\":20231121121325,\"MSISDN\":"
                + PHONE
                + "}");

    assertThat(tx.transId()).isEqualTo("12345678901234567890");
    assertThat(tx.businessShortCode()).isEqualTo("600966");
    assertThat(tx.transTime()).isEqualTo("20231121121325");
    assertThat(tx.msisdn()).isEqualTo(PHONE);
  }

  @ParameterizedTest(name = "TransTime {0}")
  @ValueSource(
      strings = {
        "\"20231321121325\"",
        "\"20230229121325\"",
        "\"2023112112132\"",
        "\"2023-11-21 12:13:25\"",
        "\"\"",
        "null",
        "{}"
      })
  void transactionTime_invalidTransTime_isEmpty(String json) {
    C2bTransaction tx =
        C2bCallbackParser.parseConfirmation(c2b("1", "5", ",\"TransTime\":" + json));

    assertThat(tx.transactionTime()).isEmpty();
  }

  @Test
  void parseConfirmation_optionalFieldsMissing_areNull() {
    C2bTransaction tx =
        C2bCallbackParser.parseConfirmation("{\"TransID\":\"X1\",\"TransAmount\":1}");

    assertThat(tx.transId()).isEqualTo("X1");
    assertThat(tx.transactionType()).isNull();
    assertThat(tx.transTime()).isNull();
    assertThat(tx.transactionTime()).isEmpty();
    assertThat(tx.businessShortCode()).isNull();
    assertThat(tx.billRefNumber()).isNull();
    assertThat(tx.invoiceNumber()).isNull();
    assertThat(tx.orgAccountBalance()).isNull();
    assertThat(tx.thirdPartyTransId()).isNull();
    assertThat(tx.msisdn()).isNull();
    assertThat(tx.msisdnKind()).isEqualTo(MsisdnKind.UNKNOWN);
    assertThat(tx.firstName()).isNull();
    assertThat(tx.middleName()).isNull();
    assertThat(tx.lastName()).isNull();
  }

  @Test
  void parseConfirmation_fieldNamesInOtherCase_areAccepted() {
    C2bTransaction tx =
        C2bCallbackParser.parseConfirmation(
            "{\"transID\":\"X1\",\"transAmount\":\"7.50\",\"Msisdn\":\"2547 ***** 126\","
                + "\"billRefNumber\":\"ACC-1\",\"thirdPartyTransId\":\"T-1\"}");

    assertThat(tx.transId()).isEqualTo("X1");
    assertThat(tx.amount()).isEqualTo(new BigDecimal("7.50"));
    assertThat(tx.msisdn()).isEqualTo("2547 ***** 126");
    assertThat(tx.billRefNumber()).isEqualTo("ACC-1");
    assertThat(tx.thirdPartyTransId()).isEqualTo("T-1");
  }

  @Test
  void parseConfirmation_exactNameBeatsOtherCase() {
    C2bTransaction tx =
        C2bCallbackParser.parseConfirmation(
            "{\"transid\":\"WRONG\",\"TransID\":\"RIGHT\",\"TransAmount\":1}");

    assertThat(tx.transId()).isEqualTo("RIGHT");
  }

  @Test
  @DisplayName("R28: unknown fields are ignored")
  void parseConfirmation_unknownFields_areIgnored() {
    C2bTransaction tx =
        C2bCallbackParser.parseConfirmation(
            c2b("1", "5", ",\"NewField\":{\"Nested\":[1,2]},\"Channel\":\"USSD\""));

    assertThat(tx.transId()).isEqualTo("1");
    assertThat(tx.amount()).isEqualTo(new BigDecimal("5.00"));
  }

  @Test
  void parseConfirmation_textFieldAsContainer_isNull() {
    C2bTransaction tx =
        C2bCallbackParser.parseConfirmation(
            c2b("1", "5", ",\"BillRefNumber\":{\"a\":1},\"FirstName\":[\"N\"]"));

    assertThat(tx.billRefNumber()).isNull();
    assertThat(tx.firstName()).isNull();
  }

  // ---------------------------------------------------------------- raw body, bytes, toString

  @Test
  void parseConfirmation_rawJson_isTheBodyAsReceived() {
    String body = fixture("c2b-v2-confirmation.json");

    assertThat(C2bCallbackParser.parseConfirmation(body).rawJson()).isSameAs(body);
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void parse_bytes_sameAsString(Stage stage) {
    String body = fixture("c2b-v2-confirmation.json");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    C2bTransaction fromBytes =
        stage == Stage.VALIDATION
            ? C2bCallbackParser.parseValidation(bytes)
            : C2bCallbackParser.parseConfirmation(bytes);

    assertThat(fromBytes).isEqualTo(C2bCallbackParser.parse(body, stage));
    assertThat(fromBytes.stage()).isEqualTo(stage);
  }

  @Test
  void parseConfirmation_bytesWithUtf8Names_decodesThem() {
    String body = c2b("1", "5", ",\"FirstName\":\"WANJIRŨ\",\"LastName\":\"Ng’ang’a\"");

    C2bTransaction tx = C2bCallbackParser.parseConfirmation(body.getBytes(StandardCharsets.UTF_8));

    assertThat(tx.firstName()).isEqualTo("WANJIRŨ");
    assertThat(tx.lastName()).isEqualTo("Ng’ang’a");
  }

  @Test
  void parseConfirmation_byteOrderMark_isTolerated() {
    String body = "\uFEFF" + fixture("c2b-v2-confirmation.json");

    C2bTransaction tx = C2bCallbackParser.parseConfirmation(body);

    assertThat(tx.transId()).isEqualTo(TRANS_ID);
    assertThat(tx.rawJson()).isEqualTo(body);
  }

  @Test
  @DisplayName("toString masks a clear MSISDN and a BillRefNumber that is a phone number")
  void toString_clearMsisdn_masksNumberAccountAndNames() {
    C2bTransaction tx =
        C2bCallbackParser.parseConfirmation(fixture("c2b-legacy-confirmation.json"));

    String s = tx.toString();

    assertThat(s)
        .doesNotContain(PHONE)
        .doesNotContain("0708374149")
        .contains(PhoneNumber.mask(PHONE))
        .contains(PhoneNumber.mask("0708374149"))
        .doesNotContain("John")
        .doesNotContain("Doe")
        .contains("NLJ41HAY6Q")
        .contains("amount=10.00")
        .contains("msisdnKind=CLEAR")
        .contains("<" + tx.rawJson().length() + " chars>");
  }

  @Test
  void toString_hashedMsisdn_doesNotPrintTheHash() {
    C2bTransaction tx = C2bCallbackParser.parseConfirmation(fixture("c2b-v1-confirmation.json"));

    assertThat(tx.toString()).doesNotContain(HASH).contains("msisdnKind=HASHED");
  }

  @Test
  void toString_v2Fixture_leavesOutNamesAndBody() {
    C2bTransaction tx = C2bCallbackParser.parseConfirmation(fixture("c2b-v2-confirmation.json"));

    assertThat(tx.toString())
        .startsWith("C2bTransaction[stage=CONFIRMATION")
        .doesNotContain("NICHOLAS")
        .doesNotContain("\"TransID\"");
  }

  // ---------------------------------------------------------------- the record itself

  @Test
  void constructor_normalisesAmounts() {
    C2bTransaction tx = record("X1", new BigDecimal("5"), new BigDecimal("25.000"));

    assertThat(tx.amount()).isEqualTo(new BigDecimal("5.00"));
    assertThat(tx.orgAccountBalance()).isEqualTo(new BigDecimal("25.00"));
    assertThat(tx.toString()).contains("rawJson=null");
  }

  @Test
  void constructor_missingOrInvalidValues_throw() {
    assertThatThrownBy(() -> record(null, BigDecimal.ONE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transId");
    assertThatThrownBy(() -> record("X1", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amount");
    assertThatThrownBy(() -> record(" ", BigDecimal.ONE, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> record("X1", BigDecimal.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new C2bTransaction(
                    null,
                    null,
                    "X1",
                    null,
                    BigDecimal.ONE,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stage");
  }

  // ---------------------------------------------------------------- malformed bodies (R31)

  static Stream<Arguments> malformedBodies() {
    String fixture = fixture("c2b-v2-confirmation.json");
    String withPhone = ",\"MSISDN\":\"" + PHONE + "\"";
    return Stream.of(
        Arguments.of("null body", null),
        Arguments.of("empty body", ""),
        Arguments.of("blank body", " \r\n\t "),
        Arguments.of("not JSON", "TransID=X1&MSISDN=" + PHONE),
        Arguments.of("HTML page", "<html><body>502 Bad Gateway</body></html>"),
        Arguments.of("truncated fixture", fixture.substring(0, fixture.length() / 2)),
        Arguments.of("truncated after last brace", fixture.substring(0, fixture.lastIndexOf('}'))),
        Arguments.of("unterminated string", "{\"TransID\":\"RKL5"),
        Arguments.of("trailing garbage", fixture + " x"),
        Arguments.of("two documents", fixture + fixture),
        Arguments.of("top-level array", "[" + fixture + "]"),
        Arguments.of("top-level string", "\"" + PHONE + "\""),
        Arguments.of("top-level number", PHONE),
        Arguments.of("top-level null", "null"),
        Arguments.of("empty object", "{}"),
        Arguments.of("STK envelope", Fixtures.read("stk/callback-success.json")),
        Arguments.of("missing TransID", "{\"TransAmount\":\"5.00\"" + withPhone + "}"),
        Arguments.of("null TransID", c2bRaw("null", "\"5.00\"", withPhone)),
        Arguments.of("empty TransID", c2bRaw("\"\"", "\"5.00\"", withPhone)),
        Arguments.of("blank TransID", c2bRaw("\"  \"", "\"5.00\"", withPhone)),
        Arguments.of("object TransID", c2bRaw("{}", "\"5.00\"", withPhone)),
        Arguments.of("array TransID", c2bRaw("[\"X1\"]", "\"5.00\"", withPhone)),
        Arguments.of("boolean TransID", c2bRaw("true", "\"5.00\"", withPhone)),
        Arguments.of("missing TransAmount", "{\"TransID\":\"X1\"" + withPhone + "}"),
        Arguments.of("null TransAmount", c2b("X1", "null", withPhone)),
        Arguments.of("empty TransAmount", c2b("X1", "\"\"", withPhone)),
        Arguments.of("text TransAmount", c2b("X1", "\"five\"", withPhone)),
        Arguments.of("NaN TransAmount", c2b("X1", "\"NaN\"", withPhone)),
        Arguments.of("absurd TransAmount", c2b("X1", "1e999999999", withPhone)),
        Arguments.of("zero TransAmount", c2b("X1", "\"0.00\"", withPhone)),
        Arguments.of("negative TransAmount", c2b("X1", "-5", withPhone)),
        Arguments.of("object TransAmount", c2b("X1", "{\"value\":5}", withPhone)),
        Arguments.of("array TransAmount", c2b("X1", "[5]", withPhone)),
        Arguments.of("boolean TransAmount", c2b("X1", "true", withPhone)),
        Arguments.of("leading-zero number", c2b("X1", "5", ",\"MSISDN\":0708374149")),
        Arguments.of("single quotes", "{'TransID':'X1','TransAmount':5}"),
        Arguments.of("nested too deep", "[".repeat(5_000) + "]".repeat(5_000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  @DisplayName("R31: a malformed confirmation raises CallbackParseException and nothing else")
  void parseConfirmation_malformedBody_raisesCallbackParseException(
      String description, String body) {
    assertParseFailure(
        description, body, C2bCallbackParser::parseConfirmation, "C2B confirmation: ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  @DisplayName("R31: a malformed validation request raises CallbackParseException too")
  void parseValidation_malformedBody_raisesCallbackParseException(String description, String body) {
    assertParseFailure(description, body, C2bCallbackParser::parseValidation, "C2B validation: ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  @DisplayName("R31: a malformed body given as bytes raises CallbackParseException too")
  void parseConfirmation_malformedBytes_raisesCallbackParseException(
      String description, String body) {
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> C2bCallbackParser.parseConfirmation(bytes))
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class);
    assertThatThrownBy(() -> C2bCallbackParser.parseValidation(bytes))
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class);
  }

  @Test
  @DisplayName("R31: bytes that are not UTF-8 raise CallbackParseException")
  void parseConfirmation_invalidUtf8_raisesCallbackParseException() {
    byte[] body = {'{', '"', 'T', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    assertThatThrownBy(() -> C2bCallbackParser.parseConfirmation(body))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessage("C2B confirmation: the body is not valid UTF-8");
  }

  @Test
  @DisplayName("R31: invalid JSON keeps the parser's exception as the cause")
  void parseConfirmation_invalidJson_keepsCause() {
    assertThatThrownBy(() -> C2bCallbackParser.parseConfirmation("{\"TransID\":"))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageStartingWith("C2B confirmation: the body is not valid JSON (line 1, column ")
        .hasCauseInstanceOf(CallbackParseException.RedactedCause.class);
  }

  static Stream<Arguments> malformedBodiesWithMessages() {
    return Stream.of(
        Arguments.of("{\"TransAmount\":5}", "C2B confirmation: TransID is missing"),
        Arguments.of("{\"TransID\":\" \",\"TransAmount\":5}", "C2B confirmation: TransID is blank"),
        Arguments.of("{\"TransID\":\"X1\"}", "C2B confirmation: TransAmount is missing"),
        Arguments.of(
            "{\"TransID\":\"X1\",\"TransAmount\":\"" + PHONE + "x\"}",
            "C2B confirmation: TransAmount is not an amount"),
        Arguments.of(
            "{\"TransID\":\"X1\",\"TransAmount\":\"0\"}",
            "C2B confirmation: TransAmount must be greater than zero"),
        Arguments.of(
            "{\"TransID\":\"X1\",\"TransAmount\":[5]}",
            "C2B confirmation: TransAmount must be a string or a number"),
        Arguments.of("[]", "C2B confirmation: the body must be a JSON object, not array"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("malformedBodiesWithMessages")
  void parseConfirmation_malformedBody_messageSaysWhatIsWrong(String body, String expected) {
    assertThatThrownBy(() -> C2bCallbackParser.parseConfirmation(body))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessage(expected)
        .hasNoCause();
  }

  // ---------------------------------------------------------------- helpers

  private static void assertParseFailure(
      String description, String body, Function<String, C2bTransaction> parser, String prefix) {
    Throwable thrown = catchThrowable(() -> parser.apply(body));

    assertThat(thrown)
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageStartingWith(prefix);
    assertThat(thrown.getMessage()).doesNotContain(PHONE).hasSizeLessThan(200);
  }

  private static C2bTransaction record(String transId, BigDecimal amount, BigDecimal balance) {
    return new C2bTransaction(
        Stage.CONFIRMATION,
        null,
        transId,
        null,
        amount,
        null,
        null,
        null,
        balance,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** A C2B body with a text TransID, the given TransAmount JSON and further members. */
  private static String c2b(String transId, String amountJson, String moreMembers) {
    return c2bRaw("\"" + transId + "\"", amountJson, moreMembers);
  }

  private static String c2bRaw(String transIdJson, String amountJson, String moreMembers) {
    return "{\"TransID\":" + transIdJson + ",\"TransAmount\":" + amountJson + moreMembers + "}";
  }

  private static String fixture(String name) {
    return Fixtures.read("callbacks/" + name);
  }
}
