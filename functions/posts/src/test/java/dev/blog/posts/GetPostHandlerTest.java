package dev.blog.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.blog.core.post.Post;
import dev.blog.core.security.Caller;
import dev.blog.core.testing.Requests;
import org.junit.jupiter.params.ParameterizedTest;

class GetPostHandlerTest {
  private final PostsFixture f = new PostsFixture();
  private final GetPostHandler handler = new GetPostHandler(f.graph.posts(), f.graph.json());

  private int status(APIGatewayV2HTTPEvent sample, Caller caller, String id) {
    return f.call(handler, Requests.from(sample).as(caller.userId(), caller.role()).path("id", id).build()).getStatusCode();
  }

  @ParameterizedTest
  @Event(value = "events/get-post.json", type = APIGatewayV2HTTPEvent.class)
  void aPublishedPostIsVisibleToEveryoneWithItsETag(APIGatewayV2HTTPEvent sample) {
    Post post = f.published(f.author, "Public");
    for (Caller caller : new Caller[] {f.author, f.other, f.moderator, f.admin}) {
      var response = f.call(handler, Requests.from(sample).as(caller.userId(), caller.role()).path("id", post.id()).build());
      assertThat(response.getStatusCode()).isEqualTo(200);
      assertThat(response.getHeaders()).containsEntry("ETag", "\"1\"");
      assertThat(f.body(response).get("title").asText()).isEqualTo("Public");
    }
  }

  @ParameterizedTest
  @Event(value = "events/get-post.json", type = APIGatewayV2HTTPEvent.class)
  void aDraftIsNotFoundToAllButItsAuthorModeratorsAndAdmins(APIGatewayV2HTTPEvent sample) {
    Post draft = f.draft(f.author, "Secret");
    assertThat(status(sample, f.author, draft.id())).isEqualTo(200);
    assertThat(status(sample, f.moderator, draft.id())).isEqualTo(200);
    assertThat(status(sample, f.admin, draft.id())).isEqualTo(200);
    f.problem(f.call(handler, Requests.from(sample).as(f.other.userId(), f.other.role()).path("id", draft.id()).build()), 404);
  }

  @ParameterizedTest
  @Event(value = "events/get-post.json", type = APIGatewayV2HTTPEvent.class)
  void anUnknownOrMalformedIdIsNotFound(APIGatewayV2HTTPEvent sample) {
    assertThat(status(sample, f.admin, "0190f3a0-0000-7000-8000-00000000dead")).isEqualTo(404);
    assertThat(status(sample, f.admin, "not-an-id")).isEqualTo(404);
  }
}
