package dev.blog.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The steps of one DynamoDB transaction, each with a label that names what its condition means: when the
 * transaction is cancelled, {@link ConditionFailed} lists the labels of the steps whose conditions failed,
 * and the repository knows which rule was broken. Every multi-item change goes through one of these so that
 * it is all-or-nothing (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html).
 */
public final class Transaction {
  /** DynamoDB's limit of actions in one TransactWriteItems call. */
  public static final int MAX_STEPS = 100;

  private final String table;
  private final List<TransactWriteItem> items = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();

  Transaction(String table) {
    this.table = table;
  }

  public Transaction add(String label, Write write) {
    if (items.size() == MAX_STEPS) {
      throw new IllegalStateException("A transaction holds at most " + MAX_STEPS + " steps");
    }
    items.add(write.transactItem(table));
    labels.add(label);
    return this;
  }

  /** The untyped steps of the stores not yet on {@link Write}; they go once every store is. */
  /** Expression values: {@code values("v", AttributeValue...)} style is noisy, so a small builder. */
  public static Map<String, AttributeValue> values(Object... pairs) {
    Map<String, AttributeValue> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
    }
    return values;
  }

  public Transaction put(String label, Map<String, AttributeValue> item, String condition,
      Map<String, AttributeValue> values) {
    Put.Builder put = Put.builder().tableName(table).item(item);
    if (condition != null) {
      put.conditionExpression(condition);
      if (!values.isEmpty()) {
        put.expressionAttributeValues(values);
      }
    }
    return addItem(label, TransactWriteItem.builder().put(put.build()).build());
  }

  public Transaction putNew(String label, Map<String, AttributeValue> item) {
    return put(label, item, "attribute_not_exists(pk)", Map.of());
  }

  public Transaction update(String label, Map<String, AttributeValue> key, String update, String condition,
      Map<String, String> names, Map<String, AttributeValue> values) {
    Update.Builder builder = Update.builder().tableName(table).key(key).updateExpression(update);
    if (condition != null) {
      builder.conditionExpression(condition);
    }
    if (!names.isEmpty()) {
      builder.expressionAttributeNames(names);
    }
    if (!values.isEmpty()) {
      builder.expressionAttributeValues(values);
    }
    return addItem(label, TransactWriteItem.builder().update(builder.build()).build());
  }

  public Transaction delete(String label, Map<String, AttributeValue> key, String condition,
      Map<String, AttributeValue> values) {
    Delete.Builder delete = Delete.builder().tableName(table).key(key);
    if (condition != null) {
      delete.conditionExpression(condition);
      if (!values.isEmpty()) {
        delete.expressionAttributeValues(values);
      }
    }
    return addItem(label, TransactWriteItem.builder().delete(delete.build()).build());
  }

  public Transaction check(String label, Map<String, AttributeValue> key, String condition,
      Map<String, AttributeValue> values) {
    ConditionCheck.Builder check = ConditionCheck.builder().tableName(table).key(key).conditionExpression(condition);
    if (!values.isEmpty()) {
      check.expressionAttributeValues(values);
    }
    return addItem(label, TransactWriteItem.builder().conditionCheck(check.build()).build());
  }

  private Transaction addItem(String label, TransactWriteItem item) {
    items.add(item);
    labels.add(label);
    return this;
  }

  List<TransactWriteItem> items() {
    return List.copyOf(items);
  }

  String label(int index) {
    return labels.get(index);
  }
}
