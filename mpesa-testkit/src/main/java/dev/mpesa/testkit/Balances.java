package dev.mpesa.testkit;

import java.math.BigDecimal;
import java.util.function.Supplier;

/**
 * The accounts of each short code, worked out from the ledger so that every desk's payments count
 * without the desks knowing of each other: every short code opens with {@link #OPENING_UTILITY} in
 * its Utility account and {@link #OPENING_WORKING} in its Working account, then
 *
 * <ul>
 *   <li>M-Pesa Express and C2B payments credit the receiving short code's Utility account (where
 *       paybill payments land, API.md §5.11);
 *   <li>B2C and B2Pochi payments debit the paying short code's Utility account (§5.6);
 *   <li>B2B payments, top-ups and tax debit the paying short code's Working account (§5.8) and
 *       credit the receiving short code's Utility account;
 *   <li>reversals debit the Utility account of the short code that had received the payment.
 * </ul>
 *
 * <p>Simplifications: no tariffs (Charges Paid stays 0.00), no Float, Merchant or Organization
 * Settlement movements, no reserved or uncleared amounts, and till payments land in Utility too.
 *
 * <p>Thread-safe: a debit checks the balance and records its ledger entry under one lock, so two
 * payments cannot both spend the same money. Credits go straight to the ledger; they only raise
 * balances.
 */
final class Balances {
  /** What every short code's Utility account holds before any payment. */
  static final BigDecimal OPENING_UTILITY = new BigDecimal("1000000.00");

  /** What every short code's Working account holds before any payment. */
  static final BigDecimal OPENING_WORKING = new BigDecimal("500000.00");

  private static final BigDecimal ZERO = new BigDecimal("0.00");

  /** The accounts a payment can be paid from. */
  enum Account {
    UTILITY("Utility Account"),
    WORKING("Working Account");

    final String displayName;

    Account(String displayName) {
      this.displayName = displayName;
    }
  }

  /**
   * One short code's accounts at a moment.
   *
   * @param working the Working (MMF) account
   * @param utility the Utility account
   * @param chargesPaid the Charges Paid account (always 0.00: the fake charges no fees)
   */
  record Snapshot(BigDecimal working, BigDecimal utility, BigDecimal chargesPaid) {
    BigDecimal of(Account account) {
      return account == Account.UTILITY ? utility : working;
    }

    /**
     * The {@code AccountBalance} string of an Account Balance result: accounts joined by {@code &},
     * each {@code name|currency|current|available|reserved|uncleared} (API.md §5.11).
     */
    String accountBalance() {
      return String.join(
          "&",
          account("Working Account", working),
          account("Float Account", ZERO),
          account("Utility Account", utility),
          account("Charges Paid Account", chargesPaid),
          account("Organization Settlement Account", ZERO));
    }

    /** One account in the pipe format: nothing reserved or uncleared, so current = available. */
    static String account(String name, BigDecimal amount) {
      String value = amount.toPlainString();
      return name + "|KES|" + value + "|" + value + "|0.00|0.00";
    }
  }

  private final Ledger ledger;

  Balances(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The accounts of {@code shortCode} now. */
  Snapshot of(String shortCode) {
    BigDecimal working = OPENING_WORKING;
    BigDecimal utility = OPENING_UTILITY;
    for (Ledger.Entry e : ledger.all()) {
      BigDecimal amount = e.amount();
      boolean credited = shortCode.equals(e.creditParty());
      boolean debited = shortCode.equals(e.debitParty());
      switch (e.kind()) {
        case STK, C2B -> {
          if (credited) {
            utility = utility.add(amount);
          }
        }
        case B2C, REVERSAL -> {
          if (debited) {
            utility = utility.subtract(amount);
          }
        }
        case B2B, TAX -> {
          if (debited) {
            working = working.subtract(amount);
          }
          if (credited) {
            utility = utility.add(amount);
          }
        }
        default -> {
          // Kinds other desks may add later move no money in these accounts.
        }
      }
    }
    return new Snapshot(working, utility, ZERO);
  }

  /**
   * Pays {@code amount} out of {@code account} of {@code shortCode} if it holds that much: records
   * the entry {@code entry} makes and returns the accounts after. Returns {@code null}, recording
   * nothing, when the money is not there.
   */
  synchronized Snapshot debit(
      String shortCode, Account account, BigDecimal amount, Supplier<Ledger.Entry> entry) {
    if (of(shortCode).of(account).compareTo(amount) < 0) {
      return null;
    }
    ledger.add(entry.get());
    return of(shortCode);
  }

  /**
   * Pays {@code entry} out of {@code account} of its debit party: {@link #debit} for its amount.
   */
  Snapshot debit(Account account, Ledger.Entry entry) {
    return debit(entry.debitParty(), account, entry.amount(), () -> entry);
  }
}
