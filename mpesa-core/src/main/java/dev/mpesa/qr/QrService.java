package dev.mpesa.qr;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.ClientContext;
import dev.mpesa.internal.http.ErrorClassifier;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.result.DarajaError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic QR: generates M-Pesa QR codes that customers scan to pay.
 *
 * <p>Obtain it from {@code MpesaClient.qr()}. Needs no initiator and no short code settings.
 * Thread-safe.
 */
public final class QrService {
  private static final Logger log = LoggerFactory.getLogger(QrService.class);

  /** Generating a code moves no money (the customer pays later, in the app), so it is SAFE. */
  static final Operation GENERATE =
      new Operation("qr.generate", "/mpesa/qrcode/v1/generate", IdempotencyClass.SAFE, "qr");

  private final ClientContext context;

  /**
   * Used by {@code MpesaClient}; obtain the service from {@code MpesaClient.qr()}.
   *
   * @param context the client's shared context
   */
  @SuppressWarnings("exports") // ClientContext is internal: only MpesaClient can call this
  public QrService(ClientContext context) {
    this.context = Checks.required(context, "context");
  }

  /**
   * Generates a QR code.
   *
   * <p>Synchronous: the image comes back in the answer. Success is detected by the image, not by
   * {@code ResponseCode}: Daraja documents a conversation-id-like string there instead of {@code
   * "0"} (API.md §10 item 12), so a 2xx answer whose {@code QRCode} is non-empty base64 is a
   * success, whatever its {@code ResponseCode}, and a 2xx answer without it is an error that
   * carries Daraja's {@code ResponseCode} and {@code ResponseDescription}. Error answers (4xx, 5xx)
   * are classified as for every API. Generating moves no money, so the SDK retries it on network
   * failures, timeouts and throttling.
   *
   * @param request what the code pays, to whom, and its size
   * @return the code; {@link DynamicQrResponse#imageBytes()} gives the PNG
   * @throws InvalidRequestException if Daraja rejects a field
   * @throws AuthenticationException if Daraja refuses the app's credentials or product
   * @throws MpesaApiException if the answer has no usable image
   * @throws MpesaException for any other failure
   */
  public DynamicQrResponse generate(DynamicQrRequest request) {
    Checks.required(request, "request");
    QrBody body =
        new QrBody(
            request.merchantName(),
            request.referenceNumber(),
            request.amount(),
            request.trxCode().code(),
            request.wireCreditParty(),
            Integer.toString(request.size()));
    Map<String, String> references = new LinkedHashMap<>();
    references.put("referenceNumber", request.referenceNumber());
    references.put("amount", Long.toString(request.amount()));
    references.put("trxCode", request.trxCode().code());
    DynamicQrResponse response =
        context.transport().post(GENERATE, body, DynamicQrResponse.class, references);
    byte[] image = image(response);
    log.debug(
        "qr.generate: RequestID {}, ResponseCode {}, {} image bytes, TrxCode {}",
        response.requestId(),
        response.responseCode(),
        image.length,
        request.trxCode().code());
    return response;
  }

  /** The decoded image, or the error an answer without one is. */
  private static byte[] image(DynamicQrResponse response) {
    String description = response.responseDescription();
    if (response.qrCode() == null || response.qrCode().isBlank()) {
      DarajaError error =
          description == null
              ? DarajaError.UNKNOWN
              : ErrorClassifier.classify(GENERATE, 200, null, description, true);
      throw ErrorClassifier.toException(
          GENERATE.name(),
          200,
          response.responseCode(),
          "the answer has no QRCode" + (description == null ? "" : ": " + description),
          response.requestId(),
          error,
          null);
    }
    byte[] image;
    try {
      image = response.imageBytes();
    } catch (IllegalStateException e) {
      throw new MpesaApiException(
          GENERATE.name(),
          200,
          response.responseCode(),
          "the answer's QRCode is not base64",
          response.requestId(),
          DarajaError.UNKNOWN,
          e);
    }
    if (image.length == 0) {
      throw new MpesaApiException(
          GENERATE.name(),
          200,
          response.responseCode(),
          "the answer's QRCode is empty",
          response.requestId(),
          DarajaError.UNKNOWN,
          null);
    }
    return image;
  }

  /** The wire body: {@code Amount} a JSON number and {@code Size} a string, as API.md shows. */
  @JsonPropertyOrder({"MerchantName", "RefNo", "Amount", "TrxCode", "CPI", "Size"})
  record QrBody(
      @JsonProperty("MerchantName") String merchantName,
      @JsonProperty("RefNo") String refNo,
      @JsonProperty("Amount") long amount,
      @JsonProperty("TrxCode") String trxCode,
      @JsonProperty("CPI") String cpi,
      @JsonProperty("Size") String size) {
    @Override
    public String toString() {
      return "QrBody[redacted]";
    }
  }
}
