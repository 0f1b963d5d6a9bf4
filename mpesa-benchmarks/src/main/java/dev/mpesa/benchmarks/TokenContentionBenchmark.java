package dev.mpesa.benchmarks;

import dev.mpesa.Environment;
import dev.mpesa.MpesaClient;
import dev.mpesa.stk.StkPushRequest;
import dev.mpesa.stk.StkPushResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * (5) Sixteen threads pushing while the access token keeps expiring: the client's clock jumps an
 * hour ahead every 20 ms, so every jump leaves the cache without a usable token. Single-flight
 * refresh must cost one OAuth request per jump and must not serialize the calls in between; compare
 * {@code expiring=true} with {@code expiring=false}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(16)
public class TokenContentionBenchmark {

  @Param({"false", "true"})
  public boolean expiring;

  LoopbackDaraja server;
  MpesaClient sdk;
  StkPushRequest request;
  JumpingClock clock;
  Thread jumper;
  volatile boolean running;

  /** System time plus an offset that another thread moves forward. */
  static final class JumpingClock extends Clock {
    final AtomicLong offsetMillis = new AtomicLong();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      JumpingClock outer = this;
      return new Clock() {
        @Override
        public ZoneId getZone() {
          return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
          return outer.withZone(z);
        }

        @Override
        public Instant instant() {
          return outer.instant();
        }
      };
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis.get());
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    server = new LoopbackDaraja(3599);
    clock = new JumpingClock();
    sdk =
        MpesaClient.builder()
            .environment(Environment.SANDBOX)
            .baseUrl(server.baseUrl())
            .consumerKey("bench-key")
            .consumerSecret("bench-secret")
            .shortCode("174379")
            .passkey(HttpBenchmark.PASSKEY)
            .clock(clock)
            .build();
    request =
        StkPushRequest.builder()
            .phoneNumber("0712345678")
            .amount(850)
            .accountReference("ORD-1234")
            .callbackUrl("https://shop.example/mpesa/stk")
            .build();
    sdk.stk().push(request);
    running = true;
    if (expiring) {
      jumper =
          new Thread(
              () -> {
                while (running) {
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                  clock.offsetMillis.addAndGet(Duration.ofHours(1).toMillis());
                }
              },
              "clock-jumper");
      jumper.setDaemon(true);
      jumper.start();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException, InterruptedException {
    running = false;
    if (jumper != null) {
      jumper.join();
    }
    System.out.printf(
        "%n[token contention] expiring=%s: %d OAuth requests for %d pushes%n",
        expiring, server.oauthRequests(), server.businessRequests());
    sdk.close();
    server.close();
  }

  @Benchmark
  public StkPushResponse push() {
    return sdk.stk().push(request);
  }
}
