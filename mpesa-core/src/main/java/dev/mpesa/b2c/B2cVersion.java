package dev.mpesa.b2c;

/**
 * Which Daraja B2C endpoint {@link B2cService#pay(B2cPaymentRequest)} uses; chosen per client with
 * {@code MpesaClient.builder().b2cVersion(...)}.
 *
 * <p>The Daraja portal documents only v3; some SDKs still call v1, and whether Safaricom still
 * serves it is not documented (API.md §5.6, §11). Prefer {@link #V3}: only v3 carries an {@code
 * OriginatorConversationID}, which lets the SDK retry a payment that may have reached Daraja
 * without paying twice.
 */
public enum B2cVersion {
  /**
   * Legacy {@code POST /mpesa/b2c/v1/paymentrequest}: no {@code OriginatorConversationID}, the
   * optional field spelt {@code Occasion}. A payment whose fate is unknown is never resent (the
   * request has no idempotency key).
   */
  V1("/mpesa/b2c/v1/paymentrequest"),

  /**
   * Current {@code POST /mpesa/b2c/v3/paymentrequest}, the default: carries the request's {@code
   * OriginatorConversationID}, which Daraja uses to refuse a second payment with the same id, and
   * spells the optional field {@code Occassion}.
   */
  V3("/mpesa/b2c/v3/paymentrequest");

  private final String path;

  B2cVersion(String path) {
    this.path = path;
  }

  /** The Daraja path of this version, such as {@code /mpesa/b2c/v3/paymentrequest}. */
  public String path() {
    return path;
  }
}
