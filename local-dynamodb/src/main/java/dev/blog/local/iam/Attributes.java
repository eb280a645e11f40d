package dev.blog.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code dynamodb:Attributes} of a request: the top-level attribute names it reads (its projection) or writes
 * (a put's item, an update's SET, REMOVE, ADD and DELETE targets), with {@code #name} placeholders resolved.
 * A read without a projection (and not a COUNT) returns every attribute: the local stack writes that as the one
 * name {@code *}, which {@code ForAllValues:StringEquals} on named attributes refuses, as AWS refuses it.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html
 */
final class Attributes {
  /** Every attribute: what a read without a projection returns. */
  static final String EVERY = "*";

  private Attributes() {}

  /** {@code call} with {@code attributes} as its {@code dynamodb:Attributes}, if there are any. */
  static Call with(Call call, List<String> attributes) {
    if (attributes.isEmpty()) {
      return call;
    }
    Map<String, List<String>> context = new HashMap<>(call.context());
    context.put("dynamodb:Attributes", attributes);
    return new Call(call.action(), call.resource(), context);
  }

  /** What a GetItem, a BatchGetItem table entry, a Query or a Scan reads. */
  static List<String> read(JsonNode request) {
    if ("COUNT".equals(request.path("Select").asText())) {
      return List.of();
    }
    if (request.path("AttributesToGet").isArray() && !request.path("AttributesToGet").isEmpty()) {
      List<String> names = new ArrayList<>();
      request.path("AttributesToGet").forEach(name -> names.add(name.asText()));
      return List.copyOf(new LinkedHashSet<>(names));
    }
    String projection = request.path("ProjectionExpression").asText("");
    if (projection.isBlank()) {
      return List.of(EVERY);
    }
    Set<String> names = new LinkedHashSet<>();
    for (String path : topLevel(projection)) {
      names.add(resolve(path, request));
    }
    return List.copyOf(names);
  }

  /** The attribute names of an item (a put's). */
  static List<String> names(JsonNode item) {
    List<String> names = new ArrayList<>();
    item.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** What an UpdateItem writes: its UpdateExpression's targets, or its legacy AttributeUpdates. */
  static List<String> updated(JsonNode request) {
    Set<String> names = new LinkedHashSet<>(names(request.path("AttributeUpdates")));
    String expression = request.path("UpdateExpression").asText("");
    String clause = null;
    StringBuilder body = new StringBuilder();
    for (String word : expression.trim().split("\\s+")) {
      String upper = word.toUpperCase(Locale.ROOT);
      if (upper.equals("SET") || upper.equals("REMOVE") || upper.equals("ADD") || upper.equals("DELETE")) {
        targets(clause, body.toString(), request, names);
        clause = upper;
        body.setLength(0);
      } else {
        body.append(word).append(' ');
      }
    }
    targets(clause, body.toString(), request, names);
    return List.copyOf(names);
  }

  /** The targets of one clause: SET's left-hand sides, REMOVE's paths, ADD's and DELETE's first operands. */
  private static void targets(String clause, String body, JsonNode request, Set<String> names) {
    if (clause == null || body.isBlank()) {
      return;
    }
    for (String action : topLevel(body)) {
      String path = clause.equals("SET") ? action.substring(0, Math.max(action.indexOf('='), 0)) : action;
      path = path.trim().split("\\s+")[0];
      if (!path.isEmpty()) {
        names.add(resolve(path, request));
      }
    }
  }

  /** The comma-separated parts of an expression outside parentheses, trimmed. */
  private static List<String> topLevel(String expression) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(expression.substring(start, i).trim());
        start = i + 1;
      }
    }
    parts.add(expression.substring(start).trim());
    parts.removeIf(String::isEmpty);
    return parts;
  }

  /** A document path's top-level attribute name ({@code a.b[0]} is a), its placeholder resolved. */
  private static String resolve(String path, JsonNode request) {
    String name = path.trim().split("[.\\[]", 2)[0];
    return name.startsWith("#") ? request.path("ExpressionAttributeNames").path(name).asText(name) : name;
  }
}
