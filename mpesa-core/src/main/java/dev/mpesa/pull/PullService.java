package dev.mpesa.pull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mpesa.error.AuthenticationException;
import dev.mpesa.error.InvalidRequestException;
import dev.mpesa.error.MpesaApiException;
import dev.mpesa.error.MpesaException;
import dev.mpesa.internal.Checks;
import dev.mpesa.internal.http.Acceptance;
import dev.mpesa.internal.http.Endpoint;
import dev.mpesa.internal.http.Endpoint.CallbackUrl;
import dev.mpesa.internal.http.Endpoint.Outgoing;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.internal.http.Pipeline;
import dev.mpesa.internal.http.Services;
import java.time.format.DateTimeFormatter;
import java.util.Set;

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
  static final Operation REGISTER =
      new Operation(
          "pull.register", "/pulltransactions/v1/register", IdempotencyClass.SAFE, "pull");

  /** POST with a JSON body, as Daraja's sample and the SDKs that work do (D3's text says GET). */
  static final Operation QUERY =
      new Operation("pull.query", "/pulltransactions/v1/query", IdempotencyClass.SAFE, "pull");

  /** {@code StartDate} and {@code EndDate}, in Nairobi time. */
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private static final Endpoint<PullRegisterRequest, PullRegisterResponse, PullRegisterResponse>
      REGISTER_SPEC =
          new Endpoint<>(
              REGISTER,
              r -> CallbackUrl.of("callbackUrl", r.callbackUrl()),
              (context, r) ->
                  Outgoing.body(
                          new RegisterBody(
                              r.shortCode(),
                              "Pull",
                              r.nominatedNumber().localForm(),
                              r.callbackUrl().toString()))
                      .ref("shortCode", r.shortCode()),
              PullRegisterResponse.class,
              Acceptance.statusIn(
                  "ResponseStatus",
                  Set.of(PullRegisterResponse.REGISTERED, PullRegisterResponse.ALREADY_REGISTERED),
                  PullRegisterResponse::responseStatus,
                  PullRegisterResponse::responseDescription,
                  PullRegisterResponse::responseRefId),
              r -> "ResponseStatus " + r.responseStatus() + ", ResponseRefID " + r.responseRefId());

  private static final Endpoint<PullQueryRequest, PullQueryResponse, PullQueryResponse> QUERY_SPEC =
      Endpoint.of(
          QUERY,
          (context, r) ->
              Outgoing.body(
                      new QueryBody(
                          r.shortCode(),
                          DATE.format(r.startDate()),
                          DATE.format(r.endDate()),
                          Long.toString(r.offset())))
                  .ref("shortCode", r.shortCode()),
          PullQueryResponse.class,
          Acceptance.statusIn(
              "ResponseCode",
              Set.of(PullQueryResponse.SUCCESS, PullQueryResponse.NO_TRANSACTIONS),
              PullQueryResponse::responseCode,
              PullQueryResponse::responseMessage,
              PullQueryResponse::responseRefId),
          r ->
              "ResponseCode "
                  + r.responseCode()
                  + ", "
                  + r.transactions().size()
                  + " transactions, ResponseRefID "
                  + r.responseRefId());

  private final Pipeline pipeline;

  static {
    Services.register(PullService.class, PullService::new);
  }

  /** Made by {@code MpesaClient}; obtain the service from it. */
  PullService(Pipeline pipeline) {
    this.pipeline = Checks.required(pipeline, "pipeline");
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
    return pipeline.call(REGISTER_SPEC, request);
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
    return pipeline.call(QUERY_SPEC, request);
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
