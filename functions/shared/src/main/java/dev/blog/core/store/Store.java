package dev.blog.core.store;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The one way every store reads and writes the table. Items are immutable classes mapped by static schemas
 * ({@link ItemSchema}) and read through the Enhanced Client ({@link #items}: GetItem, BatchGetItem, the listings);
 * every write is a typed {@link Write}, alone ({@link #apply}) or as a labelled step of a {@link Transaction}
 * ({@link #commit}), sent by the low-level client under the Enhanced one. Keys come from {@link TableLayout}.
 * Every SDK exception is translated at this boundary ({@link DynamoErrors}); a failed condition is answered
 * ({@link #apply}) or reported by label ({@link ConditionFailed}), for the repository to name.
 */
public final class Store {
  /** Conflicts clear in milliseconds; a handful of short, jittered retries covers contended items. */
  private static final int CONFLICT_ATTEMPTS = 5;

  private final DynamoDbClient dynamo;
  private final DynamoDbEnhancedClient enhanced;
  private final String table;
  private final java.util.function.Supplier<String> outboxTable;

  /** A store of the application table only: a write to the outbox table fails (a function that writes none). */
  public Store(DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, String table) {
    this(dynamo, enhanced, table, () -> {
      throw new IllegalStateException("This function has no outbox table (OUTBOX_TABLE_NAME)");
    });
  }

  /** {@code outboxTable} is asked for when a write or read first goes to the outbox table. */
  public Store(DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, String table,
      java.util.function.Supplier<String> outboxTable) {
    this.dynamo = dynamo;
    this.enhanced = enhanced;
    this.table = table;
    this.outboxTable = outboxTable;
  }

  /** The application table's name. */
  public String table() {
    return table;
  }

  private String name(TableLayout.Table which) {
    return switch (which) {
      case APP -> table;
      case OUTBOX -> outboxTable.get();
    };
  }

  /** The reads of one item kind: call once, when the store that owns the kind is built (not per request). */
  public <T> Items<T> items(TableSchema<T> schema) {
    return new Items<>(enhanced, table, schema);
  }

  /** The reads of one item kind of another table. */
  public <T> Items<T> items(TableSchema<T> schema, TableLayout.Table in) {
    return new Items<>(enhanced, name(in), schema);
  }

  /**
   * The item with {@code key}, strongly consistent, with only the named {@code attributes} (the others are null in
   * what {@code schema} maps): for a reader whose IAM policy allows those attributes only
   * ({@code dynamodb:Attributes}). The Enhanced Client's GetItem cannot project, so this one is sent low-level.
   */
  public <T> Optional<T> getProjected(TableSchema<T> schema, TableLayout.Key key, List<String> attributes) {
    Map<String, String> names = new HashMap<>();
    attributes.forEach(name -> names.put("#" + name, name));
    try {
      Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key.attributes()).consistentRead(true)
          .projectionExpression(String.join(", ", names.keySet())).expressionAttributeNames(names)).item();
      return item == null || item.isEmpty() ? Optional.empty() : Optional.of(schema.mapToItem(item));
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  /** Applies one write on its own; false when its condition did not hold (and nothing was written). */
  public boolean apply(Write write) {
    return send(write, false).applied();
  }

  /** What a write on its own did, with the item as it left it (applied update) or as it found it (refused). */
  public record Outcome<T>(boolean applied, Optional<T> item) {}

  /**
   * Applies one write on its own and answers the item, read with {@code schema}: for an applied update, the
   * item after it; for a write its condition refused, the item that refused it (when DynamoDB returns it;
   * nothing is written then).
   */
  public <T> Outcome<T> applyAndRead(Write write, TableSchema<T> schema) {
    Outcome<Map<String, AttributeValue>> sent = send(write, true);
    return new Outcome<>(sent.applied(), sent.item().map(schema::mapToItem));
  }

  private Outcome<Map<String, AttributeValue>> send(Write write, boolean returnNew) {
    try {
      return new Outcome<>(true, present(write.sendAlone(dynamo, name(write.table()), returnNew)));
    } catch (ConditionalCheckFailedException refused) {
      return new Outcome<>(false, refused.hasItem() ? present(refused.item()) : Optional.empty());
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  private static Optional<Map<String, AttributeValue>> present(Map<String, AttributeValue> item) {
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  public Transaction transaction() {
    return new Transaction(this::name);
  }

  /**
   * Commits all steps or none. Throws {@link ConditionFailed} naming the steps whose conditions failed;
   * {@code Unavailable} when DynamoDB throttled the transaction, failed internally, or it still conflicted with
   * others after retries (the same request may succeed later); and a {@link StoreException} for every other
   * cancellation reason (ValidationError, ItemCollectionSizeLimitExceeded, ...): a request DynamoDB will never
   * accept is a bug, logged and answered 500, so alarms fire and no client retries it forever.
   */
  public void commit(Transaction tx) {
    // One token for every attempt: if an attempt succeeded but its answer was lost, the SDK's retry of
    // it is a no-op instead of a second write.
    String token = UUID.randomUUID().toString();
    TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
        .transactItems(tx.items()).clientRequestToken(token).build();
    for (int attempt = 1; ; attempt++) {
      try {
        dynamo.transactWriteItems(request);
        return;
      } catch (TransactionCanceledException e) {
        Set<String> failed = failedConditions(tx, e.cancellationReasons());
        if (!failed.isEmpty()) {
          throw new ConditionFailed(failed);
        }
        Set<String> codes = reasonCodes(e.cancellationReasons());
        if (codes.isEmpty() || !TRANSIENT_REASONS.containsAll(codes)) {
          throw new StoreException("Transaction cancelled for reasons that no retry clears: " + codes, e);
        }
        if (!codes.equals(Set.of(CONFLICT)) || attempt == CONFLICT_ATTEMPTS) {
          throw DynamoErrors.unavailable(e);
        }
        pause(attempt);
      } catch (SdkException e) {
        throw DynamoErrors.translate(e);
      }
    }
  }

  /**
   * The cancellation reasons a later attempt may not meet: throttling, DynamoDB's own failures, and conflicts
   * with concurrent transactions (retried here first). {@code None} marks the steps that did nothing wrong.
   * See https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#API_TransactWriteItems_Errors
   */
  static final String CONFLICT = "TransactionConflict";
  static final Set<String> TRANSIENT_REASONS = Set.of(CONFLICT, "ThrottlingError", "ProvisionedThroughputExceeded",
      "RequestLimitExceeded", "InternalServerError", "InternalFailure");

  /** The reasons of the cancelled steps, without the {@code None} of those that were fine. */
  private static Set<String> reasonCodes(List<CancellationReason> reasons) {
    Set<String> codes = new java.util.TreeSet<>();
    reasons.stream().map(CancellationReason::code).filter(code -> code != null && !"None".equals(code)).forEach(codes::add);
    return codes;
  }

  private static Set<String> failedConditions(Transaction tx, List<CancellationReason> reasons) {
    Set<String> failed = new HashSet<>();
    for (int i = 0; i < reasons.size(); i++) {
      if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
        failed.add(tx.label(i));
      }
    }
    return failed;
  }

  private static void pause(int attempt) {
    long ceiling = 10L << attempt; // 20, 40, 80, 160 ms
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DynamoErrors.unavailable(e);
    }
  }
}
