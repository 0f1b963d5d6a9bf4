package dev.mpesa.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ResultCode}, {@link StkResult} and {@link PaymentStatus}.
 *
 * <p>RELIABILITY.md R26 (ResultCode shapes): {@code 0}, {@code "0"}, {@code 1032}, {@code "1032"}
 * and {@code "SFC_IC0003"} all parse; codes are exposed as strings; {@code isSuccess()} is true
 * only for 0; unknown codes map to UNKNOWN, not an exception.
 */
@DisplayName("R26: ResultCode shapes, StkResult and PaymentStatus")
class ResultCodeTest {

  static Stream<Object> zeroShapes() {
    return Stream.of(
        0,
        0L,
        (short) 0,
        (byte) 0,
        0.0d,
        0.0f,
        BigInteger.ZERO,
        BigDecimal.ZERO,
        new BigDecimal("0.0"),
        new BigDecimal("0.00"),
        new BigDecimal("0E+3"),
        "0",
        " 0 ",
        "\t0\n",
        "00",
        "0.0",
        "0.00");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("zeroShapes")
  void of_zeroInAnyShape_normalisesToSuccess(Object raw) {
    ResultCode code = ResultCode.of(raw);

    assertThat(code.value()).isEqualTo("0");
    assertThat(code).isEqualTo(ResultCode.SUCCESS).hasSameHashCodeAs(ResultCode.SUCCESS);
    assertThat(code.isSuccess()).isTrue();
    assertThat(code.stk()).isEqualTo(StkResult.SUCCESS);
    assertThat(code.stk().status()).isEqualTo(PaymentStatus.COMPLETED);
  }

  static Stream<Object> cancelledShapes() {
    return Stream.of(
        1032,
        1032L,
        (short) 1032,
        1032.0d,
        BigInteger.valueOf(1032),
        new BigDecimal("1032"),
        new BigDecimal("1032.00"),
        new BigDecimal("1.032E+3"),
        "1032",
        " 1032 ",
        "01032",
        "1032.0");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cancelledShapes")
  void of_1032InAnyShape_normalisesToTheSameStringCode(Object raw) {
    ResultCode code = ResultCode.of(raw);

    assertThat(code.value()).isEqualTo("1032");
    assertThat(code.toString()).isEqualTo("1032");
    assertThat(code).isEqualTo(ResultCode.of("1032")).hasSameHashCodeAs(ResultCode.of(1032));
    assertThat(code.isSuccess()).isFalse();
    assertThat(code.stk()).isEqualTo(StkResult.CANCELLED);
  }

  /** The shapes R26 names, each with the code, success flag and STK result it must parse to. */
  static Stream<Arguments> r26Shapes() {
    return Stream.of(
        Arguments.of(0, "0", true, StkResult.SUCCESS),
        Arguments.of("0", "0", true, StkResult.SUCCESS),
        Arguments.of(0L, "0", true, StkResult.SUCCESS),
        Arguments.of(new BigDecimal("0.0"), "0", true, StkResult.SUCCESS),
        Arguments.of(1032, "1032", false, StkResult.CANCELLED),
        Arguments.of("1032", "1032", false, StkResult.CANCELLED),
        Arguments.of("SFC_IC0003", "SFC_IC0003", false, StkResult.OPERATOR_DOES_NOT_EXIST));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("r26Shapes")
  void of_r26Shapes_parseToTheirCode(Object raw, String value, boolean success, StkResult stk) {
    ResultCode code = ResultCode.of(raw);

    assertThat(code.value()).isEqualTo(value);
    assertThat(code.toString()).isEqualTo(value);
    assertThat(code).isEqualTo(new ResultCode(value));
    assertThat(code.isSuccess()).isEqualTo(success);
    assertThat(code.stk()).isEqualTo(stk);
  }

  @Test
  void of_numberAndString_compareEqual() {
    assertThat(ResultCode.of(0)).isEqualTo(ResultCode.of("0"));
    assertThat(ResultCode.of(0L)).isEqualTo(ResultCode.of(new BigDecimal("0.0")));
    assertThat(ResultCode.of(1032)).isEqualTo(ResultCode.of("1032"));
    assertThat(ResultCode.of(0)).isNotEqualTo(ResultCode.of(1032));
    assertThat(ResultCode.of("1032")).isNotEqualTo(ResultCode.of("SFC_IC0003"));
  }

  @Test
  void of_alphanumericCode_keptAsSentAndMapped() {
    ResultCode code = ResultCode.of("SFC_IC0003");

    assertThat(code.value()).isEqualTo("SFC_IC0003");
    assertThat(code.toString()).isEqualTo("SFC_IC0003");
    assertThat(code).isEqualTo(new ResultCode(" SFC_IC0003 "));
    assertThat(code.isSuccess()).isFalse();
    assertThat(code.stk()).isEqualTo(StkResult.OPERATOR_DOES_NOT_EXIST);
    assertThat(code.stk().status()).isEqualTo(PaymentStatus.FAILED);
  }

  @Test
  void of_alphanumericCodeWithLeadingZeros_notTreatedAsNumber() {
    assertThat(ResultCode.of("R000002").value()).isEqualTo("R000002");
    assertThat(ResultCode.of("C2B00011").value()).isEqualTo("C2B00011");
  }

  @Test
  void constructor_numericString_normalisedLikeOf() {
    assertThat(new ResultCode("0.0")).isEqualTo(ResultCode.SUCCESS);
    assertThat(new ResultCode("01032")).isEqualTo(ResultCode.of(1032));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("nonZeroShapes")
  void isSuccess_nonZeroCode_false(Object raw) {
    assertThat(ResultCode.of(raw).isSuccess()).isFalse();
  }

  static Stream<Object> nonZeroShapes() {
    return Stream.of(
        1,
        -1,
        10,
        100,
        1032,
        0.5d,
        new BigDecimal("0.01"),
        "1",
        "-1",
        "10",
        "00001",
        "0.5",
        "1032",
        "SFC_IC0003",
        "R000002",
        "O",
        "OK",
        "success",
        "0x0");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("unknownCodes")
  void stk_unknownCode_mapsToUnknownWithoutException(Object raw) {
    ResultCode code = ResultCode.of(raw);

    assertThat(code.stk()).isEqualTo(StkResult.UNKNOWN);
    assertThat(code.stk().status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(code.stk().isFinal()).isFalse();
    assertThat(code.stk().code()).isNull();
  }

  static Stream<Object> unknownCodes() {
    return Stream.of(
        5,
        42,
        1101,
        5000,
        123456789L,
        -1,
        1.5d,
        "12345",
        "R000002",
        "C2B00011",
        "sfc_ic0003",
        "SFC_IC0004",
        "abc",
        "500.001.1001",
        "Request cancelled by user");
  }

  @Test
  void stkResultOf_nullCode_unknown() {
    assertThat(StkResult.of(null)).isEqualTo(StkResult.UNKNOWN);
  }

  @Test
  void of_null_throwsIllegalArgument() {
    assertThatThrownBy(() -> ResultCode.of(null))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"", " ", "   ", "\t", "\r\n"})
  void of_blankString_throwsIllegalArgument(String raw) {
    assertThatThrownBy(() -> ResultCode.of(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("neitherStringNorNumber")
  void of_neitherStringNorNumber_throwsIllegalArgument(Object raw) {
    assertThatThrownBy(() -> ResultCode.of(raw))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("string or a number");
  }

  static Stream<Object> neitherStringNorNumber() {
    return Stream.of(
        true,
        false,
        '0',
        new Object(),
        new StringBuilder("0"),
        new int[] {0},
        PaymentStatus.PENDING);
  }

  @Test
  void of_notANumberDouble_throwsIllegalArgument() {
    // Double.NaN is a Number but has no decimal form; NumberFormatException is an
    // IllegalArgumentException, so the documented contract still holds.
    assertThatThrownBy(() -> ResultCode.of(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResultCode.of(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_null_throwsNullPointer() {
    assertThatThrownBy(() -> new ResultCode(null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value");
  }

  @Test
  void constructor_blank_throwsIllegalArgument() {
    assertThatThrownBy(() -> new ResultCode("  "))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }

  /** Every code of API.md §7.1 and the status it must give. */
  static Stream<Arguments> stkCodes() {
    return Stream.of(
        Arguments.of("0", PaymentStatus.COMPLETED),
        Arguments.of("1", PaymentStatus.FAILED),
        Arguments.of("2", PaymentStatus.FAILED),
        Arguments.of("3", PaymentStatus.FAILED),
        Arguments.of("4", PaymentStatus.FAILED),
        Arguments.of("8", PaymentStatus.FAILED),
        Arguments.of("17", PaymentStatus.FAILED),
        Arguments.of("26", PaymentStatus.FAILED),
        Arguments.of("1001", PaymentStatus.FAILED),
        Arguments.of("1019", PaymentStatus.TIMED_OUT),
        Arguments.of("1025", PaymentStatus.FAILED),
        Arguments.of("1031", PaymentStatus.CANCELLED),
        Arguments.of("1032", PaymentStatus.CANCELLED),
        Arguments.of("1036", PaymentStatus.TIMED_OUT),
        Arguments.of("1037", PaymentStatus.TIMED_OUT),
        Arguments.of("2001", PaymentStatus.FAILED),
        Arguments.of("2028", PaymentStatus.FAILED),
        Arguments.of("4999", PaymentStatus.PENDING),
        Arguments.of("8006", PaymentStatus.FAILED),
        Arguments.of("9999", PaymentStatus.FAILED),
        Arguments.of("SFC_IC0003", PaymentStatus.FAILED));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("stkCodes")
  void stk_documentedCode_mapsToExpectedStatus(String code, PaymentStatus expected) {
    StkResult result = ResultCode.of(code).stk();

    assertThat(result).isNotEqualTo(StkResult.UNKNOWN);
    assertThat(result.code()).isEqualTo(code);
    assertThat(result.status()).isEqualTo(expected);
    assertThat(StkResult.of(code)).isSameAs(result);
    assertThat(result.isFinal()).isEqualTo(expected != PaymentStatus.PENDING);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("stkCodes")
  void stk_documentedNumericCodeSentAsNumber_mapsLikeTheString(
      String code, PaymentStatus expected) {
    Object raw = code;
    if (code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      raw = Integer.valueOf(code);
    }

    assertThat(ResultCode.of(raw).stk().status()).isEqualTo(expected);
  }

  @Test
  void stkResult_everyKnownResult_isInTheDocumentedTable() {
    Set<String> documented =
        stkCodes().map(a -> (String) a.get()[0]).collect(Collectors.toUnmodifiableSet());
    Set<String> known =
        Arrays.stream(StkResult.values())
            .filter(r -> r != StkResult.UNKNOWN)
            .map(StkResult::code)
            .collect(Collectors.toUnmodifiableSet());

    assertThat(known).isEqualTo(documented);
  }

  @ParameterizedTest
  @EnumSource(value = PaymentStatus.class)
  void isFinal_paymentStatus_falseOnlyForPendingAndUnknown(PaymentStatus status) {
    boolean expected = status != PaymentStatus.PENDING && status != PaymentStatus.UNKNOWN;

    assertThat(status.isFinal()).isEqualTo(expected);
  }

  @Test
  void isFinal_paymentStatus_exactlyFourFinalStatuses() {
    assertThat(
            Arrays.stream(PaymentStatus.values())
                .filter(PaymentStatus::isFinal)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PaymentStatus.class))))
        .containsExactlyInAnyOrder(
            PaymentStatus.COMPLETED,
            PaymentStatus.CANCELLED,
            PaymentStatus.FAILED,
            PaymentStatus.TIMED_OUT);
  }

  @ParameterizedTest
  @EnumSource(StkResult.class)
  void isFinal_stkResult_agreesWithItsStatus(StkResult result) {
    assertThat(result.isFinal()).isEqualTo(result.status().isFinal());
  }

  @ParameterizedTest
  @EnumSource(value = StkResult.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
  void stkResult_knownResult_hasCodeMeaningAndHint(StkResult result) {
    assertThat(result.code()).isNotBlank().isEqualTo(result.code().strip());
    assertThat(result.meaning()).isNotBlank();
    assertThat(result.hint()).isNotBlank();
    assertThat(ResultCode.of(result.code()).value()).isEqualTo(result.code());
    assertThat(StkResult.of(result.code())).isSameAs(result);
  }

  @Test
  void stkResult_knownResults_haveUniqueCodes() {
    assertThat(
            Arrays.stream(StkResult.values())
                .filter(r -> r != StkResult.UNKNOWN)
                .map(StkResult::code))
        .doesNotHaveDuplicates()
        .doesNotContainNull();
  }

  @Test
  void stkResult_unknown_notFinalWithMeaningAndHint() {
    assertThat(StkResult.UNKNOWN.code()).isNull();
    assertThat(StkResult.UNKNOWN.status()).isEqualTo(PaymentStatus.UNKNOWN);
    assertThat(StkResult.UNKNOWN.isFinal()).isFalse();
    assertThat(StkResult.UNKNOWN.meaning()).isNotBlank();
    assertThat(StkResult.UNKNOWN.hint()).isNotBlank();
  }

  @Test
  void status_onlySuccessResult_completed() {
    assertThat(Arrays.stream(StkResult.values()).filter(r -> r.status() == PaymentStatus.COMPLETED))
        .containsExactly(StkResult.SUCCESS);
  }

  /** A hostile callback must not make normalisation expensive (found in review). */
  @Test
  void of_overlongCode_isRejected() {
    assertThatThrownBy(() -> ResultCode.of("1".repeat(1000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 32");
  }

  @Test
  void of_hugeExponent_staysShortText() {
    assertThat(ResultCode.of(new BigDecimal("1E+100000")).value()).isEqualTo("1E+100000");
  }

  @Test
  void of_negativeZeroString_isSuccess() {
    assertThat(ResultCode.of("-0").isSuccess()).isTrue();
  }
}
