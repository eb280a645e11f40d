package dev.blog.local.events;

import dev.blog.local.logging.LocalJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blog.local.lambda.FunctionPool;
import dev.blog.local.lambda.InvocationResult;
import dev.blog.local.template.EventSource;
import dev.blog.local.template.LocalAccount;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Lambda's DynamoDB stream event source mapping, locally, on moto server's stream: reads every shard
 * from its start, keeps the records that pass the mapping's filter, and hands them to the function in
 * batches. A batch item failure (or a failed invocation) retries the batch from the failed record (an
 * itemIdentifier that names no record of the batch retries all of it, as in Lambda), up to MaximumRetryAttempts
 * and while its oldest record is younger than MaximumRecordAgeInSeconds (-1, the default: without end); then
 * the records go to the OnFailure queue, as Lambda sends them. A record that DynamoDB's time to live deleted
 * carries the service's {@code userIdentity}, as in AWS. Reading from the start after a restart re-delivers
 * records, which the consumers tolerate (at-least-once, as in AWS).
 * See https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html and
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html
 */
public final class StreamEventSource implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final FunctionPool function;
  private final int batchSize;
  private final int maxRetries;
  private final int maxRecordAgeSeconds;
  private final java.util.function.Predicate<Record> deletedByTtl;
  private final List<JsonNode> filters = new ArrayList<>();
  private final Consumer<String> onFailure;
  private final Consumer<String> log;
  private final Map<String, String> iterators = new HashMap<>();
  /** Per shard, the sequence number of the last record read: where a new iterator resumes. */
  private final Map<String, String> lastRead = new HashMap<>();
  private final Thread poller;
  private volatile boolean running = true;

  /**
   * Starts reading {@code streamArn} for {@code function}, as the template's {@code mapping} declares; a batch
   * given up on is handed to {@code onFailure} (as Lambda sends it to the OnFailure destination).
   */
  public StreamEventSource(EventSource.Stream mapping, URI dynamoEndpoint, String streamArn, FunctionPool function,
      java.util.function.Predicate<Record> deletedByTtl, Consumer<String> onFailure, Consumer<String> log) {
    this.streams = DynamoDbStreamsClient.builder().endpointOverride(dynamoEndpoint).region(Region.of(LocalAccount.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.builder().build()).build();
    this.streamArn = streamArn;
    this.function = function;
    this.batchSize = mapping.batchSize();
    this.maxRetries = mapping.maximumRetryAttempts();
    this.maxRecordAgeSeconds = mapping.maximumRecordAgeSeconds();
    this.deletedByTtl = deletedByTtl;
    for (String pattern : mapping.filterPatterns()) {
      try {
        filters.add(JSON.readTree(pattern));
      } catch (java.io.IOException e) {
        throw new IllegalStateException("Unreadable FilterCriteria pattern in template.yaml: " + pattern, e);
      }
    }
    this.onFailure = onFailure;
    this.log = log;
    this.poller = Thread.ofPlatform().name("stream-" + function.logicalId()).daemon().start(this::run);
  }

  private void run() {
    while (running) {
      try {
        boolean any = false;
        for (var shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
          String iterator = iterators.computeIfAbsent(shard.shardId(), this::iteratorFrom);
          if (iterator == null) {
            continue; // a closed shard, read to its end
          }
          GetRecordsResponse page;
          try {
            page = streams.getRecords(r -> r.shardIterator(iterator).limit(batchSize));
          } catch (TrimmedDataAccessException | ExpiredIteratorException stale) {
            // An engine may invalidate a TRIM_HORIZON iterator taken while its shard was empty once a record
            // arrives (DynamoDB Local did), and any iterator expires: take a new one, after the last record read.
            iterators.remove(shard.shardId());
            continue;
          }
          iterators.put(shard.shardId(), page.nextShardIterator());
          if (!page.records().isEmpty()) {
            lastRead.put(shard.shardId(), page.records().get(page.records().size() - 1).dynamodb().sequenceNumber());
          }
          List<Record> records = page.records().stream().filter(this::passesFilter).toList();
          if (!records.isEmpty()) {
            any = true;
            deliver(records);
          }
        }
        if (!any) {
          Thread.sleep(250);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (running) {
          log.accept(LocalJson.line(function.logicalId(), "stream poller failed", "error", e.getMessage()));
          try {
            Thread.sleep(1000);
          } catch (InterruptedException ie) {
            return;
          }
        }
      }
    }
  }

  /** An iterator of the shard after the last record read from it, or from its start. */
  private String iteratorFrom(String shardId) {
    String after = lastRead.get(shardId);
    return streams.getShardIterator(r -> {
      r.streamArn(streamArn).shardId(shardId);
      if (after == null) {
        r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
      } else {
        r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
      }
    }).shardIterator();
  }

  private void deliver(List<Record> records) throws InterruptedException {
    List<Record> remaining = records;
    for (int attempt = 0; running && !remaining.isEmpty(); attempt++) {
      InvocationResult result = function.invoke(event(remaining));
      log.accept(LocalJson.line(function.logicalId(), "stream batch", "records", remaining.size(),
          "coldStartMs", result.initMillis() > 0 ? result.initMillis() : null, "invokeMs", result.durationMillis()));
      int failedAt = result.succeeded() ? firstFailure(result.payload(), remaining) : 0;
      if (failedAt < 0) {
        return;
      }
      remaining = remaining.subList(failedAt, remaining.size());
      boolean retriesLeft = maxRetries < 0 || attempt < maxRetries;
      boolean young = maxRecordAgeSeconds < 0 || ageSeconds(remaining.get(0)) <= maxRecordAgeSeconds;
      if (!retriesLeft || !young) {
        log.accept(LocalJson.line(function.logicalId(), "giving up on stream records; recorded on the OnFailure destination",
            "records", remaining.size(), "attempts", attempt + 1, "tooOld", !young));
        onFailure.accept(failureRecord(remaining));
        return;
      }
      Thread.sleep(Math.min(10_000, 250L << Math.min(attempt, 6)));
    }
  }

  private static long ageSeconds(Record record) {
    java.time.Instant created = record.dynamodb().approximateCreationDateTime();
    return created == null ? 0 : java.time.Duration.between(created, java.time.Instant.now()).toSeconds();
  }

  /** Index of the first record named in batchItemFailures (0 when one names no record), or -1 when all succeeded. */
  private static int firstFailure(String payload, List<Record> records) {
    try {
      JsonNode failures = JSON.readTree(payload).path("batchItemFailures");
      int first = -1;
      for (JsonNode failure : failures) {
        String sequence = failure.path("itemIdentifier").asText("");
        int at = -1;
        for (int i = 0; i < records.size() && at < 0; i++) {
          if (records.get(i).dynamodb().sequenceNumber().equals(sequence)) {
            at = i;
          }
        }
        if (at < 0) {
          return 0; // an identifier that names no record of the batch: the whole batch failed
        }
        first = first < 0 ? at : Math.min(first, at);
      }
      return first;
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  /** EventBridge-style pattern: every key must match, leaves are lists of allowed values. */
  private boolean passesFilter(Record record) {
    if (filters.isEmpty()) {
      return true;
    }
    JsonNode json = recordJson(record);
    return filters.stream().anyMatch(filter -> matches(filter, json));
  }

  static boolean matches(JsonNode pattern, JsonNode value) {
    if (pattern.isArray()) {
      for (JsonNode allowed : pattern) {
        if (value != null && allowed.asText().equals(value.asText()) && !value.isContainerNode()) {
          return true;
        }
      }
      return false;
    }
    var fields = pattern.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      if (value == null || !matches(field.getValue(), value.get(field.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private String event(List<Record> records) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode array = event.putArray("Records");
    records.forEach(r -> array.add(recordJson(r)));
    return event.toString();
  }

  private ObjectNode recordJson(Record record) {
    ObjectNode json = JSON.createObjectNode();
    json.put("eventID", record.eventID());
    json.put("eventName", record.eventNameAsString());
    json.put("eventVersion", "1.1");
    json.put("eventSource", "aws:dynamodb");
    json.put("awsRegion", LocalAccount.REGION);
    ObjectNode dynamodb = json.putObject("dynamodb");
    var d = record.dynamodb();
    if (d.approximateCreationDateTime() != null) {
      dynamodb.put("ApproximateCreationDateTime", d.approximateCreationDateTime().getEpochSecond());
    }
    dynamodb.set("Keys", image(d.keys()));
    if (d.hasNewImage()) {
      dynamodb.set("NewImage", image(d.newImage()));
    }
    if (d.hasOldImage()) {
      dynamodb.set("OldImage", image(d.oldImage()));
    }
    dynamodb.put("SequenceNumber", d.sequenceNumber());
    dynamodb.put("SizeBytes", d.sizeBytes());
    dynamodb.put("StreamViewType", d.streamViewTypeAsString());
    json.put("eventSourceARN", streamArn);
    if (deletedByTtl.test(record)) {
      json.putObject("userIdentity").put("type", "Service").put("principalId", "dynamodb.amazonaws.com");
    }
    return json;
  }

  private String failureRecord(List<Record> records) {
    ObjectNode info = JSON.createObjectNode();
    info.put("requestContext", "stream batch failed after retries");
    info.put("streamArn", streamArn);
    info.put("startSequenceNumber", records.get(0).dynamodb().sequenceNumber());
    info.put("endSequenceNumber", records.get(records.size() - 1).dynamodb().sequenceNumber());
    info.put("batchSize", records.size());
    return info.toString();
  }

  /** DynamoDB's JSON for attribute values, as stream events carry them. */
  private static ObjectNode image(Map<String, AttributeValue> item) {
    ObjectNode out = JSON.createObjectNode();
    item.forEach((name, value) -> out.set(name, attribute(value)));
    return out;
  }

  private static JsonNode attribute(AttributeValue v) {
    ObjectNode node = JSON.createObjectNode();
    if (v.s() != null) {
      node.put("S", v.s());
    } else if (v.n() != null) {
      node.put("N", v.n());
    } else if (v.bool() != null) {
      node.put("BOOL", v.bool());
    } else if (Boolean.TRUE.equals(v.nul())) {
      node.put("NULL", true);
    } else if (v.b() != null) {
      node.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
    } else if (v.hasM()) {
      node.set("M", image(v.m()));
    } else if (v.hasL()) {
      ArrayNode list = node.putArray("L");
      v.l().forEach(e -> list.add(attribute(e)));
    } else if (v.hasSs()) {
      ArrayNode list = node.putArray("SS");
      v.ss().forEach(list::add);
    } else if (v.hasNs()) {
      ArrayNode list = node.putArray("NS");
      v.ns().forEach(list::add);
    }
    return node;
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
    streams.close();
  }
}
