package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import dev.mpesa.error.CallbackParseException;
import dev.mpesa.result.PaymentStatus;
import dev.mpesa.result.ResultCode;
import dev.mpesa.testing.Fixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code {"Result":{...}}} envelope of API.md §3.2 and the queue-timeout notice of §3.3. */
class CallbacksResultTest {

  private static final String PHONE = "254705912645";
  private static final String ORIGINATOR = "53e3-4aa8-9fe0-8fb5e4092cdd3533373";
  private static final String CONVERSATION = "AG_20240706_2010364430d9bbdaf872";
  private static final String IDS =
      "\"OriginatorConversationID\":\"o-1\",\"ConversationID\":\"AG_1\"";

  // ---------------------------------------------------------------- golden fixtures

  @Test
  @DisplayName("R28: the documented B2C success result gives every envelope field exactly")
  void parseResult_b2cSuccessFixture_readsEnvelope() {
    ResultCallback cb = Callbacks.parseResult(fixture("b2c-success.json"));

    assertThat(cb.resultType()).isEqualTo("0");
    assertThat(cb.resultCode()).isEqualTo(ResultCode.SUCCESS);
    assertThat(cb.resultDesc()).isEqualTo("The service request is processed successfully.");
    assertThat(cb.originatorConversationId()).isEqualTo(ORIGINATOR);
    assertThat(cb.conversationId()).isEqualTo(CONVERSATION);
    assertThat(cb.transactionId()).isEqualTo("SG632NMUAB");
    assertThat(cb.isSuccess()).isTrue();
    assertThat(cb.isTimeout()).isFalse();
    assertThat(cb.isInterim()).isFalse();
    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(cb.idempotencyKey()).isEqualTo(ORIGINATOR + "/" + CONVERSATION);
    assertThat(cb.referenceData())
        .containsExactly(
            entry(
                "QueueTimeoutURL",
                "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit"));
  }

  @Test
  @DisplayName("R27, R28: parameters are kept by Key in the order sent, numbers as plain text")
  void parseResult_b2cSuccessFixture_parametersByKeyInOrder() {
    ResultCallback cb = Callbacks.parseResult(fixture("b2c-success.json"));

    assertThat(cb.parameters())
        .containsExactly(
            entry("TransactionAmount", "10"),
            entry("TransactionReceipt", "SG632NMUAB"),
            entry("ReceiverPartyPublicName", PHONE + " - NICHOLAS JOHN SONGOK"),
            entry("TransactionCompletedDateTime", "06.07.2024 22:48:52"),
            // The JSON reader drops a number's trailing zeros; the views restore two decimals.
            entry("B2CUtilityAccountAvailableFunds", "8959269.6"),
            entry("B2CWorkingAccountAvailableFunds", "1199371"),
            entry("B2CRecipientIsRegisteredCustomer", "Y"),
            entry("B2CChargesPaidAccountAvailableFunds", "-1980"));
    assertThat(cb.parameter("TransactionReceipt")).isEqualTo("SG632NMUAB");
    assertThat(cb.parameter("transactionreceipt")).isEqualTo("SG632NMUAB");
    assertThat(cb.parameter("Missing")).isNull();
    assertThat(cb.parameterValues("TransactionAmount")).containsExactly("10");
    assertThatThrownBy(() -> cb.parameters().put("TransactionAmount", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> cb.parameterValues().put("X", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> cb.referenceData().put("X", "Y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("R27: a failure without ResultParameters parses with no parameters")
  void parseResult_b2cFailureFixture_hasNoParametersAndFails() {
    ResultCallback cb = Callbacks.parseResult(fixture("b2c-failure-initiator-invalid.json"));

    assertThat(cb.resultCode().value()).isEqualTo("2001");
    assertThat(cb.resultDesc()).isEqualTo("The initiator information is invalid.");
    assertThat(cb.parameters()).isEmpty();
    assertThat(cb.parameterValues()).isEmpty();
    assertThat(cb.isSuccess()).isFalse();
    assertThat(cb.status()).isEqualTo(PaymentStatus.FAILED);
  }

  @Test
  @DisplayName("R27: a ResultParameter list of one sent as a bare object parses")
  void parseResult_singleObjectParameterFixture_readsTheParameter() {
    ResultCallback cb = Callbacks.parseResult(fixture("b2b-paybill-failure-single-parameter.json"));

    assertThat(cb.parameters()).containsExactly(entry("BOCompletedTime", "20200120164825"));
    assertThat(cb.transactionId()).isEqualTo("OAK0000000");
    assertThat(cb.status()).isEqualTo(PaymentStatus.FAILED);
  }

  @Test
  @DisplayName("R27: a ReferenceItem array parses like a single ReferenceItem")
  void parseResult_referenceItemArrayFixture_readsEveryItem() {
    ResultCallback cb = Callbacks.parseResult(fixture("b2b-paybill-success.json"));

    assertThat(cb.referenceData())
        .containsExactly(
            entry("BillReferenceNumber", "19008"),
            entry("QueueTimeoutURL", "http://172.31.234.68:8888/Listener.php"));
    assertThat(cb.reference("billreferencenumber")).isEqualTo("19008");
    assertThat(cb.resultType()).isEqualTo("0");
    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
  }

  @Test
  @DisplayName("R27: the Occassion reference item of top-up results has no Value")
  void parseResult_topUpOccassionFixture_itemWithoutValueIsNull() {
    ResultCallback cb = Callbacks.parseResult(fixture("b2b-topup-success-occassion.json"));

    assertThat(cb.referenceData()).containsEntry("Occassion", null);
    assertThat(cb.referenceData()).containsKeys("BillReferenceNumber", "QueueTimeoutURL");
    assertThat(cb.occasion()).isNull();
  }

  @Test
  @DisplayName("R27: the Occasion reference item of status results (one s) has no Value")
  void parseResult_statusOccasionFixture_itemWithoutValueIsNull() {
    ResultCallback cb = Callbacks.parseResult(fixture("status-success.json"));

    assertThat(cb.referenceData()).containsExactly(entry("Occasion", null));
    assertThat(cb.occasion()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Occassion", "Occasion", "occasion"})
  void occasion_eitherSpellingWithValue_isRead(String key) {
    ResultCallback cb =
        Callbacks.parseResult(
            result(
                IDS
                    + ",\"ResultCode\":0,\"ReferenceData\":{\"ReferenceItem\":{\"Key\":\""
                    + key
                    + "\",\"Value\":\"ChristmasPay\"}}"));

    assertThat(cb.occasion()).isEqualTo("ChristmasPay");
  }

  @Test
  @DisplayName("A.15: a repeated key keeps every value; the first with a value wins in parameters")
  void parseResult_statusFixture_repeatedDebitPartyNameKeepsBoth() {
    ResultCallback cb = Callbacks.parseResult(fixture("status-success.json"));

    assertThat(cb.parameterValues("DebitPartyName"))
        .containsExactly("600310 - Safaricom333", "254708374149 - John Doe");
    assertThat(cb.parameters()).containsEntry("DebitPartyName", "600310 - Safaricom333");
    assertThat(cb.parameters()).containsEntry("TransactionReason", null);
    assertThat(cb.parameterValues("TransactionReason")).containsExactly((String) null);
    assertThat(cb.parameters()).hasSize(12);
    assertThat(cb.transactionId()).isEqualTo("MBN0000000");
  }

  @Test
  @DisplayName("R26: the alphanumeric R000002 code parses and is a failure")
  void parseResult_reversalR000002Fixture_isFailed() {
    ResultCallback cb = Callbacks.parseResult(fixture("reversal-failure-invalid-original.json"));

    assertThat(cb.resultCode().value()).isEqualTo("R000002");
    assertThat(cb.transactionId()).isEqualTo("SKE0000000");
    assertThat(cb.status()).isEqualTo(PaymentStatus.FAILED);
  }

  @Test
  @DisplayName("R26: the string code \"21\" is read as 21, whatever the description claims")
  void parseResult_akReversalCode21Fixture_codeWinsOverDescription() {
    ResultCallback cb = Callbacks.parseResult(fixture("reversal-ak-strings-code-21.json"));

    assertThat(cb.resultCode()).isEqualTo(ResultCode.of(21));
    assertThat(cb.resultDesc()).contains("processed successfully");
    assertThat(cb.isSuccess()).isFalse();
    assertThat(cb.status()).isEqualTo(PaymentStatus.FAILED);
  }

  @Test
  @DisplayName("R26, R28: a result sent with strings reads the same as one sent with numbers")
  void parseResult_stringValuesFixture_equalsNumericFixture() {
    ResultCallback strings = Callbacks.parseResult(fixture("b2c-string-values.json"));
    ResultCallback numbers = Callbacks.parseResult(fixture("b2c-success.json"));

    assertThat(strings.resultType()).isEqualTo(numbers.resultType());
    assertThat(strings.resultCode()).isEqualTo(numbers.resultCode());
    assertThat(strings.status()).isEqualTo(numbers.status());
    assertThat(strings.parameters().keySet()).isEqualTo(numbers.parameters().keySet());
    assertThat(new BigDecimal(strings.parameter("B2CUtilityAccountAvailableFunds")))
        .isEqualByComparingTo(numbers.parameter("B2CUtilityAccountAvailableFunds"));
  }

  @Test
  @DisplayName("R31: the AK tax sample, whose ReferenceItem is not valid JSON, is refused")
  void parseResult_akMalformedTaxFixture_raisesCallbackParseException() {
    assertThatThrownBy(() -> Callbacks.parseResult(fixture("tax-success-ak-malformed.json")))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageStartingWith("Result callback: the body is not valid JSON");
  }

  // ---------------------------------------------------------------- codes and status (R26)

  @ParameterizedTest(name = "ResultCode {0}")
  @DisplayName("R26: ResultCode as number or string normalises to one code and a generic status")
  @CsvSource(
      delimiter = '|',
      value = {
        "0                | 0          | COMPLETED",
        "'\"0\"'          | 0          | COMPLETED",
        "0.0              | 0          | COMPLETED",
        "1                | 1          | FAILED",
        "'\"21\"'         | 21         | FAILED",
        "21               | 21         | FAILED",
        "2001             | 2001       | FAILED",
        "'\"2001\"'       | 2001       | FAILED",
        "'\"R000002\"'    | R000002    | FAILED",
        "'\"SFC_IC0003\"' | SFC_IC0003 | FAILED",
        "15               | 15         | UNKNOWN",
        "17               | 17         | UNKNOWN",
        "26               | 26         | UNKNOWN",
        "2032             | 2032       | UNKNOWN",
        "18               | 18         | UNKNOWN",
        "'\"R000001\"'    | R000001    | UNKNOWN",
        "77777            | 77777      | UNKNOWN",
        "'\"SOMETHING\"'  | SOMETHING  | UNKNOWN"
      })
  void parseResult_resultCodeShapes_normaliseWithGenericStatus(
      String json, String code, PaymentStatus status) {
    ResultCallback cb = Callbacks.parseResult(result(IDS + ",\"ResultCode\":" + json));

    assertThat(cb.resultCode().value()).isEqualTo(code);
    assertThat(cb.status()).isEqualTo(status);
    assertThat(cb.isSuccess()).isEqualTo("0".equals(code));
  }

  @ParameterizedTest(name = "ResultType {0}")
  @CsvSource(
      delimiter = '|',
      value = {"0 | 0", "'\"0\"' | 0", "0.0 | 0", "'\"1\"' | 1", "1 | 1", "'\"x\"' | x"})
  void parseResult_resultTypeShapes_normalise(String json, String expected) {
    ResultCallback cb =
        Callbacks.parseResult(result(IDS + ",\"ResultCode\":0,\"ResultType\":" + json));

    assertThat(cb.resultType()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "ResultType {0}")
  @ValueSource(strings = {"", ",\"ResultType\":null", ",\"ResultType\":{}", ",\"ResultType\":[0]"})
  void parseResult_resultTypeAbsentOrOdd_isNullAndFinal(String member) {
    ResultCallback cb = Callbacks.parseResult(result(IDS + ",\"ResultCode\":0" + member));

    assertThat(cb.resultType()).isNull();
    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
  }

  @Test
  @DisplayName("ResultType 1, waiting for further messages, is PENDING and keyed apart")
  void parseResult_resultTypeOne_isPendingInterim() {
    ResultCallback interim =
        Callbacks.parseResult(result(IDS + ",\"ResultType\":1,\"ResultCode\":0"));
    ResultCallback last = Callbacks.parseResult(result(IDS + ",\"ResultType\":0,\"ResultCode\":0"));

    assertThat(interim.isInterim()).isTrue();
    assertThat(interim.isSuccess()).isFalse();
    assertThat(interim.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(interim.idempotencyKey()).isEqualTo("o-1/AG_1#interim");
    assertThat(last.idempotencyKey()).isEqualTo("o-1/AG_1");
  }

  @ParameterizedTest(name = "TransactionStatus {0}")
  @DisplayName("A Transaction Status result reports the state of the transaction it asked about")
  @CsvSource(
      delimiter = '|',
      value = {
        "Completed            | COMPLETED",
        "completed            | COMPLETED",
        "Cancelled            | CANCELLED",
        "Declined             | FAILED",
        "Expired              | TIMED_OUT",
        "Initiated            | PENDING",
        "Authorized           | PENDING",
        "Pending Authorized   | PENDING",
        "' pending  authorized ' | PENDING",
        "Reversed             | UNKNOWN",
        "''                   | UNKNOWN"
      })
  void status_transactionStatusResult_isTheTransactionsState(String state, PaymentStatus expected) {
    ResultCallback cb =
        Callbacks.parseResult(
            result(
                IDS
                    + ",\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":["
                    + "{\"Key\":\"TransactionStatus\",\"Value\":\""
                    + state
                    + "\"},{\"Key\":\"ReceiptNo\",\"Value\":\"MBN31H462N\"}]}"));

    assertThat(cb.status()).isEqualTo(expected);
    assertThat(TransactionStatusResult.from(cb).status()).isEqualTo(expected);
  }

  @Test
  void status_transactionStatusWithoutValue_isUnknown() {
    ResultCallback cb =
        Callbacks.parseResult(
            result(
                IDS
                    + ",\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":"
                    + "{\"Key\":\"TransactionStatus\"}}"));

    assertThat(cb.status()).isEqualTo(PaymentStatus.UNKNOWN);
  }

  // ---------------------------------------------------------------- lists (R27)

  @ParameterizedTest(name = "members after ResultCode: [{0}]")
  @DisplayName("R27: ResultParameters and ReferenceData absent, empty or odd-shaped parse empty")
  @ValueSource(
      strings = {
        "",
        ",\"ResultParameters\":null,\"ReferenceData\":null",
        ",\"ResultParameters\":{},\"ReferenceData\":{}",
        ",\"ResultParameters\":\"\",\"ReferenceData\":\"\"",
        ",\"ResultParameters\":[],\"ReferenceData\":[]",
        ",\"ResultParameters\":{\"ResultParameter\":[]},\"ReferenceData\":{\"ReferenceItem\":[]}",
        ",\"ResultParameters\":{\"ResultParameter\":null},"
            + "\"ReferenceData\":{\"ReferenceItem\":null}",
        ",\"ResultParameters\":{\"ResultParameter\":{}},\"ReferenceData\":{\"ReferenceItem\":{}}",
        ",\"ResultParameters\":{\"ResultParameter\":\"Amount\"},"
            + "\"ReferenceData\":{\"ReferenceItem\":7}",
        ",\"ResultParameters\":{\"ResultParameter\":[1,\"x\",null,[],{},{\"Value\":1},"
            + "{\"Key\":5},{\"Key\":\" \"},{\"Key\":null}]},"
            + "\"ReferenceData\":{\"ReferenceItem\":[1,{\"Value\":\"x\"},{\"Key\":[]}]}"
      })
  void parseResult_listsAbsentOrOdd_parseEmpty(String members) {
    ResultCallback cb = Callbacks.parseResult(result(IDS + ",\"ResultCode\":0" + members));

    assertThat(cb.parameters()).isEmpty();
    assertThat(cb.parameterValues()).isEmpty();
    assertThat(cb.referenceData()).isEmpty();
    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
  }

  @ParameterizedTest(name = "ResultParameters {0}")
  @DisplayName("R27: the parameter list as bare array, bare pair or wrapped object all parse")
  @ValueSource(
      strings = {
        "[{\"Key\":\"Amount\",\"Value\":5}]",
        "{\"Key\":\"Amount\",\"Value\":5}",
        "{\"ResultParameter\":{\"Key\":\"Amount\",\"Value\":5}}",
        "{\"ResultParameter\":[{\"Key\":\"Amount\",\"Value\":5}]}",
        "{\"resultParameter\":[{\"key\":\"Amount\",\"value\":\"5\"}]}",
        "{\"ResultParameter\":[{\"Key\":\" Amount \",\"Value\":5,\"Type\":\"Decimal\"}]}"
      })
  void parseResult_parameterListShapes_readTheParameter(String parameters) {
    ResultCallback cb =
        Callbacks.parseResult(result(IDS + ",\"ResultCode\":0,\"ResultParameters\":" + parameters));

    assertThat(cb.parameters()).containsExactly(entry("Amount", "5"));
  }

  @Test
  @DisplayName("R27: a repeated key without a value first: the first value wins")
  void parseResult_repeatedKeyFirstWithoutValue_firstValueWins() {
    ResultCallback cb =
        Callbacks.parseResult(
            result(
                IDS
                    + ",\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":["
                    + "{\"Key\":\"Amount\"},{\"Key\":\"Amount\",\"Value\":5},"
                    + "{\"Key\":\"Amount\",\"Value\":null},{\"Key\":\"Amount\",\"Value\":7}]}"));

    assertThat(cb.parameters()).containsExactly(entry("Amount", "5"));
    assertThat(cb.parameterValues("Amount")).containsExactly(null, "5", null, "7");
  }

  @Test
  @DisplayName("R28: values that are objects, arrays or booleans are kept as JSON text")
  void parseResult_nonScalarValues_keptAsText() {
    ResultCallback cb =
        Callbacks.parseResult(
            result(
                IDS
                    + ",\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":["
                    + "{\"Key\":\"A\",\"Value\":{\"BasicAmount\":5}},{\"Key\":\"B\",\"Value\":[1]},"
                    + "{\"Key\":\"C\",\"Value\":true},{\"Key\":\"D\",\"Value\":1e999999999}]}"));

    assertThat(cb.parameters())
        .containsExactly(
            entry("A", "{\"BasicAmount\":5}"),
            entry("B", "[1]"),
            entry("C", "true"),
            entry("D", "1E+999999999"));
  }

  @Test
  @DisplayName("R28: unknown fields anywhere are ignored")
  void parseResult_unknownFields_areIgnored() {
    String body =
        """
        {
          "Extra": [1, {"x": null}],
          "Result": {
            "ResultType": 0, "ResultCode": 0, "ResultDesc": "ok",
            "OriginatorConversationID": "o-1", "ConversationID": "AG_1",
            "NewField": {"Nested": [1.5]},
            "ResultParameters": {"Version": 2, "ResultParameter": [
              {"Key": "Amount", "Value": 1.00, "Type": "Decimal"}]},
            "ReferenceData": {"ReferenceItem": {"Key": "Occassion", "Value": "x", "Extra": 1}}
          }
        }
        """;

    ResultCallback cb = Callbacks.parseResult(body);

    assertThat(cb.parameters()).containsExactly(entry("Amount", "1"));
    assertThat(cb.referenceData()).containsExactly(entry("Occassion", "x"));
  }

  @Test
  void parseResult_fieldNamesInOtherCase_areAccepted() {
    String body =
        """
        {"result":{"resultCode":"0","originatorConversationID":"o-1","conversationId":"AG_1",
          "transactionID":"SG632NMUAB","resultParameters":{"resultParameter":
          [{"key":"TransactionAmount","value":"10"}]}}}
        """;

    ResultCallback cb = Callbacks.parseResult(body);

    assertThat(cb.originatorConversationId()).isEqualTo("o-1");
    assertThat(cb.conversationId()).isEqualTo("AG_1");
    assertThat(cb.transactionId()).isEqualTo("SG632NMUAB");
    assertThat(cb.parameter("TransactionAmount")).isEqualTo("10");
  }

  // ---------------------------------------------------------------- correlation ids

  @Test
  void parseResult_onlyOriginatorConversationId_isEnough() {
    ResultCallback cb =
        Callbacks.parseResult(result("\"OriginatorConversationID\":\"o-1\",\"ResultCode\":0"));

    assertThat(cb.conversationId()).isNull();
    assertThat(cb.idempotencyKey()).isEqualTo("o-1/");
  }

  @Test
  void parseResult_onlyConversationIdAndBlankOriginator_isEnough() {
    ResultCallback cb =
        Callbacks.parseResult(
            result(
                "\"OriginatorConversationID\":\" \",\"ConversationID\":\"AG_1\",\"ResultCode\":0"));

    assertThat(cb.originatorConversationId()).isNull();
    assertThat(cb.idempotencyKey()).isEqualTo("/AG_1");
  }

  @Test
  @DisplayName("§10.15: the misspelt OriginatorCoversationID is accepted")
  void parseResult_misspeltOriginatorId_isAccepted() {
    ResultCallback cb =
        Callbacks.parseResult(result("\"OriginatorCoversationID\":\"o-1\",\"ResultCode\":0"));

    assertThat(cb.originatorConversationId()).isEqualTo("o-1");
  }

  @Test
  void parseResult_numericIds_areExactText() {
    ResultCallback cb =
        Callbacks.parseResult(
            result(
                "\"OriginatorConversationID\":1234567890123,\"ConversationID\":12,"
                    + "\"ResultCode\":0,\"TransactionID\":98765"));

    assertThat(cb.originatorConversationId()).isEqualTo("1234567890123");
    assertThat(cb.conversationId()).isEqualTo("12");
    assertThat(cb.transactionId()).isEqualTo("98765");
  }

  @Test
  @DisplayName("R31: the message names the missing correlation ids, not the body")
  void parseResult_missingBothIds_messageNamesFields() {
    String body = result("\"ResultCode\":0,\"ResultDesc\":\"" + PHONE + "\"");

    assertThatThrownBy(() -> Callbacks.parseResult(body))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessage(
            "Result callback: Result.OriginatorConversationID and Result.ConversationID are both"
                + " missing")
        .hasNoCause();
  }

  // ---------------------------------------------------------------- timeouts (§3.3)

  @Test
  @DisplayName("§3.3: a queue timeout is UNKNOWN, not TIMED_OUT: money may have moved")
  void parseQueueTimeout_timeoutFixture_isUnknownNotTimedOut() {
    ResultCallback cb = Callbacks.parseQueueTimeout(fixture("b2c-timeout.json"));

    assertThat(cb.isTimeout()).isTrue();
    assertThat(cb.timeout()).isTrue();
    assertThat(cb.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(cb.status().isFinal()).isFalse();
    assertThat(cb.isSuccess()).isFalse();
    assertThat(cb.resultCode().value()).isEqualTo("1");
    assertThat(cb.resultDesc()).isEqualTo("The service request has timed out.");
    assertThat(cb.originatorConversationId()).isEqualTo("600997_Test_32et3241ed8yu");
    assertThat(cb.conversationId()).isEqualTo("AG_20240706_20106e9209f64bebd05b");
  }

  @Test
  @DisplayName("§3.3: a result whose description says it timed out is a timeout too")
  void parseResult_timeoutFixture_isTimeoutByDescription() {
    ResultCallback cb = Callbacks.parseResult(fixture("b2c-timeout.json"));

    assertThat(cb.isTimeout()).isTrue();
    assertThat(cb.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(B2cPaymentResult.from(cb).status()).isEqualTo(PaymentStatus.UNKNOWN);
  }

  @Test
  @DisplayName("§3.3: code 1 without a timeout description is B2C's insufficient balance")
  void parseResult_codeOneWithoutTimeoutText_isFailed() {
    ResultCallback cb =
        Callbacks.parseResult(
            result(IDS + ",\"ResultCode\":1,\"ResultDesc\":\"The balance is insufficient.\""));

    assertThat(cb.isTimeout()).isFalse();
    assertThat(cb.status()).isEqualTo(PaymentStatus.FAILED);
  }

  @Test
  @DisplayName("A.6: a timeout and the final result of the same request have different keys")
  void idempotencyKey_timeoutThenResult_differ() {
    ResultCallback timeout = Callbacks.parseQueueTimeout(fixture("b2c-timeout.json"));
    ResultCallback fromParse = Callbacks.parseResult(fixture("b2c-timeout.json"));
    ResultCallback last =
        Callbacks.parseResult(
            fixture("b2c-timeout.json")
                .replace("\"ResultCode\": 1", "\"ResultCode\": 0")
                .replace("has timed out", "is processed successfully"));

    assertThat(timeout.idempotencyKey())
        .isEqualTo("600997_Test_32et3241ed8yu/AG_20240706_20106e9209f64bebd05b#timeout");
    assertThat(fromParse.idempotencyKey()).isEqualTo(timeout.idempotencyKey());
    assertThat(last.idempotencyKey())
        .isEqualTo("600997_Test_32et3241ed8yu/AG_20240706_20106e9209f64bebd05b");
    assertThat(last.status()).isEqualTo(PaymentStatus.COMPLETED);
  }

  @Test
  @DisplayName("§3.3: a timeout notice needs nothing but a conversation id")
  void parseQueueTimeout_minimalFixture_hasNoCode() {
    ResultCallback cb = Callbacks.parseQueueTimeout(fixture("timeout-minimal.json"));

    assertThat(cb.resultCode()).isNull();
    assertThat(cb.resultType()).isNull();
    assertThat(cb.isTimeout()).isTrue();
    assertThat(cb.isSuccess()).isFalse();
    assertThat(cb.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(B2cPaymentResult.from(cb).result()).isEqualTo(dev.mpesa.result.B2cResult.UNKNOWN);
    assertThat(TransactionReversalResult.from(cb).isReversed()).isFalse();
  }

  @Test
  @DisplayName("§3.3: a timeout notice without the Result envelope is read from the top level")
  void parseQueueTimeout_flatFixture_readsTopLevel() {
    ResultCallback cb = Callbacks.parseQueueTimeout(fixture("timeout-flat.json"));

    assertThat(cb.originatorConversationId()).isEqualTo("600997_Test_32et3241ed8yu");
    assertThat(cb.resultDesc()).isEqualTo("The service request has timed out.");
    assertThat(cb.isTimeout()).isTrue();
    assertThat(cb.status()).isEqualTo(PaymentStatus.UNKNOWN);
  }

  @Test
  @DisplayName("§3.3: whatever a body at the QueueTimeOutURL says, it is a timeout")
  void parseQueueTimeout_successBody_isStillUnknown() {
    ResultCallback cb = Callbacks.parseQueueTimeout(fixture("b2c-success.json"));

    assertThat(cb.isTimeout()).isTrue();
    assertThat(cb.resultCode()).isEqualTo(ResultCode.SUCCESS);
    assertThat(cb.isSuccess()).isFalse();
    assertThat(cb.status()).isEqualTo(PaymentStatus.UNKNOWN);
  }

  @Test
  void parseQueueTimeout_bytes_sameAsString() {
    String body = fixture("b2c-timeout.json");

    assertThat(Callbacks.parseQueueTimeout(body.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Callbacks.parseQueueTimeout(body));
  }

  // ---------------------------------------------------------------- parse(): any callback

  @Test
  void parse_stkBody_givesTheStkCallback() {
    String body = Fixtures.read("stk/callback-success.json");

    MpesaCallback cb = Callbacks.parse(body);

    assertThat(cb).isInstanceOf(StkCallback.class).isEqualTo(Callbacks.parseStk(body));
  }

  @Test
  void parse_resultBody_givesTheResultCallback() {
    String body = fixture("reversal-success.json");

    MpesaCallback cb = Callbacks.parse(body);

    assertThat(cb).isInstanceOf(ResultCallback.class).isEqualTo(Callbacks.parseResult(body));
    assertThat(cb.status()).isEqualTo(PaymentStatus.COMPLETED);
    assertThat(cb.rawJson()).isSameAs(body);
  }

  @Test
  void parse_bytes_sameAsString() {
    String body = fixture("b2c-success.json");

    assertThat(Callbacks.parse(body.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Callbacks.parse(body));
  }

  @Test
  void parse_patternSwitch_routesEachKind() {
    List<String> seen = new ArrayList<>();
    for (String body :
        List.of(Fixtures.read("stk/callback-cancelled.json"), fixture("status-success.json"))) {
      MpesaCallback cb = Callbacks.parse(body);
      if (cb instanceof StkCallback stk) {
        seen.add("stk " + stk.checkoutRequestId());
      } else if (cb instanceof ResultCallback result) {
        seen.add("result " + TransactionStatusResult.from(result).receiptNumber());
      }
    }

    assertThat(seen).containsExactly("stk ws_CO_21072024125243250722943992", "result MBN31H462N");
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("R31: bodies of no known kind raise CallbackParseException")
  @ValueSource(strings = {"{}", "{\"foo\":1}", "{\"requestId\":\"404e1aec\"}"})
  void parse_unknownKind_raisesCallbackParseException(String body) {
    assertThatThrownBy(() -> Callbacks.parse(body))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessage("Callback: not a known Daraja callback");
  }

  @Test
  void parse_c2bBody_refusesToGuessValidationOrConfirmation() {
    assertThatThrownBy(
            () ->
                Callbacks.parse(
                    "{\"TransID\":\"RKL51ZDR4F\",\"TransAmount\":\"5.00\","
                        + "\"MSISDN\":\"2547 ***** 126\"}"))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageContaining("parseC2bValidation")
        .hasMessageContaining("parseC2bConfirmation");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "b2b-express-success.json",
        "billmanager-payment-notification.json",
        "ratiba-callback-success.json"
      })
  void parse_flatCallbacks_areRecognised(String fixture) {
    String body = Fixtures.read("callbacks/" + fixture);

    MpesaCallback callback = Callbacks.parse(body);

    assertThat(callback)
        .isInstanceOfAny(
            B2bExpressCallback.class, BillPaymentNotification.class, StandingOrderCallback.class);
    assertThat(callback.rawJson()).isEqualTo(body);
  }

  @Test
  void parse_bodyWithoutStkCallback_raisesTheStkParsersError() {
    assertThatThrownBy(() -> Callbacks.parse("{\"Body\":{}}"))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessage("STK callback: Body.stkCallback is missing");
  }

  // ---------------------------------------------------------------- raw body, bytes, toString

  @Test
  void parseResult_rawJson_isTheBodyAsReceived() {
    String body = fixture("b2c-success.json");

    assertThat(Callbacks.parseResult(body).rawJson()).isSameAs(body);
  }

  @Test
  void parseResult_bytes_sameAsString() {
    String body = fixture("status-success.json");

    ResultCallback fromBytes = Callbacks.parseResult(body.getBytes(StandardCharsets.UTF_8));

    assertThat(fromBytes).isEqualTo(Callbacks.parseResult(body));
    assertThat(fromBytes.rawJson()).isEqualTo(body);
  }

  @Test
  void parseResult_byteOrderMark_isTolerated() {
    String body = "\uFEFF" + fixture("b2c-failure-initiator-invalid.json");

    ResultCallback cb = Callbacks.parseResult(body);

    assertThat(cb.status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(cb.rawJson()).isEqualTo(body);
  }

  @Test
  void toString_namesParametersByKeyOnlyAndOmitsRawJson() {
    ResultCallback cb = Callbacks.parseResult(fixture("b2c-success.json"));

    String s = cb.toString();

    assertThat(s)
        .doesNotContain(PHONE)
        .doesNotContain("NICHOLAS")
        .doesNotContain("internalsandbox")
        .contains("ReceiverPartyPublicName")
        .contains(ORIGINATOR)
        .contains("SG632NMUAB")
        .contains("<" + cb.rawJson().length() + " chars>");
  }

  // ---------------------------------------------------------------- the record itself

  @Test
  void constructor_copiesParametersAndAllowsNullValues() {
    List<String> values = new ArrayList<>();
    values.add(null);
    values.add("5");
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    parameters.put("Amount", values);
    Map<String, String> references = new LinkedHashMap<>();
    references.put("Occasion", null);

    ResultCallback cb =
        new ResultCallback(
            null, ResultCode.SUCCESS, null, "o-1", null, null, parameters, references, false, null);
    values.add("7");
    parameters.put("Other", List.of("x"));
    references.put("Other", "y");

    assertThat(cb.parameterValues()).containsOnlyKeys("Amount");
    assertThat(cb.parameterValues("Amount")).containsExactly(null, "5");
    assertThat(cb.parameters()).containsExactly(entry("Amount", "5"));
    assertThat(cb.referenceData()).containsExactly(entry("Occasion", null));
    assertThat(cb.toString()).contains("rawJson=null");
  }

  @Test
  void constructor_nullMaps_areEmpty() {
    ResultCallback cb =
        new ResultCallback(
            null, ResultCode.of(1), null, null, "AG_1", null, null, null, false, null);

    assertThat(cb.parameterValues()).isEmpty();
    assertThat(cb.referenceData()).isEmpty();
    assertThat(cb.parameterValues(null)).isEmpty();
    assertThat(cb.reference(null)).isNull();
  }

  @Test
  void constructor_invalidArguments_throw() {
    assertThatThrownBy(
            () ->
                new ResultCallback(
                    null, ResultCode.SUCCESS, null, " ", null, null, null, null, false, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ConversationId");
    assertThatThrownBy(
            () -> new ResultCallback(null, null, null, "o-1", null, null, null, null, false, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resultCode");
    Map<String, List<String>> nullKey = new LinkedHashMap<>();
    nullKey.put(null, List.of("x"));
    assertThatThrownBy(
            () ->
                new ResultCallback(
                    null, ResultCode.SUCCESS, null, "o-1", null, null, nullKey, null, false, null))
        .isInstanceOf(IllegalArgumentException.class);
    Map<String, String> nullReference = new LinkedHashMap<>();
    nullReference.put(null, "x");
    assertThatThrownBy(
            () ->
                new ResultCallback(
                    null,
                    ResultCode.SUCCESS,
                    null,
                    "o-1",
                    null,
                    null,
                    null,
                    nullReference,
                    false,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_timeoutWithoutCode_isAllowed() {
    ResultCallback cb =
        new ResultCallback(null, null, null, "o-1", "AG_1", null, null, null, true, null);

    assertThat(cb.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(cb.idempotencyKey()).isEqualTo("o-1/AG_1#timeout");
  }

  // ---------------------------------------------------------------- malformed bodies (R31)

  static Stream<Arguments> malformedResults() {
    String success = fixture("b2c-success.json");
    String longId = "x".repeat(Callbacks.MAX_ID_LENGTH + 1);
    String phoneParameter =
        ",\"ResultParameters\":{\"ResultParameter\":{\"Key\":\"ReceiverPartyPublicName\","
            + "\"Value\":\""
            + PHONE
            + "\"}}";
    return Stream.of(
        Arguments.of("null body", null),
        Arguments.of("empty body", ""),
        Arguments.of("blank body", " \r\n\t "),
        Arguments.of("not JSON", "PartyB=" + PHONE + "&Amount=10"),
        Arguments.of("HTML page", "<html><body>502 Bad Gateway</body></html>"),
        Arguments.of("truncated fixture", success.substring(0, success.length() / 2)),
        Arguments.of("truncated after last brace", success.substring(0, success.lastIndexOf('}'))),
        Arguments.of("unterminated string", "{\"Result\":{\"ConversationID\":\"AG"),
        Arguments.of("trailing garbage", success + " x"),
        Arguments.of("two documents", success + success),
        Arguments.of("top-level array", "[" + success + "]"),
        Arguments.of("top-level string", "\"" + PHONE + "\""),
        Arguments.of("top-level number", PHONE),
        Arguments.of("top-level boolean", "true"),
        Arguments.of("top-level null", "null"),
        Arguments.of("empty object", "{}"),
        Arguments.of("missing Result", "{\"Results\":{" + IDS + ",\"ResultCode\":0}}"),
        Arguments.of("null Result", "{\"Result\":null}"),
        Arguments.of("Result is an array", "{\"Result\":[{" + IDS + ",\"ResultCode\":0}]}"),
        Arguments.of("Result is a string", "{\"Result\":\"" + PHONE + "\"}"),
        Arguments.of("empty Result", "{\"Result\":{}}"),
        Arguments.of("missing both ids", result("\"ResultCode\":0" + phoneParameter)),
        Arguments.of(
            "null ids",
            result("\"OriginatorConversationID\":null,\"ConversationID\":null,\"ResultCode\":0")),
        Arguments.of(
            "blank ids",
            result("\"OriginatorConversationID\":\"\",\"ConversationID\":\" \",\"ResultCode\":0")),
        Arguments.of(
            "object originator id",
            result("\"OriginatorConversationID\":{},\"ConversationID\":\"AG_1\",\"ResultCode\":0")),
        Arguments.of(
            "array conversation id",
            result("\"OriginatorConversationID\":\"o-1\",\"ConversationID\":[1],\"ResultCode\":0")),
        Arguments.of("boolean conversation id", result("\"ConversationID\":true,\"ResultCode\":0")),
        Arguments.of(
            "overlong id",
            result("\"OriginatorConversationID\":\"" + longId + "\",\"ResultCode\":0")),
        Arguments.of("missing ResultCode", result(IDS + phoneParameter)),
        Arguments.of("null ResultCode", result(IDS + ",\"ResultCode\":null")),
        Arguments.of("empty ResultCode", result(IDS + ",\"ResultCode\":\"\"")),
        Arguments.of("blank ResultCode", result(IDS + ",\"ResultCode\":\"  \"")),
        Arguments.of("object ResultCode", result(IDS + ",\"ResultCode\":{\"a\":0}")),
        Arguments.of("array ResultCode", result(IDS + ",\"ResultCode\":[0]")),
        Arguments.of("boolean ResultCode", result(IDS + ",\"ResultCode\":false")),
        Arguments.of(
            "overlong ResultCode", result(IDS + ",\"ResultCode\":\"" + "9".repeat(40) + "\"")),
        Arguments.of("leading-zero number", result(IDS + ",\"ResultCode\":0,\"X\":0712345678")),
        Arguments.of("single quotes", "{'Result':{'ConversationID':'AG_1'}}"),
        Arguments.of("AK tax sample", fixture("tax-success-ak-malformed.json")),
        Arguments.of("nested too deep", "[".repeat(5_000) + "]".repeat(5_000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedResults")
  @DisplayName("R31: a malformed result raises CallbackParseException and nothing else")
  void parseResult_malformedBody_raisesCallbackParseException(String description, String body) {
    Throwable thrown = catchThrowable(() -> Callbacks.parseResult(body));

    assertThat(thrown)
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageStartingWith("Result callback: ");
    assertThat(thrown.getMessage()).doesNotContain(PHONE).hasSizeLessThan(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedResults")
  @DisplayName("R31: a malformed result given as bytes raises CallbackParseException too")
  void parseResult_malformedBytes_raisesCallbackParseException(String description, String body) {
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Callbacks.parseResult(bytes))
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedResults")
  @DisplayName("R31: parse() raises CallbackParseException for every malformed result")
  void parse_malformedBody_raisesCallbackParseException(String description, String body) {
    Throwable thrown = catchThrowable(() -> Callbacks.parse(body));

    assertThat(thrown).as(description).isExactlyInstanceOf(CallbackParseException.class);
    assertThat(thrown.getMessage()).doesNotContain(PHONE).hasSizeLessThan(200);
  }

  static Stream<Arguments> malformedTimeouts() {
    return Stream.of(
        Arguments.of("null body", null),
        Arguments.of("empty body", ""),
        Arguments.of("not JSON", "timed out"),
        Arguments.of("truncated", "{\"Result\":{\"ConversationID\":"),
        Arguments.of("top-level array", "[]"),
        Arguments.of("top-level string", "\"" + PHONE + "\""),
        Arguments.of("empty object", "{}"),
        Arguments.of("empty Result", "{\"Result\":{}}"),
        Arguments.of("Result without ids", result("\"ResultCode\":1")),
        Arguments.of("Result is a string, no top-level ids", "{\"Result\":\"timeout\"}"),
        Arguments.of("object id", result("\"ConversationID\":{\"a\":1}")),
        Arguments.of("object ResultCode", result(IDS + ",\"ResultCode\":{}")),
        Arguments.of("boolean ResultCode", result(IDS + ",\"ResultCode\":true")),
        Arguments.of("blank ResultCode", result(IDS + ",\"ResultCode\":\"\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedTimeouts")
  @DisplayName("R31: an unusable timeout notice raises CallbackParseException and nothing else")
  void parseQueueTimeout_malformedBody_raisesCallbackParseException(
      String description, String body) {
    Throwable thrown = catchThrowable(() -> Callbacks.parseQueueTimeout(body));

    assertThat(thrown)
        .as(description)
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageStartingWith("QueueTimeOut callback: ");
    assertThat(thrown.getMessage()).doesNotContain(PHONE);
  }

  @Test
  @DisplayName("R31: bytes that are not UTF-8 raise CallbackParseException")
  void parseResult_invalidUtf8_raisesCallbackParseException() {
    byte[] body = {'{', '"', 'R', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    assertThatThrownBy(() -> Callbacks.parseResult(body))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> Callbacks.parseQueueTimeout(body))
        .isExactlyInstanceOf(CallbackParseException.class);
    assertThatThrownBy(() -> Callbacks.parse(body))
        .isExactlyInstanceOf(CallbackParseException.class);
  }

  @Test
  @DisplayName("R31: invalid JSON keeps the parser's exception as the cause and gives a position")
  void parseResult_invalidJson_keepsCauseAndPosition() {
    assertThatThrownBy(() -> Callbacks.parseResult("{\"Result\":"))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessageStartingWith("Result callback: the body is not valid JSON (line 1, column ")
        .hasCauseInstanceOf(CallbackParseException.RedactedCause.class);
  }

  static Stream<Arguments> malformedResultsWithMessages() {
    return Stream.of(
        Arguments.of("{}", "Result callback: Result is missing"),
        Arguments.of("{\"Result\":[]}", "Result callback: Result must be a JSON object, not array"),
        Arguments.of(
            result("\"OriginatorConversationID\":\"o-1\""),
            "Result callback: Result.ResultCode is missing"),
        Arguments.of(
            result(IDS + ",\"ResultCode\":\" \""), "Result callback: Result.ResultCode is blank"),
        Arguments.of(
            result(IDS + ",\"ResultCode\":\"" + "9".repeat(40) + "\""),
            "Result callback: Result.ResultCode is not a code"),
        Arguments.of(
            result("\"ConversationID\":[],\"ResultCode\":0"),
            "Result callback: Result.ConversationID must be a string or a number, not array"),
        Arguments.of(
            result(
                "\"OriginatorConversationID\":\""
                    + "x".repeat(Callbacks.MAX_ID_LENGTH + 1)
                    + "\",\"ResultCode\":0"),
            "Result callback: Result.OriginatorConversationID is longer than 256 characters"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("malformedResultsWithMessages")
  void parseResult_malformedBody_messageSaysWhatIsWrong(String body, String expected) {
    assertThatThrownBy(() -> Callbacks.parseResult(body))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessage(expected);
  }

  @Test
  void parseQueueTimeout_flatWithoutIds_messageNamesTopLevelFields() {
    assertThatThrownBy(() -> Callbacks.parseQueueTimeout("{\"ResultCode\":1}"))
        .isExactlyInstanceOf(CallbackParseException.class)
        .hasMessage(
            "QueueTimeOut callback: OriginatorConversationID and ConversationID are both missing");
  }

  // ---------------------------------------------------------------- helpers

  /** A result whose {@code Result} object has the given members. */
  private static String result(String members) {
    return "{\"Result\":{" + members + "}}";
  }

  private static String fixture(String name) {
    return Fixtures.read("results/" + name);
  }
}
