package dev.blog.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The local DynamoDB: moto server as our launcher runs it, with the template's tables. */
class LocalDynamoTest {
  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", s(pk), "sk", s(sk));
  }

  @Test
  void startingItWritesNothingToStdoutAndServesTheTemplatesTables() {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    LocalDynamo dynamo;
    try {
      dynamo = LocalDynamo.start(0, null);
    } finally {
      System.setOut(stdout);
    }
    try (dynamo) {
      assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
      String table = dynamo.createTables("-stdout-test").get("AppTable");
      try (var client = LocalDynamo.client(dynamo.endpoint())) {
        assertThat(client.describeTable(r -> r.tableName(table)).table().keySchema()).isNotEmpty();
      }
    }
  }

  @Test
  void itListensOnTheLoopbackInterfaceOnly() throws Exception {
    List<InetAddress> others = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        nic.inetAddresses().filter(a -> !a.isLinkLocalAddress()).forEach(others::add);
      }
    }
    Assumptions.assumeFalse(others.isEmpty(), "this machine has no address but the loopback one");
    LocalDynamo dynamo = LocalDynamo.shared();
    int port = dynamo.endpoint().getPort();
    try (Socket loopback = new Socket()) {
      loopback.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
    }
    for (InetAddress address : others) {
      try (Socket socket = new Socket()) {
        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 2_000))
            .as("moto server must not answer on %s", address).isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void noWebPageMayReadItsAnswersItSendsNoCorsHeaders() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    for (String method : List.of("OPTIONS", "POST")) {
      var answer = http.send(java.net.http.HttpRequest.newBuilder(LocalDynamo.shared().endpoint())
          .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
          .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
          .header("X-Amz-Target", "DynamoDB_20120810.ListTables").header("Content-Type", "application/x-amz-json-1.0")
          .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, "
              + "SignedHeaders=host, Signature=0").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(answer.headers().map().keySet()).as(method).noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT)
          .startsWith("access-control-"));
    }
  }

  @Test
  void whereMotoIsMissingItSaysHowToInstallIt() {
    // python3 -S: no site-packages, so no moto, as on a machine where it was never installed
    String before = System.getProperty("blog.python");
    System.setProperty("blog.python", "python3 -S");
    try {
      assertThatThrownBy(() -> LocalDynamo.start(0, null)).hasMessage(LocalDynamo.NOT_INSTALLED);
    } finally {
      if (before == null) {
        System.clearProperty("blog.python");
      } else {
        System.setProperty("blog.python", before);
      }
    }
  }

  @Test
  void aCancelledTransactionLeavesEveryItemAndTheStreamAsTheyWere() {
    LocalDynamo dynamo = LocalDynamo.shared();
    String table = dynamo.createTables("-cancel-" + System.nanoTime()).get("OutboxTable");
    try (DynamoDbClient client = LocalDynamo.client(dynamo.endpoint());
         DynamoDbStreamsClient streams = streams(dynamo)) {
      Map<String, AttributeValue> kept = with(key("kept", "A"), "n", AttributeValue.fromN("1"),
          "bytes", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, 2})));
      Map<String, AttributeValue> doomed = with(key("doomed", "A"), "n", AttributeValue.fromN("1"));
      client.putItem(r -> r.tableName(table).item(kept));
      client.putItem(r -> r.tableName(table).item(doomed));
      client.putItem(r -> r.tableName(table).item(key("guard", "A")));
      int recordsBefore = streamRecords(client, streams, table);

      assertThatThrownBy(() -> client.transactWriteItems(t -> t.transactItems(
          i -> i.update(u -> u.tableName(table).key(key("kept", "A")).updateExpression("SET n = :two REMOVE bytes")
              .expressionAttributeValues(Map.of(":two", AttributeValue.fromN("2")))),
          i -> i.put(p -> p.tableName(table).item(with(key("new", "A"), "n", AttributeValue.fromN("9")))),
          i -> i.delete(d -> d.tableName(table).key(key("doomed", "A"))),
          i -> i.conditionCheck(c -> c.tableName(table).key(key("guard", "A")).conditionExpression("attribute_not_exists(pk)")))))
          .isInstanceOfSatisfying(TransactionCanceledException.class, e -> assertThat(e.cancellationReasons())
              .extracting(r -> r.code()).containsExactly("None", "None", "None", "ConditionalCheckFailed"));

      assertThat(client.getItem(r -> r.tableName(table).key(key("kept", "A")).consistentRead(true)).item()).isEqualTo(kept);
      assertThat(client.getItem(r -> r.tableName(table).key(key("doomed", "A")).consistentRead(true)).item()).isEqualTo(doomed);
      assertThat(client.getItem(r -> r.tableName(table).key(key("new", "A")).consistentRead(true)).hasItem()).isFalse();
      assertThat(streamRecords(client, streams, table)).as("a cancelled transaction writes nothing to the stream")
          .isEqualTo(recordsBefore);
    }
  }

  private static Map<String, AttributeValue> with(Map<String, AttributeValue> key, Object... more) {
    Map<String, AttributeValue> item = new java.util.HashMap<>(key);
    for (int i = 0; i < more.length; i += 2) {
      item.put((String) more[i], (AttributeValue) more[i + 1]);
    }
    return Map.copyOf(item);
  }

  @Test
  void conditionalWritesRacingOnOneKeyLetExactlyOneThrough() throws Exception {
    LocalDynamo dynamo = LocalDynamo.shared();
    String table = dynamo.createTables("-race-" + System.nanoTime()).get("AppTable");
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try (DynamoDbClient client = LocalDynamo.client(dynamo.endpoint())) {
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String writer = "writer-" + i;
        attempts.add(pool.submit(() -> {
          try {
            client.putItem(r -> r.tableName(table).item(Map.of("pk", s("COUNTER"), "sk", s("X"), "by", s(writer)))
                .conditionExpression("attribute_not_exists(pk)"));
            return true;
          } catch (ConditionalCheckFailedException e) {
            return false;
          }
        }));
      }
      int won = 0;
      for (Future<Boolean> attempt : attempts) {
        won += attempt.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aWritesTimeDoesNotGrowWithTheTable(@TempDir Path data) throws Exception {
    String table;
    double small;
    try (LocalDynamo dynamo = LocalDynamo.start(0, data);
         DynamoDbClient client = LocalDynamo.client(dynamo.endpoint())) {
      table = dynamo.createTables("-flat").get("AppTable");
      fill(client, table, 0, 100);
      small = transactionMedianMillis(client, table);
    }
    // 99,900 more items into the saved tables (loading them at start is quicker than 4,000 batches over HTTP)
    Path saved = data.resolve("dynamodb.json");
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var tables = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(saved.toFile());
    for (var t : tables.get("tables")) {
      if (t.at("/description/TableName").asText().equals(table)) {
        var items = (com.fasterxml.jackson.databind.node.ArrayNode) t.get("items");
        for (int i = 100; i < 100_000; i++) {
          items.addObject().<com.fasterxml.jackson.databind.node.ObjectNode>set("pk", json.createObjectNode().put("S", "FILL#" + i))
              .<com.fasterxml.jackson.databind.node.ObjectNode>set("sk", json.createObjectNode().put("S", "ROW"))
              .set("v", json.createObjectNode().put("S", "x".repeat(40)));
        }
      }
    }
    json.writeValue(saved.toFile(), tables);
    try (LocalDynamo dynamo = LocalDynamo.start(0, data);
         DynamoDbClient client = LocalDynamo.client(dynamo.endpoint())) {
      assertThat(client.getItem(r -> r.tableName(table).key(key("FILL#99999", "ROW"))).hasItem())
          .as("the large table's last item").isTrue();
      double large = transactionMedianMillis(client, table);
      System.out.printf("figure: two-item TransactWriteItems p50 on moto: %.2f ms at 100 items, %.2f ms at 100,000%n",
          small, large);
      // moto's own rollback copies the table before each transaction: about 1,000 times slower at 100,000 items
      assertThat(large / small).as("two-item transaction p50: %.2f ms at 100 items, %.2f ms at 100,000", small, large)
          .isLessThan(3.0);
    }
  }

  @Test
  void withAFolderTheTablesSurviveARestartAndTheStreamDoesNotReplayThem(@TempDir Path data) {
    Map<String, AttributeValue> item = Map.of("pk", s("USER#1"), "sk", s("PROFILE"),
        "bytes", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {7, 0, 9})),
        "nested", AttributeValue.fromM(Map.of("list", AttributeValue.fromL(List.of(s("a"), AttributeValue.fromN("2"))))),
        "tags", AttributeValue.fromSs(List.of("x", "y")));
    String table;
    try (LocalDynamo first = LocalDynamo.start(0, data);
         DynamoDbClient client = LocalDynamo.client(first.endpoint())) {
      table = first.createTables("-kept").get("AppTable");
      client.putItem(r -> r.tableName(table).item(item));
    }
    assertThat(data.resolve("dynamodb.json")).exists();
    try (LocalDynamo second = LocalDynamo.start(0, data);
         DynamoDbClient client = LocalDynamo.client(second.endpoint());
         DynamoDbStreamsClient streams = streams(second)) {
      assertThat(client.getItem(r -> r.tableName(table).key(key("USER#1", "PROFILE")).consistentRead(true)).item())
          .isEqualTo(item);
      String outbox = second.createTables("-kept").get("OutboxTable");
      assertThat(streamRecords(client, streams, outbox)).isZero();
    }
  }

  private static void fill(DynamoDbClient client, String table, int from, int to) {
    for (int start = from; start < to; start += 25) {
      int end = Math.min(to, start + 25);
      List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> writes = new ArrayList<>();
      for (int i = start; i < end; i++) {
        Map<String, AttributeValue> row = Map.of("pk", s("FILL#" + i), "sk", s("ROW"), "v", s("x".repeat(40)));
        writes.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
            .putRequest(p -> p.item(row)).build());
      }
      client.batchWriteItem(r -> r.requestItems(Map.of(table, writes)));
    }
  }

  private static double transactionMedianMillis(DynamoDbClient client, String table) {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 41; i++) {
      int n = i;
      long started = System.nanoTime();
      client.transactWriteItems(t -> t.transactItems(
          w -> w.put(p -> p.tableName(table).item(Map.of("pk", s("TX#" + n), "sk", s("A")))),
          w -> w.update(u -> u.tableName(table).key(key("FILL#0", "ROW")).updateExpression("SET v = :v")
              .expressionAttributeValues(Map.of(":v", s("y" + n))))));
      times.add((System.nanoTime() - started) / 1e6);
    }
    Collections.sort(times);
    return times.get(times.size() / 2);
  }

  private static DynamoDbStreamsClient streams(LocalDynamo dynamo) {
    return DynamoDbStreamsClient.builder().endpointOverride(dynamo.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder().build()).build();
  }

  private static int streamRecords(DynamoDbClient client, DynamoDbStreamsClient streams, String table) {
    String arn = client.describeTable(r -> r.tableName(table)).table().latestStreamArn();
    int count = 0;
    for (var shard : streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards()) {
      String iterator = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (iterator != null) {
        String current = iterator;
        var page = streams.getRecords(r -> r.shardIterator(current).limit(1000));
        count += page.records().size();
        iterator = page.records().isEmpty() ? null : page.nextShardIterator();
      }
    }
    return count;
  }
}
