package dev.mpesa.internal.http;

/** What may be resent, per ARCHITECTURE.md "Idempotency classes". */
public enum IdempotencyClass {
  /** Read-only: token, STK query, transaction status, account balance. */
  SAFE,
  /** Moves money and has no idempotency key: resent only if provably never received. */
  MONEY,
  /** Moves money, protected by a caller key resent unchanged (B2C v3 OriginatorConversationID). */
  MONEY_KEYED,
  /** Never resent (C2B URL registration). */
  ONCE;

  /** Whether an attempt that may have reached Daraja has an unknown outcome. */
  public boolean movesMoney() {
    return this == MONEY || this == MONEY_KEYED;
  }
}
