package dev.mpesa.billmanager;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.phone.PhoneNumber;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The details of a biller in Bill Manager: used to opt a short code in ({@link
 * BillManagerService#optIn}) and to change them later ({@link BillManagerService#updateOptIn}).
 *
 * <p>Bill Manager puts the email address and phone number on the invoices and receipts it sends,
 * and pushes every payment to the short code to {@code callbackUrl}. The constructor checks the
 * documented rules: a short code of digits (documented as 5 to 6; tills reach 7), an email address,
 * a Safaricom mobile number, an absolute http(s) callback URL; the client adds https and a public
 * host in production.
 *
 * @param shortCode {@code shortcode}: the PayBill (or till) to opt in
 * @param email {@code email}: the biller's official email address
 * @param officialContact {@code officialContact}: the biller's official phone, sent as {@code
 *     07NNNNNNNN}
 * @param sendReminders {@code sendReminders}: whether customers get SMS reminders 7 and 3 days
 *     before, and on, the due date (sent as {@code "1"} / {@code "0"})
 * @param logo {@code logo}: the image put on invoices and receipts, optional (null omits it). Bill
 *     Manager's documentation does not say how the image is encoded in the JSON; the SDK sends the
 *     text you give unchanged
 * @param callbackUrl {@code callbackUrl}: where Bill Manager pushes payments
 */
public record OptInRequest(
    String shortCode,
    String email,
    PhoneNumber officialContact,
    boolean sendReminders,
    String logo,
    URI callbackUrl) {

  /** Longest email address (RFC 5321). */
  static final int MAX_EMAIL = 254;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

  /** Validates the details; see the class documentation for the rules. */
  public OptInRequest {
    Checks.digits("shortCode", shortCode, 5, 7);
    Checks.text("email", email, 3, MAX_EMAIL);
    if (!EMAIL.matcher(email).matches()) {
      throw new IllegalArgumentException("email is not an email address: '" + email + "'");
    }
    Checks.required(officialContact, "officialContact is required");
    Checks.optionalText("logo", logo, 1, Integer.MAX_VALUE);
    Checks.callbackUrl("callbackUrl", callbackUrl);
  }

  /** A builder with no fields set; reminders default to on. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return Redaction.describe(this);
  }

  /** Builds an {@link OptInRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String shortCode;
    private String email;
    private PhoneNumber officialContact;
    private boolean sendReminders = true;
    private String logo;
    private URI callbackUrl;

    private Builder() {}

    /** The PayBill (or till) to opt in: digits. */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /** The biller's official email address, shown to customers. */
    public Builder email(String email) {
      this.email = email;
      return this;
    }

    /**
     * The biller's official phone in any common Kenyan form, shown to customers.
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder officialContact(String officialContact) {
      this.officialContact = Checks.phone(officialContact);
      return this;
    }

    /** Whether Bill Manager sends payment reminders by SMS; default true. */
    public Builder sendReminders(boolean sendReminders) {
      this.sendReminders = sendReminders;
      return this;
    }

    /** The logo image for invoices and receipts, sent unchanged; optional. */
    public Builder logo(String logo) {
      this.logo = logo;
      return this;
    }

    /**
     * Where Bill Manager pushes payments.
     *
     * @throws IllegalArgumentException if it is not a URL, or has spaces around it
     */
    public Builder callbackUrl(String callbackUrl) {
      this.callbackUrl = Checks.callbackUrl("callbackUrl", callbackUrl);
      return this;
    }

    /**
     * Builds the details.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public OptInRequest build() {
      return new OptInRequest(shortCode, email, officialContact, sendReminders, logo, callbackUrl);
    }
  }
}
