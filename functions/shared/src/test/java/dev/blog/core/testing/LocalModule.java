package dev.blog.core.testing;

import dagger.Module;
import dagger.Provides;
import dev.blog.core.config.Settings;
import dev.blog.core.snapstart.PrimingCredentials;
import dev.blog.core.snapstart.PrimingHttpClient;
import dev.blog.core.store.SecretSource;
import java.net.URI;
import java.util.List;
import java.util.Map;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Replaces the production SettingsModule and AwsClientsModule in test components: a real DynamoDB
 * (moto server, or LocalStack) at {@code endpoint}, settings from a map, secrets from a map.
 */
@Module
public final class LocalModule {
  private final URI endpoint;
  private final Map<String, String> env;
  private final Map<String, String> secrets;
  private final RequestCounter requests = new RequestCounter();
  private final WireCounter wire = new WireCounter(UrlConnectionHttpClient.builder().build());
  private final List<ExecutionInterceptor> interceptors;
  /** At most this many attempts per call (0: the SDK's default, which backs off for tens of seconds when throttled). */
  private final int maxAttempts;

  public LocalModule(URI endpoint, Map<String, String> env, Map<String, String> secrets) {
    this(endpoint, env, secrets, List.of());
  }

  /** With {@code interceptors} on the graph's client too: a test steps in between a request and its answer. */
  public LocalModule(URI endpoint, Map<String, String> env, Map<String, String> secrets,
      List<ExecutionInterceptor> interceptors) {
    this(endpoint, env, secrets, interceptors, 0);
  }

  private LocalModule(URI endpoint, Map<String, String> env, Map<String, String> secrets,
      List<ExecutionInterceptor> interceptors, int maxAttempts) {
    this.endpoint = endpoint;
    this.env = Map.copyOf(env);
    this.secrets = Map.copyOf(secrets);
    this.interceptors = List.copyOf(interceptors);
    this.maxAttempts = maxAttempts;
  }

  /** The same module, its client trying each call once: a fault injected on the wire is met at once. */
  public LocalModule withoutRetries() {
    return new LocalModule(endpoint, env, secrets, interceptors, 1);
  }

  /** The same module, its client also running {@code more}. */
  public LocalModule withInterceptors(List<ExecutionInterceptor> more) {
    List<ExecutionInterceptor> all = new java.util.ArrayList<>(interceptors);
    all.addAll(more);
    return new LocalModule(endpoint, env, secrets, all, maxAttempts);
  }

  public static DynamoDbClient client(URI endpoint) {
    return builder(endpoint).build();
  }

  /** A client whose requests and answers also pass through {@code interceptors} (a fault injected into the answer). */
  public static DynamoDbClient client(URI endpoint, ExecutionInterceptor... interceptors) {
    return builder(endpoint).overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors))).build();
  }

  private static DynamoDbClientBuilder builder(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.builder().build());
  }

  @Provides
  @Singleton
  Settings settings() {
    return new Settings(env);
  }

  @Provides
  @Singleton
  DynamoDbClient dynamoDb() {
    // Counts what the code under test sends (RequestCounter), so tests can bound round trips; wrapped for
    // SnapStart priming as AwsClientsModule wraps the production client, and counted at the wire (WireCounter).
    return builder(endpoint)
        .credentialsProvider(PrimingCredentials.around(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))))
        .httpClient(PrimingHttpClient.around(wire))
        .overrideConfiguration(c -> {
          c.addExecutionInterceptor(requests);
          interceptors.forEach(c::addExecutionInterceptor);
          if (maxAttempts > 0) {
            c.retryStrategy(r -> r.maxAttempts(maxAttempts));
          }
        }).build();
  }

  @Provides
  RequestCounter requests() {
    return requests;
  }

  @Provides
  WireCounter wire() {
    return wire;
  }

  @Provides
  @Singleton
  SecretSource secrets() {
    return id -> {
      String value = secrets.get(id);
      if (value == null) {
        throw new IllegalStateException("No test secret " + id);
      }
      return value;
    };
  }
}
