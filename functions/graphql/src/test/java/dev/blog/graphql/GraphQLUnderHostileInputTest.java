package dev.blog.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blog.core.post.Post;
import dev.blog.core.security.Caller;
import dev.blog.core.testing.HandlerCalls;
import dev.blog.core.testing.HostileInput;
import dev.blog.core.testing.HostileInput.Payload;
import dev.blog.core.testing.HostileRequests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * POST /graphql, fed generated hostile bodies (any JSON in query, variables and operationName; documents
 * that are valid, invalid, too deep, too costly or huge; variables of every type) and content types, by
 * callers of every role: a GraphQL 200 whose errors carry only the codes a client can cause, or a
 * problem+json 4xx for a body that is no GraphQL request; never a 5xx, never INTERNAL_SERVER_ERROR. A
 * refused request (4xx, or a 200 without data) changes nothing in the table.
 */
class GraphQLUnderHostileInputTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> CLIENT_CAUSED = List.of("UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND",
      "BAD_USER_INPUT", "CONFLICT");
  private static final List<String> DOCUMENTS = List.of(
      "{ me { id name email posts(limit: 2) { items { id title } nextCursor } } }",
      "query U($id: ID!) { user(id: $id) { id name email version posts { items { id } } } }",
      "query L($limit: Int, $cursor: String, $q: String) { users(limit: $limit, cursor: $cursor, emailContains: $q) "
          + "{ items { id email posts(limit: 3) { items { id } nextCursor } } nextCursor total } }",
      "query P($author: ID, $published: Boolean, $limit: Int, $cursor: String) { posts(authorId: $author, "
          + "published: $published, limit: $limit, cursor: $cursor) { items { id title published } nextCursor } }",
      "query One($id: ID!) { post(id: $id) { id title content version } }",
      "mutation C($input: CreatePostInput!) { createPost(input: $input) { id version } }",
      "mutation U($id: ID!, $input: UpdatePostInput!, $v: Int) { updatePost(id: $id, input: $input, expectedVersion: $v) { id version } }",
      "mutation D($id: ID!, $v: Int) { deletePost(id: $id, expectedVersion: $v) }",
      "mutation CU($input: CreateUserInput!) { createUser(input: $input) { id email } }",
      "mutation UU($id: ID!, $input: UpdateUserInput!, $v: Int) { updateUser(id: $id, input: $input, expectedVersion: $v) { id version } }",
      "mutation DU($id: ID!, $v: Int) { deleteUser(id: $id, expectedVersion: $v) }",
      "{ me { posts { items { id } } } users { items { posts { items { id } } } } }",
      "{ " + "a: me { id } ".repeat(40) + "}",
      "{ users(limit: 100) { items { posts(limit: 100) { items { id } } } } }",
      "{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }",
      "fragment A on User { ...B } fragment B on User { ...A } { me { ...A } }",
      "{ me @skip(if: false) @include(if: true) { id } }",
      "subscription { me { id } }",
      "{ me { id }", "{ me { nope } }", "query { post(id: 42) { id } }", "{ posts(limit: -1) { items { id } } }",
      "{ posts(limit: 2147483648) { items { id } } }", "query Q { me { id } } query Q { me { id } }", "{}", "#");

  private final GraphQLFixture f = new GraphQLFixture();
  private final HostileRequests requests = new HostileRequests(getClass(), f.graph.dynamo(), f.graph.tables());
  private final Post post = f.graph.posts().create(f.author, "Hello", "world", true);
  private final Post draft = f.graph.posts().create(f.author, "Draft", "text", false);

  @AfterContainer
  static void report() {
    System.out.println(HostileRequests.report(GraphQLUnderHostileInputTest.class));
  }

  @Provide
  Arbitrary<Optional<Caller>> callers() {
    return HostileInput.callers(f.author, List.of(f.admin, f.moderator, f.other));
  }

  private Arbitrary<JsonNode> variables() {
    List<String> ids = List.of(post.id(), draft.id(), f.author.userId(), f.other.userId(), UUID.randomUUID().toString());
    Map<String, Arbitrary<JsonNode>> known = new LinkedHashMap<>();
    known.put("id", Arbitraries.of(ids).map(TextNode::valueOf));
    known.put("author", Arbitraries.of(ids).map(TextNode::valueOf));
    known.put("limit", Arbitraries.of(1, 5, 100, 0, 101).map(NODES::numberNode));
    known.put("v", Arbitraries.of(1, 2, 0).map(NODES::numberNode));
    known.put("published", Arbitraries.of(true, false).map(NODES::booleanNode));
    known.put("input", Arbitraries.of(
        "{\"title\":\"T\",\"content\":\"c\"}", "{\"title\":\"   \",\"content\":\"c\"}", "{\"published\":true}",
        "{\"name\":\"Grace Hopper\"}", "{\"email\":\"g" + UUID.randomUUID() + "@example.com\",\"name\":\"Grace\",\"password\":\"password-123\"}",
        "{\"role\":\"admin\"}", "{\"age\":null}", "{\"title\":null}").map(GraphQLUnderHostileInputTest::parse));
    Arbitrary<Map.Entry<String, JsonNode>> entry = Arbitraries.of(known.keySet())
        .flatMap(key -> Arbitraries.frequencyOf(Tuple.of(4, known.get(key)), Tuple.of(1, HostileInput.json()))
            .map(value -> Map.entry(key, value)));
    return Arbitraries.frequencyOf(
        Tuple.of(6, entry.list().ofMaxSize(4).map(entries -> {
          ObjectNode object = NODES.objectNode();
          entries.forEach(e -> object.set(e.getKey(), e.getValue()));
          return object;
        })),
        Tuple.of(1, HostileInput.json()));
  }

  private static JsonNode parse(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<Payload> bodies() {
    Map<String, Arbitrary<JsonNode>> fields = new LinkedHashMap<>();
    fields.put("query", Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of(DOCUMENTS)),
        Tuple.of(1, Arbitraries.of(DOCUMENTS).map(d -> d + " ".repeat(60_000))),
        Tuple.of(1, HostileInput.text())).map(TextNode::valueOf));
    fields.put("variables", variables());
    fields.put("operationName", Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(NODES.nullNode())),
        Tuple.of(2, Arbitraries.of("U", "L", "P", "One", "C", "D", "Q", "Nope").map(TextNode::valueOf))));
    return HostileInput.payloads(fields);
  }

  /** A 200 with no data: the request was refused as a whole (syntax, validation, limits, no caller). */
  private static boolean refusedWithout(APIGatewayV2HTTPResponse response) {
    return response.getStatusCode() == 200 && HandlerCalls.body(response).path("data").isNull()
        || response.getStatusCode() == 200 && !HandlerCalls.body(response).has("data");
  }

  @Property(tries = 300)
  void everyBodyGetsAGraphQLAnswerOrAProblemAndARefusalChangesNothing(@ForAll("callers") Optional<Caller> caller,
      @ForAll("bodies") Payload body) {
    APIGatewayV2HTTPResponse response = requests.send(f.handler, body.applyTo(HostileRequests.sample("graphql.json", caller)), item -> false,
        GraphQLUnderHostileInputTest::refusedWithout);
    if (response.getStatusCode() == 200) {
      JsonNode answer = HandlerCalls.body(response);
      assertThat(answer.has("data") || answer.has("errors")).as(response.getBody()).isTrue();
      assertThat(GraphQLFixture.codes(answer)).as(response.getBody()).allMatch(CLIENT_CAUSED::contains);
    }
  }
}
