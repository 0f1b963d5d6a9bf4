package dev.mpesa.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PhoneNumber}: the forms people type, the forms Daraja rejects, and masking. */
class PhoneNumberTest {

  private static final Pattern ASCII_DIGIT_RUN = Pattern.compile("[0-9]{5,}");

  /** Every Kenyan mobile form of API.md §10 item 22, with the separators people type. */
  static Stream<Arguments> validInputs() {
    return Stream.of(
        // Local forms.
        Arguments.of("0712345678", "254712345678"),
        Arguments.of("0112345678", "254112345678"),
        Arguments.of("0799000111", "254799000111"),
        Arguments.of("0100000000", "254100000000"),
        // Nine digits, no trunk prefix.
        Arguments.of("712345678", "254712345678"),
        Arguments.of("112345678", "254112345678"),
        Arguments.of("712-345-678", "254712345678"),
        // International forms.
        Arguments.of("+254712345678", "254712345678"),
        Arguments.of("+254112345678", "254112345678"),
        Arguments.of("254712345678", "254712345678"),
        Arguments.of("254112345678", "254112345678"),
        Arguments.of("0254712345678", "254712345678"),
        Arguments.of("0254 112 345 678", "254112345678"),
        // The country code typed in front of the local form.
        Arguments.of("254 0712 345 678", "254712345678"),
        Arguments.of("2540712345678", "254712345678"),
        Arguments.of("2540112345678", "254112345678"),
        // "+254 (0)712...": the usual way to write the optional trunk prefix; accepted on purpose,
        // it is the same number as "254 0712..." which is accepted without the plus.
        Arguments.of("+254 (0) 712 345 678", "254712345678"),
        Arguments.of("+2540712345678", "254712345678"),
        // Separators.
        Arguments.of("0712 345 678", "254712345678"),
        Arguments.of("0712-345-678", "254712345678"),
        Arguments.of("0712.345.678", "254712345678"),
        Arguments.of("(0712) 345.678", "254712345678"),
        Arguments.of("+254-712-345-678", "254712345678"),
        Arguments.of("+254 (712) 345 678", "254712345678"),
        Arguments.of("(+254) 799 000 111", "254799000111"),
        Arguments.of("+ 254 712 345 678", "254712345678"),
        Arguments.of("0 7 1 2 3 4 5 6 7 8", "254712345678"),
        Arguments.of("0712 - 345 - 678", "254712345678"),
        // Whitespace around and inside.
        Arguments.of("  0712345678  ", "254712345678"),
        Arguments.of("\t0712345678\t", "254712345678"),
        Arguments.of("0712\t345\t678", "254712345678"),
        Arguments.of("\n+254 712 345 678\r\n", "254712345678"),
        Arguments.of(" \t 254 112 345 678 \t ", "254112345678"));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @MethodSource("validInputs")
  void parse_kenyanMobileForm_normalisesToTwelveDigits(String input, String expected) {
    PhoneNumber phone = PhoneNumber.parse(input);

    assertThat(phone.value()).isEqualTo(expected).matches("254[17][0-9]{8}");
    assertThat(PhoneNumber.parse(phone.value())).isEqualTo(phone);
  }

  /** Inputs that are not Kenyan mobile numbers in any form. */
  static Stream<String> invalidInputs() {
    return Stream.of(
        // Blank.
        "   ",
        "\t\r\n",
        // Letters and other characters.
        "abcdefghij",
        "07123456ab",
        "0712345678x",
        "phone: 0712345678",
        "0712/345/678",
        "0712_345_678",
        "0712\u2013345\u2013678", // en dash
        "0712,345,678",
        "#0712345678",
        // Separators and plus signs only.
        "---",
        "( )",
        "+",
        // Too short.
        "2541",
        "71234567",
        "071234567",
        "+25471234567",
        "25471234567",
        // Too long.
        "07123456789",
        "2547123456789",
        "25407123456789",
        "254254712345678",
        "0712 345 678 9",
        "7123456789",
        // Not a mobile prefix: landline, 08, 2548, 2540 followed by a landline or 08.
        "020 123 4567",
        "+254 20 123 4567",
        "254201234567",
        "0812345678",
        "254812345678",
        "+254812345678",
        "0254812345678",
        "2540812345678",
        "254612345678",
        // Wrong country code.
        "+255712345678",
        "255712345678",
        "+256712345678",
        "+1 712 345 6789",
        // The plus anywhere but first, or twice.
        "0712+345678",
        "254712345678+",
        "++254712345678",
        "+254 +712345678",
        // A plus in front of a local form.
        "+0712345678",
        "+712345678",
        // Non-ASCII digits: java.util.regex \d is ASCII-only without UNICODE_CHARACTER_CLASS.
        "\u0660\u0667\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668", // Arabic-Indic
        "\u06F0\u06F7\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8", // Extended Arabic-Indic
        "\uFF10\uFF17\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18", // Fullwidth
        "\u0966\u096D\u0967\u0968\u0969\u096A\u096B\u096C\u096D\u096E", // Devanagari
        // Emoji.
        "\uD83D\uDCF10712345678",
        "0712345678\uD83D\uDCDE",
        // Masked MSISDNs as Daraja sends them in callbacks (API.md §10 item 23).
        "2547 ***** 126",
        "254******867");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @NullAndEmptySource
  @MethodSource("invalidInputs")
  void parse_notAKenyanMobileNumber_throwsIllegalArgument(String input) {
    assertThatThrownBy(() -> PhoneNumber.parse(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("phone number");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("invalidInputs")
  void parse_invalidInput_messageNeverQuotesTheDigits(String input) {
    Throwable thrown = catchIllegalArgument(input);

    for (String run : asciiDigitRuns(input)) {
      for (int i = 0; i + 5 <= run.length(); i++) {
        assertThat(thrown.getMessage()).doesNotContain(run.substring(i, i + 5));
      }
    }
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(
      strings = {
        "0712345678x",
        "x0712345678",
        "07123456789",
        "+255712345678",
        "0712+345678",
        "254812345678",
        "phone: 0712 345 678 please"
      })
  void parse_invalidNumberLikeInput_messageShowsItMasked(String input) {
    Throwable thrown = catchIllegalArgument(input);

    assertThat(thrown.getMessage())
        .contains(PhoneNumber.mask(input))
        .doesNotContain(input.strip())
        .doesNotContain("0712345678")
        .doesNotContain("712345678")
        .doesNotContain("345678");
  }

  @Test
  void parse_nullInput_throwsIllegalArgumentNotNullPointer() {
    assertThatThrownBy(() -> PhoneNumber.parse(null))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void masked_safaricom07Number_keepsFirstFourAndLastTwo() {
    assertThat(PhoneNumber.parse("0712345678").masked()).isEqualTo("2547******78");
  }

  @Test
  void masked_safaricom01Number_keepsFirstFourAndLastTwo() {
    assertThat(PhoneNumber.parse("0112 345 689").masked()).isEqualTo("2541******89");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("validInputs")
  void masked_anyValidNumber_hidesTheSixMiddleDigits(String input, String expected) {
    PhoneNumber phone = PhoneNumber.parse(input);

    assertThat(phone.masked())
        .matches("254[17]\\*{6}[0-9]{2}")
        .startsWith(expected.substring(0, 4))
        .endsWith(expected.substring(10))
        .doesNotContain(expected.substring(4, 10));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("validInputs")
  void toString_anyValidNumber_equalsMaskedAndHidesValue(String input, String expected) {
    PhoneNumber phone = PhoneNumber.parse(input);

    assertThat(phone.toString())
        .isEqualTo(phone.masked())
        .doesNotContain(phone.value())
        .doesNotContain(expected.substring(3));
    assertThat(String.valueOf(phone)).isEqualTo(phone.masked());
    assertThat("customer " + phone).isEqualTo("customer " + phone.masked());
  }

  @Test
  void equals_sameNumberInDifferentForms_equalWithSameHashCode() {
    PhoneNumber local = PhoneNumber.parse("0712345678");
    PhoneNumber international = PhoneNumber.parse("+254 712 345 678");
    PhoneNumber nineDigits = PhoneNumber.parse("712-345-678");

    assertThat(local).isEqualTo(international).hasSameHashCodeAs(international);
    assertThat(local).isEqualTo(nineDigits).hasSameHashCodeAs(nineDigits);
    assertThat(international).isEqualTo(local);
  }

  @Test
  void equals_differentNumbers_notEqual() {
    assertThat(PhoneNumber.parse("0712345678")).isNotEqualTo(PhoneNumber.parse("0712345679"));
    assertThat(PhoneNumber.parse("0712345678")).isNotEqualTo(PhoneNumber.parse("0112345678"));
  }

  @Test
  void equals_otherTypesAndNull_notEqual() {
    PhoneNumber phone = PhoneNumber.parse("0712345678");

    assertThat(phone).isNotEqualTo("254712345678");
    assertThat(phone.equals(null)).isFalse();
    assertThat(phone).isEqualTo(phone);
  }

  @Test
  void mask_null_returnsPlaceholderWithoutThrowing() {
    assertThatCode(() -> PhoneNumber.mask(null)).doesNotThrowAnyException();
    assertThat(PhoneNumber.mask(null)).isNotNull();
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(
      strings = {
        "12345",
        "254712345678",
        "0712345678",
        "+254 712 345 678",
        "0712-345-678",
        "  0712345678  ",
        "2547 ***** 126",
        "not a phone number at all",
        "abcde"
      })
  void mask_inputOfFiveOrMoreCharacters_neverReturnsItWhole(String input) {
    String masked = PhoneNumber.mask(input);

    assertThat(masked).isNotEqualTo(input).doesNotContain(input.strip()).contains("*");
  }

  @Test
  void mask_digitStringsOfEveryLength_neverRevealsFiveDigitsInARow() {
    List<String> inputs = new ArrayList<>();
    IntStream.rangeClosed(5, 40).forEach(n -> inputs.add("1234567890".repeat(4).substring(0, n)));

    for (String input : inputs) {
      String masked = PhoneNumber.mask(input);
      assertThat(masked).as("mask(%s)", input).isNotEqualTo(input).contains("*");
      for (int i = 0; i + 5 <= input.length(); i++) {
        assertThat(masked).as("mask(%s)", input).doesNotContain(input.substring(i, i + 5));
      }
    }
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"", "1", "12", "123", "1234"})
  void mask_inputShorterThanFive_revealsNoCharacter(String input) {
    assertThat(PhoneNumber.mask(input)).matches("\\**");
  }

  @Test
  void mask_validNumber_keepsAtMostSixCharacters() {
    String masked = PhoneNumber.mask("254712345678");

    assertThat(masked.chars().filter(c -> c != '*').count()).isLessThanOrEqualTo(6);
  }

  @Test
  @DisplayName("Java's \\d is ASCII-only, so Arabic-Indic digits are rejected, not silently mapped")
  void parse_arabicIndicDigits_throwsIllegalArgument() {
    String arabicIndic = "\u0660\u0667\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668";

    assertThat(Character.isDigit(arabicIndic.charAt(0))).isTrue();
    assertThatThrownBy(() -> PhoneNumber.parse(arabicIndic))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only digits");
  }

  private static Throwable catchIllegalArgument(String input) {
    Throwable thrown = catchThrowable(() -> PhoneNumber.parse(input));
    assertThat(thrown).as("parse(%s)", input).isInstanceOf(IllegalArgumentException.class);
    assertThat(thrown.getMessage()).isNotBlank();
    return thrown;
  }

  private static List<String> asciiDigitRuns(String input) {
    List<String> runs = new ArrayList<>();
    Matcher m = ASCII_DIGIT_RUN.matcher(input);
    while (m.find()) {
      runs.add(m.group());
    }
    return runs;
  }

  @Test
  void parse_internationalDiallingPrefix_isAccepted() {
    assertThat(PhoneNumber.parse("00254712345678").value()).isEqualTo("254712345678");
  }

  @Test
  void parse_nonBreakingSpaces_areSeparators() {
    assertThat(PhoneNumber.parse("0712\u00A0345\u00A0678").value()).isEqualTo("254712345678");
  }

  @Test
  void parse_veryLongInput_messageStaysShort() {
    assertThatThrownBy(() -> PhoneNumber.parse("7".repeat(5000)))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }
}
