package dev.mpesa.testkit;

import dev.mpesa.security.CallbackUrlCheck;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link FakeDaraja} standalone on a port, so code in any language can be pointed at it:
 *
 * <pre>
 * mvn -q -pl mpesa-testkit -am compile exec:java -Dexec.args="--port 8089"
 * </pre>
 *
 * <p>Options: {@code --port N} (8089), {@code --host ADDRESS} (127.0.0.1; 0.0.0.0 to serve other
 * machines or containers), {@code --seed N}, {@code --customer-delay MS}, {@code --prompt-timeout
 * MS}, {@code --result-delay MS}, {@code --external-validation}. It runs until interrupted. {@code
 * --check-callback-url URL} instead checks a callback URL ({@link CallbackUrlCheck}) and exits: 0
 * if it passed, 1 if not.
 */
public final class FakeDarajaMain {
  private FakeDarajaMain() {}

  /** Starts the fake and waits until the JVM is stopped (Ctrl-C). */
  public static void main(String[] args) throws InterruptedException {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Starts the fake described by {@code args}, prints how to reach it, and blocks until the JVM
   * shuts down; returns 2 at once, with the usage on {@code err}, if the options are wrong.
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    if (args.length >= 1 && args[0].equals("--check-callback-url")) {
      return checkCallbackUrl(args, out, err);
    }
    FakeDaraja.Builder builder;
    try {
      builder = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("FakeDaraja: " + e.getMessage());
      err.println(usage());
      return 2;
    }
    FakeDaraja fake = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  fake.close();
                  stopped.countDown();
                },
                "fake-daraja-shutdown"));
    describe(fake, out);
    stopped.await();
    return 0;
  }

  /**
   * {@code --check-callback-url URL}: runs {@link CallbackUrlCheck} on the URL, prints its report,
   * and returns 0 if it passed, 1 if not, 2 if the URL is not a URL.
   */
  static int checkCallbackUrl(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 2) {
      err.println("usage: FakeDarajaMain --check-callback-url https://your.host/path");
      return 2;
    }
    CallbackUrlCheck.Report report;
    try {
      report = CallbackUrlCheck.check(URI.create(args[1]));
    } catch (IllegalArgumentException e) {
      err.println("FakeDaraja: " + e.getMessage());
      return 2;
    }
    out.println(report);
    return report.passed() ? 0 : 1;
  }

  /** Reads the command line into a builder (port 8089 unless given). */
  static FakeDaraja.Builder parse(String[] args) {
    FakeDaraja.Builder builder = FakeDaraja.builder().port(8089);
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--external-validation" -> builder.externalValidation(true);
        case "--port" -> builder.port(number(option, value(args, ++i, option)));
        case "--host" -> builder.address(address(value(args, ++i, option)));
        case "--seed" -> builder.seed(Long.parseLong(value(args, ++i, option)));
        case "--customer-delay" ->
            builder.customerResponseTime(millis(option, value(args, ++i, option)));
        case "--prompt-timeout" -> builder.promptTimeout(millis(option, value(args, ++i, option)));
        case "--result-delay" -> builder.resultDelay(millis(option, value(args, ++i, option)));
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return builder;
  }

  /** What a client needs to talk to the fake. */
  static void describe(FakeDaraja fake, PrintStream out) {
    out.println("FakeDaraja listening on " + fake.baseUrl());
    out.println("  consumer key     " + FakeDaraja.CONSUMER_KEY);
    out.println("  consumer secret  " + FakeDaraja.CONSUMER_SECRET);
    out.println("  STK short code   " + FakeDaraja.SHORT_CODE + " (the public sandbox passkey)");
    out.println("  initiator        " + FakeDaraja.INITIATOR_NAME + " (any 2048-bit credential)");
    out.println(
        "  customers        " + SandboxNumbers.PAYS + " pays, as does any number not listed");
    out.println("                   " + SandboxNumbers.INSUFFICIENT_FUNDS + " lacks funds (1)");
    out.println("                   " + SandboxNumbers.CANCELS + " cancels (1032)");
    out.println("                   " + SandboxNumbers.NEVER_ANSWERS + " never answers (1037)");
    out.println("                   " + SandboxNumbers.WRONG_PIN + " enters a wrong PIN (2001)");
    out.println("                   " + SandboxNumbers.BUSY + " is busy (500.001.1001)");
    out.println("Stop with Ctrl-C.");
  }

  static String usage() {
    return "usage: FakeDarajaMain [--port N] [--host ADDRESS] [--seed N] [--customer-delay MS]"
        + " [--prompt-timeout MS] [--result-delay MS] [--external-validation]\n"
        + "   or: FakeDarajaMain --check-callback-url https://your.host/path";
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a number, got " + value, e);
    }
  }

  private static Duration millis(String option, String value) {
    return Duration.ofMillis(number(option, value));
  }

  private static InetAddress address(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host " + host, e);
    }
  }
}
