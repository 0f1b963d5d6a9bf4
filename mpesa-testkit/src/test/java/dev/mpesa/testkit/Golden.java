package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The golden payloads of mpesa-core ({@code src/test/resources/fixtures}, taken from API.md), and a
 * shape comparison: the fake's payloads must have the same keys, the same JSON types and the same
 * parameter keys as Daraja's samples, whatever the ids and amounts.
 */
final class Golden {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path FIXTURES =
      Path.of("..", "mpesa-core", "src", "test", "resources", "fixtures");

  private Golden() {}

  /** A golden payload, e.g. {@code read("results/b2c-success.json")}. */
  static JsonNode read(String name) {
    try {
      return MAPPER.readTree(Files.readString(FIXTURES.resolve(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code actual} has the shape of the golden payload {@code name}. */
  static void assertSameShape(String name, JsonNode actual) {
    assertThat(shape(actual))
        .as("shape of the fake's payload vs " + name)
        .isEqualTo(shape(read(name)));
  }

  /**
   * A tree of types: objects become sorted maps, scalars their JSON type, and arrays of {@code
   * Key}/{@code Name} pairs a map from each key to its value's type (order and repeats do not
   * matter, a missing {@code Value} does).
   */
  static Object shape(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isObject()) {
      Map<String, Object> map = new TreeMap<>();
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        map.put(f.getKey(), shape(f.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      if (isPairs(node)) {
        Map<String, Object> pairs = new TreeMap<>();
        for (JsonNode pair : node) {
          String key = pair.has("Key") ? pair.get("Key").asText() : pair.get("Name").asText();
          pairs.put(key, pair.has("Value") ? shape(pair.get("Value")) : "absent");
        }
        return pairs;
      }
      List<Object> list = new ArrayList<>();
      for (JsonNode e : node) {
        Object s = shape(e);
        if (!list.contains(s)) {
          list.add(s);
        }
      }
      return list;
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    return "string";
  }

  private static boolean isPairs(JsonNode array) {
    if (array.isEmpty()) {
      return false;
    }
    for (JsonNode e : array) {
      if (!e.isObject() || !(e.has("Key") || e.has("Name"))) {
        return false;
      }
    }
    return true;
  }
}
