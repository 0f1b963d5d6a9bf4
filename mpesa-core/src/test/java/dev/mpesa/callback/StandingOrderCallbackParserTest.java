package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import dev.mpesa.error.CallbackParseException;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ResultCode;
import dev.mpesa.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StandingOrderCallbackParserTest {

  private static final String REF = "0acc0239-20fa-4a52-8b9d-9bd64c0465c3";
  private static final String PHONE = "254708374149";

  @Test
  @DisplayName("R28: the documented success callback (lowercase keys) gives every field")
  void parse_successFixture_readsEveryField() {
    StandingOrderCallback cb =
        StandingOrderCallbackParser.parse(fixture("ratiba-callback-success.json"));

    assertThat(cb.requestRefId()).isEqualTo(REF);
    assertThat(cb.responseRefId()).isEqualTo(REF);
    assertThat(cb.idempotencyKey()).isEqualTo(REF);
    assertThat(cb.resultCode()).isEqualTo(ResultCode.SUCCESS);
    assertThat(cb.resultDesc()).isEqualTo("The service request is processed successfully");
    assertThat(cb.transactionId()).isEqualTo("SC8F2IQMH5");
    assertThat(cb.statusText()).isEqualTo("OKAY");
    assertThat(cb.msisdn()).isEqualTo("254******867");
    assertThat(cb.data())
        .containsExactly(
            entry("TransactionID", "SC8F2IQMH5"),
            entry("responseCode", "0"),
            entry("Status", "OKAY"),
            entry("Msisdn", "254******867"));
    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(cb.isSuccess()).isTrue();
  }

  @Test
  @DisplayName("R27: the failure callback (PascalCase keys, Name/Value pairs) parses the same way")
  void parse_failureFixture_isTimedOutWithPlaceholderId() {
    StandingOrderCallback cb =
        StandingOrderCallbackParser.parse(fixture("ratiba-callback-failure.json"));

    assertThat(cb.requestRefId()).isEqualTo("5f6a7b8c-1d2e-4f3a-9b0c-7d6e5f4a3b21");
    assertThat(cb.resultCode().value()).isEqualTo("1037");
    assertThat(cb.resultDesc()).isEqualTo("DS timeout user cannot be reached");
    assertThat(cb.transactionId()).isEqualTo("0000000000");
    assertThat(cb.statusText()).isEqualTo("ERROR");
    assertThat(cb.msisdn()).isEqualTo("254******867");
    assertThat(cb.status()).isEqualTo(PaymentStatus.TIMED_OUT);
    assertThat(cb.isSuccess()).isFalse();
  }

  @ParameterizedTest(name = "responseCode {0}, Status {1}")
  @DisplayName("R26: Ratiba codes map to a status; unknown codes and contradictions are UNKNOWN")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "'\"0\"'    | OKAY    | COMPLETED",
        "0          | okay    | COMPLETED",
        "'\"0\"'    | -       | COMPLETED",
        "'\"0\"'    | ERROR   | UNKNOWN",
        "'\"1032\"' | ERROR   | CANCELLED",
        "'\"1031\"' | ERROR   | CANCELLED",
        "'\"1037\"' | ERROR   | TIMED_OUT",
        "'\"2001\"' | ERROR   | FAILED",
        "'\"1001\"' | ERROR   | FAILED",
        "'\"1050\"' | ERROR   | FAILED",
        "1051       | ERROR   | FAILED",
        "'\"3001\"' | ERROR   | UNKNOWN",
        "'\"200\"'  | OKAY    | UNKNOWN"
      })
  void status_codeAndStatusText_mapToPaymentStatus(
      String code, String statusText, PaymentStatus expected) {
    String pairs =
        statusText == null ? "" : "{\"name\":\"Status\",\"value\":\"" + statusText + "\"}";
    StandingOrderCallback cb =
        StandingOrderCallbackParser.parse(
            "{\"responseHeader\":{\"requestRefID\":\"r-1\",\"responseCode\":"
                + code
                + "},\"responseBody\":{\"responseData\":["
                + pairs
                + "]}}");

    assertThat(cb.status()).isEqualTo(expected);
  }

  @Test
  @DisplayName("A header code that contradicts the responseCode pair is UNKNOWN")
  void status_headerAndPairCodesDiffer_isUnknown() {
    StandingOrderCallback cb =
        StandingOrderCallbackParser.parse(
            ratiba(
                "\"requestRefID\":\"r-1\",\"responseCode\":\"0\"",
                "{\"name\":\"responseCode\",\"value\":\"1037\"},"
                    + "{\"name\":\"Status\",\"value\":\"OKAY\"}"));

    assertThat(cb.resultCode().value()).isEqualTo("0");
    assertThat(cb.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(cb.isSuccess()).isFalse();
  }

  @Test
  void status_pairCodeAsNumberEqualToHeader_isConsistent() {
    StandingOrderCallback cb =
        StandingOrderCallbackParser.parse(
            ratiba(
                "\"requestRefID\":\"r-1\",\"responseCode\":\"0\"",
                "{\"name\":\"responseCode\",\"value\":0}"));

    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
  }

  @Test
  @DisplayName("Without a header responseCode, the responseCode pair gives the code")
  void parse_codeOnlyInPairs_usesPair() {
    StandingOrderCallback cb =
        StandingOrderCallbackParser.parse(
            ratiba(
                "\"requestRefID\":\"r-1\"",
                "{\"Name\":\"responseCode\",\"Value\":\"1032\"},"
                    + "{\"Name\":\"Status\",\"Value\":\"ERROR\"}"));

    assertThat(cb.resultCode().value()).isEqualTo("1032");
    assertThat(cb.status()).isEqualTo(PaymentStatus.CANCELLED);
  }

  @Test
  void parse_onlyResponseRefId_isTheKey() {
    StandingOrderCallback cb =
        StandingOrderCallbackParser.parse(
            ratiba("\"responseRefID\":\"resp-1\",\"responseCode\":\"0\"", ""));

    assertThat(cb.requestRefId()).isNull();
    assertThat(cb.idempotencyKey()).isEqualTo("resp-1");
  }

  @Test
  void parse_requestRefIdPreferredAsKey() {
    StandingOrderCallback cb =
        StandingOrderCallbackParser.parse(
            ratiba(
                "\"responseRefID\":\"resp-1\",\"requestRefID\":\"req-1\",\"responseCode\":0", ""));

    assertThat(cb.idempotencyKey()).isEqualTo("req-1");
  }

  @ParameterizedTest(name = "responseBody {0}")
  @DisplayName("R27: responseData as array, single object, empty, absent or odd all parse")
  @ValueSource(
      strings = {
        "",
        ",\"responseBody\":null",
        ",\"responseBody\":{}",
        ",\"responseBody\":\"none\"",
        ",\"responseBody\":{\"responseData\":[]}",
        ",\"responseBody\":{\"responseData\":null}",
        ",\"responseBody\":{\"responseData\":[1,\"x\",null,[],{},{\"value\":1},{\"name\":5}]}"
      })
  void parse_responseDataUnusable_givesEmptyData(String body) {
    StandingOrderCallback cb =
        StandingOrderCallbackParser.parse(
            "{\"responseHeader\":{\"requestRefID\":\"r-1\",\"responseCode\":\"0\"}" + body + "}");

    assertThat(cb.data()).isEmpty();
    assertThat(cb.transactionId()).isNull();
    assertThat(cb.msisdn()).isNull();
    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
  }

  @Test
  @DisplayName("R27: a single pair sent as a bare object parses")
  void parse_singlePairObject_readsIt() {
    StandingOrderCallback cb =
        StandingOrderCallbackParser.parse(
            "{\"responseHeader\":{\"requestRefID\":\"r-1\",\"responseCode\":\"0\"},"
                + "\"responseBody\":{\"responseData\":{\"name\":\"TransactionID\","
                + "\"value\":\"SC8F2IQMH5\"}}}");

    assertThat(cb.transactionId()).isEqualTo("SC8F2IQMH5");
  }

  @Test
  void parse_pairNamesInOtherCase_areFound() {
    StandingOrderCallback cb =
        StandingOrderCallbackParser.parse(
            ratiba(
                "\"requestRefID\":\"r-1\",\"responseCode\":\"0\"",
                "{\"name\":\"transactionId\",\"value\":\"SC8F2IQMH5\"},"
                    + "{\"name\":\"STATUS\",\"value\":\"OKAY\"},"
                    + "{\"name\":\"MSISDN\",\"value\":\"254******867\"},"
                    + "{\"name\":\"Extra\"}"));

    assertThat(cb.transactionId()).isEqualTo("SC8F2IQMH5");
    assertThat(cb.statusText()).isEqualTo("OKAY");
    assertThat(cb.msisdn()).isEqualTo("254******867");
    assertThat(cb.data()).containsEntry("Extra", null);
  }

  @Test
  void parse_bytes_sameAsString() {
    String body = fixture("ratiba-callback-success.json");

    assertThat(StandingOrderCallbackParser.parse(body.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(StandingOrderCallbackParser.parse(body));
  }

  @Test
  void toString_clearMsisdn_masksItAndListsDataByName() {
    StandingOrderCallback cb =
        StandingOrderCallbackParser.parse(
            ratiba(
                "\"requestRefID\":\"r-1\",\"responseCode\":\"0\"",
                "{\"name\":\"Msisdn\",\"value\":\"" + PHONE + "\"}"));

    assertThat(cb.toString())
        .doesNotContain(PHONE)
        .contains(PhoneNumber.mask(PHONE))
        .contains("data=[Msisdn]")
        .contains("<" + cb.rawJson().length() + " chars>");
  }

  @Test
  void constructor_copiesDataAndValidates() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("Status", null);
    StandingOrderCallback cb =
        new StandingOrderCallback(
            "r-1", null, ResultCode.SUCCESS, null, null, null, null, data, null);
    data.put("Status", "ERROR");

    assertThat(cb.data()).containsExactly(entry("Status", null));
    assertThatThrownBy(() -> cb.data().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(
            new StandingOrderCallback(
                    "r-1", null, ResultCode.SUCCESS, null, null, null, null, null, null)
                .data())
        .isEmpty();
    assertThatThrownBy(
            () ->
                new StandingOrderCallback(
                    " ", null, ResultCode.SUCCESS, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new StandingOrderCallback("r-1", null, null, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resultCode");
  }

  // ---------------------------------------------------------------- malformed bodies (R31)

  static Stream<Arguments> malformedBodies() {
    String success = fixture("ratiba-callback-success.json");
    String header = "\"requestRefID\":\"r-1\",\"responseCode\":\"0\"";
    String phonePair = "{\"name\":\"Msisdn\",\"value\":\"" + PHONE + "\"}";
    return Stream.of(
        Arguments.of("null body", null),
        Arguments.of("empty body", ""),
        Arguments.of("not JSON", "responseCode=0"),
        Arguments.of("truncated fixture", success.substring(0, success.length() / 2)),
        Arguments.of("two documents", success + success),
        Arguments.of("top-level array", "[" + success + "]"),
        Arguments.of("empty object", "{}"),
        Arguments.of("missing header", "{\"responseBody\":{\"responseData\":[" + phonePair + "]}}"),
        Arguments.of("null header", "{\"responseHeader\":null}"),
        Arguments.of("header is an array", "{\"responseHeader\":[{" + header + "}]}"),
        Arguments.of("header is a string", "{\"responseHeader\":\"0\"}"),
        Arguments.of("no reference ids", ratiba("\"responseCode\":\"0\"", phonePair)),
        Arguments.of(
            "blank reference ids",
            ratiba("\"requestRefID\":\" \",\"responseRefID\":\"\",\"responseCode\":\"0\"", "")),
        Arguments.of(
            "object reference id", ratiba("\"requestRefID\":{},\"responseCode\":\"0\"", "")),
        Arguments.of("no code anywhere", ratiba("\"requestRefID\":\"r-1\"", phonePair)),
        Arguments.of(
            "blank pair code",
            ratiba("\"requestRefID\":\"r-1\"", "{\"name\":\"responseCode\",\"value\":\" \"}")),
        Arguments.of(
            "over-long pair code",
            ratiba(
                "\"requestRefID\":\"r-1\"",
                "{\"name\":\"responseCode\",\"value\":\"" + "1".repeat(40) + "\"}")),
        Arguments.of(
            "empty header code", ratiba("\"requestRefID\":\"r-1\",\"responseCode\":\"\"", "")),
        Arguments.of(
            "object header code", ratiba("\"requestRefID\":\"r-1\",\"responseCode\":{}", "")),
        Arguments.of(
            "boolean header code", ratiba("\"requestRefID\":\"r-1\",\"responseCode\":true", "")),
        Arguments.of("sync acknowledgement shape", "{\"ResponseBody\":{\"responseCode\":\"200\"}}"),
        Arguments.of("nested too deep", "[".repeat(5_000) + "]".repeat(5_000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  @DisplayName("R31: a malformed body raises CallbackParseException and nothing else")
  void parse_malformedBody_raisesCallbackParseException(String description, String body) {
    Throwable thrown = catchThrowable(() -> StandingOrderCallbackParser.parse(body));

    assertThat(thrown)
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageStartingWith("Ratiba callback: ");
    assertThat(thrown.getMessage()).doesNotContain(PHONE).hasSizeLessThan(200);

    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> StandingOrderCallbackParser.parse(bytes))
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class);
  }

  static Stream<Arguments> malformedBodiesWithMessages() {
    return Stream.of(
        Arguments.of("{}", "Ratiba callback: responseHeader is missing"),
        Arguments.of(
            ratiba("\"responseCode\":\"0\"", ""),
            "Ratiba callback: responseHeader.requestRefID and responseHeader.responseRefID are"
                + " missing"),
        Arguments.of(
            ratiba("\"requestRefID\":\"r-1\"", ""),
            "Ratiba callback: responseHeader.responseCode is missing"),
        Arguments.of(
            ratiba("\"requestRefID\":\"r-1\",\"responseCode\":\" \"", ""),
            "Ratiba callback: responseHeader.responseCode is blank"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("malformedBodiesWithMessages")
  void parse_malformedBody_messageSaysWhatIsWrong(String body, String expected) {
    assertThatThrownBy(() -> StandingOrderCallbackParser.parse(body))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessage(expected);
  }

  // ---------------------------------------------------------------- helpers

  /** A callback with the given header members and responseData pairs. */
  private static String ratiba(String headerMembers, String pairs) {
    return "{\"responseHeader\":{"
        + headerMembers
        + "},\"responseBody\":{\"responseData\":["
        + pairs
        + "]}}";
  }

  private static String fixture(String name) {
    return Fixtures.read("callbacks/" + name);
  }
}
