package dev.mpesa.ratiba;

/**
 * How often a standing order pays ({@code Frequency}).
 *
 * <p>The sources disagree on the codes (API.md §5.15, §11). The current Daraja portal documents
 * {@code 1} one-off, {@code 2} daily, {@code 3} weekly, {@code 4} monthly, {@code 5} bi-monthly,
 * {@code 6} quarterly, {@code 7} half-yearly and {@code 8} yearly, and {@link #portalCode()} holds
 * those. Another source numbers them {@code 1} to {@code 9} with a bi-weekly code {@code 4} and
 * monthly as {@code 5}. If your contract with Safaricom uses other codes, map them with {@link
 * RatibaSettings.Builder#frequencyCode(Frequency, String)}; {@link #BI_WEEKLY} has no portal code
 * and can be sent only with such a mapping.
 */
public enum Frequency {
  /** Pays once, on the start date. */
  ONE_OFF("1"),
  /** Pays every day. */
  DAILY("2"),
  /** Pays every week. */
  WEEKLY("3"),
  /** Pays every two weeks; the portal documents no code for it, so it needs a mapping. */
  BI_WEEKLY(null),
  /** Pays every month. */
  MONTHLY("4"),
  /** The portal's "Bi-Monthly". */
  BI_MONTHLY("5"),
  /** Pays every three months. */
  QUARTERLY("6"),
  /** Pays every six months. */
  HALF_YEARLY("7"),
  /** Pays every year. */
  YEARLY("8");

  private final String portalCode;

  Frequency(String portalCode) {
    this.portalCode = portalCode;
  }

  /**
   * The {@code Frequency} code the current Daraja portal documents, or null for {@link #BI_WEEKLY},
   * which it does not list.
   */
  public String portalCode() {
    return portalCode;
  }
}
