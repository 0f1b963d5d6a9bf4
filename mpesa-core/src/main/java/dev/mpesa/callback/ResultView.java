package dev.mpesa.callback;

/**
 * A typed view of one {@link ResultCallback} (the {@code Result} envelope Daraja POSTs to a
 * request's {@code ResultURL}): {@link B2cPaymentResult}, {@link B2bPaymentResult}, {@link
 * TaxRemittanceResult}, {@link TransactionStatusResult}, {@link TransactionReversalResult} and
 * {@link AccountBalanceResult}. Its key and body are the envelope's, so a view de-duplicates and
 * stores like the callback it reads.
 */
public interface ResultView extends MpesaCallback {

  /** The result envelope this view reads. */
  ResultCallback callback();

  /** The envelope's key: see {@link ResultCallback#idempotencyKey()}. */
  @Override
  default String idempotencyKey() {
    return callback().idempotencyKey();
  }

  /** The body as received. */
  @Override
  default String rawJson() {
    return callback().rawJson();
  }
}
