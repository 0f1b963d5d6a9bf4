package dev.mpesa.result;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one lookup of the result-code tables ({@link StkResult}, {@link B2cResult}, {@link
 * ReversalResult}, {@link AccountQueryResult}): by code, from a {@link ResultCode} or from the raw
 * value Daraja sent.
 *
 * @param <E> the table
 */
final class Codes<E> {
  private final Map<String, E> byCode = new HashMap<>();
  private final E unknown;
  private final boolean anyCase;

  /**
   * A table.
   *
   * @param anyCase whether a code also matches in another case ({@code r000001}): kept for the
   *     reversal and account tables, whose lookups have always ignored case; the payment tables
   *     (STK, B2C) match exactly, so an odd spelling is unknown and gets reconciled
   */
  Codes(E[] values, Function<E, String> code, E unknown, boolean anyCase) {
    this.anyCase = anyCase;
    for (E e : values) {
      String c = code.apply(e);
      if (c != null) {
        byCode.put(key(c), e);
      }
    }
    this.unknown = unknown;
  }

  private String key(String code) {
    return anyCase ? code.toUpperCase(java.util.Locale.ROOT) : code;
  }

  /** The entry of {@code code}; null or a code not in the table is the unknown entry. */
  E of(ResultCode code) {
    return code == null ? unknown : byCode.getOrDefault(key(code.value()), unknown);
  }

  /** The entry of a code as Daraja sent it (a string or a number); anything unusable is unknown. */
  E of(Object raw) {
    if (raw == null) {
      return unknown;
    }
    try {
      return of(ResultCode.of(raw));
    } catch (IllegalArgumentException e) {
      return unknown;
    }
  }
}
