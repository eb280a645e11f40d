package dev.blog.graphql.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A GraphQL result as a JSON tree that keeps its nulls: in GraphQL, {@code "email": null} and
 * {@code "data": null} are answers, while the shared JSON writer leaves nulls out of REST bodies.
 */
public final class ResultTree {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResultTree() {}

  public static JsonNode of(Object value, ObjectMapper mapper) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = NODES.objectNode();
      map.forEach((key, item) -> node.set(String.valueOf(key), of(item, mapper)));
      return node;
    }
    if (value instanceof List<?> list) {
      ArrayNode node = NODES.arrayNode(list.size());
      list.forEach(item -> node.add(of(item, mapper)));
      return node;
    }
    return switch (value) {
      case String s -> NODES.textNode(s);
      case Boolean b -> NODES.booleanNode(b);
      case Integer i -> NODES.numberNode(i);
      case Long l -> NODES.numberNode(l);
      default -> mapper.valueToTree(value);
    };
  }
}
