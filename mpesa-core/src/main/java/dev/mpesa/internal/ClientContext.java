package dev.mpesa.internal;

import dev.mpesa.Environment;
import dev.mpesa.Sleeper;
import dev.mpesa.b2c.B2cVersion;
import dev.mpesa.c2b.C2bVersion;
import dev.mpesa.ratiba.RatibaSettings;
import dev.mpesa.security.SecurityCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The settings every product service of one client shares, as the client's builder set them. Holds
 * the passkey, so its {@code toString()} prints no field.
 *
 * @param environment sandbox or production
 * @param clock the client's clock
 * @param sleeper the client's sleeper
 * @param shortCode the default M-Pesa Express short code, or null (no STK)
 * @param passkey the M-Pesa Express passkey, or null; a secret, never logged
 * @param stkMaxAmount the largest STK push the client sends
 * @param initiatorName the initiator (API operator), or null (no B2C, B2B or account APIs)
 * @param securityCredential the encrypted initiator password, or null
 * @param b2cVersion the endpoint of {@code b2c().pay}
 * @param c2bVersion the endpoints of {@code c2b()}
 * @param ratibaSettings how standing orders are written
 * @param awaitFirst the wait before {@code stk().await}'s first query
 * @param awaitInterval the first interval between its queries
 * @param awaitMax the longest interval between its queries
 */
public record ClientContext(
    Environment environment,
    Clock clock,
    Sleeper sleeper,
    String shortCode,
    String passkey,
    long stkMaxAmount,
    String initiatorName,
    SecurityCredential securityCredential,
    B2cVersion b2cVersion,
    C2bVersion c2bVersion,
    RatibaSettings ratibaSettings,
    Duration awaitFirst,
    Duration awaitInterval,
    Duration awaitMax) {

  /** Daraja's times are East Africa Time, whatever the JVM's default zone. */
  public static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

  /** The STK {@code Timestamp} format. */
  public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

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

  @Override
  public String toString() {
    return "ClientContext[environment=" + environment + "]";
  }
}
