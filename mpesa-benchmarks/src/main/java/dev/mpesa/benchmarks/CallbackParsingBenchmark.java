package dev.mpesa.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpesa.callback.B2cPaymentResult;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.callback.StkCallback;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code Callbacks.parseStk} against a hand-written Jackson tree extraction of the same fields, on
 * the success callback of API.md §5.1.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallbackParsingBenchmark {
  static final String STK_SUCCESS =
      "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"29115-34620561-1\","
          + "\"CheckoutRequestID\":\"ws_CO_191220191020363925\",\"ResultCode\":0,"
          + "\"ResultDesc\":\"The service request is processed successfully.\","
          + "\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":1.00},"
          + "{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"NLJ7RT61SV\"},{\"Name\":\"Balance\"},"
          + "{\"Name\":\"TransactionDate\",\"Value\":20191219102115},"
          + "{\"Name\":\"PhoneNumber\",\"Value\":254708374149}]}}}}";

  static final String B2C_RESULT =
      "{\"Result\":{\"ResultType\":0,\"ResultCode\":0,"
          + "\"ResultDesc\":\"The service request is processed successfully.\","
          + "\"OriginatorConversationID\":\"53e3-4aa8-9fe0-8fb5e4092cdd3533373\","
          + "\"ConversationID\":\"AG_20240706_2010364430d9bbdaf872\","
          + "\"TransactionID\":\"SG632NMUAB\",\"ResultParameters\":{\"ResultParameter\":["
          + "{\"Key\":\"TransactionAmount\",\"Value\":10},"
          + "{\"Key\":\"TransactionReceipt\",\"Value\":\"SG632NMUAB\"},"
          + "{\"Key\":\"ReceiverPartyPublicName\",\"Value\":\"254705912645 - NICHOLAS JOHN SONGOK\"},"
          + "{\"Key\":\"TransactionCompletedDateTime\",\"Value\":\"06.07.2024 22:48:52\"},"
          + "{\"Key\":\"B2CUtilityAccountAvailableFunds\",\"Value\":8959269.60},"
          + "{\"Key\":\"B2CWorkingAccountAvailableFunds\",\"Value\":1199371.00},"
          + "{\"Key\":\"B2CRecipientIsRegisteredCustomer\",\"Value\":\"Y\"},"
          + "{\"Key\":\"B2CChargesPaidAccountAvailableFunds\",\"Value\":-1980.00}]},"
          + "\"ReferenceData\":{\"ReferenceItem\":{\"Key\":\"QueueTimeoutURL\","
          + "\"Value\":\"https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit\"}}}}";

  final ObjectMapper mapper = new ObjectMapper();

  /** The B2C result of API.md §5.6 through the SDK: the envelope, then its B2C view. */
  @Benchmark
  public B2cPaymentResult sdkParseResult() {
    return B2cPaymentResult.from(Callbacks.parseResult(B2C_RESULT));
  }

  /** The same fields by hand: a tree, parameters by key. */
  @Benchmark
  public void handWrittenResultTree(Blackhole bh) throws IOException {
    JsonNode result = mapper.readTree(B2C_RESULT).path("Result");
    bh.consume(result.path("ResultCode").asText());
    bh.consume(result.path("OriginatorConversationID").asText());
    bh.consume(result.path("ConversationID").asText());
    bh.consume(result.path("TransactionID").asText());
    for (JsonNode p : result.path("ResultParameters").path("ResultParameter")) {
      JsonNode value = p.get("Value");
      switch (p.path("Key").asText()) {
        case "TransactionAmount",
            "B2CUtilityAccountAvailableFunds",
            "B2CWorkingAccountAvailableFunds",
            "B2CChargesPaidAccountAvailableFunds" ->
            bh.consume(value == null ? null : new BigDecimal(value.asText()));
        default -> bh.consume(value == null ? null : value.asText());
      }
    }
  }

  @Benchmark
  public StkCallback sdkParseStk() {
    return Callbacks.parseStk(STK_SUCCESS);
  }

  /** What an integration would write by hand: a tree, fields by name, items by name. */
  @Benchmark
  public void handWrittenTree(Blackhole bh) throws IOException {
    JsonNode cb = mapper.readTree(STK_SUCCESS).path("Body").path("stkCallback");
    bh.consume(cb.path("MerchantRequestID").asText());
    bh.consume(cb.path("CheckoutRequestID").asText());
    bh.consume(cb.path("ResultCode").asText());
    bh.consume(cb.path("ResultDesc").asText());
    for (JsonNode item : cb.path("CallbackMetadata").path("Item")) {
      JsonNode value = item.get("Value");
      switch (item.path("Name").asText()) {
        case "Amount" -> bh.consume(value == null ? null : new BigDecimal(value.asText()));
        case "MpesaReceiptNumber", "TransactionDate", "PhoneNumber" ->
            bh.consume(value == null ? null : value.asText());
        default -> bh.consume(value);
      }
    }
  }
}
