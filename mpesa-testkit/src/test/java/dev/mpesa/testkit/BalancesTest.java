package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The short codes' accounts, worked out from the ledger. */
class BalancesTest {
  private static final Instant AT = Instant.parse("2024-07-06T19:48:52Z");

  private final Ledger ledger = new Ledger();
  private final Balances balances = new Balances(ledger);
  private final AtomicInteger receipts = new AtomicInteger();

  private Ledger.Entry entry(Ledger.Kind kind, String amount, String debit, String credit) {
    return new Ledger.Entry(
        "R" + receipts.incrementAndGet(),
        kind,
        new BigDecimal(amount),
        debit,
        credit,
        null,
        null,
        null,
        AT);
  }

  @Test
  void of_eachKind_movesTheAccountItShould() {
    ledger.add(entry(Ledger.Kind.STK, "100.00", "254708374149", "174379"));
    ledger.add(entry(Ledger.Kind.C2B, "50.00", "254708374149", "174379"));
    ledger.add(entry(Ledger.Kind.B2C, "30.00", "174379", "254708374149"));
    ledger.add(entry(Ledger.Kind.REVERSAL, "20.00", "174379", "254708374149"));
    ledger.add(entry(Ledger.Kind.B2B, "400.00", "174379", "600000"));
    ledger.add(entry(Ledger.Kind.TAX, "5.00", "174379", "572572"));

    Balances.Snapshot mine = balances.of("174379");
    assertThat(mine.utility()).isEqualByComparingTo("1000100.00");
    assertThat(mine.working()).isEqualByComparingTo("499595.00");
    assertThat(balances.of("600000").utility()).isEqualByComparingTo("1000400.00");
    assertThat(balances.of("600000").working()).isEqualByComparingTo("500000.00");
  }

  @Test
  void accountBalance_isDarajasPipeFormat() {
    assertThat(balances.of("600000").accountBalance())
        .isEqualTo(
            "Working Account|KES|500000.00|500000.00|0.00|0.00"
                + "&Float Account|KES|0.00|0.00|0.00|0.00"
                + "&Utility Account|KES|1000000.00|1000000.00|0.00|0.00"
                + "&Charges Paid Account|KES|0.00|0.00|0.00|0.00"
                + "&Organization Settlement Account|KES|0.00|0.00|0.00|0.00");
  }

  @Test
  void debit_shortAccount_recordsNothing() {
    assertThat(
            balances.debit(
                "600000",
                Balances.Account.WORKING,
                new BigDecimal("500000.01"),
                () -> entry(Ledger.Kind.B2B, "500000.01", "600000", "600001")))
        .isNull();
    assertThat(ledger.all()).isEmpty();
  }

  @Test
  void debit_manyThreads_neverSpendsMoreThanTheAccountHolds() throws Exception {
    // 40 payouts of 100,000 race for 1,000,000: exactly 10 may succeed.
    int threads = 8;
    int payouts = 40;
    BigDecimal amount = new BigDecimal("100000.00");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < payouts; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return balances.debit(
                          "600984",
                          Balances.Account.UTILITY,
                          amount,
                          () -> {
                            // Widens the window between the check and the entry, where an
                            // unguarded debit would let another thread spend the same money.
                            for (int y = 0; y < 200; y++) {
                              Thread.yield();
                            }
                            return entry(Ledger.Kind.B2C, "100000.00", "600984", "254708374149");
                          })
                      != null;
                }));
      }
      go.countDown();
      int paid = 0;
      for (Future<Boolean> r : results) {
        paid += r.get() ? 1 : 0;
      }
      assertThat(paid).isEqualTo(10);
      assertThat(ledger.all()).hasSize(10);
      assertThat(balances.of("600984").utility()).isEqualByComparingTo("0.00");
    } finally {
      pool.shutdownNow();
    }
  }
}
