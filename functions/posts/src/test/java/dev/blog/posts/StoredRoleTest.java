package dev.blog.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.blog.core.post.Post;
import dev.blog.core.security.Role;
import dev.blog.core.testing.Requests;
import dev.blog.core.user.UserPatch;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What staff may do with posts and the audit log rests on the stored caller: a moderator demoted to user, whose
 * token still says moderator, sees and changes no one else's post from the next request; an admin demoted the same
 * way reads no audit log. An author's own posts need no such read.
 */
class StoredRoleTest {
  private final PostsFixture f = new PostsFixture();
  private final Post draft = f.draft(f.author, "Ada's draft");
  private final Post published = f.published(f.author, "Ada's post");

  private static Requests event(String file) {
    return Requests.from(EventLoader.loadApiGatewayHttpEvent("events/" + file));
  }

  private void demote(String userId) {
    f.graph.users().update(f.admin, userId, new UserPatch(null, null, null, false, Role.USER), OptionalLong.empty());
  }

  @Test
  void aDemotedModeratorsTokenSeesNoDraftAndChangesNoOnesPost() {
    var get = new GetPostHandler(f.graph.posts(), f.graph.json());
    assertThat(f.call(get, event("get-post.json").as(f.moderator.userId(), Role.MODERATOR).path("id", draft.id()).build())
        .getStatusCode()).isEqualTo(200);
    demote(f.moderator.userId());
    Requests asModerator = event("get-post.json").as(f.moderator.userId(), Role.MODERATOR).path("id", draft.id());
    f.problem(f.call(get, asModerator.build()), 404);
    f.problem(f.call(new UpdatePostHandler(f.graph.posts(), f.graph.json()), event("update-post.json")
        .as(f.moderator.userId(), Role.MODERATOR).path("id", published.id()).header("if-match", null)
        .json("{\"title\":\"Defaced\"}").build()), 403);
    f.problem(f.call(new DeletePostHandler(f.graph.posts(), f.graph.json()), event("delete-post.json")
        .as(f.moderator.userId(), Role.MODERATOR).path("id", published.id()).header("if-match", null).build()), 403);
    assertThat(f.graph.postRepository().find(published.id()).orElseThrow().title()).isEqualTo("Ada's post");
  }

  @Test
  void aDemotedAdminsTokenReadsNoAuditLog() {
    var list = new ListAuditHandler(f.graph.audit(), f.graph.json());
    var second = f.graph.users().create(f.admin, "second@example.com", "password-123", "Second Admin", null, Role.ADMIN);
    assertThat(f.call(list, event("list-audit.json").as(second.id(), Role.ADMIN).build()).getStatusCode()).isEqualTo(200);
    demote(second.id());
    f.problem(f.call(list, event("list-audit.json").as(second.id(), Role.ADMIN).build()), 403);
  }

  @Test
  void anAuthorChangesTheirOwnPostWithoutAnyReadOfTheirAccount() {
    f.graph.requests().reset();
    assertThat(f.call(new UpdatePostHandler(f.graph.posts(), f.graph.json()), event("update-post.json")
        .as(f.author.userId(), Role.USER).path("id", published.id()).header("if-match", null)
        .json("{\"title\":\"Ada's post, revised\"}").build()).getStatusCode()).isEqualTo(200);
    assertThat(f.graph.requests().byOperation()).containsEntry("GetItem", 1); // the post, nothing else
  }
}
