package dev.blog.core.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.core.testing.TestStore;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Priming runs the SDK's request path up to the wire, and sends nothing: no request, no credentials. */
class DynamoDbPrimingTest {
  private final TestStore.Table table = TestStore.freshTable();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger credentialLookups = new AtomicInteger();
  private final DynamoDbClient client = DynamoDbClient.builder()
      .endpointOverride(table.endpoint())
      .region(Region.US_EAST_1)
      .credentialsProvider(() -> {
        credentialLookups.incrementAndGet();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")).resolveCredentials();
      })
      .httpClient(UrlConnectionHttpClient.builder().build())
      .overrideConfiguration(o -> o.addExecutionInterceptor(new PrimingInterceptor()).addExecutionInterceptor(
          new ExecutionInterceptor() {
            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
              sent.incrementAndGet();
            }
          }))
      .build();

  @Test
  void primingReachesTheWireAndStopsThereWithoutCredentials() {
    DynamoDbPriming.prime(client, table::name);
    assertThat(sent).hasValue(0);
    assertThat(credentialLookups).hasValue(0);
  }

  @Test
  void ordinaryRequestsAreNotAffected() {
    DynamoDbPriming.prime(client, table::name);
    client.putItem(r -> r.tableName(table.name()).item(Map.of("pk", AttributeValue.fromS("a"), "sk", AttributeValue.fromS("b"))));
    assertThat(sent).hasValue(1);
    assertThat(client.scan(r -> r.tableName(table.name())).items()).hasSize(1);
  }
}
