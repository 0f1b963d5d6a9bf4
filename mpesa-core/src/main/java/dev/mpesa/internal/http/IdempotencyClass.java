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

  /**
   * Whether the operation changes something at Daraja (moves money, registers URLs): its body is
   * one-shot, OkHttp never resends it by itself, and an attempt that may have reached Daraja
   * without a usable answer has an unknown outcome.
   */
  public boolean hasEffects() {
    return this != SAFE;
  }
}
