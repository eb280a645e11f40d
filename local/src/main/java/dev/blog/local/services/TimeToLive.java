package dev.blog.local.services;

import dev.blog.local.dynamodb.LocalDynamo;
import dev.blog.local.logging.LocalJson;
import dev.blog.local.template.TableDef;
import dev.blog.local.template.Template;
import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * DynamoDB's time to live, which moto server does not run: every few seconds, each table whose template
 * enables TTL loses the items whose TTL attribute (epoch seconds) has passed, each deleted on the condition that
 * it has still passed (an item renewed meanwhile stays). The deletes reach the table's stream as REMOVE records,
 * as in AWS, and {@link #deleted(Map)} tells the stream's reader which ones were TTL's, so it can mark them with
 * the service's {@code userIdentity}. AWS deletes within days of expiry, here within seconds.
 * See https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html
 */
public final class TimeToLive implements AutoCloseable {
  private static final int REMEMBERED = 10_000;

  private final DynamoDbClient dynamo;
  private final Map<String, TableDef> tables = new LinkedHashMap<>();
  private final Consumer<String> log;
  private final Set<Map<String, AttributeValue>> deleted = Collections.newSetFromMap(Collections.synchronizedMap(
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Map<String, AttributeValue>, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      }));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "time-to-live");
    t.setDaemon(true);
    return t;
  });

  /** Expires items of the template's TTL tables (named as in {@code tableNames}) every {@code everySeconds}. */
  public TimeToLive(Template template, URI dynamoEndpoint, Map<String, String> tableNames, int everySeconds,
      Consumer<String> log) {
    this.dynamo = LocalDynamo.client(dynamoEndpoint);
    this.log = log;
    for (TableDef table : template.tables()) {
      if (table.timeToLiveAttribute().isPresent()) {
        tables.put(tableNames.get(table.logicalId()), table);
      }
    }
    if (!tables.isEmpty()) {
      timer.scheduleWithFixedDelay(this::sweep, everySeconds, everySeconds, TimeUnit.SECONDS);
    }
  }

  /** Whether an item with these keys was deleted by its time to live (recently). */
  public boolean deleted(Map<String, AttributeValue> keys) {
    return deleted.contains(keys);
  }

  /** Deletes what has expired now; answers how many items. */
  public int sweep() {
    int count = 0;
    try {
      for (var entry : tables.entrySet()) {
        count += sweep(entry.getKey(), entry.getValue());
      }
    } catch (RuntimeException e) {
      log.accept(LocalJson.line("time-to-live", "sweep failed", "error", e.getMessage()));
    }
    return count;
  }

  private int sweep(String table, TableDef def) {
    String attribute = def.timeToLiveAttribute().orElseThrow();
    List<String> keyNames = def.keySchema().stream().map(TableDef.Key::attributeName).toList();
    AttributeValue now = AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond()));
    int count = 0;
    for (var page : dynamo.scanPaginator(r -> r.tableName(table).filterExpression("#ttl < :now")
        .expressionAttributeNames(Map.of("#ttl", attribute)).expressionAttributeValues(Map.of(":now", now)))) {
      for (Map<String, AttributeValue> item : page.items()) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        keyNames.forEach(name -> key.put(name, item.get(name)));
        deleted.add(Map.copyOf(key));
        try {
          dynamo.deleteItem(r -> r.tableName(table).key(key).conditionExpression("#ttl < :now")
              .expressionAttributeNames(Map.of("#ttl", attribute)).expressionAttributeValues(Map.of(":now", now)));
          count++;
        } catch (ConditionalCheckFailedException renewed) {
          deleted.remove(Map.copyOf(key));
        }
      }
    }
    return count;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    dynamo.close();
  }
}
