package dev.blog.core.snapstart;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Primes a DynamoDB client on its own, for functions whose handlers prime nothing more: one GetItem through
 * the client's whole request and response path, answered at the socket by {@link PrimingHttpClient}.
 */
public final class DynamoDbPriming {
  private DynamoDbPriming() {}

  /** Registered where the client is built; only ever run by {@link Priming#runAll}. */
  public static String prime(DynamoDbClient client, Supplier<String> table) {
    var answer = client.getItem(r -> r.tableName(table.get()).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("PRIMING#" + PrimingData.USER_ID), "sk", AttributeValue.fromS("PRIMING"))));
    return answer.hasItem() ? "item" : "no item";
  }
}
