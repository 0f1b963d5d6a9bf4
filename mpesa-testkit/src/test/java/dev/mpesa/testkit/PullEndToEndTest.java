package dev.mpesa.testkit;

import static dev.mpesa.testkit.World.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpesa.MpesaClient;
import dev.mpesa.callback.Callbacks;
import dev.mpesa.pull.PullQueryRequest;
import dev.mpesa.pull.PullQueryResponse;
import dev.mpesa.pull.PullRegisterResponse;
import dev.mpesa.pull.PullTransaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Pull Transactions through the SDK against the fake, over payments the fake really made. */
class PullEndToEndTest {
  private static final String SHORT_CODE = FakeDaraja.BUSINESS_SHORT_CODE;

  @AutoClose
  private final World world =
      new World(
          b -> b.resultDelay(Duration.ofMillis(20)).customerResponseTime(Duration.ofMillis(20)));

  private final FakeDaraja fake = world.fake;
  private final MpesaClient mpesa = world.mpesa;

  /** Registers C2B URLs, pays {@code amounts} in order, and waits for every confirmation. */
  private void pay(long... amounts) {
    world.registerC2bUrls(SHORT_CODE);
    for (int i = 0; i < amounts.length; i++) {
      world.c2bPayment(SHORT_CODE, "ACC-" + i, amounts[i]);
      // One at a time, so that their order in the ledger is the order paid.
      int paid = i + 1;
      fake.journal().awaitCallbacks(c -> c.kind() == CallbackKind.C2B_CONFIRMATION, paid, WAIT);
    }
  }

  @Test
  void register_twice_firstRegistersThenAlreadyRegistered() {
    PullRegisterResponse first = world.registerPull(SHORT_CODE);
    PullRegisterResponse second = world.registerPull(SHORT_CODE);

    assertThat(first.responseStatus()).isEqualTo(PullRegisterResponse.REGISTERED);
    assertThat(second.wasAlreadyRegistered()).isTrue();
    assertThat(second.shortCode()).isEqualTo(SHORT_CODE);
    var answers = fake.journal().requests(PullDesk.REGISTER);
    Golden.assertSameShape("pull/register-response.json", answers.get(0).responseJson());
    Golden.assertSameShape("pull/register-already-registered.json", answers.get(1).responseJson());
  }

  @Test
  void query_afterSimulatedPayment_findsIt() {
    world.registerPull(SHORT_CODE);
    pay(233);
    String receipt =
        Callbacks.parseC2bConfirmation(
                fake.journal().callbacks(CallbackKind.C2B_CONFIRMATION).get(0).body())
            .transId();

    PullQueryResponse page = world.pullThisHour(SHORT_CODE, 0);

    assertThat(page.responseCode()).isEqualTo(PullQueryResponse.SUCCESS);
    PullTransaction row = page.transactions().get(0);
    assertThat(page.transactions()).hasSize(1);
    assertThat(row.transactionId()).isEqualTo(receipt);
    assertThat(row.amount()).isEqualByComparingTo("233");
    assertThat(row.billReference()).isEqualTo("ACC-0");
    assertThat(row.transactionType()).isEqualTo("c2b-pay-bill-debit");
    assertThat(row.msisdn()).isEqualTo("2547******49");
    assertThat(row.transactionTime()).isNotNull();
    Golden.assertSameShape(
        "pull/query-response.json", fake.journal().requests(PullDesk.QUERY).get(0).responseJson());
  }

  @Test
  void query_offset_skipsRows() {
    world.registerPull(SHORT_CODE);
    pay(10, 20, 30);

    PullQueryResponse second = world.pullThisHour(SHORT_CODE, 1);
    PullQueryResponse past = world.pullThisHour(SHORT_CODE, 3);

    assertThat(second.transactions())
        .extracting(PullTransaction::amount)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("20"), new BigDecimal("30"));
    assertThat(past.isEmpty()).isTrue();
  }

  @Test
  void query_periodWithoutPayments_is1001WithoutTransactions() {
    world.registerPull(SHORT_CODE);
    pay(5);
    LocalDateTime now = LocalDateTime.now(ZoneId.of("Africa/Nairobi"));

    PullQueryResponse page =
        mpesa
            .pull()
            .query(
                PullQueryRequest.builder()
                    .shortCode(SHORT_CODE)
                    .startDate(now.minusDays(1).minusHours(2))
                    .endDate(now.minusDays(1))
                    .build());

    assertThat(page.responseCode()).isEqualTo(PullQueryResponse.NO_TRANSACTIONS);
    assertThat(page.transactions()).isEmpty();
    Golden.assertSameShape(
        "pull/query-no-transactions.json",
        fake.journal().requests(PullDesk.QUERY).get(0).responseJson());
  }

  @Test
  void query_stkPaymentIntoShortCode_isListed() {
    world.registerPull(FakeDaraja.SHORT_CODE);
    world.stkPayment(40);

    PullQueryResponse page = world.pullThisHour(FakeDaraja.SHORT_CODE, 0);

    assertThat(page.transactions())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.billReference()).isEqualTo("ORD-9");
              assertThat(r.amount()).isEqualByComparingTo("40");
            });
  }
}
