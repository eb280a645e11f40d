package dev.blog.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.blog.core.post.Post;
import dev.blog.core.security.Caller;
import dev.blog.core.testing.Requests;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;

class DeletePostHandlerTest {
  private final PostsFixture f = new PostsFixture();
  private final DeletePostHandler handler = new DeletePostHandler(f.graph.posts(), f.graph.json());

  private Requests delete(APIGatewayV2HTTPEvent sample, Caller caller, Post post) {
    return Requests.from(sample).as(caller.userId(), caller.role()).path("id", post.id()).header("if-match", null);
  }

  @ParameterizedTest
  @Event(value = "events/delete-post.json", type = APIGatewayV2HTTPEvent.class)
  void theAuthorModeratorsAndAdminsDeleteWithAnAuditEntry(APIGatewayV2HTTPEvent sample) {
    for (Caller caller : new Caller[] {f.author, f.moderator, f.admin}) {
      Post post = f.published(f.author, "Doomed");
      var response = f.call(handler, delete(sample, caller, post).header("If-Match", "\"1\"").build());
      assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(204);
      assertThat(f.graph.postRepository().find(post.id())).isEmpty();
      assertThat(f.graph.audit().list(f.admin, Optional.of(post.id()), 10, Optional.empty()).entries())
          .extracting(e -> e.action() + " by " + e.actorId())
          .containsExactly("post.deleted by " + caller.userId(), "post.created by " + f.author.userId());
    }
  }

  @ParameterizedTest
  @Event(value = "events/delete-post.json", type = APIGatewayV2HTTPEvent.class)
  void anotherUserMayNotDeleteAndOthersDraftsAreNotFound(APIGatewayV2HTTPEvent sample) {
    Post post = f.published(f.author, "Mine");
    Post draft = f.draft(f.author, "Mine too");
    f.problem(f.call(handler, delete(sample, f.other, post).build()), 403);
    f.problem(f.call(handler, delete(sample, f.other, draft).build()), 404);
    assertThat(f.graph.postRepository().find(post.id())).isPresent();
    assertThat(f.graph.postRepository().find(draft.id())).isPresent();
  }

  @ParameterizedTest
  @Event(value = "events/delete-post.json", type = APIGatewayV2HTTPEvent.class)
  void aStaleIfMatchIsRefusedAndDeletingTwiceIsNotFound(APIGatewayV2HTTPEvent sample) {
    Post post = f.published(f.author, "Versioned");
    f.problem(f.call(handler, delete(sample, f.author, post).header("If-Match", "\"2\"").build()), 412);
    assertThat(f.call(handler, delete(sample, f.author, post).build()).getStatusCode()).isEqualTo(204);
    f.problem(f.call(handler, delete(sample, f.author, post).build()), 404);
  }
}
