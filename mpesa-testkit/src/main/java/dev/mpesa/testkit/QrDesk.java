package dev.mpesa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * Dynamic QR (API.md §5.14): synchronous, no callback. The answer carries, like Daraja's sample, a
 * conversation-id-like {@code ResponseCode} and a {@code QRCode} that is a Base64 PNG of {@code
 * Size} pixels square; the picture looks like a QR code but is not scannable (see {@link QrImage}).
 *
 * <p>Checks: {@code MerchantName} and {@code RefNo} present (at most {@value #MAX_TEXT}
 * characters), {@code Amount} a whole 1 to 250,000, {@code TrxCode} one of {@code BG}, {@code WA},
 * {@code PB}, {@code SM}, {@code SB}; {@code CPI} a till, agent or PayBill number of 5 to 9 digits,
 * or a mobile number ({@code 2547...}) for {@code SM} and {@code SB}; {@code Size} 1 to {@value
 * #MAX_SIZE} pixels, as a string or a number. Daraja documents no limits for the texts and the
 * size: those bounds are the fake's.
 */
final class QrDesk {
  static final String GENERATE = "/mpesa/qrcode/v1/generate";

  static final int MAX_TEXT = 200;
  static final int MAX_SIZE = 2000;
  static final long MAX_AMOUNT = 250_000;

  private final Backend backend;

  QrDesk(Backend backend) {
    this.backend = backend;
  }

  void install(Routes routes) {
    routes.post(GENERATE, TokenError.NOT_FOUND, this::generate);
  }

  private JsonNode generate(Exchange ex) {
    String merchant = ex.required("MerchantName", MAX_TEXT);
    String refNo = ex.required("RefNo", MAX_TEXT);
    long amount = ex.amount("Amount", 1, MAX_AMOUNT);
    String trxCode = ex.oneOf("TrxCode", "BG", "WA", "PB", "SM", "SB");
    String cpi =
        trxCode.equals("SM") || trxCode.equals("SB") ? ex.phone("CPI") : ex.digits("CPI", 5, 9);
    String sizeText = ex.digits("Size", 1, 4);
    int size = Integer.parseInt(sizeText);
    if (size < 1 || size > MAX_SIZE) {
      throw Rejection.invalid("Size");
    }
    String payload = String.join("|", merchant, refNo, Long.toString(amount), trxCode, cpi);
    ObjectNode answer = Wire.object();
    // Daraja's sample has a conversation id here, not "0" (API.md §10 #12).
    answer.put("ResponseCode", backend.ids.conversationId(backend.now()));
    answer.put("RequestID", backend.ids.merchantRequestId());
    answer.put("ResponseDescription", "QR Code Successfully Generated.");
    answer.put("QRCode", Base64.getEncoder().encodeToString(QrImage.png(payload, size)));
    return answer;
  }
}
