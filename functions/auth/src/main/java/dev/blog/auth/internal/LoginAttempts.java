package dev.blog.auth.internal;

import static dev.blog.core.store.Transaction.values;

import dev.blog.core.store.DynamoErrors;
import dev.blog.core.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Failed logins per account (the lower-cased email, known or not, so the answer tells nothing about
 * existence): 5 failures inside a 15-minute window lock the account for 15 minutes
 * (https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#account-lockout).
 * Item: pk {@code LOGIN#<email>}, sk {@code ATTEMPTS}; DynamoDB's TTL removes it once irrelevant.
 * Counting uses atomic conditional updates, so parallel guesses cannot slip past the limit.
 */
public final class LoginAttempts {
  public static final int MAX_FAILURES = 5;
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final Duration LOCKOUT = Duration.ofMinutes(15);

  private final DynamoDbClient dynamo;
  private final String table;

  public LoginAttempts(DynamoDbClient dynamo, Store store) {
    this.dynamo = dynamo;
    this.table = store.table();
  }

  /** How long the account stays locked, if it is locked now. */
  public Optional<Duration> lockedFor(String email, Instant now) {
    try {
      var item = dynamo.getItem(r -> r.tableName(table).key(key(email)).consistentRead(true)).item();
      AttributeValue until = item == null ? null : item.get("lockedUntil");
      if (until == null) {
        return Optional.empty();
      }
      long remaining = Long.parseLong(until.n()) - now.toEpochMilli();
      return remaining > 0 ? Optional.of(Duration.ofMillis(remaining)) : Optional.empty();
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  /** Counts one failure; the one that reaches the limit locks the account. */
  public void recordFailure(String email, Instant now) {
    long nowMs = now.toEpochMilli();
    long windowOpenedAfter = nowMs - WINDOW.toMillis();
    try {
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          // Inside an open window: one more failure.
          var updated = dynamo.updateItem(r -> r.tableName(table).key(key(email))
              .updateExpression("ADD failures :one")
              .conditionExpression("windowStart > :opened")
              .expressionAttributeValues(values(":one", n(1), ":opened", n(windowOpenedAfter)))
              .returnValues(ReturnValue.ALL_NEW));
          int failures = Integer.parseInt(updated.attributes().get("failures").n());
          if (failures >= MAX_FAILURES) {
            lock(email, nowMs);
          }
          return;
        } catch (ConditionalCheckFailedException noOpenWindow) {
          try {
            // No window, or an old one: open a new window with this failure, unless another request just did.
            dynamo.putItem(r -> r.tableName(table).item(Map.of(
                    "pk", s("LOGIN#" + email), "sk", s("ATTEMPTS"), "failures", n(1), "windowStart", n(nowMs),
                    "expiresAt", n((nowMs + WINDOW.plus(LOCKOUT).toMillis()) / 1000)))
                .conditionExpression("attribute_not_exists(pk) OR windowStart <= :opened")
                .expressionAttributeValues(values(":opened", n(windowOpenedAfter))));
            return;
          } catch (ConditionalCheckFailedException raced) {
            // Someone opened the window between our two writes: count in it.
          }
        }
      }
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  private void lock(String email, long nowMs) {
    long until = nowMs + LOCKOUT.toMillis();
    dynamo.updateItem(r -> r.tableName(table).key(key(email))
        .updateExpression("SET lockedUntil = :until, expiresAt = :expires")
        .expressionAttributeValues(values(":until", n(until), ":expires", n(until / 1000 + WINDOW.toSeconds()))));
  }

  /** A successful login starts the count again. */
  public void clear(String email) {
    try {
      dynamo.deleteItem(r -> r.tableName(table).key(key(email)));
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  private static Map<String, AttributeValue> key(String email) {
    return Map.of("pk", s("LOGIN#" + email), "sk", s("ATTEMPTS"));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }
}
