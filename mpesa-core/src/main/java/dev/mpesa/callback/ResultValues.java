package dev.mpesa.callback;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading the text of result parameters: amounts, Nairobi times in Daraja's two formats, and the
 * three textual balance formats. Every method is lenient: what cannot be read gives null, never an
 * exception.
 */
final class ResultValues {

  /** M-Pesa's clock: East Africa Time, UTC+3 all year. */
  static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

  private static final Pattern FOURTEEN_DIGITS = Pattern.compile("\\d{14}");
  private static final Pattern DOTTED =
      Pattern.compile("\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}:\\d{2}");

  /**
   * {@code BasicAmount=6186.83} inside {@code {Amount={CurrencyCode=KES, ..., BasicAmount=...}}}.
   */
  private static final Pattern BASIC_AMOUNT =
      Pattern.compile("BasicAmount\\s*=\\s*(-?[0-9][0-9,]*(?:\\.[0-9]+)?)");

  /** Longer texts are not amounts; parsing them would cost time for nothing. */
  private static final int MAX_NUMERIC_TEXT = 64;

  private ResultValues() {}

  /**
   * An amount from its text, with at least two decimal places ({@code "1"}, {@code "1.00"} and
   * {@code "1.000"} all give {@code 1.00}); thousands separators are ignored. Null if absent,
   * blank, not a number, or absurdly large.
   */
  static BigDecimal amount(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip().replace(",", "");
    if (t.isEmpty() || t.length() > MAX_NUMERIC_TEXT) {
      return null;
    }
    BigDecimal d;
    try {
      d = new BigDecimal(t);
    } catch (NumberFormatException e) {
      return null;
    }
    if ((long) d.precision() - d.scale() > CallbackJson.MAX_INTEGER_DIGITS) {
      return null;
    }
    return CallbackJson.money(d);
  }

  /** A {@code yyyyMMddHHmmss} time in Nairobi ({@code "20211114132711"}); null if not one. */
  static ZonedDateTime compactTime(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    return FOURTEEN_DIGITS.matcher(t).matches()
        ? nairobi(t, 0, 4, 6, 8, 10, 12) // yyyyMMddHHmmss
        : null;
  }

  /** A {@code dd.MM.yyyy HH:mm:ss} time in Nairobi ({@code "06.07.2024 22:48:52"}); null if not. */
  static ZonedDateTime dottedTime(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    return DOTTED.matcher(t).matches()
        ? nairobi(t, 6, 3, 0, 11, 14, 17) // dd.MM.yyyy HH:mm:ss
        : null;
  }

  /** A time in either of Daraja's formats; null if neither. */
  static ZonedDateTime anyTime(String text) {
    ZonedDateTime compact = compactTime(text);
    return compact != null ? compact : dottedTime(text);
  }

  /**
   * The available balance a balance parameter reports, whichever of Daraja's three formats it uses:
   * {@code BasicAmount} of {@code {Amount={CurrencyCode=KES, MinimumAmount=618683,
   * BasicAmount=6186.83}}}; the available field of the first account of a pipe string ({@code
   * Working Account|KES|346568.83|6186.83|340382.00|0.00} gives 6186.83, the figure the map string
   * of the same D3 sample reports); or a plain number. Null if none of these.
   */
  static BigDecimal availableBalance(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() <= AccountBalance.MAX_INPUT) {
      Matcher m = BASIC_AMOUNT.matcher(text);
      if (m.find()) {
        return amount(m.group(1));
      }
    }
    if (text.indexOf('|') >= 0) {
      List<AccountBalance> accounts = accounts(text);
      return accounts.isEmpty() ? null : CallbackJson.money(accounts.get(0).available());
    }
    return amount(text);
  }

  /** The accounts of a pipe balance string; empty if absent, blank or too long to be one. */
  static List<AccountBalance> accounts(String text) {
    if (text == null || text.length() > AccountBalance.MAX_INPUT) {
      return List.of();
    }
    return AccountBalance.parse(text);
  }

  /** {@code "Y"} is true, {@code "N"} false (either case, trimmed); anything else null. */
  static Boolean yesNo(String text) {
    if (text == null) {
      return null;
    }
    return switch (text.strip().toUpperCase(Locale.ROOT)) {
      case "Y", "YES", "TRUE" -> Boolean.TRUE;
      case "N", "NO", "FALSE" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** Trimmed text, or null if absent or blank. */
  static String text(String value) {
    if (value == null) {
      return null;
    }
    String t = value.strip();
    return t.isEmpty() ? null : t;
  }

  /**
   * The date and time whose fields start at the given offsets of digits already checked by a
   * pattern (year four digits, the others two), in Nairobi; null if not a real date or time.
   * Reading the fields directly is several times cheaper than a {@code DateTimeFormatter}.
   */
  private static ZonedDateTime nairobi(
      String t, int year, int month, int day, int hour, int minute, int second) {
    try {
      return LocalDateTime.of(
              Integer.parseInt(t, year, year + 4, 10),
              Integer.parseInt(t, month, month + 2, 10),
              Integer.parseInt(t, day, day + 2, 10),
              Integer.parseInt(t, hour, hour + 2, 10),
              Integer.parseInt(t, minute, minute + 2, 10),
              Integer.parseInt(t, second, second + 2, 10))
          .atZone(NAIROBI);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
