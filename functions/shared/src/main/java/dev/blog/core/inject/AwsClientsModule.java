package dev.blog.core.inject;

import dagger.Module;
import dagger.Provides;
import dev.blog.core.budget.Deadline;
import dev.blog.core.budget.TimeBudget;
import dev.blog.core.store.StoreBackoff;
import dev.blog.core.config.Settings;
import dev.blog.core.snapstart.DynamoDbPriming;
import dev.blog.core.snapstart.Priming;
import dev.blog.core.snapstart.PrimingCredentials;
import dev.blog.core.snapstart.PrimingHttpClient;
import dev.blog.core.store.SecretSource;
import dev.blog.core.store.internal.SecretsManagerSource;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS SDK clients, configured explicitly so that nothing is discovered at cold start: region from
 * AWS_REGION, one credentials provider, the URLConnection HTTP client (no classpath scan for Apache or
 * Netty). Every client of every function, this module's and the jobs' (SQS, SES), is built by
 * {@link #configured}: the one place where the function's {@link TimeBudget} becomes the HTTP client's connect
 * and read timeouts, a bounded retry strategy, the call and attempt timeouts, and the invocation's
 * {@link Deadline}, and where the credentials and the HTTP client are wrapped for SnapStart priming
 * ({@link PrimingCredentials}, {@link PrimingHttpClient} around the budgeted client): in a priming run a request
 * is signed with fake credentials and answered at the socket, never sent; otherwise they are the plain provider
 * and client. Endpoints follow the SDK's standard {@code AWS_ENDPOINT_URL_<SERVICE>} variables, which is how
 * the local stack points the same code at moto server.
 * See https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/lambda-optimize-starttime.html and
 * https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/timeouts.html
 */
@Module
public final class AwsClientsModule {
  /** Retries after a 5xx or a timeout: short, jittered; a transient fault clears fast or is an outage. */
  static final BackoffStrategy BACKOFF = BackoffStrategy.exponentialDelay(
      java.time.Duration.ofMillis(25), java.time.Duration.ofMillis(500));
  /** Retries after throttling: longer, for capacity to grow, yet within the call's budget. */
  static final BackoffStrategy THROTTLING_BACKOFF = BackoffStrategy.exponentialDelay(
      java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(1));

  private AwsClientsModule() {}

  @Provides
  @Singleton
  static TimeBudget timeBudget(Settings settings) {
    return TimeBudget.forFunctionTimeout(settings.functionTimeout());
  }

  @Provides
  @Singleton
  static DynamoDbClient dynamoDb(Settings settings, TimeBudget budget, Priming priming) {
    // StoreBackoff hears of every call that succeeds: the Retry-After of the next outage starts over.
    DynamoDbClient client = configured(DynamoDbClient.builder(), settings, budget, StoreBackoff.INSTANCE).build();
    // SnapStart: the snapshot holds a client that has run its request and response path, without a request.
    priming.register("dynamodb", () -> DynamoDbPriming.prime(client, settings::tableName));
    return client;
  }

  @Provides
  @Singleton
  static SecretSource secrets(Settings settings, TimeBudget budget) {
    // In a priming run GetSecretValue is answered with a made-up value that is not kept (SecretsManagerSource).
    return new SecretsManagerSource(() -> configured(SecretsManagerClient.builder(), settings, budget).build());
  }

  /**
   * A client builder with everything every client of ours has: region, credentials, the HTTP client with the
   * budget's connect and read timeouts, a standard retry strategy of at most the budget's attempts, the call and
   * attempt timeouts, the invocation's deadline, and {@code interceptors}; the credentials and the HTTP client
   * wrapped for SnapStart priming (outside a priming run they are the plain ones).
   */
  public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configured(B builder, Settings settings,
      TimeBudget budget, ExecutionInterceptor... interceptors) {
    return builder.region(Region.of(settings.region()))
        .credentialsProvider(PrimingCredentials.around(credentials(settings)))
        .httpClient(PrimingHttpClient.around(UrlConnectionHttpClient.builder()
            .connectionTimeout(budget.connectTimeout())
            .socketTimeout(budget.attemptTimeout())
            .build()))
        .overrideConfiguration(o -> {
          o.retryStrategy(retryStrategy(budget))
              .apiCallTimeout(budget.callTimeout())
              .apiCallAttemptTimeout(budget.attemptTimeout())
              .addExecutionInterceptor(new Deadline(budget));
          for (ExecutionInterceptor interceptor : interceptors) {
            o.addExecutionInterceptor(interceptor);
          }
        });
  }

  /** The SDK's standard strategy (retryable errors, throttling detection, retry quota), bounded by the budget. */
  static RetryStrategy retryStrategy(TimeBudget budget) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(budget.maxAttempts())
        .backoffStrategy(BACKOFF)
        .throttlingBackoffStrategy(THROTTLING_BACKOFF)
        .build();
  }

  /**
   * With SnapStart, Lambda serves credentials from a container endpoint instead of environment variables,
   * so a restored snapshot never runs on the credentials of the instance that took it
   * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html).
   */
  public static AwsCredentialsProvider credentials(Settings settings) {
    return settings.hasContainerCredentials()
        ? ContainerCredentialsProvider.builder().build()
        : EnvironmentVariableCredentialsProvider.create();
  }
}
