package dev.mpesa.billmanager;

import dev.mpesa.internal.Checks;

/**
 * One line of an invoice ({@code invoiceItems}): shown on the e-invoice, informational only. Bill
 * Manager does not require the lines to add up to the invoice's amount.
 *
 * @param name {@code itemName}, 1 to 100 characters
 * @param amount {@code amount}, whole shillings, at least 1
 */
public record InvoiceItem(String name, long amount) {

  /** Validates the line. */
  public InvoiceItem {
    Checks.text("itemName", name, 1, Invoice.MAX_TEXT);
    Checks.amount("item amount", amount, 1, Long.MAX_VALUE);
  }

  /**
   * A line of an invoice.
   *
   * @throws IllegalArgumentException if a field is missing or wrong
   */
  public static InvoiceItem of(String name, long amount) {
    return new InvoiceItem(name, amount);
  }
}
