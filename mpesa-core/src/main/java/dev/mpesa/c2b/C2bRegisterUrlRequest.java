package dev.mpesa.c2b;

import dev.mpesa.internal.CallbackUrls;
import dev.mpesa.internal.Checks;
import java.net.URI;

/**
 * A C2B URL registration: where M-Pesa sends the confirmation (and, if enabled, the validation) of
 * every payment into a short code.
 *
 * <p>Build with {@link #builder()}. The constructor checks the URL rules of Daraja (API.md §9.2)
 * that hold in every environment, so a registration Daraja would refuse cannot be built: each URL
 * is an absolute http(s) URL without surrounding spaces, and contains none of the words {@code
 * M-PESA}, {@code mpesa}, {@code Safaricom}, {@code exe}, {@code exec}, {@code cmd}, {@code sql},
 * {@code query} in any case (anywhere in the URL, path and query string included). The client adds
 * the production rules (https, a host reachable from the internet) before sending.
 *
 * @param shortCode the PayBill or till (head-office or store) number whose payments are reported
 *     ({@code ShortCode}), 5 to 8 digits
 * @param responseType what M-Pesa does when the validation URL does not answer ({@code
 *     ResponseType})
 * @param confirmationUrl receives every completed payment ({@code ConfirmationURL})
 * @param validationUrl asked to accept or reject each payment, only if Safaricom has enabled
 *     external validation for the short code ({@code ValidationURL})
 */
public record C2bRegisterUrlRequest(
    String shortCode, ResponseType responseType, URI confirmationUrl, URI validationUrl) {

  /** Fewest digits of a short code. */
  static final int MIN_SHORT_CODE = 5;

  /** Most digits of a short code (store and till numbers included). */
  static final int MAX_SHORT_CODE = 8;

  /** Validates the request; see the class documentation for the rules. */
  public C2bRegisterUrlRequest {
    Checks.digits("shortCode", shortCode, MIN_SHORT_CODE, MAX_SHORT_CODE);
    Checks.required(responseType, "responseType is required");
    checkUrl("confirmationUrl", confirmationUrl);
    checkUrl("validationUrl", validationUrl);
  }

  private static void checkUrl(String field, URI url) {
    Checks.callbackUrl(field, url);
    CallbackUrls.refuseBannedWords(field, url);
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Prints the URLs as scheme and host only: their paths may carry a secret token. */
  @Override
  public String toString() {
    return "C2bRegisterUrlRequest[shortCode="
        + shortCode
        + ", responseType="
        + responseType.wireValue()
        + ", confirmationUrl="
        + outline(confirmationUrl)
        + ", validationUrl="
        + outline(validationUrl)
        + "]";
  }

  private static String outline(URI url) {
    return url.getScheme() + "://" + url.getHost() + "/...";
  }

  /** Builds a {@link C2bRegisterUrlRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String shortCode;
    private ResponseType responseType;
    private URI confirmationUrl;
    private URI validationUrl;

    private Builder() {}

    /** The PayBill or till (head-office or store) number, 5 to 8 digits. */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /** What M-Pesa does when the validation URL does not answer in time. Required. */
    public Builder responseType(ResponseType responseType) {
      this.responseType = responseType;
      return this;
    }

    /**
     * The response type in Daraja's spelling.
     *
     * @param responseType exactly {@code "Completed"} or {@code "Cancelled"}
     * @throws IllegalArgumentException for any other string, another casing included
     */
    public Builder responseType(String responseType) {
      this.responseType = ResponseType.of(responseType);
      return this;
    }

    /**
     * The URL that receives completed payments.
     *
     * @throws IllegalArgumentException if it is not a URL or has spaces around it
     */
    public Builder confirmationUrl(String confirmationUrl) {
      this.confirmationUrl = Checks.callbackUrl("confirmationUrl", confirmationUrl);
      return this;
    }

    /**
     * The URL asked to accept or reject each payment (used only if external validation is enabled
     * for the short code).
     *
     * @throws IllegalArgumentException if it is not a URL or has spaces around it
     */
    public Builder validationUrl(String validationUrl) {
      this.validationUrl = Checks.callbackUrl("validationUrl", validationUrl);
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public C2bRegisterUrlRequest build() {
      return new C2bRegisterUrlRequest(shortCode, responseType, confirmationUrl, validationUrl);
    }
  }
}
