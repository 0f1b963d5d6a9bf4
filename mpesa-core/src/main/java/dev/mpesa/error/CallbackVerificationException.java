package dev.mpesa.error;

import dev.mpesa.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * A callback URL token did not verify: the request did not come through a URL that {@link
 * dev.mpesa.security.CallbackUrlSigner} minted, or it came too late. Answer the request with an
 * error status, do not act on its body, and keep the body for investigation.
 *
 * <p>The message says what was wrong without quoting the token or the URL.
 */
public class CallbackVerificationException extends MpesaException {
  private static final long serialVersionUID = 1L;

  /** Why a token was rejected. */
  public enum Reason {
    /**
     * Not a token at all: null, empty, too short or too long, characters outside the token
     * alphabet, a non-canonical encoding, or an unknown token version.
     */
    MALFORMED,
    /**
     * Shaped like a token, but its MAC matches none of the signer's keys: the reference or the time
     * was changed, the token was made up, or it was signed with a key the signer no longer holds.
     */
    TAMPERED,
    /** Genuine, but issued longer ago than the signer's tolerance. */
    EXPIRED,
    /** Genuine, but issued later than now plus the allowed clock skew. */
    FROM_THE_FUTURE
  }

  private final Reason reason;
  private final String reference;
  private final Instant issuedAt;

  /**
   * Creates the exception (the SDK's signer does; integrators only catch it).
   *
   * @param reason why verification failed
   * @param message what was wrong, without quoting the token
   * @param reference the genuine token's reference when only its time is wrong, else null
   * @param issuedAt the genuine token's issue time when only its time is wrong, else null
   */
  CallbackVerificationException(Reason reason, String message, String reference, Instant issuedAt) {
    super("callback.verify", message, null);
    this.reason = Checks.required(reason, "reason");
    this.reference = reference;
    this.issuedAt = issuedAt;
  }

  /** Why the token was rejected. */
  public Reason reason() {
    return reason;
  }

  /**
   * The reference of a genuine token that is outside the time window ({@link Reason#EXPIRED},
   * {@link Reason#FROM_THE_FUTURE}); empty for the other reasons, where nothing in the token can be
   * trusted. A late callback for a genuine reference is worth a status query to reconcile the
   * order; it is not a reason to fulfil it.
   */
  public Optional<String> reference() {
    return Optional.ofNullable(reference);
  }

  /** When a genuine token outside the time window was issued; empty for the other reasons. */
  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  @Override
  protected String troubleshootingAnchor() {
    return "callback-verification";
  }

  @Override
  protected String advice() {
    return "The callback URL's token is missing, forged, expired or for another payment: answer 403 and"
        + " settle nothing; a genuine payment can still be confirmed with a status query.";
  }
}
