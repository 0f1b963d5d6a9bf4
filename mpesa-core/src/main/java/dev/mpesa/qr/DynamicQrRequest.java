package dev.mpesa.qr;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.phone.PhoneNumber;

/**
 * A request for a dynamic M-Pesa QR code (API.md §5.14): a square PNG that a customer scans in the
 * M-Pesa or My Safaricom app to pay a set amount to a till, PayBill, agent, phone or business.
 *
 * <p>Build with {@link #builder()}. Name what the code does and to whom with one of {@link
 * Builder#buyGoods(String)}, {@link Builder#withdrawAtAgent(String)}, {@link
 * Builder#payBill(String)}, {@link Builder#sendMoney(String)} or {@link
 * Builder#sendToBusiness(String)} (or {@link Builder#creditParty(TrxCode, String)}), so that the
 * {@code TrxCode} and the {@code CPI} cannot disagree; the last call wins.
 *
 * <p>The constructor checks: amount a whole number of shillings from 1 to 250,000 (M-Pesa's largest
 * single transaction); a till, agent or PayBill number of 5 to 9 digits; a Kenyan mobile number for
 * {@code SM} and {@code SB}; merchant name and reference 1 to 100 characters without surrounding
 * spaces; a size of 50 to 1,000 pixels. Daraja documents no limits for the texts and the size:
 * those bounds are the SDK's, so that a code stays scannable and its answer small.
 *
 * @param merchantName the name shown to the customer ({@code MerchantName})
 * @param referenceNumber your reference for the sale, such as an invoice number ({@code RefNo})
 * @param amount whole shillings ({@code Amount}, sent as a JSON number)
 * @param trxCode what the customer does ({@code TrxCode})
 * @param creditParty the till, agent till or PayBill ({@code CPI}); null for {@code SM} and {@code
 *     SB}
 * @param creditPhoneNumber the phone number ({@code CPI}) for {@code SM} and {@code SB}; else null
 * @param size the side of the square image in pixels ({@code Size}, sent as a string)
 */
public record DynamicQrRequest(
    String merchantName,
    String referenceNumber,
    long amount,
    TrxCode trxCode,
    String creditParty,
    PhoneNumber creditPhoneNumber,
    int size) {

  /** The largest amount M-Pesa moves in one customer transaction, KES 250,000. */
  static final long MAX_AMOUNT = 250_000;

  /** Longest merchant name and reference the SDK sends. */
  static final int MAX_TEXT = 100;

  /** Smallest image side the SDK asks for, in pixels. */
  static final int MIN_SIZE = 50;

  /** Largest image side the SDK asks for, in pixels. */
  static final int MAX_SIZE = 1000;

  /** The image side used when none is set: Daraja's sample, 300 pixels. */
  public static final int DEFAULT_SIZE = 300;

  /** Validates the request; see the class documentation for the rules. */
  public DynamicQrRequest {
    Checks.text("merchantName", merchantName, 1, MAX_TEXT);
    Checks.text("referenceNumber", referenceNumber, 1, MAX_TEXT);
    Checks.amount("amount", amount, 1, MAX_AMOUNT);
    Checks.required(
        trxCode,
        "trxCode is required: call buyGoods, withdrawAtAgent, payBill, sendMoney or"
            + " sendToBusiness");
    if (trxCode.takesPhoneNumber()) {
      Checks.required(creditPhoneNumber, "creditPhoneNumber is required for " + trxCode);
      if (creditParty != null) {
        throw new IllegalArgumentException(
            "creditParty must be null for " + trxCode + ", whose CPI is a phone number");
      }
    } else {
      Checks.digits("creditParty", creditParty, 5, 9);
      if (creditPhoneNumber != null) {
        throw new IllegalArgumentException(
            "creditPhoneNumber must be null for " + trxCode + ", whose CPI is a till or PayBill");
      }
    }
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "size must be " + MIN_SIZE + " to " + MAX_SIZE + " pixels, got " + size);
    }
  }

  /** A builder with the default size and no other field set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code CPI} as sent: the till or PayBill, or the whole phone number. */
  String wireCreditParty() {
    return creditPhoneNumber != null ? creditPhoneNumber.value() : creditParty;
  }

  @Override
  public String toString() {
    return Redaction.describe(this);
  }

  /** Builds a {@link DynamicQrRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String merchantName;
    private String referenceNumber;
    private long amount;
    private TrxCode trxCode;
    private String creditParty;
    private PhoneNumber creditPhoneNumber;
    private int size = DEFAULT_SIZE;

    private Builder() {}

    /** The name shown to the customer ({@code MerchantName}). Required. */
    public Builder merchantName(String merchantName) {
      this.merchantName = merchantName;
      return this;
    }

    /** Your reference for the sale ({@code RefNo}), such as an invoice number. Required. */
    public Builder referenceNumber(String referenceNumber) {
      this.referenceNumber = referenceNumber;
      return this;
    }

    /** Whole shillings, 1 to 250,000. Required. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** The side of the square image in pixels, 50 to 1000; default 300. */
    public Builder size(int size) {
      this.size = size;
      return this;
    }

    /** Pay the merchant's till ({@code BG}). */
    public Builder buyGoods(String tillNumber) {
      return organisation(TrxCode.BUY_GOODS, tillNumber);
    }

    /** Withdraw cash at the agent's till ({@code WA}). */
    public Builder withdrawAtAgent(String agentTillNumber) {
      return organisation(TrxCode.WITHDRAW_AT_AGENT, agentTillNumber);
    }

    /** Pay the PayBill or business number ({@code PB}). */
    public Builder payBill(String payBillNumber) {
      return organisation(TrxCode.PAY_BILL, payBillNumber);
    }

    /**
     * Send money to a phone ({@code SM}).
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder sendMoney(String phoneNumber) {
      return phone(TrxCode.SEND_MONEY, PhoneNumber.parse(phoneNumber));
    }

    /**
     * Send to a business whose number is in phone-number form ({@code SB}).
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder sendToBusiness(String businessPhoneNumber) {
      return phone(TrxCode.SEND_TO_BUSINESS, PhoneNumber.parse(businessPhoneNumber));
    }

    /**
     * Sets the {@code TrxCode} and {@code CPI} together, for callers that hold the code as data: a
     * phone number for {@code SM} and {@code SB}, a till or PayBill otherwise.
     *
     * @throws IllegalArgumentException if the code wants a phone number and {@code cpi} is not one
     */
    public Builder creditParty(TrxCode trxCode, String cpi) {
      Checks.required(trxCode, "trxCode");
      return trxCode.takesPhoneNumber()
          ? phone(trxCode, PhoneNumber.parse(cpi))
          : organisation(trxCode, cpi);
    }

    private Builder organisation(TrxCode code, String number) {
      this.trxCode = code;
      this.creditParty = Checks.required(number, "creditParty");
      this.creditPhoneNumber = null;
      return this;
    }

    private Builder phone(TrxCode code, PhoneNumber phoneNumber) {
      this.trxCode = code;
      this.creditPhoneNumber = Checks.required(phoneNumber, "creditPhoneNumber");
      this.creditParty = null;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public DynamicQrRequest build() {
      return new DynamicQrRequest(
          merchantName, referenceNumber, amount, trxCode, creditParty, creditPhoneNumber, size);
    }
  }
}
