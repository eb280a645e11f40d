package dev.blog.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.post.Post;
import dev.blog.core.security.Caller;
import dev.blog.core.testing.Requests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;

class ListAuditHandlerTest {
  private final PostsFixture f = new PostsFixture();
  private final ListAuditHandler handler = new ListAuditHandler(f.graph.audit(), f.graph.json());

  private List<JsonNode> all(APIGatewayV2HTTPEvent sample, String targetId, int limit) {
    List<JsonNode> seen = new ArrayList<>();
    String cursor = null;
    do {
      var response = f.call(handler, Requests.from(sample).as(f.admin.userId(), f.admin.role())
          .query("targetId", targetId).query("limit", Integer.toString(limit)).query("cursor", cursor).build());
      assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
      JsonNode body = f.body(response);
      body.get("data").forEach(seen::add);
      cursor = body.at("/pagination/nextCursor").isNull() ? null : body.at("/pagination/nextCursor").asText();
    } while (cursor != null);
    return seen;
  }

  @ParameterizedTest
  @Event(value = "events/list-audit.json", type = APIGatewayV2HTTPEvent.class)
  void adminsPageThroughOneTargetsTrailNewestFirst(APIGatewayV2HTTPEvent sample) {
    Post post = f.draft(f.author, "v1");
    for (int i = 2; i <= 4; i++) {
      f.graph.posts().update(f.author, post.id(), new dev.blog.core.post.PostPatch("v" + i, null, null), java.util.OptionalLong.empty());
    }
    f.graph.posts().delete(f.moderator, post.id(), java.util.OptionalLong.empty());
    List<JsonNode> trail = all(sample, post.id(), 2);
    assertThat(trail).extracting(e -> e.get("action").asText())
        .containsExactly("post.deleted", "post.updated", "post.updated", "post.updated", "post.created");
    assertThat(trail.get(0).get("actorId").asText()).isEqualTo(f.moderator.userId());
    assertThat(trail.get(0).get("targetType").asText()).isEqualTo("post");
    assertThat(trail.get(0).get("at").asText()).endsWith("Z");
  }

  @ParameterizedTest
  @Event(value = "events/list-audit.json", type = APIGatewayV2HTTPEvent.class)
  void withoutATargetTheWholeLogIsListedNewestFirst(APIGatewayV2HTTPEvent sample) {
    Post post = f.published(f.author, "Last change");
    List<JsonNode> log = all(sample, null, 3);
    assertThat(log.get(0).get("targetId").asText()).isEqualTo(post.id());
    List<String> ids = log.stream().map(e -> e.get("id").asText()).toList();
    assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();
    assertThat(log).hasSizeGreaterThanOrEqualTo(5); // admin, moderator, two users, one post
  }

  @ParameterizedTest
  @Event(value = "events/list-audit.json", type = APIGatewayV2HTTPEvent.class)
  void onlyAdminsReadTheAuditLog(APIGatewayV2HTTPEvent sample) {
    for (Caller caller : new Caller[] {f.author, f.moderator}) {
      f.problem(f.call(handler, Requests.from(sample).as(caller.userId(), caller.role()).build()), 403);
    }
  }

  @ParameterizedTest
  @Event(value = "events/list-audit.json", type = APIGatewayV2HTTPEvent.class)
  void aCursorOfOneTargetIsRefusedForAnother(APIGatewayV2HTTPEvent sample) {
    Post post = f.draft(f.author, "a");
    f.graph.posts().update(f.author, post.id(), new dev.blog.core.post.PostPatch("b", null, null), java.util.OptionalLong.empty());
    String cursor = f.body(f.call(handler, Requests.from(sample).as(f.admin.userId(), f.admin.role())
        .query("targetId", post.id()).query("limit", "1").build())).at("/pagination/nextCursor").asText();
    JsonNode problem = f.problem(f.call(handler, Requests.from(sample).as(f.admin.userId(), f.admin.role())
        .query("targetId", f.author.userId()).query("cursor", cursor).build()), 400);
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("cursor");
  }
}
