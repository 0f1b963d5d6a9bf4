package dev.mpesa.benchmarks;

import dev.mpesa.CircuitBreakerSettings;
import dev.mpesa.MpesaListener;
import dev.mpesa.RetrySettings;
import dev.mpesa.Sleeper;
import dev.mpesa.internal.http.IdempotencyClass;
import dev.mpesa.internal.http.Operation;
import dev.mpesa.internal.resilience.Resilience;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The decorators alone: the SDK's retry, circuit breaker and deadline around an attempt that
 * returns at once, against calling the attempt directly. The end-to-end HTTP benchmark cannot
 * resolve a difference this small under its own noise; this one can.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResilienceOverheadBenchmark {
  static final Operation PUSH =
      new Operation("stk.push", "/mpesa/stkpush/v1/processrequest", IdempotencyClass.MONEY, "stk");

  final Resilience on =
      new Resilience(
          RetrySettings.defaults(),
          CircuitBreakerSettings.defaults(),
          0,
          Clock.systemUTC(),
          Sleeper.SYSTEM,
          MpesaListener.NONE);
  final Resilience off =
      new Resilience(
          RetrySettings.disabled(),
          CircuitBreakerSettings.disabled(),
          0,
          Clock.systemUTC(),
          Sleeper.SYSTEM,
          MpesaListener.NONE);
  final Object answer = new Object();

  @Benchmark
  public Object direct() {
    return attempt(1);
  }

  @Benchmark
  public Object retryAndBreaker() {
    return on.execute(PUSH, on.newDeadline(), this::attempt);
  }

  @Benchmark
  public Object retryAndBreakerOff() {
    return off.execute(PUSH, off.newDeadline(), this::attempt);
  }

  private Object attempt(int number) {
    return answer;
  }
}
