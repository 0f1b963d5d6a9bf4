package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Daraja's own validation answers, sent over raw HTTP because the SDK refuses these requests before
 * sending them.
 */
class RawValidationTest {
  private static final String REGISTER =
      "{\"ShortCode\":\"600984\",\"ResponseType\":\"%s\","
          + "\"ConfirmationURL\":\"%s\",\"ValidationURL\":\"%s\"}";
  private static final String SIMULATE =
      "{\"ShortCode\":600984,\"CommandID\":\"CustomerPayBillOnline\",\"Amount\":1,"
          + "\"Msisdn\":%s,\"BillRefNumber\":\"Test Ref\"}";

  private FakeDaraja fake;
  private RawDaraja raw;

  @BeforeEach
  void start() {
    fake = FakeDaraja.start();
    raw = new RawDaraja(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static void assertInvalid(RawDaraja.Answer answer, String field) {
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorCode()).isEqualTo("400.002.02");
    assertThat(answer.errorMessage()).isEqualTo("Bad Request - Invalid " + field);
  }

  private RawDaraja.Answer register(String type, String confirmation, String validation) {
    return raw.post(C2bDesk.REGISTER_V2, REGISTER.formatted(type, confirmation, validation));
  }

  @Test
  void c2bRegister_responseTypeInOtherCase_isInvalid() {
    assertInvalid(
        register("completed", "https://shop.example/c2b/confirm", "https://shop.example/c2b/v"),
        "ResponseType");
    assertInvalid(
        register("Canceled", "https://shop.example/c2b/confirm", "https://shop.example/c2b/v"),
        "ResponseType");
  }

  @Test
  void c2bRegister_bannedWordInUrl_isInvalid() {
    assertInvalid(
        register("Completed", "https://shop.example/MPesa/confirm", "https://shop.example/v"),
        "ConfirmationURL");
    assertInvalid(
        register("Completed", "https://shop.example/confirm", "https://shop.example/v?query=1"),
        "ValidationURL");
    assertThat(
            register("Completed", "https://shop.example/confirm", "https://shop.example/v")
                .json()
                .get("OriginatorCoversationID")
                .asText())
        .isNotBlank();
  }

  @Test
  void c2bSimulate_badMsisdn_isInvalid() {
    assertInvalid(raw.post(C2bDesk.SIMULATE_V2, SIMULATE.formatted("\"0708374149\"")), "Msisdn");
    assertInvalid(raw.post(C2bDesk.SIMULATE_V1, SIMULATE.formatted("25470837414")), "Msisdn");
    assertThat(raw.post(C2bDesk.SIMULATE_V2, SIMULATE.formatted("254708374149")).status())
        .isEqualTo(200);
  }

  @Test
  void c2bSimulate_payBillWithoutAccountOrTooLong_isInvalid() {
    String noRef =
        "{\"ShortCode\":600984,\"CommandID\":\"CustomerPayBillOnline\",\"Amount\":1,"
            + "\"Msisdn\":254708374149}";
    String longRef = SIMULATE.formatted("254708374149").replace("Test Ref", "x".repeat(21));
    String badCommand =
        SIMULATE.formatted("254708374149").replace("CustomerPayBillOnline", "CustomerPayBill");

    assertInvalid(raw.post(C2bDesk.SIMULATE_V2, noRef), "BillRefNumber");
    assertInvalid(raw.post(C2bDesk.SIMULATE_V2, longRef), "BillRefNumber");
    assertInvalid(raw.post(C2bDesk.SIMULATE_V2, badCommand), "CommandID");
  }

  @Test
  void c2b_invalidToken_is400003_01() {
    RawDaraja.Answer answer =
        raw.post(C2bDesk.SIMULATE_V2, SIMULATE.formatted("254708374149"), "not-a-token");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorCode()).isEqualTo("400.003.01");
    assertThat(answer.errorMessage()).isEqualTo("Invalid Access Token");
  }

  @Test
  void pull_invalidToken_is401_001() {
    RawDaraja.Answer answer =
        raw.post(
            PullDesk.QUERY,
            "{\"ShortCode\":\"600000\",\"StartDate\":\"2020-08-04 08:36:00\","
                + "\"EndDate\":\"2020-08-16 10:10:00\",\"OffSetValue\":\"0\"}",
            "not-a-token");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.errorCode()).isEqualTo("401.001");
  }

  @Test
  void pull_badOrUnregisteredShortCode_is400_001() {
    String query =
        "{\"ShortCode\":\"%s\",\"StartDate\":\"2020-08-04 08:36:00\","
            + "\"EndDate\":\"2020-08-16 10:10:00\",\"OffSetValue\":\"0\"}";

    RawDaraja.Answer unregistered = raw.post(PullDesk.QUERY, query.formatted("600000"));
    RawDaraja.Answer letters = raw.post(PullDesk.QUERY, query.formatted("60000A"));

    assertThat(unregistered.status()).isEqualTo(400);
    assertThat(unregistered.errorCode()).isEqualTo("400.001");
    assertThat(letters.errorMessage()).isEqualTo("Invalid ShortCode");
    Golden.assertSameShape("pull/invalid-short-code.json", unregistered.json());
  }

  @Test
  void qr_badFields_areInvalid() {
    String sample =
        "{\"MerchantName\":\"TEST SUPERMARKET\",\"RefNo\":\"Invoice Test\",\"Amount\":1,"
            + "\"TrxCode\":\"BG\",\"CPI\":\"373132\",\"Size\":\"300\"}";

    RawDaraja.Answer decimal = raw.post(QrDesk.GENERATE, sample.replace("1,", "1.5,"));
    assertInvalid(decimal, "Amount");
    Golden.assertSameShape("qr/error-invalid-amount.json", decimal.json());
    assertInvalid(raw.post(QrDesk.GENERATE, sample.replace("\"BG\"", "\"XX\"")), "TrxCode");
    assertInvalid(raw.post(QrDesk.GENERATE, sample.replace("\"300\"", "\"big\"")), "Size");
    assertInvalid(raw.post(QrDesk.GENERATE, sample.replace("\"300\"", "\"0\"")), "Size");
    assertInvalid(raw.post(QrDesk.GENERATE, sample.replace("\"BG\"", "\"SM\"")), "CPI");
    assertThat(
            raw.post(
                    QrDesk.GENERATE,
                    sample.replace("\"BG\"", "\"SM\"").replace("373132", "254708374149"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void ratiba_badFields_areInvalid() {
    String start =
        LocalDate.now(ZoneId.of("Africa/Nairobi")).format(DateTimeFormatter.BASIC_ISO_DATE);
    String sample =
        Golden.read("ratiba/create-request.json")
            .toString()
            .replace("20240905", start)
            .replace("20250905", "20991231")
            // Loopback only: the accepted order's callback must not leave the machine.
            .replace("https://mydomain.com/pat", "http://127.0.0.1:1/ratiba");

    assertThat(raw.post(RatibaDesk.CREATE, sample).status()).isEqualTo(200);
    assertInvalid(
        raw.post(RatibaDesk.CREATE, sample.replace("\"Frequency\":\"2\"", "\"Frequency\":\"0\"")),
        "Frequency");
    assertInvalid(raw.post(RatibaDesk.CREATE, sample.replace(start, "20200101")), "StartDate");
    assertInvalid(raw.post(RatibaDesk.CREATE, sample.replace(start, "20240231")), "StartDate");
    assertInvalid(
        raw.post(
            RatibaDesk.CREATE,
            sample.replace(
                "\"ReceiverPartyIdentifierType\":\"4\"", "\"ReceiverPartyIdentifierType\":\"2\"")),
        "ReceiverPartyIdentifierType");
    assertInvalid(
        raw.post(RatibaDesk.CREATE, sample.replace("Customer Pay Bill", "Customer PayBill")),
        "TransactionType");
    assertInvalid(
        raw.post(
            RatibaDesk.CREATE,
            sample.replace("\"Test\",\"Frequency", "\"Test transaction\",\"Frequency")),
        "TransactionDesc");
  }

  @Test
  void b2bExpress_badFieldsAndTokens_areRefused() {
    String sample =
        Golden.read("b2b/express-request.json")
            .toString()
            .replace("https://vendor.example/result", "http://127.0.0.1:1/b2b");

    assertInvalid(
        raw.post(B2bExpressDesk.CHECKOUT, sample.replace("\"100\"", "\"10.50\"")), "amount");
    assertInvalid(
        raw.post(B2bExpressDesk.CHECKOUT, sample.replace("\"000001\"", "\"1\"")),
        "primaryShortCode");
    assertInvalid(
        raw.post(
            B2bExpressDesk.CHECKOUT,
            sample.replaceAll("\"RequestRefID\":\"[^\"]*\"", "\"RequestRefID\":\"\"")),
        "RequestRefID");
    RawDaraja.Answer otherSpelling =
        raw.post(B2bExpressDesk.CHECKOUT, sample.replace("RequestRefID", "RequestRefId"));
    assertThat(otherSpelling.status()).isEqualTo(200);
    Golden.assertSameShape("b2b/express-ack.json", otherSpelling.json());
    RawDaraja.Answer badToken = raw.post(B2bExpressDesk.CHECKOUT, sample, "not-a-token");
    assertThat(badToken.status()).isEqualTo(404);
    assertThat(badToken.errorCode()).isEqualTo("404.001.03");
  }

  @Test
  void billManager_badFieldsAndOversizedBulk_areRefused() {
    String invoice =
        Golden.read("billmanager/single-invoice-request.json")
            .toString()
            .replace("0722000000", "0800000000");
    RawDaraja.Answer badPhone = raw.post(BillManagerDesk.SINGLE_INVOICE, invoice);
    assertInvalid(badPhone, "billedPhoneNumber");
    Golden.assertSameShape("billmanager/error-invalid-field.json", badPhone.json());
    assertInvalid(
        raw.post(
            BillManagerDesk.SINGLE_INVOICE,
            invoice.replace("0800000000", "0722000000").replace("2021-10-15", "15/10/2021")),
        "dueDate");

    String one = "{\"externalReference\":\"113\"}";
    String tooMany = "[" + String.join(",", Collections.nCopies(1001, one)) + "]";
    RawDaraja.Answer oversized = raw.post(BillManagerDesk.CANCEL_BULK, tooMany);
    assertThat(oversized.status()).isEqualTo(200);
    assertThat(oversized.json().get("rescode").asText()).isEqualTo("400");
    assertThat(raw.post(BillManagerDesk.BULK_INVOICES, one).errorCode()).isEqualTo("400.002.05");

    String optIn =
        Golden.read("billmanager/optin-request.json")
            .toString()
            .replace("http://my-server.com/bar/callback", "http://127.0.0.1:1/bills");
    assertThat(raw.post(BillManagerDesk.OPT_IN, optIn).json().get("rescode").asText())
        .isEqualTo("200");
    assertInvalid(
        raw.post(
            BillManagerDesk.OPT_IN,
            optIn.replace("\"sendReminders\":\"1\"", "\"sendReminders\":\"yes\"")),
        "sendReminders");
  }

  @Test
  void pullRegister_badNominatedNumberOrDate_isInvalid() {
    String register =
        "{\"ShortCode\":\"600000\",\"RequestType\":\"Pull\",\"NominatedNumber\":\"%s\","
            + "\"CallBackURL\":\"https://domain/path\"}";
    assertInvalid(raw.post(PullDesk.REGISTER, register.formatted("0800000000")), "NominatedNumber");
    assertThat(raw.post(PullDesk.REGISTER, register.formatted("0722000000")).status())
        .isEqualTo(200);

    RawDaraja.Answer badDate =
        raw.post(
            PullDesk.QUERY,
            "{\"ShortCode\":\"600000\",\"StartDate\":\"04/08/2020\","
                + "\"EndDate\":\"2020-08-16 10:10:00\",\"OffSetValue\":\"0\"}");
    assertInvalid(badDate, "StartDate");
  }
}
