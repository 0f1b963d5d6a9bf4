package dev.mpesa.b2c;

/**
 * The kind of B2C payment, sent as {@code CommandID} (API.md §4.5). Daraja may charge and notify
 * differently per kind; the short code must be allowed to use the one chosen.
 */
public enum B2cCommand {
  /**
   * {@code SalaryPayment}: a salary. Daraja no longer supports paying unregistered numbers with it.
   */
  SALARY_PAYMENT("SalaryPayment"),

  /** {@code BusinessPayment}: an ordinary business payment, to registered customers only. */
  BUSINESS_PAYMENT("BusinessPayment"),

  /** {@code PromotionPayment}: a promotional payment; the customer gets a congratulatory SMS. */
  PROMOTION_PAYMENT("PromotionPayment"),

  /**
   * {@code BusinessPayToPochi}: B2Pochi, a payment into the customer's Pochi la Biashara wallet
   * (API.md §5.7). Sent to Daraja's B2Pochi endpoint with the B2C v3 body and its {@code
   * OriginatorConversationID}, whatever {@link B2cService#version()} says.
   */
  BUSINESS_PAY_TO_POCHI("BusinessPayToPochi");

  private final String wireValue;

  B2cCommand(String wireValue) {
    this.wireValue = wireValue;
  }

  /** The {@code CommandID} as Daraja spells it, such as {@code BusinessPayment}. */
  public String wireValue() {
    return wireValue;
  }
}
