package dev.blog.jobs;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import dev.blog.core.store.DynamoErrors;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * "Processed once in effect" for queue messages, in the spirit of Powertools' idempotency utility (which
 * the registry here does not serve, so this is the small equivalent). Before a side effect, a record keyed
 * by the message's idempotency key is claimed with a conditional put (IN_PROGRESS, locked for the
 * function's timeout); after it, the record becomes COMPLETED and is kept for a week (TTL). A duplicate
 * delivery finds COMPLETED and does nothing; a concurrent one finds a live lock and is retried later; a
 * lock left by a crashed invocation expires and can be claimed again.
 * See https://docs.aws.amazon.com/powertools/java/latest/utilities/idempotency/
 */
public final class IdempotencyStore {
  static final Duration KEEP_COMPLETED = Duration.ofDays(7);

  /** What a claim found. */
  public enum Claim { CLAIMED, ALREADY_DONE, IN_PROGRESS_ELSEWHERE }

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;
  private final Duration lock;

  public IdempotencyStore(DynamoDbClient dynamo, String table, Clock clock, Duration lock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
    this.lock = lock;
  }

  public Claim claim(String key) {
    long now = clock.millis();
    try {
      dynamo.putItem(r -> r.tableName(table)
          .item(Map.of("pk", fromS("IDEMPOTENCY#" + key), "sk", fromS("IDEMPOTENCY"), "status", fromS("IN_PROGRESS"),
              "lockedUntil", fromN(Long.toString(now + lock.toMillis())),
              "expiresAt", fromN(Long.toString((now + KEEP_COMPLETED.toMillis()) / 1000))))
          .conditionExpression("attribute_not_exists(pk) OR (#status = :inProgress AND lockedUntil < :now)")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":inProgress", fromS("IN_PROGRESS"), ":now", fromN(Long.toString(now))))
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return Claim.CLAIMED;
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> old = e.hasItem() ? e.item() : read(key);
      AttributeValue status = old == null ? null : old.get("status");
      return status != null && "COMPLETED".equals(status.s()) ? Claim.ALREADY_DONE : Claim.IN_PROGRESS_ELSEWHERE;
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  public void complete(String key) {
    long now = clock.millis();
    try {
      dynamo.updateItem(r -> r.tableName(table).key(key(key))
          .updateExpression("SET #status = :done, expiresAt = :expires REMOVE lockedUntil")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":done", fromS("COMPLETED"),
              ":expires", fromN(Long.toString((now + KEEP_COMPLETED.toMillis()) / 1000)))));
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  /** Gives a claim back after a failed attempt, so that the retry may claim it at once. */
  public void release(String key) {
    try {
      dynamo.deleteItem(r -> r.tableName(table).key(key(key)).conditionExpression("#status = :inProgress")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":inProgress", fromS("IN_PROGRESS"))));
    } catch (ConditionalCheckFailedException e) {
      // someone else's record by now: leave it
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  private Map<String, AttributeValue> read(String key) {
    var item = dynamo.getItem(r -> r.tableName(table).key(key(key)).consistentRead(true));
    return item.hasItem() ? item.item() : null;
  }

  private static Map<String, AttributeValue> key(String key) {
    return Map.of("pk", fromS("IDEMPOTENCY#" + key), "sk", fromS("IDEMPOTENCY"));
  }
}
