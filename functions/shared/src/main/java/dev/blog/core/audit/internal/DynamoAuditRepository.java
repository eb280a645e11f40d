package dev.blog.core.audit.internal;

import static dev.blog.core.store.Transaction.values;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.audit.AuditItem;
import dev.blog.core.audit.AuditPage;
import dev.blog.core.audit.AuditRepository;
import dev.blog.core.store.DynamoErrors;
import dev.blog.core.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The audit log on its two indexes (AuditItem): gsi1 {@code AUDIT} for all entries, gsi2
 * {@code TARGET#<id>} for one target's; both sorted by the entry's UUIDv7 id, so newest first is a
 * backwards read and "after the cursor" is the key condition {@code sk < id}.
 */
public final class DynamoAuditRepository implements AuditRepository {
  private final DynamoDbClient dynamo;
  private final Store store;

  public DynamoAuditRepository(DynamoDbClient dynamo, Store store) {
    this.dynamo = dynamo;
    this.store = store;
  }

  @Override
  public AuditPage list(Optional<String> targetId, int limit, Optional<String> beforeId) {
    String index = targetId.isPresent() ? "gsi2" : "gsi1";
    String partition = targetId.map(t -> "TARGET#" + t).orElse("AUDIT");
    List<AuditEntry> found = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    try {
      do {
        Map<String, AttributeValue> vals = values(":pk", AttributeValue.fromS(partition));
        Map<String, String> names = new java.util.HashMap<>(Map.of("#pk", index + "pk"));
        String condition = "#pk = :pk";
        if (beforeId.isPresent()) {
          condition += " AND #sk < :before";
          names.put("#sk", index + "sk");
          vals.put(":before", AttributeValue.fromS(beforeId.get()));
        }
        // One more than the page: if it exists there is a next page, and the cursor is exact.
        QueryResponse answer = dynamo.query(QueryRequest.builder().tableName(store.table()).indexName(index)
            .keyConditionExpression(condition)
            .expressionAttributeNames(names)
            .expressionAttributeValues(vals).scanIndexForward(false).limit(limit + 1 - found.size())
            .exclusiveStartKey(start).build());
        answer.items().forEach(item -> found.add(AuditItem.SCHEMA.mapToItem(item).toEntry()));
        start = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty() ? answer.lastEvaluatedKey() : null;
      } while (start != null && found.size() <= limit);
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
    if (found.size() <= limit) {
      return new AuditPage(found, Optional.empty());
    }
    List<AuditEntry> shown = List.copyOf(found.subList(0, limit));
    return new AuditPage(shown, Optional.of(shown.get(limit - 1).id()));
  }
}
