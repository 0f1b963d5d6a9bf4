/**
 * Business to customer: {@link dev.mpesa.b2c.B2cService} pays a customer's M-Pesa wallet (B2C,
 * {@code /mpesa/b2c/v3/paymentrequest} by default, the legacy v1 path by configuration), pays a
 * customer's Pochi la Biashara wallet (B2Pochi), and tops up a B2C short code's utility account
 * (B2C Account Top Up, {@code BusinessPayToBulk}).
 *
 * <p>Every operation is asynchronous: the call returns a {@link dev.mpesa.result.Acknowledgement}
 * and the outcome arrives later at the request's {@code ResultURL} (or {@code QueueTimeOutURL});
 * {@link dev.mpesa.callback.Callbacks#parseResult(String)} parses it ({@link
 * dev.mpesa.callback.B2cPaymentResult} reads its parameters) and {@link dev.mpesa.result.B2cResult}
 * its {@code ResultCode}.
 */
package dev.mpesa.b2c;
