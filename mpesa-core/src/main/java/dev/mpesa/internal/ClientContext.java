package dev.mpesa.internal;

import dev.mpesa.Environment;
import dev.mpesa.Sleeper;
import dev.mpesa.security.SecurityCredential;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The settings every product service of one client shares: clock, sleeper, environment, STK and
 * initiator settings. Holds the passkey, so it has no {@code toString()} that prints fields.
 */
public final class ClientContext {

  /** Daraja's times are East Africa Time, whatever the JVM's default zone. */
  public static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

  /** The STK {@code Timestamp} format. */
  public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final Environment environment;
  private final Clock clock;
  private final Sleeper sleeper;
  private final String shortCode;
  private final String passkey;
  private final long stkMaxAmount;
  private final String initiatorName;
  private final SecurityCredential securityCredential;

  /**
   * Creates the context; {@code shortCode} and {@code passkey} may be null (no STK), and so may the
   * initiator (no B2C, B2B or account APIs).
   */
  public ClientContext(
      Environment environment,
      Clock clock,
      Sleeper sleeper,
      String shortCode,
      String passkey,
      long stkMaxAmount,
      String initiatorName,
      SecurityCredential securityCredential) {
    this.environment = environment;
    this.clock = clock;
    this.sleeper = sleeper;
    this.shortCode = shortCode;
    this.passkey = passkey;
    this.stkMaxAmount = stkMaxAmount;
    this.initiatorName = initiatorName;
    this.securityCredential = securityCredential;
  }

  /**
   * The initiator name, checking that an initiator was configured.
   *
   * @param product what needs it, for the message ("B2C")
   * @throws IllegalStateException if the client has no initiator
   */
  public String initiatorName(String product) {
    requireInitiator(product);
    return initiatorName;
  }

  /**
   * The encrypted initiator credential, checking that an initiator was configured. Never falls back
   * to a plaintext password.
   *
   * @throws IllegalStateException if the client has no initiator
   */
  public SecurityCredential securityCredential(String product) {
    requireInitiator(product);
    return securityCredential;
  }

  private void requireInitiator(String product) {
    if (initiatorName == null || securityCredential == null) {
      throw new IllegalStateException(
          product
              + " needs an initiator (API operator): set initiator(name, password) on"
              + " MpesaClient.builder()");
    }
  }

  public Environment environment() {
    return environment;
  }

  public Clock clock() {
    return clock;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  /** The default M-Pesa Express short code, or null if none was configured. */
  public String shortCode() {
    return shortCode;
  }

  /** The M-Pesa Express passkey, or null. A secret: never log it. */
  public String passkey() {
    return passkey;
  }

  public long stkMaxAmount() {
    return stkMaxAmount;
  }
}
