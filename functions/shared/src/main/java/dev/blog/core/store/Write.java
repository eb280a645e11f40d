package dev.blog.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * One write of one item, immutable: a put, an update (typed SET, ADD and REMOVE parts) or a delete, each with
 * an optional condition. The same value is one step of a {@link Transaction} or a write of its own
 * ({@link Store#apply}).
 *
 * <p>A put is always a whole item as its static schema maps it ({@link #put(TableSchema, Object)}); an update
 * that rewrites some of an item's own attributes takes their values from the schema too
 * ({@link #update(TableSchema, Object, Collection)}). The remaining updates are typed SET/ADD/REMOVE parts, not
 * the Enhanced Client's updateItem, which writes the attributes of a whole mapped item and has no ADD: the user
 * counter, the author's counters and the login failures are ADDs (atomic under concurrency; the failure count's
 * new value is read back, {@link Store#applyAndRead}); the latest-posts list, its revision and the deletion mark
 * are attributes the post store keeps on the user item beside the user store's; the login lock sets two
 * attributes beside a count that concurrent failures keep moving. Every write, of whatever kind, is a labelled
 * step of our TransactWriteItems or goes through {@link Store#apply}, so a failed condition is reported one way.
 *
 * <p>Expressions name attributes as {@code #name} where a name may be a DynamoDB reserved word
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html): every {@code #name}
 * stands for the attribute {@code name}, so no names map is ever written by hand. An update's values are
 * {@code :name} after the attribute they go to; a condition's own values must not reuse those placeholders.
 */
public final class Write {
  /** The attribute in which a versioned item (user, post) counts its changes: optimistic locking. */
  public static final String VERSION = "version";
  private static final Pattern NAME = Pattern.compile("#(\\w+)");

  private enum Kind { PUT, UPDATE, DELETE }

  private final Kind kind;
  private final TableLayout.Table table;
  /** The whole item for a put, the key otherwise. */
  private final Map<String, AttributeValue> target;
  private final Map<String, AttributeValue> set;
  private final Map<String, AttributeValue> add;
  private final List<String> remove;
  private final String condition;
  private final Map<String, AttributeValue> conditionValues;

  private Write(Kind kind, TableLayout.Table table, Map<String, AttributeValue> target, Map<String, AttributeValue> set,
      Map<String, AttributeValue> add, List<String> remove, String condition, Map<String, AttributeValue> conditionValues) {
    this.kind = kind;
    this.table = table;
    this.target = target;
    this.set = set;
    this.add = add;
    this.remove = remove;
    this.condition = condition;
    this.conditionValues = conditionValues;
  }

  private static Write of(Kind kind, Map<String, AttributeValue> target) {
    return new Write(kind, TableLayout.Table.APP, Map.copyOf(target), Map.of(), Map.of(), List.of(), null, Map.of());
  }

  /** Puts the whole {@code item} as {@code schema} maps it, replacing any item with its key unless a condition says otherwise. */
  public static <T> Write put(TableSchema<T> schema, T item) {
    return of(Kind.PUT, schema.itemToMap(item, true));
  }

  /** Puts a new item: its condition fails if an item with that key exists. */
  public static <T> Write putNew(TableSchema<T> schema, T item) {
    return put(schema, item).when(TableLayout.ITEM_ABSENT);
  }

  /**
   * Sets the named {@code attributes} of the stored {@code item} to what {@code schema} maps them to, and removes
   * those of them the item does not have; every other attribute of the stored item stays as it is.
   */
  public static <T> Write update(TableSchema<T> schema, T item, Collection<String> attributes) {
    Map<String, AttributeValue> mapped = schema.itemToMap(item, true);
    Map<String, AttributeValue> set = new HashMap<>();
    List<String> absent = new ArrayList<>();
    for (String name : attributes) {
      if (mapped.containsKey(name)) {
        set.put(name, mapped.get(name));
      } else {
        absent.add(name);
      }
    }
    TableLayout.Key key = new TableLayout.Key(mapped.get(TableLayout.PK).s(), mapped.get(TableLayout.SK).s());
    return new Write(Kind.UPDATE, TableLayout.Table.APP, key.attributes(), Map.copyOf(set), Map.of(), List.copyOf(absent),
        null, Map.of());
  }

  /** Changes some attributes of the item with {@code key}; with no condition, creates it if absent. */
  public static Write update(TableLayout.Key key) {
    return of(Kind.UPDATE, key.attributes());
  }

  public static Write delete(TableLayout.Key key) {
    return of(Kind.DELETE, key.attributes());
  }

  /** Sets these attributes (update only). */
  public Write set(Values values) {
    requireUpdate();
    return new Write(kind, table, target, merged(set, values.map()), add, remove, condition, conditionValues);
  }

  /** Adds {@code delta} to a number attribute, which counts as 0 if absent (update only). */
  public Write add(String name, long delta) {
    requireUpdate();
    return new Write(kind, table, target, set, merged(add, Values.of().n(name, delta).map()), remove, condition,
        conditionValues);
  }

  /** Removes these attributes (update only). */
  public Write remove(String... names) {
    requireUpdate();
    List<String> all = new ArrayList<>(remove);
    all.addAll(List.of(names));
    return new Write(kind, table, target, set, add, List.copyOf(all), condition, conditionValues);
  }

  public Write when(String condition) {
    return when(condition, Values.of());
  }

  /** The write happens only if {@code condition} holds for the item as it is stored. */
  public Write when(String condition, Values values) {
    return new Write(kind, table, target, set, add, remove, condition, values.map());
  }

  /** The same write on another of the tables (every write is on {@link TableLayout.Table#APP} unless moved). */
  public Write in(TableLayout.Table other) {
    return new Write(kind, other, target, set, add, remove, condition, conditionValues);
  }

  TableLayout.Table table() {
    return table;
  }

  /** Optimistic locking: the write happens only if the stored item's {@link #VERSION} is still {@code expected}. */
  public Write whenVersion(long expected) {
    return when("#" + VERSION + " = :expected", Values.of().n(":expected", expected));
  }

  TransactWriteItem transactItem(String table) {
    TransactWriteItem.Builder item = TransactWriteItem.builder();
    return switch (kind) {
      case PUT -> item.put(p -> p.tableName(table).item(target).conditionExpression(condition)
          .expressionAttributeNames(names()).expressionAttributeValues(values())).build();
      case UPDATE -> item.update(u -> u.tableName(table).key(target).updateExpression(updateExpression())
          .conditionExpression(condition).expressionAttributeNames(names()).expressionAttributeValues(values())).build();
      case DELETE -> item.delete(d -> d.tableName(table).key(target).conditionExpression(condition)
          .expressionAttributeNames(names()).expressionAttributeValues(values())).build();
    };
  }

  /**
   * Sends this write alone. Answers the item after an update when {@code returnNew}, else null; a failed
   * condition is DynamoDB's exception, carrying the stored item.
   */
  Map<String, AttributeValue> sendAlone(DynamoDbClient dynamo, String table, boolean returnNew) {
    var onFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD;
    return switch (kind) {
      case PUT -> {
        dynamo.putItem(p -> p.tableName(table).item(target).conditionExpression(condition)
            .expressionAttributeNames(names()).expressionAttributeValues(values())
            .returnValuesOnConditionCheckFailure(onFailure));
        yield null;
      }
      case UPDATE -> dynamo.updateItem(u -> u.tableName(table).key(target).updateExpression(updateExpression())
          .conditionExpression(condition).expressionAttributeNames(names()).expressionAttributeValues(values())
          .returnValuesOnConditionCheckFailure(onFailure).returnValues(returnNew ? ReturnValue.ALL_NEW : ReturnValue.NONE))
          .attributes();
      case DELETE -> {
        dynamo.deleteItem(d -> d.tableName(table).key(target).conditionExpression(condition)
            .expressionAttributeNames(names()).expressionAttributeValues(values())
            .returnValuesOnConditionCheckFailure(onFailure));
        yield null;
      }
    };
  }

  private void requireUpdate() {
    if (kind != Kind.UPDATE) {
      throw new IllegalStateException("Only an update sets, adds or removes attributes");
    }
  }

  private String updateExpression() {
    StringBuilder expression = new StringBuilder();
    clause(expression, "SET", set.keySet().stream().map(name -> "#" + name + " = :" + name).toList());
    clause(expression, "ADD", add.keySet().stream().map(name -> "#" + name + " :" + name).toList());
    clause(expression, "REMOVE", remove.stream().map(name -> "#" + name).toList());
    if (expression.isEmpty()) {
      throw new IllegalStateException("An update that changes nothing");
    }
    return expression.toString();
  }

  private static void clause(StringBuilder expression, String action, List<String> parts) {
    if (!parts.isEmpty()) {
      expression.append(expression.isEmpty() ? "" : " ").append(action).append(' ').append(String.join(", ", parts));
    }
  }

  /** {@code #name} for every attribute the expressions name so; null (not sent) when there is none. */
  private Map<String, String> names() {
    Map<String, String> names = new HashMap<>();
    String expressions = (kind == Kind.UPDATE ? updateExpression() : "") + " " + (condition == null ? "" : condition);
    Matcher found = NAME.matcher(expressions);
    while (found.find()) {
      names.put(found.group(), found.group(1));
    }
    return names.isEmpty() ? null : names;
  }

  /** The update's values, then the condition's; null (not sent) when there is none. */
  private Map<String, AttributeValue> values() {
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    set.forEach((name, value) -> values.put(":" + name, value));
    add.forEach((name, value) -> values.put(":" + name, value));
    Map<String, AttributeValue> all = merged(values, conditionValues);
    return all.isEmpty() ? null : all;
  }

  private static Map<String, AttributeValue> merged(Map<String, AttributeValue> first, Map<String, AttributeValue> second) {
    Map<String, AttributeValue> all = new HashMap<>(first);
    second.forEach((name, value) -> {
      if (all.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException("The value " + name + " is given twice");
      }
    });
    return Map.copyOf(all);
  }
}
