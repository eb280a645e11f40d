package dev.blog.graphql;

import static dev.blog.graphql.GraphQLFixture.codes;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.post.Post;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.testing.HandlerCalls;
import dev.blog.core.testing.Requests;
import dev.blog.core.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

/** Queries through POST /graphql: the same data and the same rules as the REST routes. */
class GraphQLQueriesTest {
  private final GraphQLFixture f = new GraphQLFixture();

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void theSampleQueryAnswersTheCallerWithTheirOwnDrafts(APIGatewayV2HTTPEvent sample) {
    f.graph.posts().create(f.author, "Draft", "text", false);
    f.graph.posts().create(f.author, "Published", "text", true);
    JsonNode answer = f.run(sample, f.author,
        "query Me { me { id name role email posts(limit: 5) { items { title published } nextCursor } } }");
    assertThat(answer.has("errors")).isFalse();
    JsonNode me = answer.at("/data/me");
    assertThat(me.get("id").asText()).isEqualTo(f.author.userId());
    assertThat(me.get("role").asText()).isEqualTo("user");
    assertThat(me.get("email").asText()).isEqualTo("ada@example.com");
    assertThat(me.at("/posts/items")).extracting(p -> p.get("title").asText()).containsExactly("Published", "Draft");
    assertThat(me.at("/posts/nextCursor").isNull()).isTrue();
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void othersSeeThePublicFieldsOfAUserAsNullAndNeverTheirDrafts(APIGatewayV2HTTPEvent sample) {
    f.graph.posts().create(f.author, "Draft", "text", false);
    f.graph.posts().create(f.author, "Published", "text", true);
    String query = "query($id: ID!) { user(id: $id) { name email age version posts { items { title } } } }";
    JsonNode seen = f.run(sample, f.other, query, Map.of("id", f.author.userId())).at("/data/user");
    assertThat(seen.get("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(seen.get("email").isNull()).isTrue();
    assertThat(seen.get("version").isNull()).isTrue();
    assertThat(seen.at("/posts/items")).extracting(p -> p.get("title").asText()).containsExactly("Published");

    JsonNode byStaff = f.run(sample, f.moderator, query, Map.of("id", f.author.userId())).at("/data/user");
    assertThat(byStaff.get("email").asText()).isEqualTo("ada@example.com");
    assertThat(byStaff.at("/posts/items")).extracting(p -> p.get("title").asText()).containsExactly("Published");
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void aDraftIsNotFoundToOthersButReadableByItsAuthorAndStaff(APIGatewayV2HTTPEvent sample) {
    Post draft = f.graph.posts().create(f.author, "Secret draft", "text", false);
    String query = "query($id: ID!) { post(id: $id) { title published } }";
    JsonNode byOther = f.run(sample, f.other, query, Map.of("id", draft.id()));
    assertThat(byOther.at("/data/post").isNull()).isTrue();
    assertThat(codes(byOther)).containsExactly("NOT_FOUND");
    assertThat(byOther.at("/errors/0/path/0").asText()).isEqualTo("post");
    for (Caller allowed : new Caller[] {f.author, f.moderator, f.admin}) {
      assertThat(f.run(sample, allowed, query, Map.of("id", draft.id())).at("/data/post/title").asText())
          .isEqualTo("Secret draft");
    }
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void postsArePagedNewestFirstWithCursorsAndFilters(APIGatewayV2HTTPEvent sample) {
    for (int i = 1; i <= 5; i++) {
      f.graph.posts().create(f.author, "Post " + i, "text", true);
    }
    f.graph.posts().create(f.author, "Hidden draft", "text", false);
    String query = "query($cursor: String) { posts(authorId: \"" + f.author.userId()
        + "\", published: true, limit: 2, cursor: $cursor) { items { title } nextCursor } }";
    List<String> titles = new ArrayList<>();
    Map<String, Object> variables = new java.util.HashMap<>();
    for (int page = 0; page < 5; page++) {
      JsonNode posts = f.run(sample, f.other, query, variables).at("/data/posts");
      posts.get("items").forEach(p -> titles.add(p.get("title").asText()));
      if (posts.get("nextCursor").isNull()) {
        break;
      }
      variables.put("cursor", posts.get("nextCursor").asText());
    }
    assertThat(titles).containsExactly("Post 5", "Post 4", "Post 3", "Post 2", "Post 1");

    JsonNode forged = f.run(sample, f.other, query, Map.of("cursor", "forged"));
    assertThat(codes(forged)).containsExactly("BAD_USER_INPUT");
    assertThat(forged.at("/errors/0/extensions/errors/0/field").asText()).isEqualTo("cursor");
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void onlyStaffListUsersWithTheTotal(APIGatewayV2HTTPEvent sample) {
    String query = "{ users(limit: 2) { items { email } nextCursor total } }";
    JsonNode byUser = f.run(sample, f.author, query);
    assertThat(codes(byUser)).containsExactly("FORBIDDEN");
    assertThat(byUser.at("/data").isNull()).isTrue(); // users is non-null, so the null reaches data
    JsonNode byAdmin = f.run(sample, f.admin, query).at("/data/users");
    assertThat(byAdmin.get("items")).hasSize(2);
    assertThat(byAdmin.get("total").asInt()).isEqualTo(4);
    assertThat(byAdmin.get("nextCursor").isTextual()).isTrue();
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void withoutACallerEveryFieldIsUnauthenticated(APIGatewayV2HTTPEvent sample) {
    JsonNode answer = f.run(sample, null, "{ me { id } }");
    assertThat(codes(answer)).containsExactly("UNAUTHENTICATED");
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void tooCostlyOrInvalidQueriesAreBadUserInputAndTheCostlyOneReadsNothing(APIGatewayV2HTTPEvent sample) {
    f.graph.requests().reset();
    JsonNode costly = f.run(sample, f.admin,
        "{ users(limit: 100) { items { name posts(limit: 100) { items { id title content } } } } }");
    assertThat(codes(costly)).containsExactly("BAD_USER_INPUT");
    assertThat(costly.at("/errors/0/message").asText()).contains("costs");
    assertThat(f.graph.requests().total()).isZero();

    assertThat(codes(f.run(sample, f.admin, "{ users { "))).containsExactly("BAD_USER_INPUT");
    assertThat(codes(f.run(sample, f.admin, "{ me { passwordHash } }"))).containsExactly("BAD_USER_INPUT");
    assertThat(codes(f.run(sample, f.admin, "query($n: Int!) { posts(limit: $n) { items { id } } }",
        Map.of("n", "ten")))).containsExactly("BAD_USER_INPUT");
    JsonNode badLimit = f.run(sample, f.admin, "{ posts(limit: 0) { items { id } } }");
    assertThat(codes(badLimit)).containsExactly("BAD_USER_INPUT");
    assertThat(badLimit.at("/errors/0/extensions/errors/0/field").asText()).isEqualTo("limit");
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void aQueryDeeperThanTheLimitIsRefusedBeforeAnyRead(APIGatewayV2HTTPEvent sample) {
    assertThat(f.run(sample, f.admin, "{ users { items { posts { items { id } } } } }").has("errors")).isFalse();
    // Data cannot nest past 5 in this schema; introspection can: 16 levels, over MAX_INTROSPECTION_DEPTH (15).
    String sixteen = "{ __schema { types { fields { type { " + "ofType { ".repeat(11) + "name" + " }".repeat(11)
        + " } } } } }";
    f.graph.requests().reset();
    JsonNode answer = f.run(sample, f.admin, sixteen);
    assertThat(codes(answer)).containsExactly("BAD_USER_INPUT");
    assertThat(answer.at("/errors/0/message").asText()).containsIgnoringCase("depth");
    assertThat(f.graph.requests().total()).isZero();
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void anUnexpectedFailureIsAnInternalServerErrorAndOnlyTheLogNamesTheCause(APIGatewayV2HTTPEvent sample) {
    f.graph.dropTable();
    TestContext context = new TestContext();
    var response = f.handler.handleRequest(Requests.from(sample).json("{\"query\":\"{ me { name } }\"}")
        .as(f.author.userId(), f.author.role()).build(), context);
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getBody()).doesNotContainIgnoringCase("table").doesNotContain("Exception");
    JsonNode answer = HandlerCalls.body(response);
    assertThat(codes(answer)).containsExactly("INTERNAL_SERVER_ERROR");
    assertThat(answer.at("/errors/0/message").asText()).isEqualTo("Internal server error");
    String requestId = sample.getRequestContext().getRequestId();
    assertThat(context.logs().all()).contains(requestId, "ResourceNotFoundException", "POST /graphql /me");
  }
}
