package dev.mpesa.benchmarks;

import dev.mpesa.phone.PhoneNumber;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** {@code PhoneNumber.parse} on a mix of the forms customers type. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PhoneNumberBenchmark {
  static final String[] INPUTS = {
    "0712345678",
    "+254 712 345 678",
    "254712345678",
    "(0712) 345-678",
    "712345678",
    "0110.123.456",
    "0254712345678",
    "+254-110-123-456"
  };

  /** One parse of each of the eight forms: divide by 8 for one parse. */
  @Benchmark
  public void parseMix(Blackhole bh) {
    for (String input : INPUTS) {
      bh.consume(PhoneNumber.parse(input));
    }
  }
}
