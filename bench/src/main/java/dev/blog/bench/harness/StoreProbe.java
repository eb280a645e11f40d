package dev.blog.bench.harness;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The raw store round trip, measured in the warm function JVM itself: one strongly consistent GetItem with
 * a client built as the functions build theirs (URLConnection client, SigV4 with the environment's
 * credentials, the endpoint from AWS_ENDPOINT_URL_DYNAMODB). Compiled against the SDK version the build
 * uses; at run time it is the function jar's SDK. Loaded only in warm mode.
 */
final class StoreProbe {
  private final DynamoDbClient client;
  private final GetItemRequest request;

  StoreProbe(String table, String pk, String sk) {
    client = DynamoDbClient.builder().region(Region.of(System.getenv("AWS_REGION")))
        .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
        .httpClient(UrlConnectionHttpClient.builder().build()).build();
    request = GetItemRequest.builder().tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))).build();
  }

  long getItemNanos() {
    long t0 = System.nanoTime();
    if (!client.getItem(request).hasItem()) {
      throw new IllegalStateException("The store probe's item is missing");
    }
    return System.nanoTime() - t0;
  }
}
