package dev.mpesa.examples;

import dev.mpesa.callback.StkCallback;
import dev.mpesa.examples.Payment.Status;
import dev.mpesa.stk.StkQueryResponse;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkout's tables and every change made to them, each in one short transaction.
 *
 * <p>Three tables: {@code orders} (what is being paid for), {@code payments} (one row per STK push
 * attempt, see {@link Payment}) and {@code stk_callbacks} (every verified callback, verbatim). The
 * primary key of {@code stk_callbacks} is the {@code CheckoutRequestID}, which Daraja repeats in
 * every delivery of the same outcome, with the payment reference of the URL it came to. Inserting
 * it in the same transaction as the payment update makes a callback count once (RELIABILITY R32): a
 * redelivery's insert fails on the key, and no window exists in which the key is recorded but the
 * outcome is not. The reference is part of the key so that a callback sent to the wrong payment's
 * URL, which is kept but changes nothing, cannot make the genuine delivery look like a duplicate.
 *
 * <p>Plain JDBC and portable SQL (tested on H2; the statements also run on PostgreSQL). Take
 * connections from a pool in production. Thread-safe: all state is in the database.
 */
final class PaymentStore {
  private static final Logger log = LoggerFactory.getLogger(PaymentStore.class);

  /** SQLSTATE of a unique or primary key violation, the same in H2, PostgreSQL and MySQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String[] SCHEMA = {
    """
    CREATE TABLE IF NOT EXISTS orders (
      order_id    VARCHAR(12) PRIMARY KEY,
      amount      BIGINT NOT NULL,
      created_at  TIMESTAMP WITH TIME ZONE NOT NULL
    )""",
    """
    CREATE TABLE IF NOT EXISTS payments (
      reference           VARCHAR(24) PRIMARY KEY,
      order_id            VARCHAR(12) NOT NULL REFERENCES orders (order_id),
      attempt             INT NOT NULL,
      amount              BIGINT NOT NULL,
      phone_masked        VARCHAR(16) NOT NULL,
      checkout_request_id VARCHAR(64) UNIQUE,
      merchant_request_id VARCHAR(64),
      status              VARCHAR(16) NOT NULL,
      push_unconfirmed    BOOLEAN DEFAULT FALSE NOT NULL,
      result_code         VARCHAR(32),
      result_description  VARCHAR(255),
      receipt             VARCHAR(32) UNIQUE,
      paid_amount         DECIMAL(12, 2),
      created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
      updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
      last_queried_at     TIMESTAMP WITH TIME ZONE,
      UNIQUE (order_id, attempt)
    )""",
    """
    CREATE TABLE IF NOT EXISTS stk_callbacks (
      checkout_request_id VARCHAR(64) NOT NULL,
      reference           VARCHAR(64) NOT NULL,
      result_code         VARCHAR(32) NOT NULL,
      matched             BOOLEAN NOT NULL,
      body                CLOB NOT NULL,
      received_at         TIMESTAMP WITH TIME ZONE NOT NULL,
      PRIMARY KEY (checkout_request_id, reference)
    )"""
  };

  private static final String PAYMENT_COLUMNS =
      "reference, order_id, attempt, amount, phone_masked, checkout_request_id, status,"
          + " push_unconfirmed, result_code, result_description, receipt, created_at";

  /** Why a new payment for an order was refused. */
  static final class CheckoutConflict extends Exception {
    private static final long serialVersionUID = 1L;

    CheckoutConflict(String message) {
      super(message, null, false, false);
    }
  }

  /** What became of a callback. */
  enum CallbackOutcome {
    /** It settled its payment (or added the receipt to a payment a query had settled). */
    APPLIED,
    /** It was delivered before (same {@code CheckoutRequestID}, same URL): nothing changed. */
    DUPLICATE,
    /** It matches no payment of this reference: kept in {@code stk_callbacks}, nothing changed. */
    UNMATCHED
  }

  private final DataSource dataSource;
  private final Clock clock;

  PaymentStore(DataSource dataSource, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Creates the tables that do not exist yet. */
  void createSchema() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String sql : SCHEMA) {
        s.execute(sql);
      }
    }
  }

  /**
   * Records the order (if new) and a new pending payment for it, before anything is sent to Daraja:
   * the callback can arrive before the push returns, and must find the payment.
   *
   * @throws CheckoutConflict if the order is paid, has a payment in progress (a second prompt would
   *     be refused as "unable to lock subscriber", or worse, be paid too), or was created with
   *     another amount
   */
  Payment startPayment(String orderId, long amount, String phoneMasked)
      throws SQLException, CheckoutConflict {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Long orderAmount = lockOrder(c, orderId);
        if (orderAmount == null) {
          insertOrder(c, orderId, amount, now);
        } else if (orderAmount != amount) {
          throw new CheckoutConflict(
              "order " + orderId + " is for KES " + orderAmount + ", not KES " + amount);
        }
        int attempt = 1;
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT attempt, status FROM payments WHERE order_id = ? ORDER BY attempt")) {
          ps.setString(1, orderId);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              Status status = Status.fromWire(rs.getString("status"));
              if (status == Status.COMPLETED) {
                throw new CheckoutConflict("order " + orderId + " is already paid");
              }
              if (status == Status.PENDING) {
                throw new CheckoutConflict(
                    "order " + orderId + " has a payment in progress: wait for its outcome");
              }
              attempt = rs.getInt("attempt") + 1;
            }
          }
        }
        String reference = orderId + "." + attempt;
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO payments (reference, order_id, attempt, amount, phone_masked, status,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, reference);
          ps.setString(2, orderId);
          ps.setInt(3, attempt);
          ps.setLong(4, amount);
          ps.setString(5, phoneMasked);
          ps.setString(6, Status.PENDING.wire());
          ps.setObject(7, utc(now));
          ps.setObject(8, utc(now));
          ps.executeUpdate();
        }
        c.commit();
        return new Payment(
            reference,
            orderId,
            attempt,
            amount,
            phoneMasked,
            null,
            Status.PENDING,
            false,
            null,
            null,
            null,
            now);
      } catch (SQLException e) {
        c.rollback();
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          // Another checkout for the same new order committed first.
          throw new CheckoutConflict(
              "order " + orderId + " has a payment in progress: wait for its outcome");
        }
        throw e;
      } catch (CheckoutConflict | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Daraja accepted the push: keep its ids (unless the callback, arriving first, already did). */
  void pushAccepted(String reference, String checkoutRequestId, String merchantRequestId)
      throws SQLException {
    update(
        "UPDATE payments SET checkout_request_id = ?, merchant_request_id = ?, updated_at = ?"
            + " WHERE reference = ? AND checkout_request_id IS NULL",
        checkoutRequestId,
        merchantRequestId,
        utc(clock.instant()),
        reference);
  }

  /**
   * The push got no usable answer: it may have reached the customer. The payment stays pending and
   * is never pushed again; its callback (whose URL names the payment) settles it.
   */
  void pushUnconfirmed(String reference) throws SQLException {
    update(
        "UPDATE payments SET push_unconfirmed = TRUE, updated_at = ? WHERE reference = ?",
        utc(clock.instant()),
        reference);
  }

  /** Daraja refused the push (or it could not be sent): nothing was charged. */
  void pushRefused(String reference, String reason) throws SQLException {
    update(
        "UPDATE payments SET status = ?, result_description = ?, updated_at = ?"
            + " WHERE reference = ? AND status = ?",
        Status.FAILED.wire(),
        truncate(reason, 255),
        utc(clock.instant()),
        reference,
        Status.PENDING.wire());
  }

  /**
   * Stores a verified callback and settles its payment, in one transaction, once per {@code
   * CheckoutRequestID} and callback URL.
   *
   * <p>The payment is the one whose reference the callback URL carried. If that payment already has
   * another {@code CheckoutRequestID}, or the callback's id belongs to another payment, the
   * callback is kept but changes nothing: it never settles a payment it was not sent for.
   *
   * @param reference the payment reference from the verified callback URL
   */
  CallbackOutcome recordCallback(String reference, StkCallback callback) throws SQLException {
    String checkoutRequestId = callback.checkoutRequestId();
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO stk_callbacks (checkout_request_id, reference, result_code, matched,"
                    + " body, received_at) VALUES (?, ?, ?, FALSE, ?, ?)")) {
          ps.setString(1, checkoutRequestId);
          ps.setString(2, reference);
          ps.setString(3, callback.resultCode().value());
          ps.setString(4, callback.rawJson() == null ? "" : callback.rawJson());
          ps.setObject(5, utc(now));
          ps.executeUpdate();
        } catch (SQLException e) {
          if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            c.rollback();
            return CallbackOutcome.DUPLICATE;
          }
          throw e;
        }
        CallbackOutcome outcome = settle(c, reference, callback, now);
        if (outcome == CallbackOutcome.APPLIED) {
          update(
              c,
              "UPDATE stk_callbacks SET matched = TRUE WHERE checkout_request_id = ?"
                  + " AND reference = ?",
              checkoutRequestId,
              reference);
        }
        c.commit();
        return outcome;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private CallbackOutcome settle(Connection c, String reference, StkCallback cb, Instant now)
      throws SQLException {
    Payment payment = lockPayment(c, reference);
    if (payment == null) {
      log.warn(
          "STK callback {} names payment {}, which does not exist: kept, not applied",
          cb.checkoutRequestId(),
          reference);
      return CallbackOutcome.UNMATCHED;
    }
    if (payment.checkoutRequestId() == null) {
      // The push has not returned yet, or never will (unconfirmed): the signed URL says whose
      // callback this is, unless another payment already owns the CheckoutRequestID.
      Optional<Payment> owner = find(c, "checkout_request_id", cb.checkoutRequestId());
      if (owner.isPresent()) {
        log.warn(
            "STK callback {} came for payment {} but belongs to payment {}: kept, not applied",
            cb.checkoutRequestId(),
            reference,
            owner.get().reference());
        return CallbackOutcome.UNMATCHED;
      }
    } else if (!payment.checkoutRequestId().equals(cb.checkoutRequestId())) {
      log.warn(
          "STK callback {} came for payment {}, whose CheckoutRequestID is {}: kept, not applied",
          cb.checkoutRequestId(),
          reference,
          payment.checkoutRequestId());
      return CallbackOutcome.UNMATCHED;
    }

    Status status = Status.ofResult(cb.status());
    if (status == Status.COMPLETED
        && cb.amount() != null
        && cb.amount().compareTo(BigDecimal.valueOf(payment.amount())) != 0) {
      log.warn(
          "Payment {} asked for KES {} but the callback reports KES {}: check before fulfilling",
          reference,
          payment.amount(),
          cb.amount());
    }
    if (payment.status() == Status.PENDING) {
      update(
          c,
          "UPDATE payments SET checkout_request_id = ?, status = ?, result_code = ?,"
              + " result_description = ?, receipt = ?, paid_amount = ?, updated_at = ?"
              + " WHERE reference = ?",
          cb.checkoutRequestId(),
          status.wire(),
          cb.resultCode().value(),
          truncate(cb.resultDesc(), 255),
          cb.receiptNumber(),
          cb.amount(),
          utc(now),
          reference);
    } else if (payment.status() == status) {
      // A query settled it first; the callback brings what a query cannot: the receipt.
      update(
          c,
          "UPDATE payments SET receipt = COALESCE(receipt, ?),"
              + " paid_amount = COALESCE(paid_amount, ?), updated_at = ? WHERE reference = ?",
          cb.receiptNumber(),
          cb.amount(),
          utc(now),
          reference);
    } else {
      // The first final answer stands (RELIABILITY R30); a human should look at this one.
      log.warn(
          "STK callback {} says {} but payment {} is already {}: kept, status unchanged",
          cb.checkoutRequestId(),
          status.wire(),
          reference,
          payment.status().wire());
    }
    return CallbackOutcome.APPLIED;
  }

  /**
   * Claims the right to query Daraja about a pending payment, so that many status polls make at
   * most one query per interval (Daraja's spike arrest punishes bursts).
   *
   * @param notAfter the payment must have been created, and last queried, at or before this time
   * @return true if the caller should query now
   */
  boolean claimQuery(String reference, Instant notAfter) throws SQLException {
    return update(
            "UPDATE payments SET last_queried_at = ? WHERE reference = ? AND status = ?"
                + " AND checkout_request_id IS NOT NULL"
                + " AND COALESCE(last_queried_at, created_at) <= ?",
            utc(clock.instant()),
            reference,
            Status.PENDING.wire(),
            utc(notAfter))
        == 1;
  }

  /** Settles a pending payment with a final query answer (which carries no receipt). */
  void queryAnswered(String reference, StkQueryResponse answer) throws SQLException {
    update(
        "UPDATE payments SET status = ?, result_code = ?, result_description = ?, updated_at = ?"
            + " WHERE reference = ? AND status = ?",
        Status.ofResult(answer.status()).wire(),
        answer.resultCode() == null ? null : answer.resultCode().value(),
        truncate(answer.resultDesc(), 255),
        utc(clock.instant()),
        reference,
        Status.PENDING.wire());
  }

  /** The payment with this reference. */
  Optional<Payment> byReference(String reference) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return find(c, "reference", reference);
    }
  }

  /** The payment Daraja knows by this {@code CheckoutRequestID}. */
  Optional<Payment> byCheckoutRequestId(String checkoutRequestId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return find(c, "checkout_request_id", checkoutRequestId);
    }
  }

  /** The order's latest payment attempt. */
  Optional<Payment> latestForOrder(String orderId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT "
                    + PAYMENT_COLUMNS
                    + " FROM payments WHERE order_id = ? ORDER BY attempt DESC")) {
      ps.setString(1, orderId);
      ps.setMaxRows(1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(payment(rs)) : Optional.empty();
      }
    }
  }

  private static Long lockOrder(Connection c, String orderId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT amount FROM orders WHERE order_id = ? FOR UPDATE")) {
      ps.setString(1, orderId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static void insertOrder(Connection c, String orderId, long amount, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO orders (order_id, amount, created_at) VALUES (?, ?, ?)")) {
      ps.setString(1, orderId);
      ps.setLong(2, amount);
      ps.setObject(3, utc(now));
      ps.executeUpdate();
    }
  }

  private static Payment lockPayment(Connection c, String reference) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + PAYMENT_COLUMNS + " FROM payments WHERE reference = ? FOR UPDATE")) {
      ps.setString(1, reference);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? payment(rs) : null;
      }
    }
  }

  /** {@code column} is one of ours, never input. */
  private static Optional<Payment> find(Connection c, String column, String value)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + PAYMENT_COLUMNS + " FROM payments WHERE " + column + " = ?")) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(payment(rs)) : Optional.empty();
      }
    }
  }

  private static Payment payment(ResultSet rs) throws SQLException {
    return new Payment(
        rs.getString("reference"),
        rs.getString("order_id"),
        rs.getInt("attempt"),
        rs.getLong("amount"),
        rs.getString("phone_masked"),
        rs.getString("checkout_request_id"),
        Status.fromWire(rs.getString("status")),
        rs.getBoolean("push_unconfirmed"),
        rs.getString("result_code"),
        rs.getString("result_description"),
        rs.getString("receipt"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  private int update(String sql, Object... args) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return update(c, sql, args);
    }
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
