package dev.blog.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.post.Post;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.store.TableLayout;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import dev.blog.core.user.User;
import dev.blog.core.user.UserPatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DELETE /users/{id} against what happens beside it, on moto server: each race is made to happen at the exact
 * moment it can (a test steps in after DynamoDB answered the cascade's index query, before the cascade reads
 * the answer), so the outcome is the same on every run.
 */
class DeleteUserRacesTest {
  private final TestStore.Table table = TestStore.freshTable();
  /** Runs once, when the cascade's first query of the index has been answered. */
  private final AtomicBoolean armed = new AtomicBoolean();
  private Consumer<Void> meanwhile = v -> { };
  private final TestCoreComponent deleting = TestCoreComponent.on(table, new ExecutionInterceptor() {
    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
      if ("Query".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)) && armed.compareAndSet(true, false)) {
        meanwhile.accept(null);
      }
    }
  });
  /** Everybody else, on the same table. */
  private final TestCoreComponent others = TestCoreComponent.on(table);
  private final Caller admin = new Caller(others.users().bootstrapAdmin("root@example.com", "root-password", "Root Admin")
      .orElseThrow().id(), Role.ADMIN);
  private final User ada = others.users().register("ada@example.com", "password-123", "Ada Lovelace", null);
  private final Caller asAda = new Caller(ada.id(), Role.USER);

  private List<String> deletionsOf(String postId) {
    return others.audit().list(admin, Optional.of(postId), 100, Optional.empty()).entries().stream()
        .map(AuditEntry::action).filter("post.deleted"::equals).toList();
  }

  @Test
  void aPostDeletedWhileTheIndexStillShowsItIsNotDeletedCountedOrAuditedAgainByTheCascade() {
    // Drafts: the cascade's first query (the author's drafts) is the one answered before the race.
    Post gone = others.posts().create(asAda, "Deleted by its author", "text", false);
    Post kept = others.posts().create(asAda, "Left for the cascade", "text", false);
    // gsi2 answered with both posts; then the author's own DELETE /posts/{id} commits, as it did just before the
    // user's delete began, while the index lagged (the mark is lifted for it and put back: in that order of
    // events it was not there yet).
    meanwhile = v -> {
      var key = TableLayout.user(ada.id()).attributes();
      Map<String, AttributeValue> mark = others.dynamo().getItem(r -> r.tableName(table.name()).key(key)).item();
      others.dynamo().updateItem(r -> r.tableName(table.name()).key(key).updateExpression("REMOVE deleting"));
      others.posts().delete(asAda, gone.id(), OptionalLong.empty());
      others.dynamo().updateItem(r -> r.tableName(table.name()).key(key).updateExpression("SET deleting = :d")
          .expressionAttributeValues(Map.of(":d", mark.get("deleting"))));
    };
    armed.set(true);

    deleting.users().delete(admin, ada.id(), OptionalLong.empty());

    assertThat(armed).as("the race took place").isFalse();
    assertThat(deletionsOf(gone.id())).as("audited once, by its own delete").hasSize(1);
    assertThat(deletionsOf(kept.id())).as("audited once, by the cascade").hasSize(1);
    assertThat(others.repository().find(ada.id())).isEmpty();
    assertThat(others.postRepository().find(kept.id())).isEmpty();
  }

  @Test
  void anUpdateOfAUserBeingDeletedIsRefusedAndTheDeleteStillFinishes() {
    others.posts().create(asAda, "A post", "text", true);
    User before = others.users().view(admin, ada.id()).user();
    meanwhile = v -> assertThatThrownBy(() -> others.users().update(admin, ada.id(),
        new UserPatch("Ada King", null, null, false, null), OptionalLong.of(before.version())))
        .isInstanceOf(Conflict.class).hasMessageContaining("being deleted");
    armed.set(true);

    deleting.users().delete(admin, ada.id(), OptionalLong.of(before.version()));

    assertThat(armed).as("the race took place").isFalse();
    assertThat(others.repository().find(ada.id())).as("deleted, not left half-way").isEmpty();
  }
}
