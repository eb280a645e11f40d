package dev.blog.core.user.internal;

import static dev.blog.core.store.Transaction.values;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.audit.internal.AuditItem;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.outbox.Outbox;
import dev.blog.core.security.Role;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.DomainException.PreconditionFailed;
import dev.blog.core.store.ConditionFailed;
import dev.blog.core.store.DynamoErrors;
import dev.blog.core.store.Store;
import dev.blog.core.store.Times;
import dev.blog.core.store.Transaction;
import dev.blog.core.user.Credentials;
import dev.blog.core.user.User;
import dev.blog.core.user.UserPage;
import dev.blog.core.user.UserRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link UserRepository} on the single table described in the README ("Data design"). */
public final class DynamoUserRepository implements UserRepository {
  private static final String EMAIL_SK = "EMAIL";
  private static final Map<String, AttributeValue> USER_COUNTER =
      Map.of("pk", s("COUNTER"), "sk", s("USERS"));

  private final DynamoDbClient dynamo;
  private final Store store;
  private final DynamoDbTable<UserItem> users;
  private final DynamoDbIndex<UserItem> usersByTime;
  private final DynamoDbIndex<UserItem> usersByRole;

  public DynamoUserRepository(DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, Store store) {
    this.dynamo = dynamo;
    this.store = store;
    this.users = enhanced.table(store.table(), UserItem.SCHEMA);
    this.usersByTime = users.index("gsi1");
    this.usersByRole = users.index("gsi2");
  }

  @Override
  public Optional<User> find(String id) {
    return findItem(id).map(UserItem::toUser);
  }

  private Optional<UserItem> findItem(String id) {
    try {
      // Strongly consistent: a client that just wrote must read its write (If-Match, role checks).
      return Optional.ofNullable(users.getItem(GetItemEnhancedRequest.builder()
          .key(Key.builder().partitionValue(UserItem.pk(id)).sortValue(UserItem.SK).build())
          .consistentRead(true).build()));
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  @Override
  public Optional<Credentials> findCredentials(String email) {
    try {
      var reservation = dynamo.getItem(r -> r.tableName(store.table()).key(emailKey(email))
          .consistentRead(true).projectionExpression("userId"));
      if (!reservation.hasItem() || !reservation.item().containsKey("userId")) {
        return Optional.empty();
      }
      return findItem(reservation.item().get("userId").s())
          .map(item -> new Credentials(item.toUser(), item.getPasswordHash()));
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  @Override
  public void create(User user, String passwordHash, AuditEntry audit, Optional<EmailMessage> email) {
    Transaction tx = store.transaction()
        .putNew("user", UserItem.SCHEMA.itemToMap(UserItem.of(user, passwordHash), true))
        .putNew("email", reservation(user))
        .update("counter", USER_COUNTER, "ADD #count :one", null, Map.of("#count", "count"),
            values(":one", n(1)))
        .add("audit", AuditItem.put(audit));
    email.ifPresent(message -> tx.add("outbox", Outbox.put(message, audit.at())));
    try {
      store.commit(tx);
    } catch (ConditionFailed e) {
      if (e.failed("email")) {
        throw emailTaken();
      }
      throw e;
    }
  }

  @Override
  public void update(User before, User after, List<AuditEntry> audit) {
    Map<String, String> names = new HashMap<>(Map.of("#name", "name", "#role", "role", "#version", "version"));
    Map<String, AttributeValue> vals = values(
        ":email", s(after.email()), ":name", s(after.name()), ":role", s(after.role().wire()),
        ":updatedAt", s(Times.format(after.updatedAt())), ":version", n(after.version()),
        ":expected", n(before.version()));
    vals.put(":roleKey", s(UserItem.roleKey(after.role())));
    String update = "SET email = :email, #name = :name, #role = :role, gsi2pk = :roleKey, updatedAt = :updatedAt, "
        + "#version = :version";
    if (after.age() != null) {
      update += ", age = :age";
      vals.put(":age", n(after.age()));
    } else {
      update += " REMOVE age";
    }
    Transaction tx = store.transaction().update("user", userKey(before.id()), update,
        "#version = :expected", names, vals);
    if (!before.email().equals(after.email())) {
      tx.delete("oldEmail", emailKey(before.email()), "userId = :id", values(":id", s(before.id())))
          .putNew("email", reservation(after));
    }
    audit.forEach(entry -> tx.add("audit", AuditItem.put(entry)));
    try {
      store.commit(tx);
    } catch (ConditionFailed e) {
      if (e.failed("user") || e.failed("oldEmail")) {
        throw stale();
      }
      if (e.failed("email")) {
        throw emailTaken();
      }
      throw e;
    }
  }

  @Override
  public void markDeleting(User user, Instant at) {
    try {
      // One item, no audit entry: the mark changes nothing anyone sees; the delete that follows is audited.
      dynamo.updateItem(r -> r.tableName(store.table()).key(userKey(user.id()))
          .updateExpression("SET deleting = :at, latestPostIds = :none")
          .conditionExpression("version = :expected")
          .expressionAttributeValues(values(":at", s(Times.format(at)),
              ":none", AttributeValue.fromL(List.of()), ":expected", n(user.version()))));
    } catch (ConditionalCheckFailedException e) {
      throw stale();
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  @Override
  public void delete(User user, AuditEntry audit) {
    Transaction tx = store.transaction()
        .delete("user", userKey(user.id()), "version = :expected", values(":expected", n(user.version())))
        .delete("email", emailKey(user.email()), "userId = :id", values(":id", s(user.id())))
        .update("counter", USER_COUNTER, "ADD #count :minusOne", null, Map.of("#count", "count"),
            values(":minusOne", n(-1)))
        .add("audit", AuditItem.put(audit));
    try {
      store.commit(tx);
    } catch (ConditionFailed e) {
      throw stale();
    }
  }

  @Override
  public UserPage list(int limit, Optional<Map<String, String>> after, Optional<String> emailContains) {
    List<User> found = new ArrayList<>();
    Map<String, AttributeValue> start = after.map(DynamoUserRepository::startKey).orElse(null);
    Map<String, String> lastShown = null;
    try {
      // Ask for one more than the page: if it exists there is a next page, and the cursor is exact.
      while (found.size() <= limit) {
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
            .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(UserItem.USERS_PARTITION)))
            .scanIndexForward(false)
            .limit(limit + 1 - found.size())
            .exclusiveStartKey(start);
        emailContains.ifPresent(text -> query.filterExpression(Expression.builder()
            .expression("contains(email, :text)").putExpressionValue(":text", s(text)).build()));
        Page<UserItem> page = usersByTime.query(query.build()).iterator().next();
        for (UserItem item : page.items()) {
          if (found.size() == limit) {
            return new UserPage(found, Optional.of(lastShown));
          }
          found.add(item.toUser());
          lastShown = position(item);
        }
        start = page.lastEvaluatedKey();
        if (start == null || start.isEmpty()) {
          break;
        }
      }
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
    return new UserPage(found, Optional.empty());
  }

  @Override
  public List<User> withRole(Role role) {
    List<User> found = new ArrayList<>();
    try {
      for (Page<UserItem> page : usersByRole.query(QueryEnhancedRequest.builder()
          .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(UserItem.roleKey(role)))).build())) {
        page.items().forEach(item -> found.add(item.toUser()));
      }
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
    return found;
  }

  @Override
  public long count() {
    try {
      var counter = dynamo.getItem(r -> r.tableName(store.table()).key(USER_COUNTER));
      AttributeValue count = counter.hasItem() ? counter.item().get("count") : null;
      return count == null ? 0 : Math.max(0, Long.parseLong(count.n()));
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  private static Map<String, String> position(UserItem item) {
    return Map.of("id", item.getId());
  }

  /** The page position holds only the id: every key attribute follows from it, nothing else is trusted. */
  private static Map<String, AttributeValue> startKey(Map<String, String> position) {
    String id = position.get("id");
    if (id == null || position.size() != 1 || !dev.blog.core.store.Ids.isUuid(id)) {
      throw Invalid.field("cursor", "is not a cursor this listing issued");
    }
    return Map.of("pk", s(UserItem.pk(id)), "sk", s(UserItem.SK),
        "gsi1pk", s(UserItem.USERS_PARTITION), "gsi1sk", s(id));
  }

  private static Map<String, AttributeValue> reservation(User user) {
    Map<String, AttributeValue> item = new HashMap<>(emailKey(user.email()));
    item.put("userId", s(user.id()));
    item.put("email", s(user.email()));
    return item;
  }

  private static Map<String, AttributeValue> userKey(String id) {
    return Map.of("pk", s(UserItem.pk(id)), "sk", s(UserItem.SK));
  }

  private static Map<String, AttributeValue> emailKey(String email) {
    return Map.of("pk", s("EMAIL#" + email), "sk", s(EMAIL_SK));
  }

  private static Conflict emailTaken() {
    return new Conflict("The email address is already registered");
  }

  private static PreconditionFailed stale() {
    return new PreconditionFailed("The user has changed since it was read; read it again and retry");
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
