package dev.blog.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.blog.core.audit.AuditEntry;
import dev.blog.core.error.DomainException.NotFound;
import dev.blog.core.post.Post;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.testing.Requests;
import dev.blog.core.user.User;
import dev.blog.core.user.UserService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * DELETE /users/{id} removes every post of the user, however many: more than one DynamoDB transaction holds
 * (100 actions; 49 posts and their audit entries per transaction), none left visible once it has answered,
 * and a delete that stopped half-way is finished by the retry without deleting or auditing anything twice.
 */
class DeleteUserCascadeTest {
  /** Three full cascade transactions and a part of a fourth; drafts and published posts both. */
  private static final int PUBLISHED = 90;
  private static final int DRAFTS = 70;

  private final UsersFixture f = new UsersFixture();
  private final DeleteUserHandler handler = new DeleteUserHandler(f.graph.users(), f.graph.json());
  private final User ada = f.register("ada@example.com", "Ada Lovelace");
  private final Caller asAda = new Caller(ada.id(), Role.USER);
  private final User alan = f.register("alan@example.com", "Alan Turing");
  private final Caller asAlan = new Caller(alan.id(), Role.USER);

  private List<Post> writePosts() {
    List<Post> written = new ArrayList<>();
    for (int i = 0; i < PUBLISHED + DRAFTS; i++) {
      written.add(f.graph.posts().create(asAda, "Post " + i, "text " + i, i < PUBLISHED));
    }
    return written;
  }

  @ParameterizedTest
  @Event(value = "events/delete-user.json", type = APIGatewayV2HTTPEvent.class)
  void deletingAUserRemovesAllTheirPostsAcrossManyTransactionsAndAuditsEachOnce(APIGatewayV2HTTPEvent sample) {
    List<Post> posts = writePosts();
    Post alansPost = f.graph.posts().create(asAlan, "Not Ada's", "stays", true);

    var response = f.call(handler, Requests.from(sample).path("id", ada.id()).header("if-match", null)
        .as(f.admin.userId(), Role.ADMIN).build());

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(204);
    assertNothingLeftOf(posts);
    assertThat(f.graph.posts().get(asAlan, alansPost.id())).isEqualTo(alansPost);
    assertThat(postDeletions(posts)).hasSize(posts.size()).doesNotHaveDuplicates();
    assertThat(f.graph.audit().list(new Caller(f.admin.userId(), Role.ADMIN), Optional.of(ada.id()), 100,
        Optional.empty()).entries()).extracting(AuditEntry::action).contains("user.deleted");
  }

  @ParameterizedTest
  @Event(value = "events/delete-user.json", type = APIGatewayV2HTTPEvent.class)
  void aDeleteThatStoppedHalfWayIsFinishedByTheRetryAndNoPostCanBeWrittenMeanwhile(APIGatewayV2HTTPEvent sample) {
    List<Post> posts = writePosts();
    // The first attempt dies after one cascade transaction (a timeout, a crash): the user is marked and
    // 49 posts are gone; the user and the other posts are still there.
    AtomicInteger audited = new AtomicInteger();
    UserService crashing = new UserService(f.graph.repository(), f.graph.passwords(), f.graph.passwordAttempts(),
        f.graph.cursors(),
        f.graph.ids(), f.graph.clock(), (userId, actorId) -> f.graph.postRepository().deleteAllBy(userId, post -> {
          if (audited.incrementAndGet() > 49) {
            throw new IllegalStateException("the function timed out");
          }
          return new AuditEntry(f.graph.ids().next(), actorId, "post.deleted", "post", post.id(),
              f.graph.clock().instant());
        }));
    Caller admin = new Caller(f.admin.userId(), Role.ADMIN);
    assertThatThrownBy(() -> crashing.delete(admin, ada.id(), OptionalLong.empty()))
        .hasMessage("the function timed out");
    assertThat(f.graph.repository().find(ada.id())).isPresent();
    assertThat(posts.stream().filter(p -> f.graph.postRepository().find(p.id()).isEmpty())).hasSize(49);

    // While the delete is under way, the user cannot add a post that the cascade would miss.
    assertThatThrownBy(() -> f.graph.posts().create(asAda, "Sneaked in", "", true))
        .isInstanceOf(NotFound.class);

    var retried = f.call(handler, Requests.from(sample).path("id", ada.id()).header("if-match", null)
        .as(f.admin.userId(), Role.ADMIN).build());
    assertThat(retried.getStatusCode()).as(retried.getBody()).isEqualTo(204);
    assertNothingLeftOf(posts);
    assertThat(postDeletions(posts)).hasSize(posts.size()).doesNotHaveDuplicates();
  }

  private void assertNothingLeftOf(List<Post> posts) {
    assertThat(f.graph.repository().find(ada.id())).isEmpty();
    for (Post post : posts) {
      assertThat(f.graph.postRepository().find(post.id())).as(post.title()).isEmpty();
    }
    Caller admin = new Caller(f.admin.userId(), Role.ADMIN);
    assertThat(f.graph.posts().list(admin, Optional.of(ada.id()), Optional.empty(), 100, Optional.empty()).posts())
        .isEmpty();
    assertThat(f.graph.posts().list(admin, Optional.empty(), Optional.empty(), 100, Optional.empty()).posts())
        .noneMatch(p -> p.authorId().equals(ada.id()));
  }

  /** The post.deleted entries of the audit log, one per post id. */
  private List<String> postDeletions(List<Post> posts) {
    Caller admin = new Caller(f.admin.userId(), Role.ADMIN);
    List<String> deleted = new ArrayList<>();
    for (Post post : posts) {
      f.graph.audit().list(admin, Optional.of(post.id()), 100, Optional.empty()).entries().stream()
          .filter(e -> e.action().equals("post.deleted")).forEach(e -> deleted.add(e.targetId()));
    }
    return deleted;
  }
}
