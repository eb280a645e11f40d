package dev.blog.local.demo;

import dagger.Module;
import dagger.Provides;
import dev.blog.core.config.Settings;
import dev.blog.core.store.SecretSource;
import java.net.URI;
import java.util.Map;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The production store graph's clients, pointed at the local stack's DynamoDB and its table. */
@Module
final class DemoModule {
  private final URI endpoint;
  private final String table;
  private final String outboxTable;

  /** {@code outboxTable}: where the demo codes' emails go, as every writer's outbox emails do. */
  DemoModule(URI endpoint, String table, String outboxTable) {
    this.endpoint = endpoint;
    this.table = table;
    this.outboxTable = outboxTable;
  }

  @Provides
  @Singleton
  Settings settings() {
    return new Settings(Map.of("TABLE_NAME", table, "OUTBOX_TABLE_NAME", outboxTable));
  }

  @Provides
  @Singleton
  DynamoDbClient dynamoDb() {
    return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.builder().build()).build();
  }

  /** The demo data writes no cursor and reads no secret. */
  @Provides
  SecretSource secrets() {
    return id -> {
      throw new IllegalStateException("the demo data needs no secret");
    };
  }
}
