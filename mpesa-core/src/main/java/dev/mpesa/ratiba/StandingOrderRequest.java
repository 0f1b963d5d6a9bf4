package dev.mpesa.ratiba;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.phone.PhoneNumber;
import java.net.URI;
import java.time.LocalDate;

/**
 * An M-Pesa Ratiba request: a standing order by which a customer pays a PayBill or a till the same
 * amount at a regular {@link Frequency} between two dates.
 *
 * <p>Build with {@link #builder()}. Pays into the client's short code as a PayBill unless {@link
 * Builder#payBill(String)} names another PayBill or {@link Builder#buyGoods(String)} names a till;
 * the {@code ReceiverPartyIdentifierType} ({@code "4"} PayBill, {@code "2"} till) and the {@code
 * TransactionType} follow from that choice, so they cannot contradict each other.
 *
 * <p>The constructor checks Daraja's documented limits, so a request that Daraja would reject for
 * its shape cannot be built: amount a whole number of shillings from 1 to 250,000 (the M-Pesa
 * per-transaction limit, charged at every run); {@code AccountReference} 1 to 12 characters; {@code
 * TransactionDesc} 1 to 13; an end date not before the start date; an absolute http(s) callback
 * URL. The standing order's name must be unique per customer (Daraja answers {@code 1050}
 * otherwise); no maximum length is documented, and the SDK refuses names over 100 characters as a
 * likely mistake. The client adds the rules that depend on its settings and clock (a start date not
 * in the past in Nairobi, https and a public callback host in production) before sending.
 *
 * @param name {@code StandingOrderName}, unique per customer
 * @param startDate first payment date ({@code StartDate}, sent as {@code yyyyMMdd})
 * @param endDate last date on which the order may pay ({@code EndDate}, {@code yyyyMMdd})
 * @param amount whole shillings per payment ({@code Amount})
 * @param phoneNumber the paying customer ({@code PartyA}), who gets the PIN prompt
 * @param callbackUrl where Daraja POSTs the outcome ({@code CallBackURL})
 * @param accountReference {@code AccountReference}, 1-12 characters
 * @param description {@code TransactionDesc}, 1-13 characters
 * @param frequency how often it pays ({@code Frequency}, coded by the client's {@link
 *     RatibaSettings})
 * @param receiverShortCode the PayBill or till paid ({@code BusinessShortCode}); null for the
 *     client's short code (PayBill only)
 * @param buyGoods whether {@code receiverShortCode} is a till (Buy Goods) rather than a PayBill
 * @param customStandingOrderId {@code CustomStoId}, your own id for the order, sent only when set
 *     (single source: one SDK sends it with the {@link TransactionTypeNaming#EXTERNAL_THIRD_PARTY}
 *     names; the portal does not document it)
 */
public record StandingOrderRequest(
    String name,
    LocalDate startDate,
    LocalDate endDate,
    long amount,
    PhoneNumber phoneNumber,
    URI callbackUrl,
    String accountReference,
    String description,
    Frequency frequency,
    String receiverShortCode,
    boolean buyGoods,
    String customStandingOrderId) {

  /** The largest amount per payment: M-Pesa's per-transaction limit, KES 250,000. */
  static final long MAX_AMOUNT = 250_000;

  /** Longest {@code AccountReference} Daraja accepts. */
  static final int MAX_ACCOUNT_REFERENCE = 12;

  /** Longest {@code TransactionDesc} Daraja accepts. */
  static final int MAX_DESCRIPTION = 13;

  /** Longest {@code StandingOrderName} the SDK sends (Daraja documents no limit). */
  static final int MAX_NAME = 100;

  /** Longest {@code CustomStoId} the SDK sends (a UUID has 36 characters). */
  static final int MAX_CUSTOM_ID = 64;

  /** Validates the request; see the class documentation for the rules. */
  public StandingOrderRequest {
    Checks.text("standingOrderName", name, 1, MAX_NAME);
    Checks.required(startDate, "startDate is required");
    Checks.required(endDate, "endDate is required");
    if (endDate.isBefore(startDate)) {
      throw new IllegalArgumentException(
          "endDate " + endDate + " is before startDate " + startDate);
    }
    Checks.amount("amount", amount, 1, MAX_AMOUNT);
    Checks.required(phoneNumber, "phoneNumber is required");
    Checks.callbackUrl("callbackUrl", callbackUrl);
    Checks.text("accountReference", accountReference, 1, MAX_ACCOUNT_REFERENCE);
    Checks.text("description", description, 1, MAX_DESCRIPTION);
    Checks.required(frequency, "frequency is required");
    if (receiverShortCode != null) {
      Checks.digits(buyGoods ? "tillNumber" : "shortCode", receiverShortCode, 5, 8);
    } else if (buyGoods) {
      throw new IllegalArgumentException("tillNumber is required for a Buy Goods standing order");
    }
    Checks.optionalText("customStandingOrderId", customStandingOrderId, 1, MAX_CUSTOM_ID);
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code ReceiverPartyIdentifierType}: {@code "2"} for a till, {@code "4"} for a PayBill. */
  public String receiverIdentifierType() {
    return buyGoods ? "2" : "4";
  }

  @Override
  public String toString() {
    return Redaction.describe(this);
  }

  /** Builds a {@link StandingOrderRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String name;
    private LocalDate startDate;
    private LocalDate endDate;
    private long amount;
    private PhoneNumber phoneNumber;
    private URI callbackUrl;
    private String accountReference;
    private String description;
    private Frequency frequency;
    private String receiverShortCode;
    private boolean buyGoods;
    private String customStandingOrderId;

    private Builder() {}

    /** {@code StandingOrderName}: unique per customer, shown to them. */
    public Builder standingOrderName(String name) {
      this.name = name;
      return this;
    }

    /** The first payment date. */
    public Builder startDate(LocalDate startDate) {
      this.startDate = startDate;
      return this;
    }

    /** The last date on which the order may pay; not before the start date. */
    public Builder endDate(LocalDate endDate) {
      this.endDate = endDate;
      return this;
    }

    /** Whole shillings per payment, 1 to 250,000. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /**
     * The paying customer's phone in any common Kenyan form ({@code 0712 345 678}, {@code
     * +254...}).
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder phoneNumber(String phoneNumber) {
      this.phoneNumber = Checks.phone(phoneNumber);
      return this;
    }

    /**
     * Where Daraja POSTs the outcome.
     *
     * @throws IllegalArgumentException if it is not a URL, or has spaces around it
     */
    public Builder callbackUrl(String callbackUrl) {
      this.callbackUrl = Checks.callbackUrl("callbackUrl", callbackUrl);
      return this;
    }

    /** {@code AccountReference}: 1 to 12 characters, the account the customer pays. */
    public Builder accountReference(String accountReference) {
      this.accountReference = accountReference;
      return this;
    }

    /** {@code TransactionDesc}: 1 to 13 characters. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** How often the order pays. */
    public Builder frequency(Frequency frequency) {
      this.frequency = frequency;
      return this;
    }

    /** Pays the client's short code as a PayBill; the default. */
    public Builder payBill() {
      this.receiverShortCode = null;
      this.buyGoods = false;
      return this;
    }

    /** Pays the PayBill {@code shortCode} (5 to 8 digits) instead of the client's short code. */
    public Builder payBill(String shortCode) {
      this.receiverShortCode = Checks.required(shortCode, "shortCode");
      this.buyGoods = false;
      return this;
    }

    /** Pays the till {@code tillNumber} (Buy Goods, 5 to 8 digits). */
    public Builder buyGoods(String tillNumber) {
      this.receiverShortCode = Checks.required(tillNumber, "tillNumber");
      this.buyGoods = true;
      return this;
    }

    /** {@code CustomStoId}: your own id for the order (single source; sent only when set). */
    public Builder customStandingOrderId(String customStandingOrderId) {
      this.customStandingOrderId = customStandingOrderId;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public StandingOrderRequest build() {
      return new StandingOrderRequest(
          name,
          startDate,
          endDate,
          amount,
          phoneNumber,
          callbackUrl,
          accountReference,
          description,
          frequency,
          receiverShortCode,
          buyGoods,
          customStandingOrderId);
    }
  }
}
