package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.callback.C2bValidationReply.RejectReason;
import dev.mpesa.internal.json.Json;
import dev.mpesa.testing.Fixtures;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackRepliesTest {

  // ---------------------------------------------------------------- C2B validation reply

  @Test
  @DisplayName("§5.5: accept() is the documented body, ResultCode a JSON string")
  void accept_noReference_isDocumentedJson() throws IOException {
    C2bValidationReply reply = C2bValidationReply.accept();

    assertThat(reply.toJson()).isEqualTo("{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\"}");
    assertThat(tree(reply.toJson())).isEqualTo(tree(fixture("reply-c2b-validation-accept.json")));
    assertThat(tree(reply.toJson()).get("ResultCode").isTextual()).isTrue();
    assertThat(reply.isAccepted()).isTrue();
    assertThat(reply.rejectReason()).isEmpty();
    assertThat(reply.thirdPartyTransId()).isNull();
  }

  @Test
  void accept_withReference_addsThirdPartyTransId() {
    C2bValidationReply reply = C2bValidationReply.accept("INV-7");

    assertThat(reply.toJson())
        .isEqualTo(
            "{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\",\"ThirdPartyTransID\":\"INV-7\"}");
    assertThat(reply.isAccepted()).isTrue();
    assertThat(reply.thirdPartyTransId()).isEqualTo("INV-7");
  }

  @Test
  @DisplayName("§5.5: reject(INVALID_MSISDN) is the documented body")
  void reject_invalidMsisdn_isDocumentedJson() throws IOException {
    C2bValidationReply reply = C2bValidationReply.reject(RejectReason.INVALID_MSISDN);

    assertThat(reply.toJson())
        .isEqualTo("{\"ResultCode\":\"C2B00011\",\"ResultDesc\":\"Rejected\"}");
    assertThat(tree(reply.toJson())).isEqualTo(tree(fixture("reply-c2b-validation-reject.json")));
    assertThat(reply.isAccepted()).isFalse();
    assertThat(reply.rejectReason()).contains(RejectReason.INVALID_MSISDN);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "INVALID_MSISDN, C2B00011",
    "INVALID_ACCOUNT_NUMBER, C2B00012",
    "INVALID_AMOUNT, C2B00013",
    "INVALID_KYC_DETAILS, C2B00014",
    "INVALID_SHORTCODE, C2B00015",
    "OTHER_ERROR, C2B00016"
  })
  void reject_eachReason_sendsItsCode(RejectReason reason, String code) {
    C2bValidationReply reply = C2bValidationReply.reject(reason);

    assertThat(reason.code()).isEqualTo(code);
    assertThat(RejectReason.of(code)).contains(reason);
    assertThat(reply.toJson())
        .isEqualTo("{\"ResultCode\":\"" + code + "\",\"ResultDesc\":\"Rejected\"}");
  }

  @ParameterizedTest
  @EnumSource(RejectReason.class)
  void rejectReason_description_isNotBlank(RejectReason reason) {
    assertThat(reason.description()).isNotBlank();
  }

  @ParameterizedTest(name = "code {0}")
  @ValueSource(strings = {"0", "C2B0001", "C2B00017", "c2b00011", ""})
  void rejectReasonOf_unknownCode_isEmpty(String code) {
    assertThat(RejectReason.of(code)).isEmpty();
    assertThat(RejectReason.of(null)).isEmpty();
  }

  @Test
  @DisplayName("ResultDesc with quotes, backslashes and control characters is escaped")
  void toJson_descriptionWithQuotes_isEscaped() throws IOException {
    String desc = "Account \"A\\1\"\n\tunknown </script> – ✓";
    C2bValidationReply reply = new C2bValidationReply("C2B00012", desc, null);

    String json = reply.toJson();

    assertThat(json)
        .isEqualTo(
            "{\"ResultCode\":\"C2B00012\",\"ResultDesc\":"
                + "\"Account \\\"A\\\\1\\\"\\n\\tunknown </script> – ✓\"}");
    assertThat(tree(json).get("ResultDesc").textValue()).isEqualTo(desc);
  }

  @Test
  void toJson_thirdPartyTransIdWithQuotes_isEscaped() throws IOException {
    String reference = "\"},\"ResultCode\":\"C2B00016";

    String json = C2bValidationReply.accept(reference).toJson();

    JsonNode tree = tree(json);
    assertThat(tree.get("ResultCode").textValue()).isEqualTo("0");
    assertThat(tree.get("ThirdPartyTransID").textValue()).isEqualTo(reference);
    assertThat(tree.size()).isEqualTo(3);
  }

  @Test
  @DisplayName("ResultDesc of 90 characters is accepted, 91 refused (single-source limit)")
  void constructor_resultDescLength_isLimitedTo90() {
    String ninety = "x".repeat(C2bValidationReply.MAX_RESULT_DESC);

    assertThat(new C2bValidationReply("0", ninety, null).resultDesc()).hasSize(90);
    assertThatThrownBy(() -> new C2bValidationReply("0", ninety + "x", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 90");
  }

  @ParameterizedTest(name = "ResultCode {0}")
  @ValueSource(strings = {"1", "00", "C2B00017", "c2b00011", "Accepted", " 0", ""})
  void constructor_unknownResultCode_throws(String code) {
    assertThatThrownBy(() -> new C2bValidationReply(code, "Rejected", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_invalidValues_throw() {
    assertThatThrownBy(() -> new C2bValidationReply(null, "Accepted", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resultCode");
    assertThatThrownBy(() -> new C2bValidationReply("0", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resultDesc");
    assertThatThrownBy(() -> new C2bValidationReply("0", " ", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new C2bValidationReply("C2B00011", "Rejected", "INV-7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only with an acceptance");
    assertThatThrownBy(() -> C2bValidationReply.accept(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> C2bValidationReply.accept(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> C2bValidationReply.reject(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void accept_calledTwice_givesEqualReplies() {
    assertThat(C2bValidationReply.accept())
        .isEqualTo(new C2bValidationReply("0", "Accepted", null));
  }

  // ---------------------------------------------------------------- acknowledgements

  @Test
  @DisplayName("§3.4: acknowledge() is {\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}, a number")
  void acknowledge_always_isNumericZeroAccepted() throws IOException {
    CallbackReply reply = CallbackReply.acknowledge();

    assertThat(reply.toJson()).isEqualTo("{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}");
    assertThat(tree(reply.toJson())).isEqualTo(tree(fixture("reply-acknowledge.json")));
    assertThat(tree(reply.toJson()).get("ResultCode").isInt()).isTrue();
  }

  @Test
  @DisplayName("§5.5: the C2B confirmation acknowledgement is ResultCode 0, \"Success\"")
  void confirmationReceived_always_isNumericZeroSuccess() throws IOException {
    CallbackReply reply = CallbackReply.confirmationReceived();

    assertThat(reply.toJson()).isEqualTo("{\"ResultCode\":0,\"ResultDesc\":\"Success\"}");
    assertThat(tree(reply.toJson())).isEqualTo(tree(fixture("reply-c2b-confirmation.json")));
    assertThat(reply.resultCode()).isZero();
  }

  @Test
  void callbackReplyToJson_descriptionWithQuotes_isEscaped() throws IOException {
    CallbackReply reply = new CallbackReply(0, "got \"it\"");

    assertThat(reply.toJson()).isEqualTo("{\"ResultCode\":0,\"ResultDesc\":\"got \\\"it\\\"\"}");
    assertThat(tree(reply.toJson()).get("ResultDesc").textValue()).isEqualTo("got \"it\"");
  }

  @Test
  void callbackReplyConstructor_invalidDescription_throws() {
    assertThatThrownBy(() -> new CallbackReply(0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CallbackReply(0, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CallbackReply(0, "x".repeat(91)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- Bill Manager reply

  @Test
  @DisplayName("§5.16: the Bill Manager reply is {\"resmsg\":\"Success\",\"rescode\":\"200\"}")
  void billPaymentReplySuccess_always_isDocumentedJson() throws IOException {
    BillPaymentReply reply = BillPaymentReply.success();

    assertThat(reply.toJson()).isEqualTo("{\"resmsg\":\"Success\",\"rescode\":\"200\"}");
    assertThat(tree(reply.toJson())).isEqualTo(tree(fixture("reply-billmanager-payment.json")));
    assertThat(tree(reply.toJson()).get("rescode").isTextual()).isTrue();
  }

  @Test
  void billPaymentReplyToJson_messageWithQuotes_isEscaped() throws IOException {
    BillPaymentReply reply = new BillPaymentReply("say \"hi\"", "200");

    assertThat(tree(reply.toJson()).get("resmsg").textValue()).isEqualTo("say \"hi\"");
  }

  @Test
  void billPaymentReplyConstructor_invalidValues_throw() {
    assertThatThrownBy(() -> new BillPaymentReply(null, "200"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BillPaymentReply("Success", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BillPaymentReply("Success", " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- helpers

  private static JsonNode tree(String json) throws IOException {
    return Json.TREE_READER.readTree(json);
  }

  private static String fixture(String name) {
    return Fixtures.read("callbacks/" + name);
  }
}
