package dev.mpesa.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every desk (one per product) shares: the settings, the clock, ids, the ledger, scripted
 * customers, the courier that delivers callbacks, and the scheduler that runs "later".
 */
final class Backend {
  private static final Logger log = LoggerFactory.getLogger(Backend.class);

  final Clock clock;
  final Ids ids;
  final Journal journal;
  final Faults faults;
  final Courier courier;
  final Ledger ledger = new Ledger();

  /** Scripted outcomes of the asynchronous APIs, taken as requests are accepted. */
  final Results results = new Results();

  final ScheduledExecutorService scheduler;

  /** STK short code → passkey. */
  final Map<String, String> passkeys;

  /** Initiator (API operator) names the fake knows. */
  final Set<String> initiators;

  final Duration customerResponseTime;
  final Duration promptTimeout;
  final Duration resultDelay;

  /** Whether C2B payments go through the registered validation URL first. */
  final boolean externalValidation;

  private final Map<String, Customer> customers = new ConcurrentHashMap<>();

  Backend(
      Clock clock,
      Ids ids,
      Journal journal,
      Faults faults,
      Courier courier,
      ScheduledExecutorService scheduler,
      Map<String, String> passkeys,
      Set<String> initiators,
      Duration customerResponseTime,
      Duration promptTimeout,
      Duration resultDelay,
      boolean externalValidation) {
    this.clock = clock;
    this.ids = ids;
    this.journal = journal;
    this.faults = faults;
    this.courier = courier;
    this.scheduler = scheduler;
    this.passkeys = Map.copyOf(passkeys);
    this.initiators = Set.copyOf(initiators);
    this.customerResponseTime = customerResponseTime;
    this.promptTimeout = promptTimeout;
    this.resultDelay = resultDelay;
    this.externalValidation = externalValidation;
  }

  Instant now() {
    return clock.instant();
  }

  /** The customer behind {@code msisdn} (created with its default script on first use). */
  Customer customer(String msisdn) {
    return customers.computeIfAbsent(Msisdns.normalise(msisdn), Customer::new);
  }

  /** Runs {@code task} after {@code delay} on the scheduler; a failure is logged, not lost. */
  void later(Duration delay, Runnable task) {
    scheduler.schedule(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.error("FakeDaraja background task failed", e);
          }
        },
        delay.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  /**
   * Whether an initiator's credentials pass. The fake cannot decrypt a {@code SecurityCredential}
   * (Safaricom holds the private key), so it checks what it can: a known initiator name and a
   * credential that is Base64 of a 2048-bit RSA block (256 bytes). Like Daraja it reports a failure
   * in the result ({@code 2001}), never in the acknowledgement (API.md §10 #30).
   */
  boolean initiatorValid(String initiator, String securityCredential) {
    if (initiator == null || !initiators.contains(initiator) || securityCredential == null) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(securityCredential).length == 256;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
