package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /graphql through the local gateway and the real authorizer: the life of a post, as over REST. */
class GraphQLThroughTheGatewayTest {
  private final Api api = LocalStackFixture.api();
  private String admin;
  private String author;
  private String authorId;
  private String other;

  @BeforeEach
  void accounts() {
    admin = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
    author = api.newAccount("user", admin);
    authorId = api.get("/me", author).json().get("id").asText();
    other = api.newAccount("user", admin);
  }

  private JsonNode graphql(String token, String query, Map<String, Object> variables) {
    ObjectNode body = Api.JSON.createObjectNode().put("query", query);
    body.set("variables", Api.JSON.valueToTree(variables));
    Api.Answer answer = api.send("POST", "/graphql", token, body.toString());
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  @Test
  void aDraftIsHiddenUntilPublishedThenListedAndGoneWithItsAuthor() {
    String id = graphql(author, "mutation { createPost(input: {title: \"Via GraphQL\", content: \"text\"}) { id } }",
        Map.of()).at("/data/createPost/id").asText();
    String read = "query($id: ID!) { post(id: $id) { title } }";
    assertThat(graphql(other, read, Map.of("id", id)).at("/errors/0/extensions/code").asText()).isEqualTo("NOT_FOUND");
    String list = "query($a: ID!) { posts(authorId: $a) { items { title } } }";
    assertThat(graphql(other, list, Map.of("a", authorId)).at("/data/posts/items")).isEmpty();

    graphql(author, "mutation($id: ID!) { updatePost(id: $id, input: {published: true}, expectedVersion: 1) { version } }",
        Map.of("id", id));
    assertThat(graphql(other, read, Map.of("id", id)).at("/data/post/title").asText()).isEqualTo("Via GraphQL");
    assertThat(graphql(other, list, Map.of("a", authorId)).at("/data/posts/items/0/title").asText())
        .isEqualTo("Via GraphQL");

    assertThat(graphql(other, "mutation($id: ID!) { deleteUser(id: $id) }", Map.of("id", authorId))
        .at("/errors/0/extensions/code").asText()).isEqualTo("FORBIDDEN");
    assertThat(graphql(admin, "mutation($id: ID!) { deleteUser(id: $id) }", Map.of("id", authorId))
        .at("/data/deleteUser").asBoolean()).isTrue();
    assertThat(graphql(other, read, Map.of("id", id)).at("/errors/0/extensions/code").asText()).isEqualTo("NOT_FOUND");
    assertThat(graphql(other, list, Map.of("a", authorId)).at("/data/posts/items")).isEmpty();
  }

  @Test
  void aGraphQlToolGetsTheWholeSchemaWithGraphqlJsStandardIntrospectionQuery() throws Exception {
    String query = java.nio.file.Files.readString(LocalStackFixture.projectDir()
        .resolve("functions/graphql/src/test/resources/dev/blog/graphql/introspection/default.graphql"));
    ObjectNode body = Api.JSON.createObjectNode().put("query", query).put("operationName", "IntrospectionQuery");
    Api.Answer answer = api.send("POST", "/graphql", author, body.toString());
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().has("errors")).as(answer.body()).isFalse();
    List<String> types = new java.util.ArrayList<>();
    answer.json().at("/data/__schema/types").forEach(t -> types.add(t.get("name").asText()));
    assertThat(types).contains("Query", "Mutation", "User", "Post", "UserPage", "PostPage");
    assertThat(answer.json().at("/data/__schema/mutationType/name").asText()).isEqualTo("Mutation");
  }

  @Test
  void withoutATokenTheGatewayAnswers401AndABadBodyIsAProblem() {
    assertThat(api.send("POST", "/graphql", null, "{\"query\":\"{ me { id } }\"}").status()).isEqualTo(401);
    Api.Answer notGraphQL = api.send("POST", "/graphql", other, "{\"query\":\"\"}");
    assertThat(notGraphQL.status()).isEqualTo(400);
    assertThat(notGraphQL.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(notGraphQL.json().at("/errors/0/field").asText()).isEqualTo("query");
  }
}
