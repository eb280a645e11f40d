package dev.blog.core.store;

import dev.blog.core.store.TableLayout.Key;
import dev.blog.core.store.TableLayout.Listing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The one way every store reads and writes the table: a thin, typed layer over the low-level DynamoDB client
 * (no mapper, no reflection, nothing built per request but the request). Keys come from {@link TableLayout},
 * items are {@link Values} in and {@link Attributes} out, writes are {@link Write}s, alone or in a
 * {@link Transaction}. Every SDK exception is translated here ({@link DynamoErrors}); a failed condition is
 * answered ({@link #apply}) or reported by label ({@link ConditionFailed}), for the repository to name.
 */
public final class Store {
  /** Conflicts clear in milliseconds; a handful of short, jittered retries covers contended items. */
  private static final int CONFLICT_ATTEMPTS = 5;
  /** BatchGetItem's limit of keys per request, and how often keys it left unprocessed are asked again. */
  private static final int BATCH_GET_KEYS = 100;
  private static final int BATCH_GET_ATTEMPTS = 5;

  private final DynamoDbClient dynamo;
  private final String table;

  public Store(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public String table() {
    return table;
  }

  /** A filter applied after a query's key condition, such as {@code contains(email, :text)}. */
  public record Filter(String expression, Map<String, AttributeValue> values) {
    public static Filter of(String expression, Values values) {
      return new Filter(expression, values.map());
    }
  }

  /**
   * The item with {@code key}, strongly consistent (a client must read its own writes: If-Match, role checks),
   * with only the {@code projection} attributes when some are named.
   */
  public Optional<Attributes> get(Key key, String... projection) {
    try {
      var answer = dynamo.getItem(r -> r.tableName(table).key(key.attributes()).consistentRead(true)
          .projectionExpression(projection(projection)).expressionAttributeNames(names(projection)));
      return answer.hasItem() && !answer.item().isEmpty() ? Optional.of(new Attributes(answer.item())) : Optional.empty();
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  /** The items of {@code keys} that exist, in no order: 100 keys per request, unprocessed keys asked again. */
  public List<Attributes> getAll(Collection<Key> keys, String... projection) {
    List<Map<String, AttributeValue>> all = keys.stream().distinct().map(Key::attributes).toList();
    List<Attributes> items = new ArrayList<>();
    try {
      for (int from = 0; from < all.size(); from += BATCH_GET_KEYS) {
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
            .keys(all.subList(from, Math.min(all.size(), from + BATCH_GET_KEYS))).consistentRead(true)
            .projectionExpression(projection(projection)).expressionAttributeNames(names(projection)).build());
        for (int attempt = 1; !request.isEmpty(); attempt++) {
          if (attempt > BATCH_GET_ATTEMPTS) {
            throw DynamoErrors.unavailable(null);
          }
          Map<String, KeysAndAttributes> pending = request;
          BatchGetItemResponse answer = dynamo.batchGetItem(r -> r.requestItems(pending));
          answer.responses().getOrDefault(table, List.of()).forEach(item -> items.add(new Attributes(item)));
          request = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
        }
      }
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
    return items;
  }

  /**
   * One page of {@code listing}, newest first, after the item {@code afterId} when given (it need not exist any
   * more). DynamoDB is asked for one item more than the page ({@code Limit = limit + 1}): if it exists there is
   * a next page, so a full last page does not promise one that turns out empty. A response cut short by
   * DynamoDB's 1 MB limit, or thinned by {@code filter}, is continued until the page is full or the listing ends.
   */
  public <T> Page<T> newestFirst(Listing listing, int limit, Optional<String> afterId, Optional<Filter> filter,
      Function<Attributes, T> read) {
    QueryRequest.Builder query = query(listing, null, null).scanIndexForward(false);
    filter.ifPresent(f -> query.filterExpression(f.expression()).expressionAttributeValues(
        withValues(Map.of(":pk", AttributeValue.fromS(listing.partition())), f.values())));
    List<Attributes> found = new ArrayList<>();
    Map<String, AttributeValue> start = afterId.map(listing::startAfter).orElse(null);
    do {
      QueryResponse answer = send(query.limit(limit + 1 - found.size()).exclusiveStartKey(start));
      answer.items().forEach(item -> found.add(new Attributes(item)));
      start = next(answer);
    } while (start != null && found.size() <= limit);
    if (found.size() <= limit) {
      return new Page<>(found.stream().map(read).toList(), Optional.empty());
    }
    String lastShown = found.get(limit - 1).s(listing.index().sortKey());
    return new Page<>(found.subList(0, limit).stream().map(read).toList(), Optional.of(lastShown));
  }

  /** Every item of {@code listing}, in as many requests as DynamoDB's 1 MB pages take. */
  public void forEach(Listing listing, Consumer<Attributes> each) {
    forEach(query(listing, null, null), each);
  }

  /**
   * Every item of {@code listing} whose id lies from {@code fromId} to {@code toId} (both included), with only
   * the {@code projection} attributes: a time window, since ids are UUIDv7.
   */
  public void forEachBetween(Listing listing, String fromId, String toId, Consumer<Attributes> each,
      String... projection) {
    QueryRequest.Builder query = query(listing, fromId, toId);
    if (projection.length > 0) {
      Map<String, String> names = new HashMap<>(names(projection));
      names.putAll(keyNames(listing, true));
      query.projectionExpression(projection(projection)).expressionAttributeNames(names);
    }
    forEach(query, each);
  }

  /** Applies one write on its own; false when its condition did not hold (and nothing was written). */
  public boolean apply(Write write) {
    return applyAndRead(write, false).applied();
  }

  /** What a write on its own did, with the item as it left it (applied update) or as it found it (refused). */
  public record Outcome(boolean applied, Optional<Attributes> item) {}

  /**
   * Applies one write on its own and answers the item: for an applied update, the item after it; for a write
   * its condition refused, the item that refused it (when DynamoDB returns it; nothing is written then).
   */
  public Outcome applyAndRead(Write write) {
    return applyAndRead(write, true);
  }

  private Outcome applyAndRead(Write write, boolean returnNew) {
    try {
      Map<String, AttributeValue> after = write.sendAlone(dynamo, table, returnNew);
      return new Outcome(true, after == null || after.isEmpty() ? Optional.empty() : Optional.of(new Attributes(after)));
    } catch (ConditionalCheckFailedException refused) {
      return new Outcome(false, refused.hasItem() ? Optional.of(new Attributes(refused.item())) : Optional.empty());
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
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

  /** A query of the whole partition of {@code listing}, or of its ids from {@code fromId} to {@code toId}. */
  private QueryRequest.Builder query(Listing listing, String fromId, String toId) {
    boolean range = fromId != null;
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(listing.partition())));
    if (range) {
      values.put(":from", AttributeValue.fromS(fromId));
      values.put(":to", AttributeValue.fromS(toId));
    }
    return QueryRequest.builder().tableName(table).indexName(listing.index().indexName())
        .keyConditionExpression(range ? "#pk = :pk AND #sk BETWEEN :from AND :to" : "#pk = :pk")
        .expressionAttributeNames(keyNames(listing, range)).expressionAttributeValues(values);
  }

  private void forEach(QueryRequest.Builder query, Consumer<Attributes> each) {
    Map<String, AttributeValue> start = null;
    do {
      QueryResponse answer = send(query.exclusiveStartKey(start));
      answer.items().forEach(item -> each.accept(new Attributes(item)));
      start = next(answer);
    } while (start != null);
  }

  private QueryResponse send(QueryRequest.Builder query) {
    try {
      return dynamo.query(query.build());
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  private static Map<String, AttributeValue> next(QueryResponse answer) {
    return answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty() ? answer.lastEvaluatedKey() : null;
  }

  /** Only the names an expression uses: DynamoDB refuses a request that defines one it does not. */
  private static Map<String, String> keyNames(Listing listing, boolean withSortKey) {
    return withSortKey ? Map.of("#pk", listing.index().partitionKey(), "#sk", listing.index().sortKey())
        : Map.of("#pk", listing.index().partitionKey());
  }

  private static Map<String, AttributeValue> withValues(Map<String, AttributeValue> first,
      Map<String, AttributeValue> second) {
    Map<String, AttributeValue> all = new HashMap<>(first);
    all.putAll(second);
    return all;
  }

  /** {@code #a, #b}: every projected attribute by placeholder, as any of them may be a reserved word. */
  private static String projection(String... attributes) {
    return attributes.length == 0 ? null : Arrays.stream(attributes).map(a -> "#" + a).collect(Collectors.joining(", "));
  }

  private static Map<String, String> names(String... attributes) {
    return attributes.length == 0 ? null : Arrays.stream(attributes).collect(Collectors.toMap(a -> "#" + a, a -> a));
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
