package dev.mpesa.callback;

import dev.mpesa.phone.PhoneNumber;

/**
 * A party as a result names it: {@code "<identifier> - <name>"}, for example {@code "254705912645 -
 * NICHOLAS JOHN SONGOK"} (a customer: phone number and registered name) or {@code "600992 -
 * Safaricom Daraja 992"} (an organisation: short code and name). Daraja sends it in {@code
 * ReceiverPartyPublicName}, {@code CreditPartyPublicName}, {@code DebitPartyPublicName}, {@code
 * DebitPartyName} and {@code CreditPartyName}.
 *
 * <p>{@link #toString()} masks an identifier that may be a phone number (longer than a short code);
 * use {@link #identifier()} for the whole value. Immutable and thread-safe.
 *
 * @param identifier the part before {@code " - "}: a phone number (possibly masked by Daraja) or a
 *     short code; null if the text has no such part
 * @param name the part after {@code " - "}; null if the text has none
 */
public record PartyName(String identifier, String name) {

  private static final String SEPARATOR = " - ";

  /** Short codes have at most 7 digits; anything longer may be a customer's phone number. */
  private static final int MAX_SHORT_CODE = 7;

  /**
   * Reads a party as Daraja sends it. The text is split at the first {@code " - "} and both parts
   * are trimmed; text without the separator is an identifier if it holds no letter, else a name.
   *
   * @param text the parameter's value
   * @return the party, or null if {@code text} is null or blank
   */
  public static PartyName parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    int at = text.indexOf(SEPARATOR);
    if (at < 0) {
      String t = text.strip();
      return t.chars().anyMatch(Character::isLetter)
          ? new PartyName(null, t)
          : new PartyName(t, null);
    }
    return new PartyName(
        ResultValues.text(text.substring(0, at)),
        ResultValues.text(text.substring(at + SEPARATOR.length())));
  }

  /** The party as Daraja wrote it, {@code "<identifier> - <name>"}, unmasked. */
  public String text() {
    if (identifier == null) {
      return name;
    }
    return name == null ? identifier : identifier + SEPARATOR + name;
  }

  /**
   * The party for logs: an identifier longer than a short code is masked ({@code "2547******45 -
   * NICHOLAS JOHN SONGOK"}); a short code is kept.
   */
  @Override
  public String toString() {
    String id =
        identifier == null || identifier.length() <= MAX_SHORT_CODE
            ? identifier
            : PhoneNumber.mask(identifier);
    if (id == null) {
      return String.valueOf(name);
    }
    return name == null ? id : id + SEPARATOR + name;
  }
}
