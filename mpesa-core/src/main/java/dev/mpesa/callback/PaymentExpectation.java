package dev.mpesa.callback;

import dev.mpesa.internal.Checks;
import dev.mpesa.phone.PhoneNumber;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an integrator expects a payment to be (amount, account reference, payer's phone), checked
 * against what a callback says before value is released.
 *
 * <p>Daraja does not sign callbacks, and a customer can pay a different amount or type a different
 * account number than the order asked for. Before fulfilling, check the callback against your own
 * order:
 *
 * <pre>{@code
 * PaymentExpectation expected =
 *     PaymentExpectation.builder().amount(order.totalShillings()).build();
 * List<PaymentExpectation.Mismatch> problems = expected.check(stkCallback);
 * if (problems.isEmpty()) {
 *   fulfil(order);
 * }
 * }</pre>
 *
 * <p>{@link #check} returns every disagreement, empty when the callback matches:
 *
 * <ul>
 *   <li><b>Amount</b> (always compared) by numeric value, so {@code 1}, {@code 1.0} and {@code
 *       1.00} are equal. A callback without an amount (a failed or cancelled STK push carries none;
 *       check {@link MpesaCallback#status()} first) is a {@link Reason#MISSING} mismatch.
 *   <li><b>Account reference</b>, if expected, by the configured {@link AccountMatching}: {@link
 *       AccountMatching#EXACT} by default. A C2B {@code BillRefNumber} is typed by the customer, so
 *       case and spacing vary; choose a lenient matching there only if your account numbers stay
 *       distinct under it. STK callbacks carry no account reference: {@link #check(StkCallback)}
 *       does not compare it, because the {@code CheckoutRequestID} already ties the callback to the
 *       push, whose {@code AccountReference} you set yourself.
 *   <li><b>Phone number</b>, if expected, only when the callback carries it in clear. Daraja masks
 *       ({@code "2547 ***** 126"}) or hashes (C2B v1) the payer's number in some callbacks, leaves
 *       it out of others, and may mask it in STK callbacks in future: such a value cannot be
 *       compared and is reported as {@link Reason#UNVERIFIABLE}, not as a mismatch. Decide for
 *       yourself whether to accept a payment whose only problems are unverifiable ({@link
 *       Mismatch#isUnverifiable()}).
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. {@link #toString()} masks the phone number.
 */
public final class PaymentExpectation {

  /** Characters that may separate the digits of a clear phone number. */
  private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s\\u00A0\\-.()]");

  /**
   * A value in clear: digits only, after an optional +. Anything else (stars, letters, blank) is
   * masked, hashed or absent.
   */
  private static final Pattern CLEAR_PHONE = Pattern.compile("\\+?\\d+");

  private final BigDecimal amount;
  private final String accountReference;
  private final PhoneNumber phoneNumber;
  private final AccountMatching accountMatching;

  private PaymentExpectation(Builder builder) {
    this.amount = builder.amount;
    this.accountReference = builder.accountReference;
    this.phoneNumber = builder.phoneNumber;
    this.accountMatching = builder.accountMatching;
  }

  /** A builder; set at least the amount. */
  public static Builder builder() {
    return new Builder();
  }

  /** The amount expected, never null. */
  public BigDecimal amount() {
    return amount;
  }

  /** The account reference expected, or null if it is not checked. */
  public String accountReference() {
    return accountReference;
  }

  /** The payer's phone number expected, or null if it is not checked. */
  public PhoneNumber phoneNumber() {
    return phoneNumber;
  }

  /** How account references are compared. */
  public AccountMatching accountMatching() {
    return accountMatching;
  }

  /**
   * Checks an M-Pesa Express callback: its amount and, if expected, its phone number. The account
   * reference is not compared: STK callbacks do not carry it.
   *
   * @param callback a parsed STK callback
   * @return every mismatch, amount first; empty if the callback matches
   * @throws IllegalArgumentException if {@code callback} is null
   */
  public List<Mismatch> check(StkCallback callback) {
    Checks.required(callback, "callback");
    List<Mismatch> mismatches = new ArrayList<>(2);
    checkAmount(callback.amount(), mismatches);
    checkPhone(callback.phoneNumber(), mismatches);
    return List.copyOf(mismatches);
  }

  /**
   * Checks a C2B payment: its {@code TransAmount}, {@code BillRefNumber} (typed by the payer; see
   * the account matching modes) and {@code MSISDN} (masked or hashed numbers are unverifiable).
   *
   * @param transaction a parsed C2B confirmation (or validation request)
   * @return every mismatch in the order amount, account reference, phone number; empty if the
   *     payment matches
   * @throws IllegalArgumentException if {@code transaction} is null
   */
  public List<Mismatch> check(C2bTransaction transaction) {
    Checks.required(transaction, "transaction");
    return check(transaction.amount(), transaction.billRefNumber(), transaction.msisdn());
  }

  /**
   * Checks the values any callback carries: pass what it says, such as a C2B confirmation's {@code
   * TransAmount}, {@code BillRefNumber} and {@code MSISDN}, or a result's amount. Null means the
   * callback does not carry the value.
   *
   * @param amount the amount paid, or null
   * @param accountReference the account reference as the callback has it (untrimmed), or null;
   *     compared only if an account reference is expected, and {@link Reason#MISSING} if null or
   *     blank
   * @param phoneNumber the payer's number exactly as the callback has it (clear, masked or hashed),
   *     or null; compared only if a phone number is expected
   * @return every mismatch in the order amount, account reference, phone number; empty if the
   *     values match
   */
  public List<Mismatch> check(BigDecimal amount, String accountReference, String phoneNumber) {
    List<Mismatch> mismatches = new ArrayList<>(3);
    checkAmount(amount, mismatches);
    checkAccount(accountReference, mismatches);
    checkPhone(phoneNumber, mismatches);
    return List.copyOf(mismatches);
  }

  private void checkAmount(BigDecimal actual, List<Mismatch> mismatches) {
    String expected = amount.toPlainString();
    if (actual == null) {
      mismatches.add(new Mismatch(Field.AMOUNT, Reason.MISSING, expected, null));
    } else if (actual.compareTo(amount) != 0) {
      mismatches.add(
          new Mismatch(Field.AMOUNT, Reason.DIFFERENT, expected, actual.toPlainString()));
    }
  }

  private void checkAccount(String actual, List<Mismatch> mismatches) {
    if (accountReference == null) {
      return;
    }
    if (actual == null || AccountMatching.trim(actual).isEmpty()) {
      // Till (Buy Goods) payments and some confirmations carry an empty BillRefNumber.
      mismatches.add(
          new Mismatch(Field.ACCOUNT_REFERENCE, Reason.MISSING, accountReference, actual));
    } else if (!accountMatching.matches(accountReference, actual)) {
      mismatches.add(
          new Mismatch(Field.ACCOUNT_REFERENCE, Reason.DIFFERENT, accountReference, actual));
    }
  }

  private void checkPhone(String actual, List<Mismatch> mismatches) {
    if (phoneNumber == null) {
      return;
    }
    String expected = phoneNumber.value();
    String compact = actual == null ? "" : PHONE_SEPARATORS.matcher(actual.strip()).replaceAll("");
    if (!CLEAR_PHONE.matcher(compact).matches()) {
      // Absent, masked, hashed or otherwise not a number: nothing to compare with.
      mismatches.add(new Mismatch(Field.PHONE_NUMBER, Reason.UNVERIFIABLE, expected, actual));
      return;
    }
    PhoneNumber clear;
    try {
      clear = PhoneNumber.parse(compact);
    } catch (IllegalArgumentException e) {
      // Digits in clear that are no Kenyan mobile number cannot be the expected one.
      mismatches.add(new Mismatch(Field.PHONE_NUMBER, Reason.DIFFERENT, expected, actual));
      return;
    }
    if (!clear.equals(phoneNumber)) {
      mismatches.add(new Mismatch(Field.PHONE_NUMBER, Reason.DIFFERENT, expected, actual));
    }
  }

  /** The expectation with the phone number masked. */
  @Override
  public String toString() {
    return "PaymentExpectation[amount="
        + amount.toPlainString()
        + ", accountReference="
        + accountReference
        + ", phoneNumber="
        + phoneNumber
        + ", accountMatching="
        + accountMatching
        + "]";
  }

  /** A value a callback is checked on. */
  public enum Field {
    /** The amount paid ({@code Amount}, {@code TransAmount}, {@code TransactionAmount}...). */
    AMOUNT,
    /** The account reference ({@code BillRefNumber} in C2B). */
    ACCOUNT_REFERENCE,
    /** The payer's phone number ({@code PhoneNumber}, {@code MSISDN}). */
    PHONE_NUMBER,
    /**
     * The M-Pesa receipt number ({@code MpesaReceiptNumber}), which a successful STK callback must
     * carry; reported by {@code stk().confirm(...)}.
     */
    RECEIPT_NUMBER
  }

  /** Why a value did not match. */
  public enum Reason {
    /** The callback carries a different value. */
    DIFFERENT,
    /** The callback does not carry the value, or carries it empty. */
    MISSING,
    /**
     * The callback's value cannot be compared: a phone number that is absent, masked or hashed. Not
     * evidence of a different payer, but not a confirmation either.
     */
    UNVERIFIABLE
  }

  /** How an expected account reference is compared with the one a callback carries. */
  public enum AccountMatching {
    /** Character for character: {@code "INV-1"} matches only {@code "INV-1"}. */
    EXACT {
      @Override
      boolean matches(String expected, String actual) {
        return expected.equals(actual);
      }
    },
    /**
     * Ignoring case and leading or trailing spaces: {@code "INV-1"} matches {@code " inv-1 "}.
     * Suits references typed by customers, as C2B {@code BillRefNumber} is.
     */
    IGNORE_CASE {
      @Override
      boolean matches(String expected, String actual) {
        return trim(expected).equalsIgnoreCase(trim(actual));
      }
    },
    /**
     * Ignoring case and every space, inside too: {@code "INV 001"} matches {@code "inv001"}. The
     * most forgiving; use it only if no two of your account references differ by spaces alone.
     */
    IGNORE_CASE_AND_SPACES {
      @Override
      boolean matches(String expected, String actual) {
        return withoutSpaces(expected).equalsIgnoreCase(withoutSpaces(actual));
      }
    };

    abstract boolean matches(String expected, String actual);

    private static boolean isSpace(int c) {
      return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    static String trim(String s) {
      int start = 0;
      int end = s.length();
      while (start < end && isSpace(s.charAt(start))) {
        start++;
      }
      while (end > start && isSpace(s.charAt(end - 1))) {
        end--;
      }
      return s.substring(start, end);
    }

    private static String withoutSpaces(String s) {
      StringBuilder sb = new StringBuilder(s.length());
      s.codePoints().filter(c -> !isSpace(c)).forEach(sb::appendCodePoint);
      return sb.toString();
    }
  }

  /**
   * One way a callback disagrees with the expectation.
   *
   * <p>{@link #toString()} masks phone numbers; the accessors return the values as they are.
   *
   * @param field the value that disagrees
   * @param reason how it disagrees
   * @param expected the expected value as text (an amount in plain notation, a phone number as
   *     {@code 2547NNNNNNNN}); never null
   * @param actual the callback's value exactly as it has it (an amount in plain notation), or null
   *     if it has none
   */
  public record Mismatch(Field field, Reason reason, String expected, String actual) {

    /**
     * Validates the description.
     *
     * @throws IllegalArgumentException if {@code field}, {@code reason} or {@code expected} is null
     */
    public Mismatch {
      Checks.required(field, "field");
      Checks.required(reason, "reason");
      Checks.required(expected, "expected");
    }

    /** Whether the value could not be compared, rather than being different or missing. */
    public boolean isUnverifiable() {
      return reason == Reason.UNVERIFIABLE;
    }

    /** A description for logs, with phone numbers masked. */
    @Override
    public String toString() {
      boolean phone = field == Field.PHONE_NUMBER;
      return "Mismatch[field="
          + field
          + ", reason="
          + reason
          + ", expected="
          + (phone ? PhoneNumber.mask(expected) : expected)
          + ", actual="
          + (phone && actual != null ? PhoneNumber.mask(actual) : actual)
          + "]";
    }
  }

  /**
   * Builds a {@link PaymentExpectation}. The amount is required; the account reference and the
   * phone number are checked only if set. Not thread-safe.
   */
  public static final class Builder {
    private BigDecimal amount;
    private String accountReference;
    private PhoneNumber phoneNumber;
    private AccountMatching accountMatching = AccountMatching.EXACT;

    private Builder() {}

    /**
     * The amount expected, in whole shillings, as requested.
     *
     * @throws IllegalArgumentException if {@code shillings} is less than 1
     */
    public Builder amount(long shillings) {
      if (shillings < 1) {
        throw new IllegalArgumentException("amount must be at least 1 shilling, got " + shillings);
      }
      this.amount = BigDecimal.valueOf(shillings);
      return this;
    }

    /**
     * The amount expected, in shillings (cents allowed).
     *
     * @throws IllegalArgumentException if {@code amount} is null
     * @throws IllegalArgumentException if {@code amount} is not positive
     */
    public Builder amount(BigDecimal amount) {
      Checks.required(amount, "amount");
      if (amount.signum() <= 0) {
        throw new IllegalArgumentException(
            "amount must be positive, got " + amount.toPlainString());
      }
      this.amount = amount;
      return this;
    }

    /**
     * The account reference expected, compared as {@link #accountMatching} says; null to not check
     * it.
     *
     * @throws IllegalArgumentException if {@code accountReference} is blank
     */
    public Builder accountReference(String accountReference) {
      if (accountReference != null && accountReference.isBlank()) {
        throw new IllegalArgumentException(
            "accountReference is blank; pass null to not check the account");
      }
      this.accountReference = accountReference;
      return this;
    }

    /** The payer's phone number expected; null to not check it. */
    public Builder phoneNumber(PhoneNumber phoneNumber) {
      this.phoneNumber = phoneNumber;
      return this;
    }

    /**
     * How account references are compared; {@link AccountMatching#EXACT} unless set.
     *
     * @throws IllegalArgumentException if {@code accountMatching} is null
     */
    public Builder accountMatching(AccountMatching accountMatching) {
      this.accountMatching = Checks.required(accountMatching, "accountMatching");
      return this;
    }

    /**
     * The expectation.
     *
     * @throws IllegalStateException if no amount was set
     */
    public PaymentExpectation build() {
      if (amount == null) {
        throw new IllegalStateException("set the amount expected with amount(...)");
      }
      return new PaymentExpectation(this);
    }
  }
}
