package dev.mpesa.security;

import dev.mpesa.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * The client reference carried by a callback URL token that {@link CallbackUrlSigner#verify}
 * accepted, and when that URL was minted. Only the signer creates one, so holding a {@code
 * VerifiedReference} means the token was checked.
 *
 * <p>A verified reference proves that the callback was sent to a URL you minted for that reference
 * within the tolerance window; it does not prove that Safaricom sent the body. Match the amount and
 * account against your order and confirm money with a status query before releasing value.
 * Immutable.
 */
public final class VerifiedReference {
  private final String reference;
  private final Instant issuedAt;

  VerifiedReference(String reference, Instant issuedAt) {
    this.reference = Checks.required(reference, "reference");
    this.issuedAt = Checks.required(issuedAt, "issuedAt");
  }

  /** The reference given to {@link CallbackUrlSigner#sign}, such as your order id. */
  public String reference() {
    return reference;
  }

  /** When the URL was signed, to the second. */
  public Instant issuedAt() {
    return issuedAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifiedReference v
        && reference.equals(v.reference)
        && issuedAt.equals(v.issuedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(reference, issuedAt);
  }

  @Override
  public String toString() {
    return "VerifiedReference[reference=" + reference + ", issuedAt=" + issuedAt + "]";
  }
}
