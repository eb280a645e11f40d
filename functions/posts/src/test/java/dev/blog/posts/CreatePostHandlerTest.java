package dev.blog.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.security.Caller;
import dev.blog.core.testing.Requests;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;

class CreatePostHandlerTest {
  private final PostsFixture f = new PostsFixture();
  private final CreatePostHandler handler = new CreatePostHandler(f.graph.posts(), f.graph.json());

  private Requests as(APIGatewayV2HTTPEvent sample, Caller caller) {
    return Requests.from(sample).as(caller.userId(), caller.role());
  }

  @ParameterizedTest
  @Event(value = "events/create-post.json", type = APIGatewayV2HTTPEvent.class)
  void everyRoleWritesPostsAsThemselvesWithLocationETagAndAuditEntry(APIGatewayV2HTTPEvent sample) {
    for (Caller caller : new Caller[] {f.author, f.moderator, f.admin}) {
      var response = f.call(handler, as(sample, caller).build());
      assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
      JsonNode post = f.body(response);
      assertThat(post.get("authorId").asText()).isEqualTo(caller.userId());
      assertThat(post.get("published").asBoolean()).isFalse();
      assertThat(post.get("version").asLong()).isEqualTo(1);
      assertThat(response.getHeaders()).containsEntry("Location", "/posts/" + post.get("id").asText())
          .containsEntry("ETag", "\"1\"");
      var trail = f.graph.audit().list(f.admin, Optional.of(post.get("id").asText()), 10, Optional.empty());
      assertThat(trail.entries()).singleElement().satisfies(e -> {
        assertThat(e.action()).isEqualTo("post.created");
        assertThat(e.actorId()).isEqualTo(caller.userId());
      });
    }
  }

  @ParameterizedTest
  @Event(value = "events/create-post.json", type = APIGatewayV2HTTPEvent.class)
  void aPostIsADraftUnlessPublishedIsTrue(APIGatewayV2HTTPEvent sample) {
    var response = f.call(handler, as(sample, f.author).json("{\"title\":\"Hello\",\"content\":\"\",\"published\":true}").build());
    assertThat(f.body(response).get("published").asBoolean()).isTrue();
    response = f.call(handler, as(sample, f.author).json("{\"title\":\"Hello\",\"content\":\"x\"}").build());
    assertThat(f.body(response).get("published").asBoolean()).isFalse();
  }

  @ParameterizedTest
  @Event(value = "events/create-post.json", type = APIGatewayV2HTTPEvent.class)
  void titleAndContentAreValidatedAndEveryBadFieldIsNamed(APIGatewayV2HTTPEvent sample) {
    String longContent = "x".repeat(50_001);
    JsonNode problem = f.problem(f.call(handler, as(sample, f.author)
        .json("{\"title\":\"" + "t".repeat(201) + "\",\"content\":\"" + longContent + "\"}").build()), 400);
    assertThat(problem.findValuesAsText("field")).containsExactlyInAnyOrder("title", "content");
    f.problem(f.call(handler, as(sample, f.author).json("{\"title\":\"\",\"content\":\"x\"}").build()), 400);
    f.problem(f.call(handler, as(sample, f.author).json("{\"title\":\"   \",\"content\":\"x\"}").build()), 400);
    f.problem(f.call(handler, as(sample, f.author).json("{\"content\":\"x\"}").build()), 400);
    assertThat(f.graph.posts().list(f.author, Optional.of(f.author.userId()), Optional.empty(), 10, Optional.empty())
        .posts()).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "events/create-post.json", type = APIGatewayV2HTTPEvent.class)
  void unknownFieldsWrongTypesAndNonJsonAreRefused(APIGatewayV2HTTPEvent sample) {
    JsonNode problem = f.problem(f.call(handler, as(sample, f.author)
        .json("{\"title\":\"t\",\"content\":\"c\",\"authorId\":\"someone-else\"}").build()), 400);
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("authorId");
    problem = f.problem(f.call(handler, as(sample, f.author).json("{\"title\":\"t\",\"content\":\"c\",\"published\":\"yes\"}").build()), 400);
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("published");
    f.problem(f.call(handler, as(sample, f.author).header("content-type", "text/plain").build()), 415);
  }

  @ParameterizedTest
  @Event(value = "events/create-post.json", type = APIGatewayV2HTTPEvent.class)
  void aDeletedUsersTokenCannotWritePosts(APIGatewayV2HTTPEvent sample) {
    f.graph.users().delete(f.admin, f.other.userId(), java.util.OptionalLong.empty());
    f.problem(f.call(handler, as(sample, f.other).build()), 404);
  }

  @ParameterizedTest
  @Event(value = "events/create-post.json", type = APIGatewayV2HTTPEvent.class)
  void aNullForAFieldThatCannotBeNullIsNamedAndNothingIsWritten(APIGatewayV2HTTPEvent sample) {
    java.util.Map<String, String> bodies = java.util.Map.of(
        "published", "{\"title\":\"t\",\"content\":\"c\",\"published\":null}",
        "title", "{\"title\":null,\"content\":\"c\"}",
        "content", "{\"title\":\"t\",\"content\":null}");
    for (var entry : bodies.entrySet()) {
      String field = entry.getKey();
      String body = entry.getValue();
      JsonNode problem = f.problem(f.call(handler, as(sample, f.author).json(body).build()), 400);
      assertThat(problem.at("/errors/0/field").asText()).as(body).isEqualTo(field);
      assertThat(problem.at("/errors/0/message").asText()).isEqualTo("must not be null");
    }
    assertThat(f.graph.posts().list(f.author, Optional.of(f.author.userId()), Optional.empty(), 10, Optional.empty())
        .posts()).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "events/create-post.json", type = APIGatewayV2HTTPEvent.class)
  void aTitleWithABidiOverrideOrNothingVisibleIsRefusedAndTitlesAreStoredInNfc(APIGatewayV2HTTPEvent sample) {
    for (String title : new String[] {"\\u202Eevil", "\\u200B\\u200B", "\\u3164", "a\\u0000b"}) {
      JsonNode problem = f.problem(f.call(handler, as(sample, f.author)
          .json("{\"title\":\"" + title + "\",\"content\":\"c\"}").build()), 400);
      assertThat(problem.at("/errors/0/field").asText()).as(title).isEqualTo("title");
    }
    var created = f.call(handler, as(sample, f.author).json("{\"title\":\"Cafe\\u0301\",\"content\":\"Cafe\\u0301\"}").build());
    assertThat(f.body(created).get("title").asText()).isEqualTo("Caf\u00e9");
    assertThat(f.body(created).get("content").asText()).isEqualTo("Caf\u00e9");
  }

  @ParameterizedTest
  @Event(value = "events/create-post.json", type = APIGatewayV2HTTPEvent.class)
  void aCallerWhoseTokenHasExpiredSinceTheAuthorizerCachedItIsRefused(APIGatewayV2HTTPEvent sample) {
    var expired = Requests.from(sample).as(f.author.userId(), f.author.role(), java.time.Instant.now().minusSeconds(1));
    f.problem(f.call(handler, expired.build()), 401);
    var stillValid = Requests.from(sample).as(f.author.userId(), f.author.role(), java.time.Instant.now().plusSeconds(60));
    assertThat(f.call(handler, stillValid.build()).getStatusCode()).isEqualTo(201);
  }

  @ParameterizedTest
  @Event(value = "events/create-post.json", type = APIGatewayV2HTTPEvent.class)
  void answersAreNeverStoredByACache(APIGatewayV2HTTPEvent sample) {
    assertThat(f.call(handler, as(sample, f.author).build()).getHeaders()).containsEntry("Cache-Control", "no-store");
    assertThat(f.call(handler, as(sample, f.author).json("{\"title\":\"\"}").build()).getHeaders())
        .containsEntry("Cache-Control", "no-store");
  }
}
