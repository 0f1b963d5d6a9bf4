package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import dev.mpesa.error.CallbackParseException;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ResultCode;
import dev.mpesa.result.StkResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
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

class CallbacksStkTest {

  private static final String PHONE = "254708374149";
  private static final String CHECKOUT_ID = "ws_CO_191220191020363925";

  // ---------------------------------------------------------------- golden fixtures

  @Test
  @DisplayName("R28: the documented success callback gives every field exactly")
  void parseStk_successFixture_readsEveryField() {
    StkCallback cb = Callbacks.parseStk(fixture("callback-success.json"));

    assertThat(cb.merchantRequestId()).isEqualTo("29115-34620561-1");
    assertThat(cb.checkoutRequestId()).isEqualTo(CHECKOUT_ID);
    assertThat(cb.idempotencyKey()).isEqualTo(CHECKOUT_ID);
    assertThat(cb.resultCode()).isEqualTo(ResultCode.SUCCESS);
    assertThat(cb.resultDesc()).isEqualTo("The service request is processed successfully.");
    assertThat(cb.isSuccess()).isTrue();
    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(cb.amount()).isEqualTo(new BigDecimal("1.00"));
    assertThat(cb.receiptNumber()).isEqualTo("NLJ7RT61SV");
    assertThat(cb.balance()).isNull();
    assertThat(cb.transactionDate()).isEqualTo("20191219102115");
    assertThat(cb.transactionTime()).contains(LocalDateTime.of(2019, 12, 19, 10, 21, 15));
    assertThat(cb.phoneNumber()).isEqualTo(PHONE);
  }

  @Test
  void parseStk_successFixture_metadataKeepsEveryItemInOrder() {
    StkCallback cb = Callbacks.parseStk(fixture("callback-success.json"));

    assertThat(cb.metadata())
        .containsExactly(
            entry("Amount", "1"),
            entry("MpesaReceiptNumber", "NLJ7RT61SV"),
            entry("Balance", null),
            entry("TransactionDate", "20191219102115"),
            entry("PhoneNumber", PHONE));
    assertThatThrownBy(() -> cb.metadata().put("Amount", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void parseStk_cancelledFixture_isCancelledWithoutAmount() {
    StkCallback cb = Callbacks.parseStk(fixture("callback-cancelled.json"));

    assertThat(cb.checkoutRequestId()).isEqualTo("ws_CO_21072024125243250722943992");
    assertThat(cb.merchantRequestId()).isEqualTo("f1e2-4b95-a71d-b30d3cdbb7a7942864");
    assertThat(cb.resultCode().value()).isEqualTo("1032");
    assertThat(cb.resultCode().stk()).isEqualTo(StkResult.CANCELLED);
    assertThat(cb.resultDesc()).isEqualTo("Request cancelled by user");
    assertThat(cb.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(cb.isSuccess()).isFalse();
    assertThat(cb.amount()).isNull();
    assertThat(cb.receiptNumber()).isNull();
    assertThat(cb.balance()).isNull();
    assertThat(cb.transactionDate()).isNull();
    assertThat(cb.transactionTime()).isEmpty();
    assertThat(cb.phoneNumber()).isNull();
    assertThat(cb.metadata()).isEmpty();
  }

  @Test
  void parseStk_insufficientFundsFixture_isFailed() {
    StkCallback cb = Callbacks.parseStk(fixture("callback-insufficient-funds.json"));

    assertThat(cb.resultCode().value()).isEqualTo("1");
    assertThat(cb.resultCode().stk()).isEqualTo(StkResult.INSUFFICIENT_FUNDS);
    assertThat(cb.status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(cb.isSuccess()).isFalse();
    assertThat(cb.amount()).isNull();
  }

  @Test
  @DisplayName("R26: the alphanumeric SFC_IC0003 code parses and is a failure")
  void parseStk_sfcIc0003Fixture_isFailed() {
    StkCallback cb = Callbacks.parseStk(fixture("callback-sfc-ic0003.json"));

    assertThat(cb.resultCode().value()).isEqualTo("SFC_IC0003");
    assertThat(cb.resultCode().stk()).isEqualTo(StkResult.OPERATOR_DOES_NOT_EXIST);
    assertThat(cb.status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(cb.isSuccess()).isFalse();
  }

  @Test
  @DisplayName("R26, R28: codes and values sent as strings read the same as numbers")
  void parseStk_stringCodesFixture_equalsNumericFixture() {
    StkCallback strings = Callbacks.parseStk(fixture("callback-string-codes.json"));
    StkCallback numbers = Callbacks.parseStk(fixture("callback-success.json"));

    assertThat(strings.resultCode()).isEqualTo(numbers.resultCode());
    assertThat(strings.isSuccess()).isTrue();
    assertThat(strings.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(strings.amount()).isEqualTo(numbers.amount());
    assertThat(strings.receiptNumber()).isEqualTo(numbers.receiptNumber());
    assertThat(strings.transactionDate()).isEqualTo(numbers.transactionDate());
    assertThat(strings.transactionTime()).isEqualTo(numbers.transactionTime());
    assertThat(strings.phoneNumber()).isEqualTo(numbers.phoneNumber());
  }

  @Test
  @DisplayName("R27: an Item list of one sent as a bare object parses")
  void parseStk_singleItemFixture_readsTheItem() {
    StkCallback cb = Callbacks.parseStk(fixture("callback-single-item.json"));

    assertThat(cb.amount()).isEqualTo(new BigDecimal("1.00"));
    assertThat(cb.metadata()).containsOnlyKeys("Amount");
    assertThat(cb.receiptNumber()).isNull();
    assertThat(cb.phoneNumber()).isNull();
  }

  // ---------------------------------------------------------------- result codes (R26)

  @ParameterizedTest(name = "ResultCode {0}")
  @DisplayName("R26: ResultCode as number or string normalises to one string code")
  @CsvSource(
      delimiter = '|',
      value = {
        "0              | 0          | COMPLETED",
        "'\"0\"'        | 0          | COMPLETED",
        "0.0            | 0          | COMPLETED",
        "1032           | 1032       | CANCELLED",
        "'\"1032\"'     | 1032       | CANCELLED",
        "'\"SFC_IC0003\"' | SFC_IC0003 | FAILED",
        "1              | 1          | FAILED",
        "'\"1037\"'     | 1037       | TIMED_OUT",
        "2001           | 2001       | FAILED"
      })
  void parseStk_resultCodeShapes_normalise(String json, String code, PaymentStatus status) {
    StkCallback cb =
        Callbacks.parseStk(stk("\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":" + json));

    assertThat(cb.resultCode().value()).isEqualTo(code);
    assertThat(cb.status()).isEqualTo(status);
    assertThat(cb.isSuccess()).isEqualTo("0".equals(code));
  }

  @ParameterizedTest(name = "ResultCode {0}")
  @DisplayName("R26: an unknown ResultCode is status UNKNOWN, not an exception")
  @ValueSource(strings = {"77777", "\"77777\"", "\"R000002\"", "-1", "1e999999999"})
  void parseStk_unknownResultCode_isUnknownStatus(String json) {
    StkCallback cb =
        Callbacks.parseStk(stk("\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":" + json));

    assertThat(cb.resultCode().stk()).isEqualTo(StkResult.UNKNOWN);
    assertThat(cb.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(cb.isSuccess()).isFalse();
  }

  @Test
  @DisplayName("R26: the unknown code 77777 is kept as a string")
  void parseStk_unknownResultCode_keepsCode() {
    StkCallback cb = Callbacks.parseStk(stk("\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":77777"));

    assertThat(cb.resultCode().value()).isEqualTo("77777");
  }

  // ---------------------------------------------------------------- metadata

  @Test
  @DisplayName("Items are found by Name, never by position")
  void parseStk_success_readsMetadataByName() {
    StkCallback cb =
        Callbacks.parseStk(
            success(
                """
                { "Name": "PhoneNumber", "Value": 254708374149 },
                { "Name": "Balance" },
                { "Name": "TransactionDate", "Value": 20191219102115 },
                { "Name": "MpesaReceiptNumber", "Value": "NLJ7RT61SV" },
                { "Name": "Amount", "Value": 10500.00 }
                """));

    assertThat(cb.amount()).isEqualTo(new BigDecimal("10500.00"));
    assertThat(cb.receiptNumber()).isEqualTo("NLJ7RT61SV");
    assertThat(cb.transactionDate()).isEqualTo("20191219102115");
    assertThat(cb.phoneNumber()).isEqualTo(PHONE);
    assertThat(cb.balance()).isNull();
    assertThat(cb.metadata().keySet())
        .containsExactly(
            "PhoneNumber", "Balance", "TransactionDate", "MpesaReceiptNumber", "Amount");
  }

  @Test
  @DisplayName("A.13: Balance without a Value is null but still listed in the metadata")
  void parseStk_balanceWithoutValue_isNullAndListed() {
    StkCallback cb = Callbacks.parseStk(success("{ \"Name\": \"Balance\" }"));

    assertThat(cb.balance()).isNull();
    assertThat(cb.metadata()).containsEntry("Balance", null);
  }

  @Test
  void parseStk_balanceAsMapString_isNullWithTextInMetadata() {
    String text = "{Amount={CurrencyCode=KES, MinimumAmount=12345, BasicAmount=123.45}}";
    StkCallback cb =
        Callbacks.parseStk(success("{ \"Name\": \"Balance\", \"Value\": \"" + text + "\" }"));

    assertThat(cb.balance()).isNull();
    assertThat(cb.metadata()).containsEntry("Balance", text);
  }

  @Test
  void parseStk_balanceAsNumber_isDecimal() {
    StkCallback cb = Callbacks.parseStk(success("{ \"Name\": \"Balance\", \"Value\": 123.45 }"));

    assertThat(cb.balance()).isEqualTo(new BigDecimal("123.45"));
  }

  @Test
  void parseStk_itemValueObject_keptAsJsonText() {
    StkCallback cb =
        Callbacks.parseStk(success("{ \"Name\": \"Balance\", \"Value\": { \"BasicAmount\": 5 } }"));

    assertThat(cb.balance()).isNull();
    assertThat(cb.metadata()).containsEntry("Balance", "{\"BasicAmount\":5}");
  }

  @ParameterizedTest(name = "Amount {0}")
  @DisplayName("R28: Amount 1, 1.00 and \"1.00\" give equal BigDecimals")
  @ValueSource(
      strings = {"1", "1.00", "\"1.00\"", "\"1\"", "1.0", "\"1.000\"", "1e0", "\" 1.00 \""})
  void parseStk_amountShapes_areEqual(String json) {
    StkCallback cb =
        Callbacks.parseStk(success("{ \"Name\": \"Amount\", \"Value\": " + json + " }"));

    assertThat(cb.amount()).isEqualByComparingTo("1");
    assertThat(cb.amount()).isEqualTo(new BigDecimal("1.00"));
    assertThat(cb.amount().toPlainString()).isEqualTo("1.00");
  }

  @ParameterizedTest(name = "Amount {0}")
  @DisplayName("R28: amounts that are not numbers give a null amount, not an exception")
  @ValueSource(strings = {"\"\"", "\"one\"", "true", "[1]", "{}", "null", "\"NaN\"", "1e999999999"})
  void parseStk_amountNotNumeric_isNull(String json) {
    StkCallback cb =
        Callbacks.parseStk(success("{ \"Name\": \"Amount\", \"Value\": " + json + " }"));

    assertThat(cb.amount()).isNull();
    assertThat(cb.metadata()).containsKey("Amount");
  }

  @Test
  @DisplayName("R31: a huge exponent is not expanded to a billion digits")
  void parseStk_hugeExponent_staysSmall() {
    StkCallback cb =
        Callbacks.parseStk(success("{ \"Name\": \"TransactionDate\", \"Value\": 1e999999999 }"));

    assertThat(cb.transactionDate()).isEqualTo("1E+999999999");
    assertThat(cb.transactionTime()).isEmpty();
  }

  @ParameterizedTest(name = "TransactionDate {0}, PhoneNumber {1}")
  @DisplayName("R28: TransactionDate and PhoneNumber numbers become exact strings")
  @CsvSource(
      delimiter = '|',
      value = {
        "20191219102115        | 254708374149",
        "'\"20191219102115\"'  | '\"254708374149\"'",
        "2.0191219102115E13    | 2.54708374149E11",
        "20191219102115.0      | 254708374149.00"
      })
  void parseStk_dateAndPhone_areExactStrings(String date, String phone) {
    StkCallback cb =
        Callbacks.parseStk(
            success(
                "{ \"Name\": \"TransactionDate\", \"Value\": "
                    + date
                    + " }, { \"Name\": \"PhoneNumber\", \"Value\": "
                    + phone
                    + " }"));

    assertThat(cb.transactionDate()).isEqualTo("20191219102115");
    assertThat(cb.phoneNumber()).isEqualTo(PHONE);
    assertThat(cb.transactionTime()).contains(LocalDateTime.of(2019, 12, 19, 10, 21, 15));
  }

  @Test
  void parseStk_maskedPhoneNumber_keptAsSent() {
    StkCallback cb =
        Callbacks.parseStk(success("{ \"Name\": \"PhoneNumber\", \"Value\": \"2547 ***** 149\" }"));

    assertThat(cb.phoneNumber()).isEqualTo("2547 ***** 149");
  }

  @ParameterizedTest(name = "TransactionDate {0}")
  @ValueSource(
      strings = {
        "20191399102115",
        "20190229102115",
        "20191219246000",
        "2019121910211",
        "201912191021150",
        "\"2019-12-19 10:21:15\"",
        "\"\"",
        "-20191219102115"
      })
  void transactionTime_invalidDate_isEmpty(String json) {
    StkCallback cb =
        Callbacks.parseStk(success("{ \"Name\": \"TransactionDate\", \"Value\": " + json + " }"));

    assertThat(cb.transactionTime()).isEmpty();
  }

  @Test
  void transactionTime_leapDay_parses() {
    StkCallback cb =
        Callbacks.parseStk(success("{ \"Name\": \"TransactionDate\", \"Value\": 20240229235959 }"));

    assertThat(cb.transactionTime()).contains(LocalDateTime.of(2024, 2, 29, 23, 59, 59));
  }

  @ParameterizedTest(name = "members after ResultCode: [{0}]")
  @DisplayName("R27: CallbackMetadata absent, empty, or odd-shaped gives empty metadata")
  @ValueSource(
      strings = {
        "",
        ",\"CallbackMetadata\":null",
        ",\"CallbackMetadata\":{}",
        ",\"CallbackMetadata\":{\"Item\":[]}",
        ",\"CallbackMetadata\":{\"Item\":null}",
        ",\"CallbackMetadata\":{\"Item\":\"Amount\"}",
        ",\"CallbackMetadata\":\"none\"",
        ",\"CallbackMetadata\":{\"Item\":[1, \"x\", null, [], {}, {\"Value\":1}, {\"Name\":5}]}"
      })
  void parseStk_successWithoutUsableMetadata_parsesWithNullAmount(String metadata) {
    StkCallback cb =
        Callbacks.parseStk(stk("\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":0" + metadata));

    assertThat(cb.isSuccess()).isTrue();
    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(cb.amount()).isNull();
    assertThat(cb.receiptNumber()).isNull();
    assertThat(cb.phoneNumber()).isNull();
    assertThat(cb.metadata()).isEmpty();
  }

  @Test
  @DisplayName("R27: CallbackMetadata sent directly as the item array parses")
  void parseStk_metadataAsBareArray_readsItems() {
    StkCallback cb =
        Callbacks.parseStk(
            stk(
                "\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":0,"
                    + "\"CallbackMetadata\":[{\"Name\":\"Amount\",\"Value\":5}]"));

    assertThat(cb.amount()).isEqualTo(new BigDecimal("5.00"));
  }

  @Test
  void parseStk_repeatedName_firstItemWithValueWins() {
    StkCallback cb =
        Callbacks.parseStk(
            success(
                """
                { "Name": "Amount" },
                { "Name": "Amount", "Value": 5 },
                { "Name": "Amount", "Value": 7 }
                """));

    assertThat(cb.amount()).isEqualTo(new BigDecimal("5.00"));
    assertThat(cb.metadata()).containsExactly(entry("Amount", "5"));
  }

  @Test
  @DisplayName("R28: unknown fields anywhere are ignored")
  void parseStk_unknownFields_areIgnored() {
    String body =
        """
        {
          "Extra": [1, 2, {"x": null}],
          "Body": {
            "Other": true,
            "stkCallback": {
              "MerchantRequestID": "m-1",
              "CheckoutRequestID": "ws_1",
              "ResultCode": 0,
              "ResultDesc": "ok",
              "NewField": {"Nested": [1.5]},
              "CallbackMetadata": {
                "Version": 2,
                "Item": [
                  { "Name": "Amount", "Value": 1.00, "Type": "Decimal" },
                  { "Name": "Channel", "Value": "USSD" }
                ]
              }
            }
          }
        }
        """;

    StkCallback cb = Callbacks.parseStk(body);

    assertThat(cb.checkoutRequestId()).isEqualTo("ws_1");
    assertThat(cb.amount()).isEqualTo(new BigDecimal("1.00"));
    assertThat(cb.metadata()).containsEntry("Channel", "USSD");
  }

  @Test
  void parseStk_fieldNamesInOtherCase_areAccepted() {
    String body =
        """
        {"body":{"StkCallback":{"checkoutRequestID":"ws_1","resultCode":"0",
          "callbackMetadata":{"item":[{"name":"Amount","value":"2.50"}]}}}}
        """;

    StkCallback cb = Callbacks.parseStk(body);

    assertThat(cb.checkoutRequestId()).isEqualTo("ws_1");
    assertThat(cb.isSuccess()).isTrue();
    assertThat(cb.amount()).isEqualTo(new BigDecimal("2.50"));
  }

  @Test
  void parseStk_optionalFieldsMissing_areNull() {
    StkCallback cb = Callbacks.parseStk(stk("\"CheckoutRequestID\":12345,\"ResultCode\":1032"));

    assertThat(cb.checkoutRequestId()).isEqualTo("12345");
    assertThat(cb.merchantRequestId()).isNull();
    assertThat(cb.resultDesc()).isNull();
    assertThat(cb.status()).isEqualTo(PaymentStatus.CANCELLED);
  }

  // ---------------------------------------------------------------- raw body, bytes, toString

  @Test
  void parseStk_rawJson_isTheBodyAsReceived() {
    String body = fixture("callback-success.json");

    assertThat(Callbacks.parseStk(body).rawJson()).isSameAs(body);
  }

  @Test
  void parseStk_bytes_sameAsString() {
    String body = fixture("callback-success.json");

    StkCallback fromBytes = Callbacks.parseStk(body.getBytes(StandardCharsets.UTF_8));

    assertThat(fromBytes).isEqualTo(Callbacks.parseStk(body));
    assertThat(fromBytes.rawJson()).isEqualTo(body);
  }

  @Test
  void parseStk_bytesWithUtf8Text_decodesIt() {
    String body =
        stk("\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":1,\"ResultDesc\":\"Salio – ✓\"");

    StkCallback cb = Callbacks.parseStk(body.getBytes(StandardCharsets.UTF_8));

    assertThat(cb.resultDesc()).isEqualTo("Salio – ✓");
  }

  @Test
  void parseStk_byteOrderMark_isTolerated() {
    String body = "\uFEFF" + fixture("callback-cancelled.json");

    StkCallback cb = Callbacks.parseStk(body);

    assertThat(cb.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(cb.rawJson()).isEqualTo(body);
  }

  @Test
  void toString_masksPhoneNumberAndOmitsRawJson() {
    StkCallback cb = Callbacks.parseStk(fixture("callback-success.json"));

    String s = cb.toString();

    assertThat(s)
        .doesNotContain(PHONE)
        .contains(PhoneNumber.mask(PHONE))
        .contains(CHECKOUT_ID)
        .contains("NLJ7RT61SV")
        .doesNotContain("stkCallback")
        .contains("<" + cb.rawJson().length() + " chars>");
  }

  // ---------------------------------------------------------------- the record itself

  @Test
  void constructor_normalisesAmountsAndCopiesMetadata() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("Amount", "1");
    metadata.put("Balance", null);

    StkCallback cb =
        new StkCallback(
            null,
            "ws_1",
            ResultCode.of(0),
            null,
            new BigDecimal("1"),
            null,
            new BigDecimal("10500.000"),
            null,
            null,
            metadata,
            null);
    metadata.put("Amount", "2");

    assertThat(cb.amount()).isEqualTo(new BigDecimal("1.00"));
    assertThat(cb.balance()).isEqualTo(new BigDecimal("10500.00"));
    assertThat(cb.metadata()).containsExactly(entry("Amount", "1"), entry("Balance", null));
    assertThat(cb.toString()).contains("rawJson=null");
  }

  @Test
  void constructor_nullMetadata_isEmpty() {
    StkCallback cb =
        new StkCallback(
            null, "ws_1", ResultCode.of("1032"), null, null, null, null, null, null, null, null);

    assertThat(cb.metadata()).isEmpty();
  }

  @Test
  void constructor_missingIdentifiers_throw() {
    assertThatThrownBy(
            () ->
                new StkCallback(
                    null, null, ResultCode.SUCCESS, null, null, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checkoutRequestId");
    assertThatThrownBy(
            () ->
                new StkCallback(null, "ws_1", null, null, null, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resultCode");
  }

  // ---------------------------------------------------------------- malformed bodies (R31)

  static Stream<Arguments> malformedBodies() {
    String success = fixture("callback-success.json");
    String okCallback = "\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":0";
    String phoneItem =
        ",\"CallbackMetadata\":{\"Item\":[{\"Name\":\"PhoneNumber\",\"Value\":" + PHONE + "}]}";
    return Stream.of(
        Arguments.of("null body", null),
        Arguments.of("empty body", ""),
        Arguments.of("blank body", " \r\n\t "),
        Arguments.of("not JSON", "PhoneNumber=" + PHONE + "&Amount=1"),
        Arguments.of("HTML page", "<html><body>502 Bad Gateway</body></html>"),
        Arguments.of("truncated fixture", success.substring(0, success.length() / 2)),
        Arguments.of("truncated after last brace", success.substring(0, success.lastIndexOf('}'))),
        Arguments.of(
            "unterminated string", "{\"Body\":{\"stkCallback\":{\"CheckoutRequestID\":\"ws"),
        Arguments.of("trailing garbage", success + " x"),
        Arguments.of("two documents", success + success),
        Arguments.of("top-level array", "[" + success + "]"),
        Arguments.of("top-level string", "\"" + PHONE + "\""),
        Arguments.of("top-level number", PHONE),
        Arguments.of("top-level boolean", "true"),
        Arguments.of("top-level null", "null"),
        Arguments.of("empty object", "{}"),
        Arguments.of("missing Body", "{\"stkCallback\":{" + okCallback + "}}"),
        Arguments.of("null Body", "{\"Body\":null}"),
        Arguments.of("Body is an array", "{\"Body\":[{\"stkCallback\":{" + okCallback + "}}]}"),
        Arguments.of("Body is a string", "{\"Body\":\"stkCallback\"}"),
        Arguments.of("missing stkCallback", "{\"Body\":{\"StkQuery\":{" + okCallback + "}}}"),
        Arguments.of("stkCallback is a string", "{\"Body\":{\"stkCallback\":\"" + PHONE + "\"}}"),
        Arguments.of("stkCallback is an array", "{\"Body\":{\"stkCallback\":[]}}"),
        Arguments.of("missing CheckoutRequestID", stk("\"ResultCode\":0" + phoneItem)),
        Arguments.of("null CheckoutRequestID", stk("\"CheckoutRequestID\":null,\"ResultCode\":0")),
        Arguments.of("empty CheckoutRequestID", stk("\"CheckoutRequestID\":\"\",\"ResultCode\":0")),
        Arguments.of(
            "blank CheckoutRequestID", stk("\"CheckoutRequestID\":\"  \",\"ResultCode\":0")),
        Arguments.of("object CheckoutRequestID", stk("\"CheckoutRequestID\":{},\"ResultCode\":0")),
        Arguments.of(
            "boolean CheckoutRequestID", stk("\"CheckoutRequestID\":true,\"ResultCode\":0")),
        Arguments.of("missing ResultCode", stk("\"CheckoutRequestID\":\"ws_1\"" + phoneItem)),
        Arguments.of("null ResultCode", stk("\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":null")),
        Arguments.of("empty ResultCode", stk("\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":\"\"")),
        Arguments.of(
            "object ResultCode", stk("\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":{\"a\":0}")),
        Arguments.of("array ResultCode", stk("\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":[0]")),
        Arguments.of(
            "boolean ResultCode", stk("\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":false")),
        Arguments.of("leading-zero number", stk(okCallback + ",\"X\":0712345678")),
        Arguments.of("single quotes", "{'Body':{'stkCallback':{}}}"),
        Arguments.of("nested too deep", "[".repeat(5_000) + "]".repeat(5_000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  @DisplayName("R31: a malformed body raises CallbackParseException and nothing else")
  void parseStk_malformedBody_raisesCallbackParseException(String description, String body) {
    Throwable thrown = catchThrowable(() -> Callbacks.parseStk(body));

    assertThat(thrown)
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageStartingWith("STK callback: ");
    assertThat(thrown.getMessage()).doesNotContain(PHONE).hasSizeLessThan(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  @DisplayName("R31: a malformed body given as bytes raises CallbackParseException too")
  void parseStk_malformedBytes_raisesCallbackParseException(String description, String body) {
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Callbacks.parseStk(bytes))
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class);
  }

  @Test
  @DisplayName("R31: bytes that are not UTF-8 raise CallbackParseException")
  void parseStk_invalidUtf8_raisesCallbackParseException() {
    byte[] body = {'{', '"', 'B', 'o', 'd', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    assertThatThrownBy(() -> Callbacks.parseStk(body))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  @DisplayName("R31: the message names the missing correlation id, not the body")
  void parseStk_missingCheckoutRequestId_messageNamesField() {
    String body =
        success("{ \"Name\": \"PhoneNumber\", \"Value\": " + PHONE + " }")
            .replace("\"CheckoutRequestID\":\"" + CHECKOUT_ID + "\",", "");

    assertThatThrownBy(() -> Callbacks.parseStk(body))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessage("STK callback: Body.stkCallback.CheckoutRequestID is missing")
        .hasNoCause();
  }

  @Test
  @DisplayName("R31: invalid JSON keeps the parser's exception as the cause and gives a position")
  void parseStk_invalidJson_keepsCauseAndPosition() {
    assertThatThrownBy(() -> Callbacks.parseStk("{\"Body\":"))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageStartingWith("STK callback: the body is not valid JSON (line 1, column ")
        .hasCauseInstanceOf(CallbackParseException.RedactedCause.class);
  }

  static Stream<Arguments> malformedBodiesWithMessages() {
    return Stream.of(
        Arguments.of("{\"Body\":{}}", "STK callback: Body.stkCallback is missing"),
        Arguments.of(
            stk("\"CheckoutRequestID\":\"ws_1\""),
            "STK callback: Body.stkCallback.ResultCode is missing"),
        Arguments.of(
            stk("\"CheckoutRequestID\":\" \",\"ResultCode\":0"),
            "STK callback: Body.stkCallback.CheckoutRequestID is blank"),
        Arguments.of("[]", "STK callback: the body must be a JSON object, not array"),
        Arguments.of("", "STK callback: the body is empty"),
        Arguments.of(
            stk("\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":true"),
            "STK callback: Body.stkCallback.ResultCode must be a string or a number, not boolean"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("malformedBodiesWithMessages")
  void parseStk_malformedBody_messageSaysWhatIsWrong(String body, String expected) {
    assertThatThrownBy(() -> Callbacks.parseStk(body))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessage(expected);
  }

  // ---------------------------------------------------------------- helpers

  /** A callback whose {@code stkCallback} object has the given members. */
  private static String stk(String members) {
    return "{\"Body\":{\"stkCallback\":{" + members + "}}}";
  }

  /** A success callback whose {@code CallbackMetadata.Item} array has the given elements. */
  private static String success(String items) {
    return stk(
        "\"MerchantRequestID\":\"29115-34620561-1\",\"CheckoutRequestID\":\""
            + CHECKOUT_ID
            + "\",\"ResultCode\":0,\"ResultDesc\":\"ok\",\"CallbackMetadata\":{\"Item\":["
            + items
            + "]}");
  }

  private static String fixture(String name) {
    String path = "/fixtures/stk/" + name;
    try (InputStream in = CallbacksStkTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
