package dev.mpesa.result;

/**
 * What a synchronous Daraja error means, after the SDK has read its {@code errorCode}, its {@code
 * errorMessage} and the operation it answered (API.md §6).
 *
 * <p>Daraja overloads codes: {@code 500.001.1001} means "Wrong credentials", "Merchant does not
 * exist", "Unable to lock subscriber" or "The transaction is being processed" depending on the
 * message, and rate limiting arrives as HTTP 500. The HTTP status alone is never enough.
 */
public enum DarajaError {
  /**
   * OAuth refused the consumer key and secret ({@code 400.008.01}, {@code 400.008.02}, 400/401).
   */
  BAD_CONSUMER_CREDENTIALS(
      false,
      "Check the consumer key and secret of your Daraja app, and that they belong to this"
          + " environment (sandbox keys do not work on production)."),
  /**
   * The access token was not accepted ({@code 404.001.03}, {@code 400.003.01}, {@code 401.002.01},
   * {@code 401.003.01}, {@code 401.001}). The SDK refreshes the token and replays once by itself.
   */
  INVALID_ACCESS_TOKEN(
      false,
      "Daraja rejected a freshly issued access token. Likely causes: the API product is not enabled"
          + " for this app on the Daraja portal, the keys belong to the other environment (sandbox"
          + " keys on production), or another process using the same consumer key keeps"
          + " requesting new tokens (share one TokenStore)."),
  /** "Invalid API call as no apiproduct match found": the app lacks this API product. */
  PRODUCT_NOT_ENABLED(
      false,
      "Enable this API product for your app on the Daraja portal (My Apps); in the sandbox, tick"
          + " both \"Lipa Na M-Pesa Sandbox\" and \"M-Pesa Sandbox\"."),
  /**
   * A field was rejected ({@code 400.002.02 Bad Request - Invalid <Field>}, {@code 400.002.05}).
   */
  INVALID_FIELD(
      false,
      "Daraja rejected a field of the request (its name is in the error message); fix the request,"
          + " do not resend it unchanged."),
  /** Wrong path or method ({@code 404.001.01}, {@code 404.001.04}, {@code 405.001}...). */
  WRONG_ENDPOINT(
      false,
      "Daraja does not know this path or method: check the baseUrl setting (no extra path) and"
          + " that a proxy in between does not rewrite requests."),
  /**
   * {@code 500.001.1001 Wrong credentials}: password, passkey, short code or timestamp mismatch.
   */
  WRONG_CREDENTIALS(
      false,
      "Daraja could not verify the STK password: check that the passkey belongs to this short code"
          + " and environment (the production passkey arrives by email after go-live)."),
  /**
   * {@code 500.001.1001 Merchant does not exist}: the short code is unknown to this environment.
   */
  MERCHANT_NOT_FOUND(
      false,
      "Daraja does not know this short code here: use the short code your passkey was issued for"
          + " (for tills, the head-office or store number) and the matching environment."),
  /** {@code 500.001.1001 Unable to lock subscriber}: the customer has another session open. */
  SUBSCRIBER_BUSY(
      false,
      "The customer already has an M-Pesa session open; nothing was charged. Ask them to close it"
          + " and try again after at least 60 seconds."),
  /** {@code 500.001.1001 The transaction is being processed}: an STK query while still pending. */
  TRANSACTION_PENDING(false, "The customer has not finished yet; query again later."),
  /** {@code 500.001.1001 The transaction does not exist}: an STK query for an unknown id. */
  TRANSACTION_NOT_FOUND(
      false,
      "Daraja does not know this CheckoutRequestID: check it came from a push made with this short"
          + " code and environment. Right after a push this can be transient."),
  /** {@code 500.002.1001 Duplicate OriginatorConversationID}: the request was seen before. */
  DUPLICATE_REQUEST(
      false,
      "Daraja has already accepted a request with this id: query its status instead of resending."),
  /**
   * {@code 500.003.1001 Urls are already registered} (production C2B URLs are one-time), or
   * "Duplicate notification info" (URLs left on the older broker platform).
   */
  URLS_ALREADY_REGISTERED(
      false,
      "C2B URLs are registered once in production: delete them on the Daraja portal (Self"
          + " Services, URL Management) before registering new ones; for \"Duplicate notification"
          + " info\", ask Safaricom to remove the URLs from the old broker platform."),
  /** {@code 500.003.02} spike arrest, or "System is busy". */
  SPIKE_ARREST(
      true,
      "Daraja's gateway is limiting the request rate (spike arrest); nothing was processed. Slow"
          + " down and retry after a short wait."),
  /** {@code 500.003.03} quota violation. */
  QUOTA_EXCEEDED(
      true,
      "Daraja's request quota for this app is used up; nothing was processed. Retry much later and"
          + " check your traffic."),
  /** HTTP 429 without a Daraja code. */
  TOO_MANY_REQUESTS(
      true, "The gateway is limiting the request rate; slow down and retry after a wait."),
  /** Daraja or its gateway is failing or under maintenance ({@code 500.003.1001}, other 5xx). */
  SERVICE_UNAVAILABLE(
      true,
      "Daraja is failing or under maintenance; for a read-only call retry later, for a payment"
          + " reconcile before resending."),
  /** A 2xx or 5xx answer that was not Daraja's JSON (an HTML gateway page, an empty body). */
  NON_JSON_RESPONSE(
      true,
      "The answer came from a gateway in front of Daraja (HTML or empty), not from Daraja itself;"
          + " usually transient."),
  /** An error the SDK cannot place. */
  UNKNOWN(false, "An error the SDK does not recognise; the error code and message say more.");

  private final boolean isTransient;
  private final String hint;

  DarajaError(boolean isTransient, String hint) {
    this.isTransient = isTransient;
    this.hint = hint;
  }

  /** Whether the same request may succeed later without any change. */
  public boolean isTransient() {
    return isTransient;
  }

  /** What to do about it, in plain words. */
  public String hint() {
    return hint;
  }
}
