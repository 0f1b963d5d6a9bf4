package dev.mpesa.pull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mpesa.internal.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Daraja's answer to a Pull Transactions query: the payments of one page.
 *
 * <p>Only accepted answers are returned: {@code ResponseCode} {@code 1000} (payments found) or
 * {@code 1001} (none in the period, then {@link #transactions()} is empty). Daraja nests the
 * payments as an array of arrays ({@code "Response": [[{...}]]}), and with no payments may send the
 * string {@code "[[]]"} instead of an array (under {@code Response} or {@code Transaction}); all of
 * these are read into one flat list.
 *
 * @param responseRefId {@code ResponseRefID}, Daraja's reference of this answer
 * @param responseCode {@code ResponseCode}: {@code "1000"} or {@code "1001"}
 * @param responseMessage {@code ResponseMessage}, such as "Success"
 * @param transactions the payments, in Daraja's order; never null
 */
public record PullQueryResponse(
    String responseRefId,
    String responseCode,
    String responseMessage,
    List<PullTransaction> transactions) {

  /** {@code ResponseCode} of an answer with payments. */
  public static final String SUCCESS = "1000";

  /** {@code ResponseCode} of an answer without payments in the period. */
  public static final String NO_TRANSACTIONS = "1001";

  /** How deep arrays (and JSON held in strings) may nest before the answer is refused. */
  private static final int MAX_DEPTH = 4;

  /** Copies the list; a null list is empty. */
  public PullQueryResponse {
    transactions = transactions == null ? List.of() : List.copyOf(transactions);
  }

  @JsonCreator
  static PullQueryResponse fromJson(
      @JsonProperty("ResponseRefID") String responseRefId,
      @JsonProperty("ResponseCode") String responseCode,
      @JsonProperty("ResponseStatus") String responseStatus,
      @JsonProperty("ResponseMessage") String responseMessage,
      @JsonProperty("ResponseDescription") String responseDescription,
      @JsonProperty("Response") JsonNode response,
      @JsonProperty("Transaction") JsonNode transaction) {
    String code = responseCode != null ? responseCode : responseStatus;
    List<PullTransaction> items = new ArrayList<>();
    try {
      flatten(response, items, 0);
      if (items.isEmpty()) {
        flatten(transaction, items, 0);
      }
    } catch (IllegalArgumentException e) {
      if (!NO_TRANSACTIONS.equals(code == null ? null : code.strip())) {
        throw e;
      }
      // "No transactions" with a placeholder Daraja did not document: nothing to read.
      items.clear();
    }
    return new PullQueryResponse(
        responseRefId,
        code,
        responseMessage != null ? responseMessage : responseDescription,
        items);
  }

  private static void flatten(JsonNode node, List<PullTransaction> into, int depth) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("Response nests deeper than " + MAX_DEPTH + " levels");
    }
    if (node.isObject()) {
      into.add(PullTransaction.fromJson(node));
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        flatten(element, into, depth + 1);
      }
    } else if (node.isTextual()) {
      String text = node.textValue().strip();
      if (!text.isEmpty()) {
        flatten(parse(text), into, depth + 1);
      }
    } else {
      throw new IllegalArgumentException("Response holds a " + node.getNodeType() + " value");
    }
  }

  private static JsonNode parse(String text) {
    try {
      return Json.TREE_READER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Response is text that is not JSON", e);
    }
  }

  /** Whether the page holds no payments. */
  public boolean isEmpty() {
    return transactions.isEmpty();
  }
}
