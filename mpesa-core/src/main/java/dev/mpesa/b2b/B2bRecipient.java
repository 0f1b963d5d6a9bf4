package dev.mpesa.b2b;

import dev.mpesa.internal.Checks;

/**
 * Who receives a {@link B2bPaymentRequest}: another business's PayBill, with the account to credit,
 * or a merchant's till. The kind of recipient decides the {@code CommandID} ({@code
 * BusinessPayBill} or {@code BusinessBuyGoods}), so a PayBill payment cannot be sent as Buy Goods,
 * nor the other way round. Build one through the request's builder ({@link
 * B2bPaymentRequest.Builder#payBill(String, String)}, {@link
 * B2bPaymentRequest.Builder#buyGoods(String)}) or with {@link #payBill(String, String)} and {@link
 * #buyGoods(String, String)}.
 */
public sealed interface B2bRecipient {

  /** The short code (PayBill) or till that receives the money, Daraja's {@code PartyB}. */
  String partyB();

  /** {@code AccountReference}: required for a PayBill, optional (null) for a till. */
  String accountReference();

  /**
   * A PayBill and the account to credit there.
   *
   * @param payBill the PayBill, 5 to 7 digits
   * @param accountReference {@code AccountReference}, 1 to 13 characters
   * @throws IllegalArgumentException if either is missing or out of its limits
   */
  static PayBill payBill(String payBill, String accountReference) {
    return new PayBill(payBill, accountReference);
  }

  /**
   * A till, store number or head-office number.
   *
   * @param till 5 to 8 digits
   * @param accountReference {@code AccountReference}, 1 to 13 characters, or null to omit it
   * @throws IllegalArgumentException if the till is missing or either is out of its limits
   */
  static Till buyGoods(String till, String accountReference) {
    return new Till(till, accountReference);
  }

  /**
   * Business Pay Bill: another business's PayBill ({@code CommandID BusinessPayBill}).
   *
   * @param partyB the PayBill, 5 to 7 digits
   * @param accountReference the account at that PayBill, 1 to 13 characters; required
   */
  record PayBill(String partyB, String accountReference) implements B2bRecipient {
    /** Validates both fields. */
    public PayBill {
      Checks.digits("payBill", partyB, B2bService.MIN_SHORT_CODE, B2bService.MAX_SHORT_CODE);
      Checks.text("accountReference", accountReference, 1, B2bService.MAX_ACCOUNT_REFERENCE);
    }
  }

  /**
   * Business Buy Goods: a merchant's till, store or head-office number ({@code CommandID
   * BusinessBuyGoods}).
   *
   * @param partyB the till, 5 to 8 digits
   * @param accountReference {@code AccountReference}, 1 to 13 characters, or null to omit it
   */
  record Till(String partyB, String accountReference) implements B2bRecipient {
    /** Validates both fields. */
    public Till {
      Checks.digits("till", partyB, B2bService.MIN_SHORT_CODE, B2bService.MAX_TILL);
      Checks.optionalText(
          "accountReference", accountReference, 1, B2bService.MAX_ACCOUNT_REFERENCE);
    }
  }
}
