package dev.blog.core.store;

import java.util.ArrayList;
import java.util.List;
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

  private final java.util.function.Function<TableLayout.Table, String> tables;
  private final List<TransactWriteItem> items = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();

  /** {@code tables}: the name of each table; a transaction may write to both (an outbox email with its change). */
  Transaction(java.util.function.Function<TableLayout.Table, String> tables) {
    this.tables = tables;
  }

  public Transaction add(String label, Write write) {
    if (items.size() == MAX_STEPS) {
      throw new IllegalStateException("A transaction holds at most " + MAX_STEPS + " steps");
    }
    items.add(write.transactItem(tables.apply(write.table())));
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
