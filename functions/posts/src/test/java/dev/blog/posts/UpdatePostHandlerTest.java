package dev.blog.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.post.Post;
import dev.blog.core.security.Caller;
import dev.blog.core.testing.Requests;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;

class UpdatePostHandlerTest {
  private final PostsFixture f = new PostsFixture();
  private final UpdatePostHandler handler = new UpdatePostHandler(f.graph.posts(), f.graph.json());

  private Requests put(APIGatewayV2HTTPEvent sample, Caller caller, Post post, String body) {
    return Requests.from(sample).as(caller.userId(), caller.role()).path("id", post.id()).header("if-match", null).json(body);
  }

  @ParameterizedTest
  @Event(value = "events/update-post.json", type = APIGatewayV2HTTPEvent.class)
  void theAuthorPublishesTheirDraftAndEveryoneThenSeesIt(APIGatewayV2HTTPEvent sample) {
    Post draft = f.draft(f.author, "Soon");
    var response = f.call(handler, put(sample, f.author, draft, "{\"published\":true}").header("If-Match", "\"1\"").build());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("ETag", "\"2\"");
    assertThat(f.body(response).get("published").asBoolean()).isTrue();
    assertThat(f.graph.posts().get(f.other, draft.id()).published()).isTrue();
    assertThat(f.graph.posts().list(f.other, Optional.empty(), Optional.empty(), 10, Optional.empty()).posts())
        .extracting(Post::id).containsExactly(draft.id());
    assertThat(f.graph.audit().list(f.admin, Optional.of(draft.id()), 10, Optional.empty()).entries())
        .extracting(e -> e.action()).containsExactly("post.updated", "post.created");
  }

  @ParameterizedTest
  @Event(value = "events/update-post.json", type = APIGatewayV2HTTPEvent.class)
  void moderatorsAndAdminsMayEditOthersPostsOtherUsersMayNot(APIGatewayV2HTTPEvent sample) {
    Post post = f.published(f.author, "Original");
    f.problem(f.call(handler, put(sample, f.other, post, "{\"title\":\"Defaced\"}").build()), 403);
    assertThat(f.call(handler, put(sample, f.moderator, post, "{\"title\":\"By mod\"}").build()).getStatusCode()).isEqualTo(200);
    assertThat(f.call(handler, put(sample, f.admin, post, "{\"title\":\"By admin\"}").build()).getStatusCode()).isEqualTo(200);
    assertThat(f.graph.posts().get(f.author, post.id()).title()).isEqualTo("By admin");
  }

  @ParameterizedTest
  @Event(value = "events/update-post.json", type = APIGatewayV2HTTPEvent.class)
  void someoneElsesDraftIsNotFoundRatherThanForbidden(APIGatewayV2HTTPEvent sample) {
    Post draft = f.draft(f.author, "Hidden");
    f.problem(f.call(handler, put(sample, f.other, draft, "{\"title\":\"x\"}").build()), 404);
    assertThat(f.call(handler, put(sample, f.moderator, draft, "{\"title\":\"Fixed typo\"}").build()).getStatusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @Event(value = "events/update-post.json", type = APIGatewayV2HTTPEvent.class)
  void aStaleIfMatchIsRefusedAndChangesNothing(APIGatewayV2HTTPEvent sample) {
    Post post = f.published(f.author, "v1");
    f.graph.posts().update(f.author, post.id(), new dev.blog.core.post.PostPatch("v2", null, null), java.util.OptionalLong.empty());
    f.problem(f.call(handler, put(sample, f.author, post, "{\"title\":\"v3\"}").header("If-Match", "\"1\"").build()), 412);
    assertThat(f.graph.posts().get(f.author, post.id()).title()).isEqualTo("v2");
  }

  @ParameterizedTest
  @Event(value = "events/update-post.json", type = APIGatewayV2HTTPEvent.class)
  void invalidNullAndUnknownFieldsAreBadRequests(APIGatewayV2HTTPEvent sample) {
    Post post = f.published(f.author, "Fine");
    for (String body : new String[] {"{\"title\":\"\"}", "{\"title\":null}", "{\"published\":null}",
        "{\"authorId\":\"x\"}", "{\"content\":\"" + "c".repeat(50_001) + "\"}"}) {
      f.problem(f.call(handler, put(sample, f.author, post, body).build()), 400);
    }
    assertThat(f.graph.posts().get(f.author, post.id()).version()).isEqualTo(1);
  }

  @ParameterizedTest
  @Event(value = "events/update-post.json", type = APIGatewayV2HTTPEvent.class)
  void unpublishingHidesThePostFromOthersAgain(APIGatewayV2HTTPEvent sample) {
    Post post = f.published(f.author, "Oops");
    JsonNode body = f.body(f.call(handler, put(sample, f.author, post, "{\"published\":false}").build()));
    assertThat(body.get("published").asBoolean()).isFalse();
    assertThat(f.graph.posts().list(f.other, Optional.empty(), Optional.empty(), 10, Optional.empty()).posts()).isEmpty();
    assertThat(f.graph.posts().list(f.other, Optional.of(f.author.userId()), Optional.empty(), 10, Optional.empty()).posts()).isEmpty();
  }
}
