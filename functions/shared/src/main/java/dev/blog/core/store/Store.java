package dev.blog.core.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Runs transactions: retries transaction conflicts, reports failed conditions by label, maps the rest. */
public final class Store {
  /** Conflicts clear in milliseconds; a handful of short, jittered retries covers contended items. */
  private static final int CONFLICT_ATTEMPTS = 5;

  private final DynamoDbClient dynamo;
  private final String table;

  public Store(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public String table() {
    return table;
  }

  public Transaction transaction() {
    return new Transaction(table);
  }

  /**
   * Commits all steps or none. Throws {@link ConditionFailed} naming the steps whose conditions failed,
   * {@code Unavailable} when throttled or still conflicting after retries, and a {@link StoreException} otherwise.
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
        boolean conflict = e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
        if (!conflict || attempt == CONFLICT_ATTEMPTS) {
          throw DynamoErrors.unavailable(e);
        }
        pause(attempt);
      } catch (SdkException e) {
        throw DynamoErrors.translate(e);
      }
    }
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
