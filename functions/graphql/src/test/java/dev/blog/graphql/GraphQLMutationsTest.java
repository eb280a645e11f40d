package dev.blog.graphql;

import static dev.blog.graphql.GraphQLFixture.codes;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.audit.AuditEntry;
import dev.blog.core.post.Post;
import dev.blog.core.security.Role;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;

/** Mutations through POST /graphql: the REST rules, validation and audit, with the contract's error codes. */
class GraphQLMutationsTest {
  private final GraphQLFixture f = new GraphQLFixture();

  private static Map<String, Object> vars(Object... pairs) {
    Map<String, Object> vars = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      vars.put((String) pairs[i], pairs[i + 1]);
    }
    return vars;
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void aDraftIsWrittenPublishedWithExpectedVersionAndDeletedWithAuditEntries(APIGatewayV2HTTPEvent sample) {
    JsonNode created = f.run(sample, f.author,
        "mutation($in: CreatePostInput!) { createPost(input: $in) { id authorId published version } }",
        vars("in", vars("title", "GraphQL draft", "content", "text")));
    String id = created.at("/data/createPost/id").asText();
    assertThat(created.at("/data/createPost/authorId").asText()).isEqualTo(f.author.userId());
    assertThat(created.at("/data/createPost/published").asBoolean()).isFalse();

    String publish = "mutation($id: ID!, $v: Int) { updatePost(id: $id, input: {published: true}, expectedVersion: $v)"
        + " { published version } }";
    JsonNode stale = f.run(sample, f.author, publish, vars("id", id, "v", 7));
    assertThat(codes(stale)).containsExactly("CONFLICT");
    JsonNode published = f.run(sample, f.author, publish, vars("id", id, "v", 1));
    assertThat(published.at("/data/updatePost/version").asInt()).isEqualTo(2);
    assertThat(f.graph.posts().get(f.other, id).published()).isTrue();

    JsonNode deleted = f.run(sample, f.author, "mutation($id: ID!) { deletePost(id: $id) }", vars("id", id));
    assertThat(deleted.at("/data/deletePost").asBoolean()).isTrue();
    assertThat(f.graph.postRepository().find(id)).isEmpty();
    assertThat(f.graph.audit().list(f.admin, Optional.of(id), 10, Optional.empty()).entries())
        .extracting(AuditEntry::action).containsExactly("post.deleted", "post.updated", "post.created");
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void anotherUserMayNotChangeAPostAndItsDraftsAreNotFound(APIGatewayV2HTTPEvent sample) {
    Post published = f.graph.posts().create(f.author, "Mine", "text", true);
    Post draft = f.graph.posts().create(f.author, "My draft", "text", false);
    String update = "mutation($id: ID!) { updatePost(id: $id, input: {title: \"Taken\"}) { title } }";
    assertThat(codes(f.run(sample, f.other, update, vars("id", published.id())))).containsExactly("FORBIDDEN");
    assertThat(codes(f.run(sample, f.other, update, vars("id", draft.id())))).containsExactly("NOT_FOUND");
    assertThat(f.run(sample, f.moderator, update, vars("id", published.id())).at("/data/updatePost/title").asText())
        .isEqualTo("Taken");
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void invalidInputNamesEveryBadFieldAndWritesNothing(APIGatewayV2HTTPEvent sample) {
    JsonNode answer = f.run(sample, f.author,
        "mutation { createPost(input: {title: \"\", content: \"" + "x".repeat(50_001) + "\"}) { id } }");
    assertThat(codes(answer)).containsExactly("BAD_USER_INPUT");
    assertThat(answer.at("/errors/0/extensions/errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("title", "content");
    assertThat(f.graph.posts().list(f.author, Optional.of(f.author.userId()), Optional.empty(), 10, Optional.empty())
        .posts()).isEmpty();
    Post post = f.graph.posts().create(f.author, "Mine", "text", true);
    JsonNode nullTitle = f.run(sample, f.author,
        "mutation($id: ID!) { updatePost(id: $id, input: {title: null}) { title } }", vars("id", post.id()));
    assertThat(nullTitle.at("/errors/0/extensions/errors/0/field").asText()).isEqualTo("title");
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void adminsCreateAndDeleteUsersAndATakenEmailIsAConflict(APIGatewayV2HTTPEvent sample) {
    String create = "mutation($in: CreateUserInput!) { createUser(input: $in) { id email role } }";
    Map<String, Object> input = vars("in", vars("email", "Grace@Example.com", "name", "Grace Hopper",
        "password", "password-123", "role", "moderator"));
    assertThat(codes(f.run(sample, f.moderator, create, input))).containsExactly("FORBIDDEN");
    JsonNode created = f.run(sample, f.admin, create, input).at("/data/createUser");
    assertThat(created.get("email").asText()).isEqualTo("grace@example.com");
    assertThat(created.get("role").asText()).isEqualTo("moderator");
    assertThat(codes(f.run(sample, f.admin, create, input))).containsExactly("CONFLICT");

    String id = created.get("id").asText();
    f.graph.posts().create(new dev.blog.core.security.Caller(id, Role.MODERATOR), "Hers", "text", true);
    JsonNode deleted = f.run(sample, f.admin, "mutation($id: ID!) { deleteUser(id: $id) }", vars("id", id));
    assertThat(deleted.at("/data/deleteUser").asBoolean()).isTrue();
    assertThat(f.graph.repository().find(id)).isEmpty();
    assertThat(f.graph.posts().list(f.other, Optional.of(id), Optional.empty(), 10, Optional.empty()).posts()).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void usersUpdateThemselvesButOnlyAdminsChangeRoles(APIGatewayV2HTTPEvent sample) {
    String update = "mutation($id: ID!, $in: UpdateUserInput!) { updateUser(id: $id, input: $in) { name role age } }";
    JsonNode renamed = f.run(sample, f.author, update, vars("id", f.author.userId(), "in", vars("name", "Ada Byron",
        "age", 36)));
    assertThat(renamed.at("/data/updateUser/name").asText()).isEqualTo("Ada Byron");
    assertThat(codes(f.run(sample, f.author, update, vars("id", f.author.userId(), "in", vars("role", "admin")))))
        .containsExactly("FORBIDDEN");
    assertThat(codes(f.run(sample, f.other, update, vars("id", f.author.userId(), "in", vars("name", "Hijack")))))
        .containsExactly("FORBIDDEN");
    JsonNode cleared = f.run(sample, f.admin, "mutation($id: ID!) { updateUser(id: $id, input: {age: null, "
        + "role: moderator}) { name role age } }", vars("id", f.author.userId()));
    assertThat(cleared.at("/data/updateUser/role").asText()).isEqualTo("moderator");
    assertThat(cleared.at("/data/updateUser/age").isNull()).isTrue();
  }
}
