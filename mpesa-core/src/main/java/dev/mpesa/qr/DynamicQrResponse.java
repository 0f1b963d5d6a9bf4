package dev.mpesa.qr;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A generated dynamic QR code (API.md §5.14). Daraja answers at once; there is no callback.
 *
 * <p>Success is the presence of the image: {@link QrService#generate} returns a response only when
 * {@code QRCode} holds non-empty base64. {@code ResponseCode} is not checked: unlike every other
 * Daraja API, the documented answer carries a conversation-id-like string there ({@code
 * AG_20191219_...}), not {@code "0"} (API.md §10 item 12).
 *
 * @param responseCode {@code ResponseCode} as Daraja sent it (a conversation-id-like string, not a
 *     status)
 * @param requestId {@code RequestID}
 * @param responseDescription {@code ResponseDescription}, such as "QR Code Successfully Generated."
 * @param qrCode {@code QRCode}: the image, base64 (a PNG starts {@code iVBOR})
 */
public record DynamicQrResponse(
    @JsonProperty("ResponseCode") String responseCode,
    @JsonProperty("RequestID") String requestId,
    @JsonProperty("ResponseDescription") String responseDescription,
    @JsonProperty("QRCode") String qrCode) {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /**
   * The decoded image: PNG bytes, ready to write to a file or an HTTP response. A new array on each
   * call.
   *
   * @throws IllegalStateException if {@code QRCode} is missing or not base64 (never for a response
   *     returned by {@link QrService#generate})
   */
  public byte[] imageBytes() {
    if (qrCode == null || qrCode.isBlank()) {
      throw new IllegalStateException("the answer has no QRCode");
    }
    try {
      // Line breaks from a wrapping encoder are not part of the data.
      return Base64.getDecoder().decode(WHITESPACE.matcher(qrCode).replaceAll(""));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("QRCode is not base64: " + e.getMessage(), e);
    }
  }

  /** Whether the image is a PNG (it starts with the PNG signature), as Daraja documents. */
  public boolean isPng() {
    try {
      byte[] bytes = imageBytes();
      return bytes.length >= PNG_SIGNATURE.length
          && Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
    } catch (IllegalStateException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "DynamicQrResponse[responseCode="
        + responseCode
        + ", requestId="
        + requestId
        + ", responseDescription="
        + responseDescription
        + ", qrCode="
        + (qrCode == null ? "null" : qrCode.length() + " base64 chars")
        + "]";
  }
}
