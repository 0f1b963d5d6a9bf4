package dev.mpesa.ratiba;

/**
 * Which spelling of the Ratiba {@code TransactionType} the client sends.
 *
 * <p>The sources disagree (API.md §5.15, §11): the current Daraja portal and most SDKs send {@code
 * "Standing Order Customer Pay Bill"} / {@code "Standing Order Customer Pay Merchant"}; a 2026 SDK
 * that claims to follow a newer portal sends {@code "Standing Order Pay Bill External Third Party"}
 * / {@code "Standing Order Pay Merchant External Third Party"}. {@link #DARAJA_PORTAL} is the
 * default; choose the other with {@link RatibaSettings.Builder#transactionTypeNaming} if Daraja
 * answers that the transaction type is invalid.
 */
public enum TransactionTypeNaming {
  /** {@code Standing Order Customer Pay Bill} and {@code Standing Order Customer Pay Merchant}. */
  DARAJA_PORTAL("Standing Order Customer Pay Bill", "Standing Order Customer Pay Merchant"),
  /**
   * {@code Standing Order Pay Bill External Third Party} and {@code Standing Order Pay Merchant
   * External Third Party} (single source).
   */
  EXTERNAL_THIRD_PARTY(
      "Standing Order Pay Bill External Third Party",
      "Standing Order Pay Merchant External Third Party");

  private final String payBill;
  private final String buyGoods;

  TransactionTypeNaming(String payBill, String buyGoods) {
    this.payBill = payBill;
    this.buyGoods = buyGoods;
  }

  /**
   * The {@code TransactionType} for a standing order to a till ({@code buyGoods}) or a PayBill.
   *
   * @param buyGoods whether the receiver is a till (Buy Goods) rather than a PayBill
   * @return the wire string
   */
  public String transactionType(boolean buyGoods) {
    return buyGoods ? this.buyGoods : payBill;
  }
}
