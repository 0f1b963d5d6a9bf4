package dev.mpesa.billmanager;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.Redaction;
import dev.mpesa.phone.PhoneNumber;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A Bill Manager e-invoice: Bill Manager texts it to {@code billedPhoneNumber}, and the customer
 * pays to the biller's PayBill with {@code accountReference} as the account number.
 *
 * <p>The constructor checks the documented rules: every field present; a Safaricom mobile number
 * (sent as {@code 07NNNNNNNN}, as Bill Manager's samples show); an amount of whole shillings, at
 * least 1; a billed period as month and year; a due date. {@code accountReference} is at most 20
 * characters, the length of the account number M-Pesa passes on with a PayBill payment ({@code
 * BillRefNumber}): a longer one could never be matched to a payment. Bill Manager documents no
 * other lengths; the SDK refuses free text over 100 characters as a likely mistake (the text goes
 * into an SMS).
 *
 * @param externalReference {@code externalReference}: your unique id of the invoice, used to cancel
 *     it and in reconciliation
 * @param billedFullName {@code billedFullName}: the customer's name, in the SMS
 * @param billedPhoneNumber {@code billedPhoneNumber}: the Safaricom number that gets the SMS
 * @param billedPeriod {@code billedPeriod}, sent as {@code "August 2021"}
 * @param invoiceName {@code invoiceName}: what is billed, in the SMS
 * @param dueDate {@code dueDate}, sent as {@code yyyy-MM-dd}; reminders go 7 and 3 days before and
 *     on it
 * @param accountReference {@code accountReference}: the account number the customer pays to
 * @param amount {@code amount}: the total, whole shillings
 * @param items {@code invoiceItems}: optional lines; empty omits the field
 */
public record Invoice(
    String externalReference,
    String billedFullName,
    PhoneNumber billedPhoneNumber,
    YearMonth billedPeriod,
    String invoiceName,
    LocalDate dueDate,
    String accountReference,
    long amount,
    List<InvoiceItem> items) {

  /** Longest free text the SDK sends in a Bill Manager field (no limit is documented). */
  static final int MAX_TEXT = 100;

  /** Longest {@code accountReference}: an M-Pesa PayBill account number ({@code BillRefNumber}). */
  static final int MAX_ACCOUNT_REFERENCE = 20;

  /** Validates the invoice; see the class documentation for the rules. */
  public Invoice {
    Checks.text("externalReference", externalReference, 1, MAX_TEXT);
    Checks.text("billedFullName", billedFullName, 1, MAX_TEXT);
    Checks.required(billedPhoneNumber, "billedPhoneNumber is required");
    Checks.required(billedPeriod, "billedPeriod is required");
    Checks.text("invoiceName", invoiceName, 1, MAX_TEXT);
    Checks.required(dueDate, "dueDate is required");
    Checks.text("accountReference", accountReference, 1, MAX_ACCOUNT_REFERENCE);
    Checks.amount("amount", amount, 1, Long.MAX_VALUE);
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** A builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return Redaction.describe(this);
  }

  /** Builds an {@link Invoice}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String externalReference;
    private String billedFullName;
    private PhoneNumber billedPhoneNumber;
    private YearMonth billedPeriod;
    private String invoiceName;
    private LocalDate dueDate;
    private String accountReference;
    private long amount;
    private final List<InvoiceItem> items = new ArrayList<>();

    private Builder() {}

    /** Your unique id of the invoice. */
    public Builder externalReference(String externalReference) {
      this.externalReference = externalReference;
      return this;
    }

    /** The customer's name. */
    public Builder billedFullName(String billedFullName) {
      this.billedFullName = billedFullName;
      return this;
    }

    /**
     * The Safaricom number that gets the invoice, in any common Kenyan form.
     *
     * @throws IllegalArgumentException if it is not a Kenyan mobile number
     */
    public Builder billedPhoneNumber(String billedPhoneNumber) {
      this.billedPhoneNumber = Checks.phone(billedPhoneNumber);
      return this;
    }

    /** The month billed. */
    public Builder billedPeriod(YearMonth billedPeriod) {
      this.billedPeriod = billedPeriod;
      return this;
    }

    /** What is billed, shown in the SMS. */
    public Builder invoiceName(String invoiceName) {
      this.invoiceName = invoiceName;
      return this;
    }

    /** When payment is due. */
    public Builder dueDate(LocalDate dueDate) {
      this.dueDate = dueDate;
      return this;
    }

    /** The account number the customer pays to, at most 20 characters. */
    public Builder accountReference(String accountReference) {
      this.accountReference = accountReference;
      return this;
    }

    /** The total in whole shillings, at least 1. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** Adds a line shown on the invoice. */
    public Builder item(String name, long amount) {
      items.add(InvoiceItem.of(name, amount));
      return this;
    }

    /** Adds a line shown on the invoice. */
    public Builder item(InvoiceItem item) {
      items.add(Checks.required(item, "item"));
      return this;
    }

    /**
     * Builds the invoice.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public Invoice build() {
      return new Invoice(
          externalReference,
          billedFullName,
          billedPhoneNumber,
          billedPeriod,
          invoiceName,
          dueDate,
          accountReference,
          amount,
          items);
    }
  }
}
