package dev.blog.core.snapstart;

import dev.blog.core.store.TableLayout;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Primes a DynamoDB client: one GetItem that runs the whole request pipeline (endpoint, marshalling,
 * interceptors) and is stopped by {@link PrimingInterceptor} before transmission. Anonymous credentials,
 * so no credentials are fetched into the snapshot; a key that no item has, should it ever be sent.
 */
public final class DynamoDbPriming {
  private DynamoDbPriming() {}

  public static void prime(DynamoDbClient client, Supplier<String> table) {
    try {
      client.getItem(r -> r.tableName(table.get())
          .key(TableLayout.priming().attributes())
          .overrideConfiguration(o -> o.credentialsProvider(AnonymousCredentialsProvider.create())
              .putExecutionAttribute(PrimingInterceptor.PRIMING, Boolean.TRUE)));
    } catch (PrimingInterceptor.NotSent | SdkException expected) {
      // the request went as far as it should
    }
  }
}
