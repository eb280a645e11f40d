package dev.blog.core.store;

import dev.blog.core.store.TableLayout.Index;
import dev.blog.core.store.TableLayout.Listing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One kind of item on the table, read through the Enhanced Client with the item's static schema
 * ({@link ItemSchema}): GetItem by key, BatchGetItem, and queries of the listings the item is in. Its
 * {@code DynamoDbTable} and {@code DynamoDbIndex} objects are built once, with the store that owns the item
 * ({@link Store#items}); nothing is built per request but the request. Every SDK exception becomes ours here
 * ({@link DynamoErrors}).
 */
public final class Items<T> {
  /** BatchGetItem's limit of keys per request, and how often keys it left unprocessed are asked again. */
  private static final int BATCH_GET_KEYS = 100;
  private static final int BATCH_GET_ATTEMPTS = 5;

  private final DynamoDbEnhancedClient enhanced;
  private final DynamoDbTable<T> table;
  private final Map<Index, DynamoDbIndex<T>> indexes = new EnumMap<>(Index.class);

  Items(DynamoDbEnhancedClient enhanced, String tableName, TableSchema<T> schema) {
    this.enhanced = enhanced;
    this.table = enhanced.table(tableName, schema);
    schema.tableMetadata().indices().forEach(declared -> {
      for (Index index : Index.values()) {
        if (index.indexName().equals(declared.name())) {
          indexes.put(index, table.index(index.indexName()));
        }
      }
    });
  }

  /** A filter applied after a query's key condition, such as {@code contains(email, :text)}. */
  public record Filter(String expression, Values values) {
    Expression toExpression() {
      return Expression.builder().expression(expression).expressionValues(values.map()).build();
    }
  }

  /**
   * The item with {@code key}, strongly consistent: a client must read its own writes (If-Match, role checks).
   */
  public Optional<T> get(TableLayout.Key key) {
    return Optional.ofNullable(send(() -> table.getItem(r -> r.key(key(key)).consistentRead(true))));
  }

  /**
   * The items of {@code keys} that exist, in no order, strongly consistent: 100 keys per BatchGetItem, keys it
   * left unprocessed asked again a bounded number of times (then the store is busy).
   */
  public List<T> getAll(Collection<TableLayout.Key> keys) {
    List<TableLayout.Key> distinct = keys.stream().distinct().toList();
    List<T> items = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += BATCH_GET_KEYS) {
      ReadBatch.Builder<T> batch = ReadBatch.builder(table.tableSchema().itemType().rawClass())
          .mappedTableResource(table);
      distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET_KEYS))
          .forEach(key -> batch.addGetItem(r -> r.key(key(key)).consistentRead(true)));
      readAll(batch.build(), items);
    }
    return items;
  }

  /**
   * One page of {@code listing}, newest first, after the item {@code afterId} when given (it need not exist any
   * more). DynamoDB is asked for one item more than the page ({@code Limit = limit + 1}): if it exists there is
   * a next page, so a full last page does not promise one that turns out empty. A response cut short by
   * DynamoDB's 1 MB limit, or thinned by {@code filter}, is continued until the page is full or the listing ends.
   */
  public Page<T> newestFirst(Listing listing, int limit, Optional<String> afterId, Optional<Filter> filter) {
    DynamoDbIndex<T> index = index(listing);
    Expression condition = filter.map(Filter::toExpression).orElse(null);
    List<T> found = new ArrayList<>();
    Map<String, AttributeValue> start = afterId.map(listing::startAfter).orElse(null);
    do {
      // One request a turn: the first page of a query that starts where the last one stopped.
      QueryEnhancedRequest query = QueryEnhancedRequest.builder().queryConditional(whole(listing))
          .scanIndexForward(false).limit(limit + 1 - found.size()).exclusiveStartKey(start)
          .filterExpression(condition).build();
      var answer = send(() -> index.query(query).iterator().next());
      found.addAll(answer.items());
      Map<String, AttributeValue> next = answer.lastEvaluatedKey();
      start = next == null || next.isEmpty() ? null : next;
    } while (start != null && found.size() <= limit);
    if (found.size() <= limit) {
      return new Page<>(found, Optional.empty());
    }
    String lastShown = table.tableSchema().attributeValue(found.get(limit - 1), listing.index().sortKey()).s();
    return new Page<>(found.subList(0, limit), Optional.of(lastShown));
  }

  /** Every item of {@code listing}, in as many requests as DynamoDB's 1 MB pages take. */
  public void forEach(Listing listing, Consumer<T> each) {
    forEach(QueryEnhancedRequest.builder().queryConditional(whole(listing)).build(), listing, each);
  }

  /**
   * Every item of {@code listing} whose id lies from {@code fromId} to {@code toId} (both included), with only
   * the {@code projection} attributes (the others are null): a time window, since ids are UUIDv7.
   */
  public void forEachBetween(Listing listing, String fromId, String toId, Consumer<T> each, String... projection) {
    QueryConditional between = QueryConditional.sortBetween(
        Key.builder().partitionValue(listing.partition()).sortValue(fromId).build(),
        Key.builder().partitionValue(listing.partition()).sortValue(toId).build());
    QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder().queryConditional(between);
    forEach((projection.length == 0 ? query : query.attributesToProject(projection)).build(), listing, each);
  }

  private void forEach(QueryEnhancedRequest query, Listing listing, Consumer<T> each) {
    DynamoDbIndex<T> index = index(listing);
    send(() -> {
      // The Enhanced Client asks for the next page (ExclusiveStartKey) as long as DynamoDB says there is one.
      index.query(query).forEach(page -> page.items().forEach(each));
      return null;
    });
  }

  /**
   * Reads one batch of at most 100 keys. Each further page of the Enhanced Client's answer is a BatchGetItem of
   * the keys the page before left unprocessed; after a bounded number of them the store counts as busy.
   */
  private void readAll(ReadBatch batch, List<T> into) {
    send(() -> {
      Iterator<BatchGetResultPage> pages = enhanced.batchGetItem(r -> r.readBatches(batch)).iterator();
      for (int attempt = 1; ; attempt++) {
        BatchGetResultPage page = pages.next();
        into.addAll(page.resultsForTable(table));
        if (page.unprocessedKeysForTable(table).isEmpty()) {
          return null;
        }
        if (attempt == BATCH_GET_ATTEMPTS) {
          throw DynamoErrors.unavailable(null);
        }
      }
    });
  }

  private DynamoDbIndex<T> index(Listing listing) {
    DynamoDbIndex<T> index = indexes.get(listing.index());
    if (index == null) {
      throw new IllegalStateException(table.tableSchema().itemType() + " is not listed in " + listing);
    }
    return index;
  }

  private static QueryConditional whole(Listing listing) {
    return QueryConditional.keyEqualTo(Key.builder().partitionValue(listing.partition()).build());
  }

  private static Key key(TableLayout.Key key) {
    return Key.builder().partitionValue(key.pk()).sortValue(key.sk()).build();
  }

  private static <R> R send(Supplier<R> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }
}
