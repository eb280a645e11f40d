package dev.blog.local.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blog.local.dynamodb.LocalDynamo;
import dev.blog.local.faults.Faults;
import dev.blog.local.template.LocalAccount;
import dev.blog.local.template.Template;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The local servers as the functions meet them: faults on the wire in front of moto server and the SQS server
 * and SMTP refusing connections, the dead letters listed and re-driven, and DynamoDB's time to live with its
 * REMOVE records.
 */
class LocalServersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Template TEMPLATE = Template.load(Template.findProjectDir());
  private static final LocalServers SERVERS = LocalServers.start(TEMPLATE, new LocalServers.Ports(0, 0, 0), null, true,
      line -> { });
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  /** A function's credentials on the local stack (its logical id), so that IAM lets its calls reach the faults. */
  private static StaticCredentialsProvider signedAs(String functionId) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(functionId, "local"));
  }

  @AfterAll
  static void stop() {
    SERVERS.close();
  }

  @AfterEach
  void noFaults() {
    SERVERS.faults(Faults.NONE);
  }

  private static DynamoDbClient functionsDynamo() {
    return DynamoDbClient.builder().endpointOverride(SERVERS.sdkEndpoints().get("DYNAMODB")).region(Region.US_EAST_1)
        .credentialsProvider(signedAs("GetUserFunction")).httpClient(UrlConnectionHttpClient.builder().build())
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build();
  }

  private static SqsClient functionsSqs() {
    return SqsClient.builder().endpointOverride(SERVERS.sdkEndpoints().get("SQS")).region(Region.US_EAST_1)
        .credentialsProvider(signedAs("OutboxRelayFunction")).httpClient(UrlConnectionHttpClient.builder().build()).build();
  }

  private static boolean smtpAccepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", SERVERS.smtpPort()), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void theFunctionsMeetTheFaultsInForceOnTheirWireAndTheStacksOwnClientsDoNot() {
    SERVERS.faults(Faults.parse("{\"dynamodb\":{\"throttleRate\":1},\"sqs\":{\"errorRate\":1},\"smtp\":{\"down\":true}}"));
    try (DynamoDbClient dynamo = functionsDynamo(); SqsClient functionsSqs = functionsSqs()) {
      String table = SERVERS.tableNames().get("AppTable");
      assertThatThrownBy(() -> dynamo.getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("x"),
          "sk", AttributeValue.fromS("x"))))).isInstanceOf(ProvisionedThroughputExceededException.class);
      assertThatThrownBy(() -> functionsSqs.sendMessage(r -> r.queueUrl(SERVERS.queueUrl("EmailQueue")).messageBody("x")))
          .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
      assertThat(smtpAccepts()).isFalse();
      // Lambda's pollers are not the functions' clients: the stack's own reach the servers.
      assertThat(SERVERS.sqsClient().getQueueUrl(r -> r.queueName("EmailQueue")).queueUrl()).isNotBlank();
    }
    SERVERS.faults(Faults.NONE);
    assertThat(smtpAccepts()).isTrue();
  }

  @Test
  void deadLettersAreListedWithTheirReasonAndRedrivenToTheirSourceQueue() throws Exception {
    SqsClient sqs = SERVERS.sqsClient();
    String deadLetters = SERVERS.queueUrl("EmailDeadLetterQueue");
    sqs.sendMessage(r -> r.queueUrl(deadLetters).messageBody("{\"letter\":1}").messageAttributes(Map.of("reason",
        software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder().dataType("String")
            .stringValue("never deliverable").build())));
    JsonNode listed = JSON.readTree(SERVERS.deadLettersJson());
    assertThat(listed).anySatisfy(letter -> {
      assertThat(letter.get("queue").asText()).isEqualTo("EmailDeadLetterQueue");
      assertThat(letter.get("body").asText()).isEqualTo("{\"letter\":1}");
      assertThat(letter.get("reason").asText()).isEqualTo("never deliverable");
    });
    assertThat(JSON.readTree(SERVERS.deadLettersJson())).as("listing consumes nothing").hasSameSizeAs(listed);

    assertThat(SERVERS.redrive()).containsEntry("EmailDeadLetterQueue", listed.size());
    List<String> moved = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (moved.isEmpty() && System.nanoTime() < deadline) {
      sqs.receiveMessage(r -> r.queueUrl(SERVERS.queueUrl("EmailQueue")).waitTimeSeconds(1)).messages()
          .forEach(m -> moved.add(m.body()));
    }
    assertThat(moved).contains("{\"letter\":1}");
  }

  @Test
  void anExpiredItemIsDeletedByItsTimeToLiveAndItsRemoveRecordSaysSo() {
    String table = SERVERS.tableNames().get("OutboxTable");
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("OUTBOX#expired"), "sk", AttributeValue.fromS("OUTBOX"));
    try (DynamoDbClient dynamo = LocalDynamo.client(SERVERS.dynamoEndpoint());
        TimeToLive ttl = new TimeToLive(TEMPLATE, SERVERS.dynamoEndpoint(), SERVERS.tableNames(), 3600, line -> { });
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(SERVERS.dynamoEndpoint())
            .region(Region.of(LocalAccount.REGION)).credentialsProvider(CREDENTIALS)
            .httpClient(UrlConnectionHttpClient.builder().build()).build()) {
      java.util.HashMap<String, AttributeValue> item = new java.util.HashMap<>(key);
      item.put("expiresAt", AttributeValue.fromN(Long.toString(Instant.now().minusSeconds(60).getEpochSecond())));
      dynamo.putItem(r -> r.tableName(table).item(item));
      java.util.HashMap<String, AttributeValue> alive = new java.util.HashMap<>(item);
      alive.put("pk", AttributeValue.fromS("OUTBOX#alive"));
      alive.put("expiresAt", AttributeValue.fromN(Long.toString(Instant.now().plusSeconds(3600).getEpochSecond())));
      dynamo.putItem(r -> r.tableName(table).item(alive));

      assertThat(ttl.sweep()).isEqualTo(1);
      assertThat(dynamo.getItem(r -> r.tableName(table).key(key)).hasItem()).isFalse();
      String stream = SERVERS.latestStreamArn("OutboxTable");
      var shard = streams.describeStream(r -> r.streamArn(stream)).streamDescription().shards().get(0);
      String iterator = streams.getShardIterator(r -> r.streamArn(stream).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      var removes = streams.getRecords(r -> r.shardIterator(iterator)).records().stream()
          .filter(record -> record.eventNameAsString().equals("REMOVE")).toList();
      assertThat(removes).singleElement().satisfies(remove -> assertThat(ttl.deleted(remove.dynamodb().keys())).isTrue());
    }
  }
}
