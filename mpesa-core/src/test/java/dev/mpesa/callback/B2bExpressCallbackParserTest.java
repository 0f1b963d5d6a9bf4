package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mpesa.error.CallbackParseException;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ResultCode;
import dev.mpesa.testing.Fixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class B2bExpressCallbackParserTest {

  private static final String REQUEST_ID = "404e1aec-19e0-4ce3-973d-bd92e94c8021";

  @Test
  @DisplayName("R28: the documented success callback gives every field exactly")
  void parse_successFixture_readsEveryField() {
    B2bExpressCallback cb = B2bExpressCallbackParser.parse(fixture("b2b-express-success.json"));

    assertThat(cb.requestId()).isEqualTo(REQUEST_ID);
    assertThat(cb.idempotencyKey()).isEqualTo(REQUEST_ID);
    assertThat(cb.resultCode()).isEqualTo(ResultCode.SUCCESS);
    assertThat(cb.resultDesc()).isEqualTo("The service request is processed successfully.");
    assertThat(cb.resultType()).isEqualTo("0");
    assertThat(cb.amount()).isEqualTo(new BigDecimal("71.00"));
    assertThat(cb.transactionId()).isEqualTo("RDQ01NFT1Q");
    assertThat(cb.conversationId()).isEqualTo("AG_20230426_2010434680d9f5a73766");
    assertThat(cb.paymentReference()).isNull();
    assertThat(cb.statusText()).isEqualTo("SUCCESS");
    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(cb.isSuccess()).isTrue();
  }

  @Test
  @DisplayName("4001: the till operator cancelled; no receipt")
  void parse_cancelledFixture_isCancelled() {
    B2bExpressCallback cb = B2bExpressCallbackParser.parse(fixture("b2b-express-cancelled.json"));

    assertThat(cb.requestId()).isEqualTo("c2a9ba32-9e11-4b90-892c-7bc54944609a");
    assertThat(cb.resultCode()).isEqualTo(B2bExpressCallback.USER_CANCELLED);
    assertThat(cb.resultDesc()).isEqualTo("User cancelled transaction");
    assertThat(cb.amount()).isEqualTo(new BigDecimal("71.00"));
    assertThat(cb.paymentReference()).isEqualTo("MAndbubry3hi");
    assertThat(cb.transactionId()).isNull();
    assertThat(cb.conversationId()).isNull();
    assertThat(cb.statusText()).isNull();
    assertThat(cb.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(cb.isSuccess()).isFalse();
  }

  @ParameterizedTest(name = "resultCode {0}, status {1}")
  @DisplayName("R26: codes as strings or numbers; only 0 and 4001 are known, the rest UNKNOWN")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "'\"0\"'   | '\"SUCCESS\"' | COMPLETED",
        "0         | '\"SUCCESS\"' | COMPLETED",
        "'\"0\"'   | '\"success\"' | COMPLETED",
        "'\"0\"'   | -             | COMPLETED",
        "'\"0\"'   | '\"FAILED\"'  | UNKNOWN",
        "'\"0\"'   | '\"\"'        | UNKNOWN",
        "4001      | -             | CANCELLED",
        "'\"4001\"'| -             | CANCELLED",
        "'\"1\"'   | -             | UNKNOWN",
        "'\"2001\"'| '\"FAILED\"'  | UNKNOWN",
        "'\"SFC_IC0003\"' | -      | UNKNOWN"
      })
  void status_resultCodeAndStatusText_mapToPaymentStatus(
      String code, String statusJson, PaymentStatus expected) {
    String status = statusJson == null ? "" : ",\"status\":" + statusJson;
    B2bExpressCallback cb =
        B2bExpressCallbackParser.parse(
            "{\"requestId\":\"r-1\",\"resultCode\":" + code + status + "}");

    assertThat(cb.status()).isEqualTo(expected);
    assertThat(cb.isSuccess()).isEqualTo(expected == PaymentStatus.COMPLETED);
  }

  @ParameterizedTest(name = "amount {0}")
  @ValueSource(strings = {"\"71.0\"", "71", "71.00", "\"71\""})
  void parse_amountShapes_areEqual(String json) {
    B2bExpressCallback cb =
        B2bExpressCallbackParser.parse(
            "{\"requestId\":\"r-1\",\"resultCode\":\"0\",\"amount\":" + json + "}");

    assertThat(cb.amount()).isEqualTo(new BigDecimal("71.00"));
  }

  @ParameterizedTest(name = "amount {0}")
  @ValueSource(strings = {"\"\"", "\"seventy\"", "{}", "null", "1e999999999"})
  void parse_amountNotNumeric_isNull(String json) {
    B2bExpressCallback cb =
        B2bExpressCallbackParser.parse(
            "{\"requestId\":\"r-1\",\"resultCode\":\"4001\",\"amount\":" + json + "}");

    assertThat(cb.amount()).isNull();
  }

  @Test
  void parse_fieldNamesInOtherCase_areAccepted() {
    B2bExpressCallback cb =
        B2bExpressCallbackParser.parse(
            "{\"RequestId\":\"r-1\",\"ResultCode\":0,\"ConversationId\":\"AG_1\","
                + "\"TransactionID\":\"RDQ01NFT1Q\",\"Status\":\"SUCCESS\",\"extra\":[1]}");

    assertThat(cb.requestId()).isEqualTo("r-1");
    assertThat(cb.conversationId()).isEqualTo("AG_1");
    assertThat(cb.transactionId()).isEqualTo("RDQ01NFT1Q");
    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
  }

  @Test
  void parse_bytes_sameAsString() {
    String body = fixture("b2b-express-success.json");

    B2bExpressCallback fromBytes =
        B2bExpressCallbackParser.parse(body.getBytes(StandardCharsets.UTF_8));

    assertThat(fromBytes).isEqualTo(B2bExpressCallbackParser.parse(body));
    assertThat(fromBytes.rawJson()).isEqualTo(body);
  }

  @Test
  void toString_successFixture_omitsRawJson() {
    B2bExpressCallback cb = B2bExpressCallbackParser.parse(fixture("b2b-express-success.json"));

    assertThat(cb.toString())
        .contains(REQUEST_ID)
        .contains("amount=71.00")
        .doesNotContain("\"resultCode\"")
        .contains("<" + cb.rawJson().length() + " chars>");
  }

  @Test
  void constructor_invalidIdentifiers_throw() {
    assertThatThrownBy(
            () ->
                new B2bExpressCallback(
                    null, ResultCode.SUCCESS, null, null, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestId");
    assertThatThrownBy(
            () ->
                new B2bExpressCallback("r-1", null, null, null, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resultCode");
    assertThatThrownBy(
            () ->
                new B2bExpressCallback(
                    " ", ResultCode.SUCCESS, null, null, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- malformed bodies (R31)

  static Stream<Arguments> malformedBodies() {
    String success = fixture("b2b-express-success.json");
    return Stream.of(
        Arguments.of("null body", null),
        Arguments.of("empty body", ""),
        Arguments.of("blank body", "  \n"),
        Arguments.of("not JSON", "resultCode=0&requestId=r-1"),
        Arguments.of("truncated fixture", success.substring(0, success.length() / 2)),
        Arguments.of("trailing garbage", success + "}"),
        Arguments.of("two documents", success + success),
        Arguments.of("top-level array", "[" + success + "]"),
        Arguments.of("top-level string", "\"0\""),
        Arguments.of("empty object", "{}"),
        Arguments.of(
            "missing requestId", "{\"resultCode\":\"0\",\"transactionId\":\"RDQ01NFT1Q\"}"),
        Arguments.of("null requestId", "{\"requestId\":null,\"resultCode\":\"0\"}"),
        Arguments.of("blank requestId", "{\"requestId\":\" \",\"resultCode\":\"0\"}"),
        Arguments.of("object requestId", "{\"requestId\":{},\"resultCode\":\"0\"}"),
        Arguments.of("missing resultCode", "{\"requestId\":\"r-1\",\"status\":\"SUCCESS\"}"),
        Arguments.of("null resultCode", "{\"requestId\":\"r-1\",\"resultCode\":null}"),
        Arguments.of("empty resultCode", "{\"requestId\":\"r-1\",\"resultCode\":\"\"}"),
        Arguments.of("array resultCode", "{\"requestId\":\"r-1\",\"resultCode\":[0]}"),
        Arguments.of("boolean resultCode", "{\"requestId\":\"r-1\",\"resultCode\":true}"),
        Arguments.of(
            "over-long resultCode",
            "{\"requestId\":\"r-1\",\"resultCode\":\"" + "9".repeat(40) + "\"}"),
        Arguments.of("STK envelope", Fixtures.read("stk/callback-success.json")),
        Arguments.of("nested too deep", "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  @DisplayName("R31: a malformed body raises CallbackParseException and nothing else")
  void parse_malformedBody_raisesCallbackParseException(String description, String body) {
    Throwable thrown = catchThrowable(() -> B2bExpressCallbackParser.parse(body));

    assertThat(thrown)
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageStartingWith("B2B Express Checkout callback: ");
    assertThat(thrown.getMessage()).hasSizeLessThan(200);

    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> B2bExpressCallbackParser.parse(bytes))
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class);
  }

  @Test
  void parse_missingRequestId_messageNamesField() {
    assertThatThrownBy(() -> B2bExpressCallbackParser.parse("{\"resultCode\":\"0\"}"))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessage("B2B Express Checkout callback: requestId is missing");
  }

  @Test
  void parse_overLongResultCode_messageNamesFieldAndKeepsCause() {
    String body = "{\"requestId\":\"r-1\",\"resultCode\":\"" + "9".repeat(40) + "\"}";

    assertThatThrownBy(() -> B2bExpressCallbackParser.parse(body))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessage("B2B Express Checkout callback: resultCode is not a code")
        .cause()
        .isInstanceOf(CallbackParseException.RedactedCause.class)
        .hasMessageContaining("IllegalArgumentException")
        .hasMessageNotContaining("9999");
  }

  private static String fixture(String name) {
    return Fixtures.read("callbacks/" + name);
  }
}
