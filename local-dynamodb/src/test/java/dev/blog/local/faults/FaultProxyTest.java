package dev.blog.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blog.local.dynamodb.LocalDynamo;
import dev.blog.local.template.LocalAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The fault proxy in front of moto server, met through the real SDK client: what it injects is what the SDK
 * makes of DynamoDB's own answers (exception class, throttling flag, status, cancellation reasons), and
 * without faults it is invisible.
 */
class FaultProxyTest {
  private static final LocalDynamo DYNAMO = LocalDynamo.shared();
  private static final String TABLE = DYNAMO.createTables("-faults-" + ProcessHandle.current().pid()).get("AppTable");

  private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
  private final List<String> log = new ArrayList<>();
  private final FaultProxy proxy = FaultProxy.start(FaultProxy.Service.DYNAMODB, DYNAMO.endpoint(),
      () -> faults.get().dynamodb(), line -> {
        synchronized (log) {
          log.add(line);
        }
      });
  private final DynamoDbClient client = DynamoDbClient.builder().endpointOverride(proxy.endpoint())
      .region(Region.of(LocalAccount.REGION))
      .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
      .httpClient(UrlConnectionHttpClient.builder().build())
      // No attempt timeout of its own: a tight one made the first plain put time out on a loaded machine; the
      // hanging-store test sets its own call timeout.
      .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
      .build();

  @AfterEach
  void close() {
    client.close();
    proxy.close();
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("X"));
  }

  private void put(String pk) {
    client.putItem(r -> r.tableName(TABLE).item(key(pk)));
  }

  private boolean exists(String pk) {
    try (DynamoDbClient direct = LocalDynamo.client(DYNAMO.endpoint())) {
      return direct.getItem(r -> r.tableName(TABLE).key(key(pk)).consistentRead(true)).hasItem();
    }
  }

  @Test
  void withoutFaultsRequestsAndAnswersPassUnchanged() {
    put("plain");
    assertThat(client.getItem(r -> r.tableName(TABLE).key(key("plain"))).item()).containsEntry("sk", AttributeValue.fromS("X"));
    assertThat(proxy.injected()).isEmpty();
  }

  @Test
  void aThrottledStoreAnswersDynamoDbsThrottlingErrorWhichTheSdkRetriesThenThrows() {
    faults.set(Faults.parse("{\"dynamodb\":{\"throttleRate\":1}}"));
    assertThatThrownBy(() -> put("throttled"))
        .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
          assertThat(e.isThrottlingException()).isTrue();
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        });
    assertThat(proxy.injected()).containsEntry("throttle PutItem", 3L); // the SDK's standard 3 attempts
    assertThat(exists("throttled")).isFalse();
    assertThat(log).anyMatch(line -> line.contains("\"fault\":\"throttle PutItem\""));
  }

  @Test
  void aThrottledTransactionIsCancelledWithAThrottlingErrorReason() {
    faults.set(Faults.parse("{\"dynamodb\":{\"throttleRate\":1}}"));
    assertThatThrownBy(() -> client.transactWriteItems(r -> r.transactItems(
        t -> t.put(p -> p.tableName(TABLE).item(key("tx-1"))), t -> t.put(p -> p.tableName(TABLE).item(key("tx-2"))))))
        .isInstanceOfSatisfying(TransactionCanceledException.class, e -> assertThat(e.cancellationReasons())
            .extracting(software.amazon.awssdk.services.dynamodb.model.CancellationReason::code)
            .containsExactly("ThrottlingError", "None"));
    assertThat(exists("tx-1")).isFalse();
  }

  @Test
  void aFailingStoreAnswers500() {
    faults.set(Faults.parse("{\"dynamodb\":{\"errorRate\":1}}"));
    assertThatThrownBy(() -> put("failed")).isInstanceOfSatisfying(DynamoDbException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(500);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
    });
  }

  @Test
  void aHangingStoreHoldsEachRequestSoTheCallersTimeoutEndsIt() {
    faults.set(Faults.parse("{\"dynamodb\":{\"delayMs\":5000}}"));
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.getItem(r -> r.tableName(TABLE).key(key("slow"))
        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMillis(1000)))))
        .isInstanceOf(ApiCallTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4000));
  }

  @Test
  void faultsNarrowedToOneOperationLeaveTheOthersAlone() {
    faults.set(Faults.parse("{\"dynamodb\":{\"errorRate\":1,\"operations\":[\"UpdateItem\"]}}"));
    put("narrow");
    assertThatThrownBy(() -> client.updateItem(r -> r.tableName(TABLE).key(key("narrow"))
        .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("1")))))
        .isInstanceOf(DynamoDbException.class);
    assertThat(exists("narrow")).isTrue();
  }
}
