package dev.blog.core.snapstart;

import dev.blog.core.store.TableLayout;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Primes a DynamoDB client on its own, for functions whose handlers prime nothing more: one GetItem through
 * the client's whole request and response path, answered at the socket by {@link PrimingHttpClient}.
 */
public final class DynamoDbPriming {
  private DynamoDbPriming() {}

  /** Registered where the client is built; only ever run by {@link Priming#runAll}. */
  public static String prime(DynamoDbClient client, Supplier<String> table) {
    var answer = client.getItem(r -> r.tableName(table.get()).consistentRead(true).key(TableLayout.priming().attributes()));
    return answer.hasItem() ? "item" : "no item";
  }
}
