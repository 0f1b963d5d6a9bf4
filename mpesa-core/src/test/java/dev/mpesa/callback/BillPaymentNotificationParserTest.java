package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mpesa.error.CallbackParseException;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.testing.Fixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BillPaymentNotificationParserTest {

  private static final String PHONE = "254708374149";

  @Test
  @DisplayName("R28: the documented payment push gives every field exactly")
  void parse_fixture_readsEveryField() {
    BillPaymentNotification n =
        BillPaymentNotificationParser.parse(fixture("billmanager-payment-notification.json"));

    assertThat(n.transactionId()).isEqualTo("RJB53MTR1N");
    assertThat(n.paidAmount()).isEqualTo(new BigDecimal("50.00"));
    assertThat(n.msisdn()).isEqualTo("2547220000");
    assertThat(n.msisdnKind()).isEqualTo(MsisdnKind.UNKNOWN);
    assertThat(n.dateCreated()).isEqualTo("2021-09-15");
    assertThat(n.paymentDate()).contains(LocalDate.of(2021, 9, 15));
    assertThat(n.accountReference()).isEqualTo("IG1010789");
    assertThat(n.shortCode()).isEqualTo("349350555");
  }

  @Test
  @DisplayName("A.6: a payment push is a completed payment keyed by its transactionId")
  void parse_fixture_isCompletedKeyedByTransactionId() {
    String body = fixture("billmanager-payment-notification.json");

    BillPaymentNotification first = BillPaymentNotificationParser.parse(body);
    BillPaymentNotification retry = BillPaymentNotificationParser.parse(body);

    assertThat(first.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(first.idempotencyKey()).isEqualTo("RJB53MTR1N").isEqualTo(retry.idempotencyKey());
  }

  @ParameterizedTest(name = "paidAmount {0}")
  @ValueSource(strings = {"\"50\"", "50", "50.00", "\"50.0\"", "\" 50 \""})
  void parse_amountShapes_areEqual(String json) {
    BillPaymentNotification n =
        BillPaymentNotificationParser.parse(
            "{\"transactionId\":\"RJB53MTR1N\",\"paidAmount\":" + json + "}");

    assertThat(n.paidAmount()).isEqualTo(new BigDecimal("50.00"));
  }

  @ParameterizedTest(name = "dateCreated {0}")
  @ValueSource(strings = {"2021-09-15", "2021-09-15 00:00:00.00", "2021-09-15T10:00:00"})
  void paymentDate_dateWithOrWithoutTime_isTheDate(String date) {
    BillPaymentNotification n =
        BillPaymentNotificationParser.parse(
            "{\"transactionId\":\"X1\",\"paidAmount\":1,\"dateCreated\":\"" + date + "\"}");

    assertThat(n.paymentDate()).contains(LocalDate.of(2021, 9, 15));
  }

  @ParameterizedTest(name = "dateCreated {0}")
  @ValueSource(strings = {"2021-02-30", "15/09/2021", "20210915", "2021-09-15x", "", "2021-9-15"})
  void paymentDate_invalidDate_isEmpty(String date) {
    BillPaymentNotification n =
        BillPaymentNotificationParser.parse(
            "{\"transactionId\":\"X1\",\"paidAmount\":1,\"dateCreated\":\"" + date + "\"}");

    assertThat(n.paymentDate()).isEmpty();
  }

  @Test
  void parse_optionalFieldsMissing_areNull() {
    BillPaymentNotification n =
        BillPaymentNotificationParser.parse("{\"transactionId\":\"X1\",\"paidAmount\":1}");

    assertThat(n.msisdn()).isNull();
    assertThat(n.msisdnKind()).isEqualTo(MsisdnKind.UNKNOWN);
    assertThat(n.dateCreated()).isNull();
    assertThat(n.paymentDate()).isEmpty();
    assertThat(n.accountReference()).isNull();
    assertThat(n.shortCode()).isNull();
  }

  @Test
  void parse_fieldNamesInOtherCase_areAccepted() {
    BillPaymentNotification n =
        BillPaymentNotificationParser.parse(
            "{\"TransactionID\":\"X1\",\"PaidAmount\":\"5\",\"MSISDN\":\""
                + PHONE
                + "\",\"AccountReference\":\"A1\",\"ShortCode\":349350555}");

    assertThat(n.transactionId()).isEqualTo("X1");
    assertThat(n.paidAmount()).isEqualTo(new BigDecimal("5.00"));
    assertThat(n.msisdn()).isEqualTo(PHONE);
    assertThat(n.msisdnKind()).isEqualTo(MsisdnKind.CLEAR);
    assertThat(n.accountReference()).isEqualTo("A1");
    assertThat(n.shortCode()).isEqualTo("349350555");
  }

  @Test
  void parse_bytes_sameAsString() {
    String body = fixture("billmanager-payment-notification.json");

    assertThat(BillPaymentNotificationParser.parse(body.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(BillPaymentNotificationParser.parse(body));
  }

  @Test
  void toString_clearMsisdn_isMasked() {
    BillPaymentNotification n =
        BillPaymentNotificationParser.parse(
            "{\"transactionId\":\"X1\",\"paidAmount\":1,\"msisdn\":\"" + PHONE + "\"}");

    assertThat(n.toString())
        .doesNotContain(PHONE)
        .contains(PhoneNumber.mask(PHONE))
        .contains("paidAmount=1.00")
        .contains("<" + n.rawJson().length() + " chars>");
  }

  @Test
  void constructor_invalidValues_throw() {
    assertThatThrownBy(
            () -> new BillPaymentNotification(null, BigDecimal.ONE, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transactionId");
    assertThatThrownBy(() -> new BillPaymentNotification("X1", null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("paidAmount");
    assertThatThrownBy(
            () -> new BillPaymentNotification("", BigDecimal.ONE, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new BillPaymentNotification(
                    "X1", new BigDecimal("-1"), null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- malformed bodies (R31)

  static Stream<Arguments> malformedBodies() {
    String fixture = fixture("billmanager-payment-notification.json");
    String phone = ",\"msisdn\":\"" + PHONE + "\"";
    return Stream.of(
        Arguments.of("null body", null),
        Arguments.of("empty body", ""),
        Arguments.of("not JSON", "transactionId=RJB53MTR1N&msisdn=" + PHONE),
        Arguments.of("truncated fixture", fixture.substring(0, fixture.length() / 2)),
        Arguments.of("two documents", fixture + fixture),
        Arguments.of("top-level array", "[" + fixture + "]"),
        Arguments.of("top-level number", PHONE),
        Arguments.of("empty object", "{}"),
        Arguments.of("missing transactionId", "{\"paidAmount\":\"50\"" + phone + "}"),
        Arguments.of("blank transactionId", "{\"transactionId\":\"\",\"paidAmount\":\"50\"}"),
        Arguments.of("array transactionId", "{\"transactionId\":[\"X\"],\"paidAmount\":\"50\"}"),
        Arguments.of("missing paidAmount", "{\"transactionId\":\"X1\"" + phone + "}"),
        Arguments.of("empty paidAmount", "{\"transactionId\":\"X1\",\"paidAmount\":\"\"}"),
        Arguments.of("text paidAmount", "{\"transactionId\":\"X1\",\"paidAmount\":\"fifty\"}"),
        Arguments.of("zero paidAmount", "{\"transactionId\":\"X1\",\"paidAmount\":0}"),
        Arguments.of("negative paidAmount", "{\"transactionId\":\"X1\",\"paidAmount\":\"-50\"}"),
        Arguments.of("object paidAmount", "{\"transactionId\":\"X1\",\"paidAmount\":{}}"),
        Arguments.of("C2B body", fixture("c2b-v2-confirmation.json")),
        Arguments.of("nested too deep", "[".repeat(5_000) + "]".repeat(5_000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  @DisplayName("R31: a malformed body raises CallbackParseException and nothing else")
  void parse_malformedBody_raisesCallbackParseException(String description, String body) {
    Throwable thrown = catchThrowable(() -> BillPaymentNotificationParser.parse(body));

    assertThat(thrown)
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageStartingWith("Bill Manager payment notification: ");
    assertThat(thrown.getMessage()).doesNotContain(PHONE).hasSizeLessThan(200);

    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> BillPaymentNotificationParser.parse(bytes))
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class);
  }

  @Test
  void parse_missingPaidAmount_messageNamesField() {
    assertThatThrownBy(() -> BillPaymentNotificationParser.parse("{\"transactionId\":\"X1\"}"))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessage("Bill Manager payment notification: paidAmount is missing");
  }

  private static String fixture(String name) {
    return Fixtures.read("callbacks/" + name);
  }
}
