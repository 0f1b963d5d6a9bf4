package dev.mpesa.c2b;

/**
 * Which C2B API version a client calls: {@code /mpesa/c2b/v1/...} or {@code /mpesa/c2b/v2/...}.
 *
 * <p>The requests are identical; the versions differ in the callbacks M-Pesa later sends to the
 * registered URLs: v1 carries the customer's number as a SHA-256 hash, v2 masked ({@code "2547
 * ***** 126"}). Neither gives the full number. Set it with {@code
 * MpesaClient.builder().c2bVersion(...)}; the default is {@link #V2}, the version the Daraja portal
 * documents today.
 */
public enum C2bVersion {
  /** {@code /mpesa/c2b/v1/registerurl} and {@code /mpesa/c2b/v1/simulate}: hashed MSISDN. */
  V1,
  /** {@code /mpesa/c2b/v2/registerurl} and {@code /mpesa/c2b/v2/simulate}: masked MSISDN. */
  V2
}
