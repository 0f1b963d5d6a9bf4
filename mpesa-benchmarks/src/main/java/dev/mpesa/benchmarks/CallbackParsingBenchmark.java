package dev.mpesa.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  final ObjectMapper mapper = new ObjectMapper();

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
