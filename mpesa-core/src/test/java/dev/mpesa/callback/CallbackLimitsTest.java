package dev.mpesa.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mpesa.error.CallbackParseException;
import dev.mpesa.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Hostile callback bodies: too large to parse, or quoting a phone number in the parser's own error.
 * RELIABILITY.md: R31 (malformed callbacks: a typed parse exception, bounded work), R8 (no full
 * phone number in what the SDK prints).
 */
class CallbackLimitsTest {

  /** A valid STK callback padded with spaces (valid JSON whitespace) to {@code size} bytes. */
  private static byte[] paddedTo(int size) {
    String body = Fixtures.read("stk/callback-success.json");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return (body + " ".repeat(size - bytes.length)).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void body_ofFiveMegabytes_ofValidShape_isRefusedBeforeParsing() {
    byte[] body = paddedTo(5 * 1024 * 1024);

    assertThatThrownBy(() -> Callbacks.parseStk(body))
        .isInstanceOf(CallbackParseException.class)
        .hasMessageContaining("more than the 65536")
        .hasMessageContaining("it was not parsed");
    assertThatThrownBy(() -> Callbacks.parse(new String(body, StandardCharsets.UTF_8)))
        .isInstanceOf(CallbackParseException.class)
        .hasMessageContaining("more than the 65536");
  }

  @Test
  void body_atTheLimit_parses_andOneByteMoreDoesNot() {
    assertThatCode(() -> Callbacks.parseStk(paddedTo(Callbacks.MAX_BODY_BYTES)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> Callbacks.parseStk(paddedTo(Callbacks.MAX_BODY_BYTES + 1)))
        .isInstanceOf(CallbackParseException.class);
  }

  @Test
  void parserError_quotingAPhoneNumber_isRedactedInTheCauseToo() {
    // An unquoted token: Jackson's own message quotes it ("Unrecognized token '254708374149x'").
    String body = "{\"Body\":{\"stkCallback\":{\"PhoneNumber\":254708374149x}}}";

    CallbackParseException e =
        catchThrowableOfType(CallbackParseException.class, () -> Callbacks.parseStk(body));

    assertThat(e).isNotNull();
    Throwable cause = e.getCause();
    assertThat(cause).isInstanceOf(CallbackParseException.RedactedCause.class);
    assertThat(((CallbackParseException.RedactedCause) cause).causeType()).contains("jackson");
    assertThat(cause.getCause()).isNull();
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain("708374149");
      assertThat(t.toString()).doesNotContain("708374149");
    }
  }
}
