package dev.mpesa.b2b;

/**
 * Daraja's acknowledgement of a B2B Express Checkout: the USSD prompt is on its way to the
 * merchant's till operator, nothing more. The outcome arrives later at the request's {@code
 * callbackUrl}, a flat camelCase body whose {@code requestId} is {@link #requestReferenceId()} and
 * whose {@code resultCode} is {@code 0} when paid or {@code 4001} when the operator cancelled.
 *
 * <p>A non-{@code "0"} {@code code} is never returned as an acknowledgement: the SDK raises it as
 * an error.
 *
 * @param requestReferenceId the {@code RequestRefID} the request carried (Daraja does not echo it
 *     in the acknowledgement; the SDK adds it so that the two travel together)
 * @param code Daraja's {@code code}, {@code "0"} when accepted
 * @param status Daraja's {@code status}, such as {@code "USSD Initiated Successfully"}
 */
public record B2bExpressCheckoutResponse(String requestReferenceId, String code, String status) {}
