package dev.blog.jobs;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import dev.blog.core.store.DynamoErrors;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Counts what was created in a time window from the audit log: every creation writes an audit entry in
 * its own transaction, and audit ids are UUIDv7 (time-ordered), so the window is one key range of the
 * audit index (gsi1, partition AUDIT), read with a projection of two attributes.
 */
public final class ActivityCounter {
  /** Actions that create a user or a post (see UserService and PostService). */
  static final java.util.Set<String> USER_CREATIONS = java.util.Set.of("user.registered", "user.created");
  static final java.util.Set<String> POST_CREATIONS = java.util.Set.of("post.created");

  public record Counts(long users, long posts) {}

  private final DynamoDbClient dynamo;
  private final String table;

  public ActivityCounter(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public Counts count(Instant from, Instant to) {
    long users = 0;
    long posts = 0;
    try {
      var pages = dynamo.queryPaginator(q -> q.tableName(table).indexName("gsi1")
          .keyConditionExpression("gsi1pk = :audit AND gsi1sk BETWEEN :from AND :to")
          .projectionExpression("#action")
          .expressionAttributeNames(Map.of("#action", "action"))
          .expressionAttributeValues(Map.of(":audit", fromS("AUDIT"), ":from", fromS(lowestUuidAt(from)),
              ":to", fromS(highestUuidAt(to.minusMillis(1))))));
      for (var page : pages) {
        for (Map<String, AttributeValue> item : page.items()) {
          String action = item.get("action") == null ? "" : item.get("action").s();
          if (USER_CREATIONS.contains(action)) {
            users++;
          } else if (POST_CREATIONS.contains(action)) {
            posts++;
          }
        }
      }
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
    return new Counts(users, posts);
  }

  /** The smallest UUIDv7 string of a millisecond: its 48-bit timestamp, then zeros (RFC 9562, section 5.7). */
  static String lowestUuidAt(Instant at) {
    return timestamp(at) + "-0000-0000-000000000000";
  }

  /** The greatest UUIDv7 string of a millisecond: its timestamp, then the highest hex digits. */
  static String highestUuidAt(Instant at) {
    return timestamp(at) + "-ffff-ffff-ffffffffffff";
  }

  private static String timestamp(Instant at) {
    String hex = String.format("%012x", at.toEpochMilli());
    return hex.substring(0, 8) + "-" + hex.substring(8, 12);
  }
}
