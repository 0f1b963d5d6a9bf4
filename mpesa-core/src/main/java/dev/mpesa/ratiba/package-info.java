/**
 * M-Pesa Ratiba (standing orders): {@link dev.mpesa.ratiba.RatibaService} asks Daraja to create a
 * recurring payment from a customer to a PayBill or till. The customer confirms with a PIN prompt;
 * the outcome arrives later at the request's {@code CallBackURL}.
 *
 * <p>Where Daraja's sources disagree (the {@code TransactionType} strings, the {@code Frequency}
 * codes), the SDK sends the form of the current Daraja portal by default and lets {@link
 * dev.mpesa.ratiba.RatibaSettings} change it.
 */
package dev.mpesa.ratiba;
