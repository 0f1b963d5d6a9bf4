package dev.mpesa.pull;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.phone.PhoneNumber;
import java.net.URI;

/**
 * A one-time Pull Transactions registration of a short code.
 *
 * <p>Build with {@link #builder()}. The constructor checks what Daraja documents: a short code of 5
 * to 8 digits, a Kenyan mobile nominated number, and an absolute http(s) callback URL without
 * surrounding spaces. The client adds the production rules (https, a host reachable from the
 * internet) before sending.
 *
 * @param shortCode the short code whose C2B payments will be queried ({@code ShortCode})
 * @param nominatedNumber the phone number on the short code's KYC in the M-Pesa org portal ({@code
 *     NominatedNumber})
 * @param callbackUrl Daraja's {@code CallBackURL}
 */
public record PullRegisterRequest(String shortCode, PhoneNumber nominatedNumber, URI callbackUrl) {

  /** Validates the request; see the class documentation for the rules. */
  public PullRegisterRequest {
    Checks.digits("shortCode", shortCode, 5, 8);
    Checks.required(nominatedNumber, "nominatedNumber is required");
    Checks.callbackUrl("callbackUrl", callbackUrl);
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return Redaction.describe(this);
  }

  /** Builds a {@link PullRegisterRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String shortCode;
    private PhoneNumber nominatedNumber;
    private URI callbackUrl;

    private Builder() {}

    /** The short code to register, 5 to 8 digits. */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /**
     * The phone number on the short code's KYC, in any common Kenyan form.
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder nominatedNumber(String nominatedNumber) {
      this.nominatedNumber = Checks.phone(nominatedNumber);
      return this;
    }

    /**
     * Daraja's {@code CallBackURL}.
     *
     * @throws IllegalArgumentException if it is not a URL or has spaces around it
     */
    public Builder callbackUrl(String callbackUrl) {
      this.callbackUrl = Checks.callbackUrl("callbackUrl", callbackUrl);
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public PullRegisterRequest build() {
      return new PullRegisterRequest(shortCode, nominatedNumber, callbackUrl);
    }
  }
}
