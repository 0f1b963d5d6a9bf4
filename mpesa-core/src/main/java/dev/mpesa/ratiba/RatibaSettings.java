package dev.mpesa.ratiba;

import dev.mpesa.internal.Checks;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a client writes the Ratiba fields on which Daraja's sources disagree: the {@code
 * TransactionType} spelling and the {@code Frequency} codes (API.md §11). The defaults are the
 * current Daraja portal's; set them once per client with {@code
 * MpesaClient.builder().ratibaSettings(...)}.
 *
 * <p>The effective frequency codes (the overrides over {@link Frequency#portalCode()}) must all
 * differ: mapping monthly to {@code 5} while bi-monthly keeps its portal code {@code 5} would make
 * one of them pay at the other's rate, so such settings are refused. Remap every code that moves.
 *
 * <p>Immutable and thread-safe.
 *
 * @param transactionTypeNaming which {@code TransactionType} strings to send
 * @param frequencyCodes {@code Frequency} codes that replace the portal's, by frequency
 */
public record RatibaSettings(
    TransactionTypeNaming transactionTypeNaming, Map<Frequency, String> frequencyCodes) {

  private static final Pattern CODE = Pattern.compile("\\d{1,2}");

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException if an argument, a frequency or a code is null
   * @throws IllegalArgumentException if a code is not 1 or 2 digits, or two frequencies would send
   *     the same code
   */
  public RatibaSettings {
    Checks.required(transactionTypeNaming, "transactionTypeNaming is required");
    Checks.required(frequencyCodes, "frequencyCodes is required");
    EnumMap<Frequency, String> copy = new EnumMap<>(Frequency.class);
    for (Map.Entry<Frequency, String> e : frequencyCodes.entrySet()) {
      Frequency f = Checks.required(e.getKey(), "a frequency of frequencyCodes is null");
      String code = Checks.required(e.getValue(), "the frequency code of " + f + " is null");
      if (!CODE.matcher(code).matches()) {
        throw new IllegalArgumentException(
            "the frequency code of " + f + " must be 1 or 2 digits, got '" + code + "'");
      }
      copy.put(f, code);
    }
    Map<String, Frequency> seen = new HashMap<>();
    for (Frequency f : Frequency.values()) {
      String code = copy.containsKey(f) ? copy.get(f) : f.portalCode();
      if (code == null) {
        continue;
      }
      Frequency other = seen.putIfAbsent(code, f);
      if (other != null) {
        throw new IllegalArgumentException(
            "frequencies "
                + other
                + " and "
                + f
                + " would both send Frequency code "
                + code
                + "; remap every code that moves");
      }
    }
    frequencyCodes = Map.copyOf(copy);
  }

  /**
   * The current Daraja portal's forms: {@link TransactionTypeNaming#DARAJA_PORTAL}, no remapping.
   */
  public static RatibaSettings defaults() {
    return new RatibaSettings(TransactionTypeNaming.DARAJA_PORTAL, Map.of());
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The {@code Frequency} code this client sends for {@code frequency}.
   *
   * @throws IllegalArgumentException if {@code frequency} has neither a portal code nor a mapping
   *     ({@link Frequency#BI_WEEKLY} by default)
   */
  public String frequencyCode(Frequency frequency) {
    Checks.required(frequency, "frequency");
    String code = frequencyCodes.getOrDefault(frequency, frequency.portalCode());
    if (code == null) {
      throw new IllegalArgumentException(
          "frequency "
              + frequency
              + " has no code on the Daraja portal; map one with"
              + " RatibaSettings.builder().frequencyCode(...) if your contract defines it");
    }
    return code;
  }

  /** Builds {@link RatibaSettings}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private TransactionTypeNaming transactionTypeNaming = TransactionTypeNaming.DARAJA_PORTAL;
    private final Map<Frequency, String> frequencyCodes = new EnumMap<>(Frequency.class);

    private Builder() {}

    /** Which {@code TransactionType} strings to send; default {@code DARAJA_PORTAL}. */
    public Builder transactionTypeNaming(TransactionTypeNaming naming) {
      this.transactionTypeNaming = Checks.required(naming, "naming");
      return this;
    }

    /**
     * Sends {@code code} as the {@code Frequency} of {@code frequency} instead of its portal code.
     *
     * @param frequency the frequency to remap
     * @param code 1 or 2 digits, as your contract with Safaricom defines it
     */
    public Builder frequencyCode(Frequency frequency, String code) {
      frequencyCodes.put(Checks.required(frequency, "frequency"), Checks.required(code, "code"));
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalArgumentException if a code is malformed or two frequencies share one
     */
    public RatibaSettings build() {
      return new RatibaSettings(transactionTypeNaming, frequencyCodes);
    }
  }
}
