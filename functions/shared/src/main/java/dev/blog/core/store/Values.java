package dev.blog.core.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Typed attribute values by name: the attributes of an item to put, the attributes an update sets, or the
 * {@code :placeholders} of an expression. Each value says its DynamoDB type ({@code s}, {@code n}, {@code bool},
 * {@code list}), so no untyped {@code Object} reaches the store. A name given twice is a programming error.
 */
public final class Values {
  private final Map<String, AttributeValue> values = new HashMap<>();

  private Values() {}

  public static Values of() {
    return new Values();
  }

  /** The attributes of a new item, starting with its primary key. */
  public static Values item(TableLayout.Key key) {
    return new Values().all(key.attributes());
  }

  public Values s(String name, String value) {
    return put(name, AttributeValue.fromS(value));
  }

  public Values n(String name, long value) {
    return put(name, AttributeValue.fromN(Long.toString(value)));
  }

  /** A number that may be absent: nothing is written for {@code null}. */
  public Values n(String name, Integer value) {
    return value == null ? this : n(name, value.longValue());
  }

  public Values bool(String name, boolean value) {
    return put(name, AttributeValue.fromBool(value));
  }

  /** A list of strings (type L), kept in the given order; may be empty. */
  public Values list(String name, List<String> strings) {
    return put(name, AttributeValue.fromL(strings.stream().map(AttributeValue::fromS).toList()));
  }

  /** Attributes built elsewhere: a key, or an index entry ({@link TableLayout.Listing#entry}). */
  public Values all(Map<String, AttributeValue> attributes) {
    attributes.forEach(this::put);
    return this;
  }

  public Map<String, AttributeValue> map() {
    return Map.copyOf(values);
  }

  private Values put(String name, AttributeValue value) {
    if (values.putIfAbsent(name, value) != null) {
      throw new IllegalArgumentException("The value " + name + " is given twice");
    }
    return this;
  }
}
