package dev.mpesa.testkit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completed C2B payments, for the desks that react to them: Bill Manager marks an invoice paid when
 * a payment into an opted-in short code carries its account reference. {@link C2bDesk} publishes,
 * other desks subscribe; neither knows the other. Thread-safe.
 */
final class C2bPayments {
  private static final Logger log = LoggerFactory.getLogger(C2bPayments.class);

  /**
   * One completed payment.
   *
   * @param receipt the M-Pesa receipt ({@code TransID})
   * @param shortCode the PayBill or till paid
   * @param billRefNumber the account number the customer typed; null for a till
   * @param amount the amount, two decimals
   * @param msisdn the customer, {@code 2547...}
   * @param at when it completed
   */
  record Payment(
      String receipt,
      String shortCode,
      String billRefNumber,
      BigDecimal amount,
      String msisdn,
      Instant at) {}

  private final List<Consumer<Payment>> listeners = new CopyOnWriteArrayList<>();

  /** Calls {@code listener} with every payment completed from now on. */
  void subscribe(Consumer<Payment> listener) {
    listeners.add(listener);
  }

  /** Tells every listener; one that fails is logged and does not stop the others. */
  void completed(Payment payment) {
    for (Consumer<Payment> listener : listeners) {
      try {
        listener.accept(payment);
      } catch (RuntimeException e) {
        log.error("FakeDaraja: a C2B payment listener failed on {}", payment.receipt(), e);
      }
    }
  }
}
