package dev.mpesa.pull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.ClientContext;
import dev.mpesa.internal.http.ErrorClassifier;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.result.DarajaError;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pull Transactions: the C2B payments a short code received in the last 48 hours, to recover
 * confirmations that never reached the integrator's URL.
 *
 * <p>Obtain it from {@code MpesaClient.pull()}. Register the short code once with {@link
 * #register}, then {@link #query} as often as needed. Daraja offers Pull Transactions for live
 * production short codes: sandbox apps have been observed to be refused with "Invalid Access Token"
 * (an {@link AuthenticationException}). Thread-safe.
 */
public final class PullService {
  private static final Logger log = LoggerFactory.getLogger(PullService.class);

  static final Operation REGISTER =
      new Operation(
          "pull.register", "/pulltransactions/v1/register", IdempotencyClass.SAFE, "pull");

  /** POST with a JSON body, as Daraja's sample and the SDKs that work do (D3's text says GET). */
  static final Operation QUERY =
      new Operation("pull.query", "/pulltransactions/v1/query", IdempotencyClass.SAFE, "pull");

  /** {@code StartDate} and {@code EndDate}, in Nairobi time. */
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final ClientContext context;

  /**
   * Used by {@code MpesaClient}; obtain the service from {@code MpesaClient.pull()}.
   *
   * @param context the client's shared context
   */
  @SuppressWarnings("exports") // ClientContext is internal: only MpesaClient can call this
  public PullService(ClientContext context) {
    this.context = Checks.required(context, "context");
  }

  /**
   * Registers a short code for Pull Transactions ({@code POST /pulltransactions/v1/register}).
   *
   * <p>Registration is one-time per short code; registering again is harmless and answered {@code
   * 1001} ({@link PullRegisterResponse#wasAlreadyRegistered()}), so the SDK treats it as idempotent
   * and retries it like a read. The nominated number is sent in the local form {@code 07NNNNNNNN}
   * of Daraja's sample (Daraja accepts {@code 07...} and {@code 2547...}).
   *
   * @param request the short code, nominated number and callback URL
   * @return the answer, with {@code ResponseStatus} {@code 1000} or {@code 1001}
   * @throws IllegalArgumentException in production, if the callback URL is not https or its host is
   *     not reachable from the internet, before any call
   * @throws InvalidRequestException if Daraja refuses a field (such as {@code 400.001}, an invalid
   *     short code)
   * @throws AuthenticationException if Daraja refuses the app's credentials or product (sandbox
   *     apps included)
   * @throws MpesaApiException if Daraja answers with another {@code ResponseStatus}
   * @throws MpesaException for any other failure, once retries are spent (calling again is safe)
   */
  public PullRegisterResponse register(PullRegisterRequest request) {
    Checks.required(request, "request");
    context.checkCallbackUrl("callbackUrl", request.callbackUrl());
    Set<String> banned = ClientContext.bannedWords(request.callbackUrl());
    if (!banned.isEmpty()) {
      log.warn(
          "pull.register callbackUrl contains {}, which Daraja bans in C2B URLs and may reject",
          banned);
    }
    RegisterBody body =
        new RegisterBody(
            request.shortCode(),
            "Pull",
            localForm(request.nominatedNumber()),
            request.callbackUrl().toString());
    PullRegisterResponse response =
        context
            .transport()
            .post(
                REGISTER,
                body,
                PullRegisterResponse.class,
                Map.of("shortCode", request.shortCode()));
    String status = strip(response.responseStatus());
    if (!PullRegisterResponse.REGISTERED.equals(status)
        && !PullRegisterResponse.ALREADY_REGISTERED.equals(status)) {
      throw refusal(
          REGISTER,
          "ResponseStatus",
          status,
          response.responseDescription(),
          response.responseRefId());
    }
    log.debug(
        "pull.register {}: ResponseStatus {}, ResponseRefID {}",
        request.shortCode(),
        status,
        response.responseRefId());
    return response;
  }

  /**
   * Asks for one page of a short code's C2B payments ({@code POST /pulltransactions/v1/query}).
   *
   * <p>Read-only, so transient failures (network, throttling, Daraja's 5xx) are retried by the
   * client's retry settings. A period without payments is not an error: the answer has code {@code
   * 1001} and no transactions. For the next page, query again with {@link
   * PullQueryRequest#withOffset(long)} advanced by the number of rows received.
   *
   * @param request the short code, period and offset
   * @return the payments of the page, possibly none
   * @throws InvalidRequestException if Daraja refuses a field (such as {@code 400.001}, an invalid
   *     short code)
   * @throws AuthenticationException if Daraja refuses the app's credentials or product (sandbox
   *     apps included)
   * @throws MpesaApiException if Daraja answers with another {@code ResponseCode}, or fails
   * @throws MpesaException for any other failure
   */
  public PullQueryResponse query(PullQueryRequest request) {
    Checks.required(request, "request");
    QueryBody body =
        new QueryBody(
            request.shortCode(),
            DATE.format(request.startDate()),
            DATE.format(request.endDate()),
            Long.toString(request.offset()));
    PullQueryResponse response =
        context
            .transport()
            .post(QUERY, body, PullQueryResponse.class, Map.of("shortCode", request.shortCode()));
    String code = strip(response.responseCode());
    if (!PullQueryResponse.SUCCESS.equals(code)
        && !PullQueryResponse.NO_TRANSACTIONS.equals(code)) {
      throw refusal(
          QUERY, "ResponseCode", code, response.responseMessage(), response.responseRefId());
    }
    log.debug(
        "pull.query {}: ResponseCode {}, {} transactions, ResponseRefID {}",
        request.shortCode(),
        code,
        response.transactions().size(),
        response.responseRefId());
    return response;
  }

  /** Daraja's sample form {@code 07NNNNNNNN} (or {@code 01...}). */
  private static String localForm(PhoneNumber phone) {
    return "0" + phone.value().substring(3);
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  /** An HTTP 200 whose code is not an accepted one, classified like an error envelope. */
  private static MpesaApiException refusal(
      Operation op, String field, String code, String description, String requestId) {
    if (code == null || code.isEmpty()) {
      return new MpesaApiException(
          op.name(),
          200,
          null,
          "the answer has no " + field + (description == null ? "" : ": " + description),
          requestId,
          DarajaError.UNKNOWN,
          null);
    }
    DarajaError error = ErrorClassifier.classify(op, 200, code, description, true);
    return ErrorClassifier.toException(op.name(), 200, code, description, requestId, error, null);
  }

  @JsonPropertyOrder({"ShortCode", "RequestType", "NominatedNumber", "CallBackURL"})
  record RegisterBody(
      @JsonProperty("ShortCode") String shortCode,
      @JsonProperty("RequestType") String requestType,
      @JsonProperty("NominatedNumber") String nominatedNumber,
      @JsonProperty("CallBackURL") String callBackUrl) {
    @Override
    public String toString() {
      return "RegisterBody[redacted]";
    }
  }

  @JsonPropertyOrder({"ShortCode", "StartDate", "EndDate", "OffSetValue"})
  record QueryBody(
      @JsonProperty("ShortCode") String shortCode,
      @JsonProperty("StartDate") String startDate,
      @JsonProperty("EndDate") String endDate,
      @JsonProperty("OffSetValue") String offSetValue) {}
}
