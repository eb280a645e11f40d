package dev.blog.core.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item as the store returned it, read by attribute name and type. A required attribute that is missing is
 * a broken item, not bad input: an {@link IllegalStateException}, logged and answered as an internal error.
 */
public record Attributes(Map<String, AttributeValue> map) {
  public Attributes {
    map = Map.copyOf(map);
  }

  public boolean has(String name) {
    return map.containsKey(name);
  }

  public String s(String name) {
    return optionalS(name).orElseThrow(() -> missing(name));
  }

  public Optional<String> optionalS(String name) {
    AttributeValue value = map.get(name);
    return value == null ? Optional.empty() : Optional.ofNullable(value.s());
  }

  public long n(String name) {
    AttributeValue value = map.get(name);
    if (value == null || value.n() == null) {
      throw missing(name);
    }
    return Long.parseLong(value.n());
  }

  /** A number that may be absent, {@code absent} then. */
  public long n(String name, long absent) {
    return has(name) ? n(name) : absent;
  }

  /** A whole number that may be absent, {@code null} then. */
  public Integer integer(String name) {
    return has(name) ? Math.toIntExact(n(name)) : null;
  }

  public boolean bool(String name) {
    AttributeValue value = map.get(name);
    if (value == null || value.bool() == null) {
      throw missing(name);
    }
    return value.bool();
  }

  /** A list of strings; empty when absent. */
  public List<String> strings(String name) {
    AttributeValue value = map.get(name);
    return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
  }

  /** Names only: an item may hold a password hash, which must never reach a log. */
  @Override
  public String toString() {
    return "Attributes" + new java.util.TreeSet<>(map.keySet());
  }

  private IllegalStateException missing(String name) {
    return new IllegalStateException("A stored item has no " + name + " attribute (or one of another type)");
  }
}
