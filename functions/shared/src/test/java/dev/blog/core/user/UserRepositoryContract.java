package dev.blog.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.error.DomainException;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.error.DomainException.PreconditionFailed;
import dev.blog.core.security.Role;
import dev.blog.core.store.Ids;
import dev.blog.core.store.Page;
import dev.blog.core.store.TableLayout;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What {@link UserRepository} promises, proven against a real DynamoDB, on a fresh table per test. Subclasses
 * say where the table is: moto server always, LocalStack where Docker runs.
 */
abstract class UserRepositoryContract {
  private final Ids ids = new Ids(Clock.systemUTC());
  private TestCoreComponent graph;
  private TestStore.Table table;

  protected abstract TestStore.Table freshTable();

  @BeforeEach
  void productionStoreGraphOnAFreshTable() {
    table = freshTable();
    graph = TestCoreComponent.on(table);
  }

  private UserRepository repository() {
    return graph.repository();
  }

  private DynamoDbClient dynamo() {
    return graph.dynamo();
  }

  private String table() {
    return table.name();
  }

  private User newUser(String email) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new User(ids.next(), email, "Ada Lovelace", 36, Role.USER, now, now, 1);
  }

  private AuditEntry audit(String action, String targetId) {
    return new AuditEntry(ids.next(), "actor", action, "user", targetId, Instant.now());
  }

  private List<AuditEntry> auditOf(String targetId) {
    return graph.auditLog().list(Optional.of(targetId), 100, Optional.empty()).items();
  }

  private DomainException failure(Runnable action) {
    return org.assertj.core.api.Assertions.catchThrowableOfType(DomainException.class, action::run);
  }

  @Test
  void aCreatedUserCanBeFoundByIdAndByEmail() {
    User user = newUser("ada@example.com");
    repository().create(user, "hash", audit("user.registered", user.id()), Optional.empty());
    assertThat(repository().find(user.id())).contains(user);
    assertThat(repository().findCredentials("ada@example.com")).get()
        .satisfies(c -> {
          assertThat(c.user()).isEqualTo(user);
          assertThat(c.passwordHash()).isEqualTo("hash");
        });
    assertThat(auditOf(user.id())).hasSize(1);
    assertThat(repository().count()).isEqualTo(1);
  }

  @Test
  void aTakenEmailIsAConflictAndNothingIsHalfWritten() {
    User first = newUser("taken@example.com");
    repository().create(first, "h", audit("user.registered", first.id()), Optional.empty());
    User second = newUser("taken@example.com");
    assertThat(failure(() -> repository().create(second, "h", audit("user.registered", second.id()), Optional.empty()))).isInstanceOf(Conflict.class);
    assertThat(repository().find(second.id())).isEmpty();
    assertThat(auditOf(second.id())).isEmpty();
    assertThat(repository().count()).isEqualTo(1);
  }

  @Test
  void anUpdateFromAStaleVersionIsRefusedAndChangesNothing() {
    User user = newUser("stale@example.com");
    repository().create(user, "h", audit("user.registered", user.id()), Optional.empty());
    User renamed = withName(user, "Ada Byron", 2);
    repository().update(user, renamed, List.of(audit("user.updated", user.id())), Optional.empty());
    DomainException stale = failure(() -> repository().update(user, withName(user, "Someone Else", 2),
        List.of(audit("user.updated", user.id())), Optional.empty()));
    assertThat(stale).isInstanceOf(PreconditionFailed.class);
    assertThat(repository().find(user.id())).contains(renamed);
    assertThat(auditOf(user.id())).hasSize(2);
  }

  @Test
  void changingTheEmailMovesTheReservation() {
    User user = newUser("old@example.com");
    repository().create(user, "h", audit("user.registered", user.id()), Optional.empty());
    User moved = new User(user.id(), "new@example.com", user.name(), user.age(), user.role(), user.createdAt(), Instant.now(), 2);
    repository().update(user, moved, List.of(), Optional.empty());

    assertThat(repository().findCredentials("new@example.com")).isPresent();
    assertThat(repository().findCredentials("old@example.com")).isEmpty();
    User other = newUser("old@example.com"); // the old address is free again
    repository().create(other, "h", audit("user.registered", other.id()), Optional.empty());
    User clash = newUser("new@example.com");
    assertThat(failure(() -> repository().create(clash, "h", audit("user.registered", clash.id()), Optional.empty()))).isInstanceOf(Conflict.class);
  }

  @Test
  void movingToATakenEmailIsAConflictAndChangesNothing() {
    User a = newUser("a@example.com");
    User b = newUser("b@example.com");
    repository().create(a, "h", audit("user.registered", a.id()), Optional.empty());
    repository().create(b, "h", audit("user.registered", b.id()), Optional.empty());
    User clash = new User(a.id(), "b@example.com", a.name(), a.age(), a.role(), a.createdAt(), Instant.now(), 2);
    assertThat(failure(() -> repository().update(a, clash, List.of(), Optional.empty()))).isInstanceOf(Conflict.class);
    assertThat(repository().find(a.id())).contains(a);
    assertThat(repository().findCredentials("a@example.com")).get().extracting(c -> c.user().id()).isEqualTo(a.id());
  }

  @Test
  void deletingRemovesTheUserAndFreesTheEmail() {
    User user = newUser("gone@example.com");
    repository().create(user, "h", audit("user.registered", user.id()), Optional.empty());
    repository().delete(user, audit("user.deleted", user.id()));
    assertThat(repository().find(user.id())).isEmpty();
    assertThat(repository().findCredentials("gone@example.com")).isEmpty();
    assertThat(repository().count()).isZero();
    assertThat(auditOf(user.id())).hasSize(2);
    User again = newUser("gone@example.com");
    repository().create(again, "h", audit("user.registered", again.id()), Optional.empty());
  }

  @Test
  void deletingAStaleVersionIsRefused() {
    User user = newUser("keep@example.com");
    repository().create(user, "h", audit("user.registered", user.id()), Optional.empty());
    repository().update(user, withName(user, "New Name", 2), List.of(), Optional.empty());
    assertThat(failure(() -> repository().delete(user, audit("user.deleted", user.id())))).isInstanceOf(PreconditionFailed.class);
    assertThat(repository().find(user.id())).isPresent();
  }

  @Test
  void listingPagesThroughEveryUserNewestFirstWithoutDuplicates() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      User user = newUser("user" + i + "@example.com");
      repository().create(user, "h", audit("user.registered", user.id()), Optional.empty());
      created.add(0, user.id());
    }
    List<String> seen = new ArrayList<>();
    Optional<String> after = Optional.empty();
    int pages = 0;
    do {
      Page<User> page = repository().list(3, after, Optional.empty());
      assertThat(page.items().size()).isLessThanOrEqualTo(3);
      page.items().forEach(u -> seen.add(u.id()));
      after = page.lastShown();
      pages++;
    } while (after.isPresent());
    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void aFullLastPageSaysThereIsNoNextPage() {
    for (int i = 0; i < 4; i++) {
      User user = newUser("exact" + i + "@example.com");
      repository().create(user, "h", audit("user.registered", user.id()), Optional.empty());
    }
    Page<User> first = repository().list(2, Optional.empty(), Optional.empty());
    Page<User> second = repository().list(2, first.lastShown(), Optional.empty());
    assertThat(second.items()).hasSize(2);
    assertThat(second.lastShown()).isEmpty();
  }

  @Test
  void filteringByEmailFillsPagesAcrossStoreRoundTrips() {
    for (int i = 0; i < 12; i++) {
      User user = newUser((i % 3 == 0 ? "match" : "other") + i + "@example.com");
      repository().create(user, "h", audit("user.registered", user.id()), Optional.empty());
    }
    Set<String> seen = new HashSet<>();
    Page<User> first = repository().list(3, Optional.empty(), Optional.of("match"));
    assertThat(first.items()).hasSize(3).allSatisfy(u -> assertThat(u.email()).contains("match"));
    first.items().forEach(u -> seen.add(u.id()));
    Page<User> second = repository().list(3, first.lastShown(), Optional.of("match"));
    second.items().forEach(u -> seen.add(u.id()));
    assertThat(second.items()).hasSize(1);
    assertThat(second.lastShown()).isEmpty();
    assertThat(seen).hasSize(4);
  }

  @Test
  void theWelcomeEmailIsInTheOutboxTableExactlyWhenTheUserIsStoredPendingUntilRelayed() {
    User user = newUser("outbox@example.com");
    repository().create(user, "h", audit("user.registered", user.id()), Optional.of(welcome(user)));
    User clash = newUser("OUTBOX@example.com".toLowerCase());
    failure(() -> repository().create(clash, "h", audit("user.registered", clash.id()), Optional.of(welcome(clash))));

    List<Map<String, AttributeValue>> outbox = dynamo().scan(s -> s.tableName(table.outboxName())).items();
    assertThat(outbox).singleElement().satisfies(item -> {
      assertThat(item.get("idempotencyKey").s()).isEqualTo("welcome:" + user.id());
      assertThat(item.get("to").s()).isEqualTo("outbox@example.com");
      assertThat(item.get(TableLayout.Index.GSI1.partitionKey()).s()).isEqualTo(TableLayout.pendingOutbox().partition());
      assertThat(item).as("a pending email never expires").doesNotContainKey("expiresAt");
    });
    assertThat(dynamo().scan(s -> s.tableName(table()).filterExpression("#sk = :outbox")
        .expressionAttributeNames(Map.of("#sk", TableLayout.SK))
        .expressionAttributeValues(Map.of(":outbox", AttributeValue.fromS(TableLayout.OUTBOX_SK)))).items())
        .as("nothing of the outbox in the application table").isEmpty();
  }

  @Test
  void usersCanBeFoundByRoleAndFollowARoleChange() {
    User admin = new User(ids.next(), "boss@example.com", "The Boss", null, Role.ADMIN, Instant.now().truncatedTo(ChronoUnit.MILLIS),
        Instant.now().truncatedTo(ChronoUnit.MILLIS), 1);
    User user = newUser("plain@example.com");
    repository().create(admin, "h", audit("user.created", admin.id()), Optional.empty());
    repository().create(user, "h", audit("user.registered", user.id()), Optional.empty());
    assertThat(repository().withRole(Role.ADMIN)).extracting(User::id).containsExactly(admin.id());

    User promoted = new User(user.id(), user.email(), user.name(), user.age(), Role.ADMIN, user.createdAt(),
        Instant.now().truncatedTo(ChronoUnit.MILLIS), 2);
    repository().update(user, promoted, List.of(audit("user.role-changed", user.id())), Optional.empty());
    assertThat(repository().withRole(Role.ADMIN)).extracting(User::id).containsExactlyInAnyOrder(admin.id(), user.id());
    assertThat(repository().withRole(Role.USER)).isEmpty();
  }

  private static User withName(User user, String name, long version) {
    return new User(user.id(), user.email(), name, user.age(), user.role(), user.createdAt(), Instant.now().truncatedTo(ChronoUnit.MILLIS), version);
  }

  /** The welcome email with a verification code, as registration sends it. */
  private static CodeMail welcome(User user) {
    var code = OneTimeCode.issue(OneTimeCode.Purpose.VERIFY_EMAIL, user.id(), user.email(), java.time.Instant.now());
    return new CodeMail(code.stored(), dev.blog.core.mail.Emails.welcome(
        new dev.blog.core.mail.Emails.Recipient(user.id(), user.email(), user.name()), code.code()));
  }
}
