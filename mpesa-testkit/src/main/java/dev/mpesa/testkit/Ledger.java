package dev.mpesa.testkit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The completed transactions the fake has made, so later calls see the same world: Transaction
 * Status finds a receipt, a reversal finds (and reverses once) a payment, Pull Transactions lists
 * C2B payments.
 */
final class Ledger {
  /** What moved money, and under which ids. */
  enum Kind {
    STK,
    C2B,
    B2C,
    B2B,
    TAX,
    REVERSAL
  }

  /**
   * One completed transaction.
   *
   * @param receipt the M-Pesa receipt
   * @param kind what it was
   * @param amount the amount
   * @param debitParty who paid (an MSISDN or a short code)
   * @param creditParty who received it
   * @param originatorConversationId the request's id (null for STK and C2B)
   * @param conversationId Daraja's id (null for STK and C2B)
   * @param billReference the account reference, or null
   * @param at when it completed
   */
  record Entry(
      String receipt,
      Kind kind,
      BigDecimal amount,
      String debitParty,
      String creditParty,
      String originatorConversationId,
      String conversationId,
      String billReference,
      Instant at) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Boolean> reversed = new ConcurrentHashMap<>();

  synchronized void add(Entry entry) {
    entries.add(entry);
  }

  synchronized Entry byReceipt(String receipt) {
    return entries.stream().filter(e -> e.receipt().equals(receipt)).findFirst().orElse(null);
  }

  synchronized Entry byOriginatorConversationId(String id) {
    return entries.stream()
        .filter(e -> id.equals(e.originatorConversationId()))
        .findFirst()
        .orElse(null);
  }

  synchronized List<Entry> all() {
    return List.copyOf(entries);
  }

  /** Marks {@code receipt} reversed; false if it already was. */
  boolean markReversed(String receipt) {
    return reversed.putIfAbsent(receipt, Boolean.TRUE) == null;
  }
}
