package dev.mpesa.qr;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.http.Acceptance;
import dev.mpesa.internal.http.Endpoint;
import dev.mpesa.internal.http.Endpoint.Outgoing;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.internal.http.Pipeline;
import dev.mpesa.internal.http.Services;

/**
 * Dynamic QR: generates M-Pesa QR codes that customers scan to pay.
 *
 * <p>Obtain it from {@code MpesaClient.qr()}. Needs no initiator and no short code settings.
 * Thread-safe.
 */
public final class QrService {
  /** Generating a code moves no money (the customer pays later, in the app), so it is SAFE. */
  static final Operation GENERATE =
      new Operation("qr.generate", "/mpesa/qrcode/v1/generate", IdempotencyClass.SAFE, "qr");

  private static final Endpoint<DynamicQrRequest, DynamicQrResponse, DynamicQrResponse>
      GENERATE_SPEC =
          Endpoint.of(
              GENERATE,
              (context, r) ->
                  Outgoing.body(
                          new QrBody(
                              r.merchantName(),
                              r.referenceNumber(),
                              r.amount(),
                              r.trxCode().code(),
                              r.wireCreditParty(),
                              Integer.toString(r.size())))
                      .ref("referenceNumber", r.referenceNumber())
                      .ref("amount", Long.toString(r.amount()))
                      .ref("trxCode", r.trxCode().code()),
              DynamicQrResponse.class,
              Acceptance.<DynamicQrRequest, DynamicQrResponse>present(
                      "QRCode",
                      DynamicQrResponse::qrCode,
                      DynamicQrResponse::responseCode,
                      DynamicQrResponse::responseDescription,
                      DynamicQrResponse::requestId)
                  .then(QrService::decodable),
              r -> "RequestID " + r.requestId() + ", ResponseCode " + r.responseCode());

  private final Pipeline pipeline;

  static {
    Services.register(QrService.class, QrService::new);
  }

  /** Made by {@code MpesaClient}; obtain the service from it. */
  QrService(Pipeline pipeline) {
    this.pipeline = Checks.required(pipeline, "pipeline");
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
    return pipeline.call(GENERATE_SPEC, request);
  }

  /** The image must be non-empty base64. */
  private static DynamicQrResponse decodable(
      DynamicQrRequest request, DynamicQrResponse response, Acceptance.Verdict verdict) {
    byte[] image;
    try {
      image = response.imageBytes();
    } catch (IllegalStateException e) {
      throw verdict.unreadable(
          response.responseCode(), "the answer's QRCode is not base64", response.requestId(), e);
    }
    if (image.length == 0) {
      throw verdict.unreadable(
          response.responseCode(), "the answer's QRCode is empty", response.requestId());
    }
    return response;
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
