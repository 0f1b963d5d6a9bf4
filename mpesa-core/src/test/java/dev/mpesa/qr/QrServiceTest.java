package dev.mpesa.qr;

import static dev.mpesa.testing.DarajaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.MpesaClient;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.result.DarajaError;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.LogCapture;
import dev.mpesa.testing.TestClients;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dynamic QR against the golden payloads of API.md §5.14. */
class QrServiceTest {
  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  final ObjectMapper mapper = new ObjectMapper();
  final DarajaStub daraja = new DarajaStub();
  MockWebServer server;
  MpesaClient mpesa;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(daraja);
    server.start();
    // No initiator: dynamic QR does not need one.
    mpesa = TestClients.sandbox(server).build();
    daraja.handler(r -> json(200, Fixtures.read("qr/generate-response.json")));
  }

  @AfterEach
  void stop() {
    mpesa.close();
    server.close();
  }

  static DynamicQrRequest.Builder sample() {
    return DynamicQrRequest.builder()
        .merchantName("TEST SUPERMARKET")
        .referenceNumber("Invoice Test")
        .amount(1)
        .buyGoods("373132")
        .size(300);
  }

  RecordedRequest onlyRequest() {
    assertThat(daraja.businessRequests()).hasSize(1);
    RecordedRequest r = daraja.businessRequests().get(0);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/mpesa/qrcode/v1/generate");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok1");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
    return r;
  }

  JsonNode body(RecordedRequest r) throws Exception {
    return mapper.readTree(r.getBody().utf8());
  }

  @Test
  void generate_sampleRequest_sendsTheGoldenPayloadOfApiMd() throws Exception {
    mpesa.qr().generate(sample().build());

    JsonNode body = body(onlyRequest());
    // Every field and its JSON type: Amount a number, Size a string, as API.md shows.
    assertThat(body).isEqualTo(mapper.readTree(Fixtures.read("qr/generate-request.json")));
    assertThat(body.get("Amount").isIntegralNumber()).isTrue();
    assertThat(body.get("Size").isTextual()).isTrue();
  }

  /**
   * §10 item 12: the documented ResponseCode is a conversation-id-like string, and that is fine.
   */
  @Test
  void generate_sampleAnswer_isASuccessDespiteItsResponseCode() {
    DynamicQrResponse qr = mpesa.qr().generate(sample().build());

    assertThat(qr.responseCode()).isEqualTo("AG_20191219_000043fdf61864fe9ff5");
    assertThat(qr.requestId()).isEqualTo("16738-27456357-1");
    assertThat(qr.responseDescription()).isEqualTo("QR Code Successfully Generated.");
    assertThat(qr.qrCode()).startsWith("iVBOR");
  }

  @Test
  void generate_sampleAnswer_decodesToPngBytes() {
    DynamicQrResponse qr = mpesa.qr().generate(sample().build());

    byte[] image = qr.imageBytes();
    assertThat(image).startsWith(PNG_SIGNATURE);
    assertThat(qr.isPng()).isTrue();
    // A fresh array each time: the response stays immutable.
    image[0] = 0;
    assertThat(qr.imageBytes()).startsWith(PNG_SIGNATURE);
  }

  @Test
  void generate_base64WithLineBreaks_isDecoded() throws Exception {
    String qrCode =
        mapper.readTree(Fixtures.read("qr/generate-response.json")).get("QRCode").textValue();
    String wrapped = qrCode.substring(0, 40) + "\r\n" + qrCode.substring(40);
    daraja.handler(
        r ->
            json(
                200,
                "{\"ResponseCode\":\"AG_1\",\"QRCode\":\""
                    + wrapped.replace("\r\n", "\\r\\n")
                    + "\"}"));

    assertThat(mpesa.qr().generate(sample().build()).imageBytes()).startsWith(PNG_SIGNATURE);
  }

  @Test
  void generate_sendMoney_sendsTheWholeMsisdnAsCpi() throws Exception {
    mpesa.qr().generate(sample().sendMoney("0708 374 149").build());

    JsonNode body = body(onlyRequest());
    assertThat(body.get("TrxCode").textValue()).isEqualTo("SM");
    assertThat(body.get("CPI").textValue()).isEqualTo("254708374149");
  }

  @Test
  void generate_eachTrxCode_sendsItsTwoLetters() throws Exception {
    mpesa.qr().generate(sample().withdrawAtAgent("123456").build());
    mpesa.qr().generate(sample().payBill("600000").build());
    mpesa.qr().generate(sample().sendToBusiness("254708374149").build());
    mpesa.qr().generate(sample().creditParty(TrxCode.BUY_GOODS, "5123456").build());

    assertThat(daraja.businessRequests())
        .extracting(r -> body(r).get("TrxCode").textValue() + ":" + body(r).get("CPI").textValue())
        .containsExactly("WA:123456", "PB:600000", "SB:254708374149", "BG:5123456");
  }

  @Test
  void generate_invalidAmountAnswer_raisesInvalidRequestKeepingTheMessage() {
    daraja.handler(r -> json(400, Fixtures.read("qr/error-invalid-amount.json")));

    assertThatThrownBy(() -> mpesa.qr().generate(sample().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.error()).isEqualTo(DarajaError.INVALID_FIELD);
              assertThat(e.errorCode()).isEqualTo("400.002.02");
              assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid Amount");
              assertThat(e.requestId()).isEqualTo("1c5b-4ba8-815c-ac45c57a3db01495926");
            });
    assertThat(daraja.businessCount()).isEqualTo(1);
  }

  /** SAFE: generating moves no money, so a server error is retried. */
  @Test
  void generate_serverErrorThenImage_isRetried() {
    AtomicInteger calls = new AtomicInteger();
    daraja.handler(
        r ->
            calls.incrementAndGet() == 1
                ? DarajaStub.error(500, "500.003.1001", "Internal Server Error")
                : json(200, Fixtures.read("qr/generate-response.json")));

    assertThat(mpesa.qr().generate(sample().build()).isPng()).isTrue();
    assertThat(daraja.businessCount()).isEqualTo(2);
  }

  @Test
  void generate_answerWithoutQrCode_isAnErrorCarryingTheDescription() {
    daraja.handler(
        r ->
            json(
                200,
                "{\"ResponseCode\":\"1\",\"RequestID\":\"r-1\","
                    + "\"ResponseDescription\":\"Invalid Merchant\"}"));

    assertThatThrownBy(() -> mpesa.qr().generate(sample().build()))
        .isInstanceOfSatisfying(
            MpesaApiException.class,
            e -> {
              assertThat(e.errorMessage()).contains("no QRCode").contains("Invalid Merchant");
              assertThat(e.errorCode()).isEqualTo("1");
              assertThat(e.requestId()).isEqualTo("r-1");
            });
  }

  @Test
  void generate_qrCodeNotBase64_isAnError() {
    daraja.handler(r -> json(200, "{\"ResponseCode\":\"AG_1\",\"QRCode\":\"iVBOR***\"}"));

    assertThatThrownBy(() -> mpesa.qr().generate(sample().build()))
        .isInstanceOf(MpesaApiException.class)
        .hasMessageContaining("not base64");
  }

  @Test
  void response_toString_doesNotDumpTheImage() {
    DynamicQrResponse qr = mpesa.qr().generate(sample().build());

    assertThat(qr.toString()).contains("base64 chars").doesNotContain("iVBOR");
  }

  @Test
  void generate_atTrace_logsNoPhoneNumberAndNoImage() {
    try (LogCapture logs = new LogCapture()) {
      mpesa.qr().generate(sample().sendMoney("254708374149").build());

      assertThat(String.join("\n", logs.lines()))
          .contains("qr.generate")
          .doesNotContain("254708374149")
          .doesNotContain("iVBOR");
    }
  }
}
