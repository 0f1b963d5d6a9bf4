package dev.mpesa.c2b;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.phone.PhoneNumber;

/**
 * A simulated customer payment into a short code: sandbox only, to exercise the registered C2B
 * URLs.
 *
 * <p>Build with {@link #builder()}. A PayBill payment ({@code CustomerPayBillOnline}) carries the
 * account number the customer typed ({@code BillRefNumber}); a Buy Goods payment ({@code
 * CustomerBuyGoodsOnline}) into a till has none, so the two cannot be mixed up.
 *
 * <p>The constructor checks Daraja's documented limits: a short code of 5 to 8 digits, a whole
 * number of shillings from 1 to 250,000 (M-Pesa's per-transaction limit), a {@code BillRefNumber}
 * of 1 to 20 characters for a PayBill and none for a till.
 *
 * @param shortCode the PayBill or till that receives the payment ({@code ShortCode})
 * @param amount whole shillings ({@code Amount})
 * @param phoneNumber the paying customer ({@code Msisdn}); in the sandbox, the test number {@code
 *     254708374149}
 * @param billRefNumber the account number for a PayBill ({@code BillRefNumber}); null for a till
 * @param buyGoods whether this pays a till ({@code CustomerBuyGoodsOnline}) rather than a PayBill
 */
public record C2bSimulateRequest(
    String shortCode,
    long amount,
    PhoneNumber phoneNumber,
    String billRefNumber,
    boolean buyGoods) {

  /** Smallest amount, in shillings. */
  static final long MIN_AMOUNT = 1;

  /** Largest amount of one M-Pesa payment, in shillings (API.md §9.4). */
  static final long MAX_AMOUNT = 250_000;

  /** Longest {@code BillRefNumber} M-Pesa carries. */
  static final int MAX_BILL_REF_NUMBER = 20;

  /** Validates the request; see the class documentation for the rules. */
  public C2bSimulateRequest {
    Checks.digits(
        "shortCode",
        shortCode,
        C2bRegisterUrlRequest.MIN_SHORT_CODE,
        C2bRegisterUrlRequest.MAX_SHORT_CODE);
    Checks.amount("amount", amount, MIN_AMOUNT, MAX_AMOUNT);
    Checks.required(phoneNumber, "phoneNumber is required");
    if (buyGoods) {
      if (billRefNumber != null) {
        throw new IllegalArgumentException(
            "billRefNumber is for PayBill payments only; a Buy Goods (till) payment has none");
      }
    } else {
      Checks.required(
          billRefNumber,
          "billRefNumber is required for a PayBill payment (or call buyGoods() for a till)");
      Checks.text("billRefNumber", billRefNumber, 1, MAX_BILL_REF_NUMBER);
    }
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code CustomerBuyGoodsOnline} for a till, {@code CustomerPayBillOnline} otherwise. */
  public String commandId() {
    return buyGoods ? "CustomerBuyGoodsOnline" : "CustomerPayBillOnline";
  }

  @Override
  public String toString() {
    return Redaction.describe(this);
  }

  /** Builds a {@link C2bSimulateRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String shortCode;
    private long amount;
    private PhoneNumber phoneNumber;
    private String billRefNumber;
    private boolean buyGoods;

    private Builder() {}

    /** The PayBill or till that receives the payment, 5 to 8 digits. */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /** Whole shillings, 1 to 250,000. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /**
     * The paying customer's phone in any common Kenyan form.
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder phoneNumber(String phoneNumber) {
      this.phoneNumber = Checks.phone(phoneNumber);
      return this;
    }

    /**
     * A PayBill payment ({@code CustomerPayBillOnline}) with the account number the customer types.
     *
     * @param billRefNumber {@code BillRefNumber}, 1 to 20 characters
     */
    public Builder billRefNumber(String billRefNumber) {
      this.billRefNumber = billRefNumber;
      this.buyGoods = false;
      return this;
    }

    /** A Buy Goods payment into a till ({@code CustomerBuyGoodsOnline}), without account number. */
    public Builder buyGoods() {
      this.billRefNumber = null;
      this.buyGoods = true;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public C2bSimulateRequest build() {
      return new C2bSimulateRequest(shortCode, amount, phoneNumber, billRefNumber, buyGoods);
    }
  }
}
