package dev.mpesa.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** JSON in and out, and the time formats Daraja writes (all East Africa Time). */
final class Wire {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
  static final DateTimeFormatter COMPACT =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(NAIROBI);
  static final DateTimeFormatter B2C_COMPLETED =
      DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss").withZone(NAIROBI);

  private Wire() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON; {@code null} if {@code text} is not JSON. */
  static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** {@code yyyyMMddHHmmss} in Nairobi time, as a string. */
  static String compact(Instant at) {
    return COMPACT.format(at);
  }

  /** {@code yyyyMMddHHmmss} in Nairobi time, as a JSON number (STK TransactionDate). */
  static long compactNumber(Instant at) {
    return Long.parseLong(compact(at));
  }
}
