package dev.mpesa.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mpesa.callback.AccountBalanceResult;
import dev.mpesa.callback.B2bPaymentResult;
import dev.mpesa.callback.B2cPaymentResult;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.callback.ResultCallback;
import dev.mpesa.callback.TaxRemittanceResult;
import dev.mpesa.callback.TransactionReversalResult;
import dev.mpesa.callback.TransactionStatusResult;
import dev.mpesa.error.CallbackParseException;
import dev.mpesa.error.CallbackVerificationException;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.security.CallbackUrlSigner;
import dev.mpesa.security.IpAllowList;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of everything that reads untrusted input: only the documented exception
 * may escape. Without {@code JAZZER_FUZZ} (as in {@code mvn -B verify}) each test replays its seed
 * corpus under {@code src/test/resources/dev/mpesa/fuzz/ParsersFuzzTestInputs/<test>/}; with it,
 * Jazzer explores new inputs (see README "Fuzzing").
 */
class ParsersFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void parseStk(byte[] body) {
    try {
      Callbacks.parseStk(body);
    } catch (CallbackParseException expected) {
      // the documented outcome for a body that is not an STK callback
    }
  }

  @FuzzTest(maxDuration = "60s")
  void parse(byte[] body) {
    try {
      Callbacks.parse(body);
    } catch (CallbackParseException expected) {
      // the documented outcome for a body that is not a Daraja callback
    }
  }

  @FuzzTest(maxDuration = "60s")
  void parseResult(byte[] body) {
    try {
      ResultCallback result = Callbacks.parseResult(body);
      // The typed views read parameters leniently: they may not throw either.
      B2cPaymentResult.from(result);
      B2bPaymentResult.from(result);
      AccountBalanceResult.from(result);
      TransactionStatusResult.from(result);
      TransactionReversalResult.from(result);
      TaxRemittanceResult.from(result);
    } catch (CallbackParseException expected) {
      // the documented outcome for a body that is not a result
    }
  }

  @FuzzTest(maxDuration = "30s")
  void parseQueueTimeout(byte[] body) {
    try {
      Callbacks.parseQueueTimeout(body);
    } catch (CallbackParseException expected) {
      // the documented outcome for a body that is not a timeout notice
    }
  }

  @FuzzTest(maxDuration = "60s")
  void parseC2b(byte[] body) {
    try {
      Callbacks.parseC2bConfirmation(body);
    } catch (CallbackParseException expected) {
      // the documented outcome for a body that is not a C2B callback
    }
    try {
      Callbacks.parseC2bValidation(body);
    } catch (CallbackParseException expected) {
      // the documented outcome for a body that is not a C2B callback
    }
  }

  @FuzzTest(maxDuration = "30s")
  void parseFlatCallbacks(byte[] body) {
    try {
      Callbacks.parseB2bExpress(body);
    } catch (CallbackParseException expected) {
      // documented
    }
    try {
      Callbacks.parseBillPayment(body);
    } catch (CallbackParseException expected) {
      // documented
    }
    try {
      Callbacks.parseStandingOrder(body);
    } catch (CallbackParseException expected) {
      // documented
    }
  }

  @FuzzTest(maxDuration = "30s")
  void phoneNumber(byte[] bytes) {
    String input = new String(bytes, StandardCharsets.UTF_8);
    try {
      PhoneNumber parsed = PhoneNumber.parse(input);
      if (!parsed.value().matches("254[17]\\d{8}")) {
        throw new AssertionError("parse returned a number outside 2547/2541: " + parsed);
      }
    } catch (IllegalArgumentException expected) {
      // the documented outcome for anything that is not a Kenyan mobile number
    }
  }

  private static final CallbackUrlSigner SIGNER =
      CallbackUrlSigner.of(
          new byte[32], Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  @FuzzTest(maxDuration = "30s")
  void verifyToken(byte[] bytes) {
    try {
      SIGNER.verify(new String(bytes, StandardCharsets.UTF_8));
    } catch (CallbackVerificationException expected) {
      // the documented outcome for anything the signer did not mint
    }
  }

  private static final IpAllowList ALLOW_LIST =
      IpAllowList.builder()
          .mode(IpAllowList.Mode.ENFORCE)
          .allowSafaricomDefaults()
          .trustProxies("10.0.0.0/8", "::1")
          .build();

  /** First line: the remote address; the others: X-Forwarded-For values. Must never throw. */
  @FuzzTest(maxDuration = "30s")
  void ipAllowList(byte[] bytes) {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    IpAllowList.Decision decision =
        ALLOW_LIST.check(lines[0], Arrays.asList(lines).subList(1, lines.length));
    if (decision == null) {
      throw new AssertionError("check returned null");
    }
  }
}
