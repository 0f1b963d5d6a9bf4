package dev.mpesa.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpesa.MpesaClient;
import dev.mpesa.phone.PhoneNumber;
import dev.mpesa.testing.DarajaStub;
import dev.mpesa.testing.Fixtures;
import dev.mpesa.testing.TestClients;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A QR request Daraja would reject (or that could not be scanned) fails locally, sending nothing.
 */
class QrValidationTest {
  MockWebServer server;
  MpesaClient mpesa;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(
        new DarajaStub()
            .handler(r -> DarajaStub.json(200, Fixtures.read("qr/generate-response.json"))));
    server.start();
    mpesa = TestClients.sandbox(server).build();
  }

  @AfterEach
  void stop() {
    mpesa.close();
    server.close();
  }

  static DynamicQrRequest.Builder valid() {
    return DynamicQrRequest.builder()
        .merchantName("TEST SUPERMARKET")
        .referenceNumber("INV-1")
        .amount(100)
        .buyGoods("373132");
  }

  static Stream<Arguments> invalidRequests() {
    return Stream.of(
        bad("amount zero", b -> b.amount(0), "amount"),
        bad("negative amount", b -> b.amount(-1), "amount"),
        bad("amount above 250,000", b -> b.amount(250_001), "amount"),
        bad("size below 50", b -> b.size(49), "size"),
        bad("size zero", b -> b.size(0), "size"),
        bad("size above 1000", b -> b.size(1001), "size"),
        bad("no merchant name", b -> b.merchantName(null), "merchantName"),
        bad("blank merchant name", b -> b.merchantName(""), "merchantName"),
        bad("padded merchant name", b -> b.merchantName(" SHOP"), "merchantName"),
        bad("merchant name of 101", b -> b.merchantName("M".repeat(101)), "merchantName"),
        bad("no reference", b -> b.referenceNumber(null), "referenceNumber"),
        bad("reference of 101", b -> b.referenceNumber("R".repeat(101)), "referenceNumber"),
        bad("till with letters", b -> b.buyGoods("37A132"), "creditParty"),
        bad("till of 4 digits", b -> b.buyGoods("3731"), "creditParty"),
        bad("paybill of 10 digits", b -> b.payBill("1234567890"), "creditParty"),
        bad("agent with a space", b -> b.withdrawAtAgent("12 3456"), "creditParty"));
  }

  static Arguments bad(String name, Consumer<DynamicQrRequest.Builder> change, String field) {
    return Arguments.of(name, change, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRequests")
  void generate_invalidField_failsNamingItAndSendsNothing(
      String name, Consumer<DynamicQrRequest.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              DynamicQrRequest.Builder b = valid();
              change.accept(b);
              mpesa.qr().generate(b.build());
            })
        .isInstanceOfAny(IllegalArgumentException.class, IllegalArgumentException.class)
        .hasMessageContaining(field);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void generate_noTrxCode_failsSayingWhatToCallAndSendsNothing() {
    assertThatThrownBy(
            () ->
                mpesa
                    .qr()
                    .generate(
                        DynamicQrRequest.builder()
                            .merchantName("SHOP")
                            .referenceNumber("INV-1")
                            .amount(100)
                            .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("buyGoods");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void sendMoney_invalidPhone_failsAtTheBuilderWithoutEchoingIt() {
    assertThatThrownBy(() -> valid().sendMoney("0812345678"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Kenyan mobile")
        .hasMessageNotContaining("0812345678");
    assertThatThrownBy(() -> valid().creditParty(TrxCode.SEND_TO_BUSINESS, "600000"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void constructor_phoneCodeWithTill_isRejected() {
    assertThatThrownBy(
            () ->
                new DynamicQrRequest("SHOP", "INV-1", 100, TrxCode.SEND_MONEY, "373132", null, 300))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("creditPhoneNumber");
    assertThatThrownBy(
            () ->
                new DynamicQrRequest(
                    "SHOP",
                    "INV-1",
                    100,
                    TrxCode.BUY_GOODS,
                    "373132",
                    PhoneNumber.parse("0708374149"),
                    300))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("creditPhoneNumber");
  }

  @Test
  void builder_defaults_sizeIs300AndLastPartyWins() {
    DynamicQrRequest r = valid().sendMoney("0708374149").payBill("600000").build();
    assertThat(r.size()).isEqualTo(300);
    assertThat(r.trxCode()).isEqualTo(TrxCode.PAY_BILL);
    assertThat(r.creditParty()).isEqualTo("600000");
    assertThat(r.creditPhoneNumber()).isNull();
  }

  @Test
  void request_toString_masksAPhoneCpi() {
    assertThat(valid().sendMoney("0708374149").build().toString())
        .contains("2547******49")
        .doesNotContain("254708374149");
  }

  @Test
  void trxCode_codes_areTheTwoLettersOfApiMd() {
    assertThat(TrxCode.values())
        .extracting(TrxCode::code)
        .containsExactly("BG", "WA", "PB", "SM", "SB");
    assertThat(TrxCode.fromCode(" sm ")).isEqualTo(TrxCode.SEND_MONEY);
    assertThat(TrxCode.SEND_TO_BUSINESS.takesPhoneNumber()).isTrue();
    assertThat(TrxCode.PAY_BILL.takesPhoneNumber()).isFalse();
    assertThatThrownBy(() -> TrxCode.fromCode("XX")).isInstanceOf(IllegalArgumentException.class);
  }
}
