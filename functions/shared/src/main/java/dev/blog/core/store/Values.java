package dev.blog.core.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Typed attribute values by name: the attributes an update sets, or the {@code :placeholders} of an expression
 * (a whole item is mapped by its schema instead: {@link Write#put}). Each value says its DynamoDB type
 * ({@code s}, {@code n}, {@code list}), so no untyped {@code Object} reaches the store. A name given twice is a
 * programming error.
 */
public final class Values {
  private final Map<String, AttributeValue> values = new HashMap<>();

  private Values() {}

  public static Values of() {
    return new Values();
  }

  public Values s(String name, String value) {
    return put(name, AttributeValue.fromS(value));
  }

  public Values n(String name, long value) {
    return put(name, AttributeValue.fromN(Long.toString(value)));
  }

  public Values bool(String name, boolean value) {
    return put(name, AttributeValue.fromBool(value));
  }

  /** A list of strings (type L), kept in the given order; may be empty. */
  public Values list(String name, List<String> strings) {
    return put(name, AttributeValue.fromL(strings.stream().map(AttributeValue::fromS).toList()));
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
