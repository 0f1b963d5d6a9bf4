package dev.mpesa.billmanager;

import dev.mpesa.internal.Checks;
import dev.mpesa.phone.PhoneNumber;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Your acknowledgement of a payment Bill Manager pushed to the opt-in {@code callbackUrl}, once you
 * have reconciled it ({@link BillManagerService#reconcile}); Bill Manager then texts the customer
 * an e-receipt.
 *
 * <p>The constructor checks the documented rules: every field present; a paid amount of whole
 * shillings, at least 1; an M-Pesa transaction id (letters and digits); a Safaricom mobile number
 * (sent as {@code 07NNNNNNNN}, as Bill Manager's sample shows). Lengths follow {@link Invoice}.
 *
 * @param paymentDate {@code paymentDate}, sent as {@code yyyy-MM-dd}
 * @param paidAmount {@code paidAmount}, whole shillings
 * @param accountReference {@code accountReference}: the account number paid to
 * @param transactionId {@code transactionId}: the M-Pesa receipt of the payment
 * @param phoneNumber {@code phoneNumber}: the customer, who gets the receipt
 * @param fullName {@code fullName}: the customer's name
 * @param invoiceName {@code invoiceName}: what was billed
 * @param externalReference {@code externalReference}: your id of the invoice paid
 */
public record PaymentAcknowledgement(
    LocalDate paymentDate,
    long paidAmount,
    String accountReference,
    String transactionId,
    PhoneNumber phoneNumber,
    String fullName,
    String invoiceName,
    String externalReference) {

  /** Longest M-Pesa transaction id accepted (receipts have about 10 characters). */
  static final int MAX_TRANSACTION_ID = 20;

  private static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9]+");

  /** Validates the acknowledgement; see the class documentation for the rules. */
  public PaymentAcknowledgement {
    Checks.required(paymentDate, "paymentDate is required");
    Checks.amount("paidAmount", paidAmount, 1, Long.MAX_VALUE);
    Checks.text("accountReference", accountReference, 1, Invoice.MAX_ACCOUNT_REFERENCE);
    Checks.text("transactionId", transactionId, 1, MAX_TRANSACTION_ID);
    if (!TRANSACTION_ID.matcher(transactionId).matches()) {
      throw new IllegalArgumentException(
          "transactionId must be letters and digits (an M-Pesa receipt), got '"
              + transactionId
              + "'");
    }
    Checks.required(phoneNumber, "phoneNumber is required");
    Checks.text("fullName", fullName, 1, Invoice.MAX_TEXT);
    Checks.text("invoiceName", invoiceName, 1, Invoice.MAX_TEXT);
    Checks.text("externalReference", externalReference, 1, Invoice.MAX_TEXT);
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "PaymentAcknowledgement[paymentDate="
        + paymentDate
        + ", paidAmount="
        + paidAmount
        + ", accountReference="
        + accountReference
        + ", transactionId="
        + transactionId
        + ", phoneNumber="
        + phoneNumber.masked()
        + ", invoiceName="
        + invoiceName
        + ", externalReference="
        + externalReference
        + "]";
  }

  /** Builds a {@link PaymentAcknowledgement}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private LocalDate paymentDate;
    private long paidAmount;
    private String accountReference;
    private String transactionId;
    private PhoneNumber phoneNumber;
    private String fullName;
    private String invoiceName;
    private String externalReference;

    private Builder() {}

    /** The date of the payment. */
    public Builder paymentDate(LocalDate paymentDate) {
      this.paymentDate = paymentDate;
      return this;
    }

    /** The amount paid, whole shillings. */
    public Builder paidAmount(long paidAmount) {
      this.paidAmount = paidAmount;
      return this;
    }

    /** The account number paid to. */
    public Builder accountReference(String accountReference) {
      this.accountReference = accountReference;
      return this;
    }

    /** The M-Pesa receipt of the payment. */
    public Builder transactionId(String transactionId) {
      this.transactionId = transactionId;
      return this;
    }

    /**
     * The customer's phone in any common Kenyan form.
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder phoneNumber(String phoneNumber) {
      this.phoneNumber = Checks.phone(phoneNumber);
      return this;
    }

    /** The customer's name. */
    public Builder fullName(String fullName) {
      this.fullName = fullName;
      return this;
    }

    /** What was billed. */
    public Builder invoiceName(String invoiceName) {
      this.invoiceName = invoiceName;
      return this;
    }

    /** Your id of the invoice paid. */
    public Builder externalReference(String externalReference) {
      this.externalReference = externalReference;
      return this;
    }

    /**
     * Builds the acknowledgement.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public PaymentAcknowledgement build() {
      return new PaymentAcknowledgement(
          paymentDate,
          paidAmount,
          accountReference,
          transactionId,
          phoneNumber,
          fullName,
          invoiceName,
          externalReference);
    }
  }
}
