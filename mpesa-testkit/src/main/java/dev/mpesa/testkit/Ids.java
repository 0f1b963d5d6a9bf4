package dev.mpesa.testkit;

import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh identifiers in the shapes Daraja uses (API.md samples). Seeded, so a fake started with the
 * same seed hands out the same sequence; a counter keeps every id unique.
 */
final class Ids {
  private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final Random random;
  private final AtomicLong sequence = new AtomicLong(1);

  Ids(long seed) {
    this.random = new Random(seed);
  }

  /** An access token: 28 letters and digits ({@code c9SQxWWhmdVRlyh0zh8gZDTkubVF}). */
  String token() {
    return pick(ALNUM, 28);
  }

  /** {@code 29115-34620561-1}. */
  String merchantRequestId() {
    return (10000 + random.nextInt(90000))
        + "-"
        + (10000000 + random.nextInt(90000000))
        + "-"
        + sequence.getAndIncrement();
  }

  /** {@code ws_CO_191220191020363925...}: day, time, millis, then digits that keep it unique. */
  String checkoutRequestId(Instant at) {
    String stamp = Wire.compact(at); // yyyyMMddHHmmss
    String ddMMyyyy = stamp.substring(6, 8) + stamp.substring(4, 6) + stamp.substring(0, 4);
    return "ws_CO_"
        + ddMMyyyy
        + stamp.substring(8)
        + String.format(Locale.ROOT, "%03d", at.toEpochMilli() % 1000)
        + String.format(Locale.ROOT, "%07d", sequence.getAndIncrement() % 10_000_000)
        + random.nextInt(10);
  }

  /** {@code AG_20240706_2010364430d9bbdaf872}. */
  String conversationId(Instant at) {
    return "AG_"
        + Wire.compact(at).substring(0, 8)
        + "_"
        + String.format(Locale.ROOT, "%04d", sequence.getAndIncrement() % 10_000)
        + hex(16);
  }

  /** {@code 5118-111210482-1}: Daraja's own OriginatorConversationID when a request has none. */
  String originatorConversationId() {
    return (1000 + random.nextInt(9000))
        + "-"
        + (100000000 + random.nextInt(900000000))
        + "-"
        + sequence.getAndIncrement();
  }

  /** A gateway {@code requestId}: {@code 1c5b-4ba8-815c-ac45c57a3db01495926}. */
  String requestId() {
    return hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12) + sequence.getAndIncrement();
  }

  /** A receipt: 10 characters, the first two from the date ({@code SG632NMUAB}). */
  String receipt(Instant at) {
    String stamp = Wire.compact(at);
    int year = Integer.parseInt(stamp.substring(0, 4));
    int month = Integer.parseInt(stamp.substring(4, 6));
    // Receipts start with a letter per year (2024 is S) and one per month (July is G).
    char y = (char) ('A' + Math.floorMod(year - 2006, 26));
    char m = (char) ('A' + month - 1);
    return "" + y + m + pick(UPPER_DIGITS, 8);
  }

  /** The placeholder a failed result carries as its TransactionID ({@code OAK0000000}). */
  String placeholderReceipt(Instant at) {
    return receipt(at).substring(0, 3) + "0000000";
  }

  /** A UUID-like reference ({@code 4dd9b5d9-d738-42ba-9326-2cc99e966000}). */
  String uuid() {
    return hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
  }

  private String hex(int length) {
    return pick("0123456789abcdef", length);
  }

  private String pick(String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    synchronized (random) {
      for (int i = 0; i < length; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
    }
    return sb.toString();
  }
}
