package dev.blog.core.inject;

import dagger.Module;
import dagger.Provides;
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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS SDK clients, configured explicitly so that nothing is discovered at cold start: region from
 * AWS_REGION, one credentials provider, the URLConnection HTTP client (no classpath scan for Apache or
 * Netty). Endpoints follow the SDK's standard {@code AWS_ENDPOINT_URL_<SERVICE>} variables, which is how
 * the local stack points the same code at DynamoDB Local. Both the credentials and the HTTP client are
 * wrapped for SnapStart priming ({@link PrimingCredentials}, {@link PrimingHttpClient}): in a priming run a
 * request is signed with fake credentials and answered at the socket, never sent; otherwise they are the
 * plain provider and client.
 * See https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/lambda-optimize-starttime.html
 */
@Module
public final class AwsClientsModule {
  private AwsClientsModule() {}

  @Provides
  @Singleton
  static DynamoDbClient dynamoDb(Settings settings, Priming priming) {
    DynamoDbClient client = DynamoDbClient.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(PrimingCredentials.around(credentials(settings)))
        .httpClient(PrimingHttpClient.around(UrlConnectionHttpClient.builder().build()))
        .build();
    // SnapStart: the snapshot holds a client that has run its request and response path, without a request.
    priming.register("dynamodb", () -> DynamoDbPriming.prime(client, settings::tableName));
    return client;
  }

  @Provides
  @Singleton
  static SecretSource secrets(Settings settings) {
    // In a priming run GetSecretValue is answered with a made-up value that is not kept (SecretsManagerSource).
    return new SecretsManagerSource(() -> SecretsManagerClient.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(PrimingCredentials.around(credentials(settings)))
        .httpClient(PrimingHttpClient.around(UrlConnectionHttpClient.builder().build()))
        .build());
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
