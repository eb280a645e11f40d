package dev.blog.graphql;

import static dev.blog.graphql.GraphQLFixture.codes;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The per-request limits, as an attacker meets them: aliases, fragments and variables do not get past the
 * count of root and mutation fields or the cost, and a refused request reads and writes nothing.
 */
class GraphQLRequestLimitsTest {
  private final GraphQLFixture f = new GraphQLFixture();

  private static String aliased(int count, String field) {
    return aliased("a", count, field);
  }

  private static String aliased(String prefix, int count, String field) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i + ": " + field).collect(Collectors.joining(" "));
  }

  private static final String CREATE_POST = "createPost(input: {title: \"Spam\", content: \"spam\"}) { id }";

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void eightHundredAliasedCreatePostsAreRefusedAndWriteNothing(APIGatewayV2HTTPEvent sample) {
    f.graph.requests().reset();
    JsonNode answer = f.run(sample, f.author, "mutation { " + aliased(800, CREATE_POST) + " }");
    assertThat(codes(answer)).containsExactly("BAD_USER_INPUT");
    assertThat(answer.at("/errors/0/message").asText()).contains("800 root fields");
    assertThat(f.graph.requests().total()).isZero();
    assertThat(f.graph.posts().list(f.author, java.util.Optional.of(f.author.userId()), java.util.Optional.empty(), 100,
        java.util.Optional.empty()).posts()).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void fiveMutationsPassAndASixthIsRefusedEvenThroughFragments(APIGatewayV2HTTPEvent sample) {
    JsonNode five = f.run(sample, f.author, "mutation { " + aliased(5, CREATE_POST) + " }");
    assertThat(five.has("errors")).as(five.toString()).isFalse();
    assertThat(five.get("data")).hasSize(5);

    f.graph.requests().reset();
    JsonNode six = f.run(sample, f.author, "mutation { ...A ...B } fragment A on Mutation { " + aliased(3, CREATE_POST)
        + " } fragment B on Mutation { " + aliased("b", 3, CREATE_POST) + " }");
    assertThat(codes(six)).containsExactly("BAD_USER_INPUT");
    assertThat(six.at("/errors/0/message").asText()).contains("6 mutations");
    assertThat(f.graph.requests().total()).isZero();
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void twentyRootFieldsPassAndATwentyFirstIsRefused(APIGatewayV2HTTPEvent sample) {
    JsonNode twenty = f.run(sample, f.author, "{ " + aliased(20, "me { id }") + " }");
    assertThat(twenty.has("errors")).as(twenty.toString()).isFalse();
    f.graph.requests().reset();
    JsonNode more = f.run(sample, f.author, "{ " + aliased(21, "me { id }") + " }");
    assertThat(codes(more)).containsExactly("BAD_USER_INPUT");
    assertThat(f.graph.requests().total()).isZero();
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void aliasedFullPagesCostWhatTheyMayReadAndAreRefusedBeforeAnyRead(APIGatewayV2HTTPEvent sample) {
    f.graph.requests().reset();
    JsonNode many = f.run(sample, f.author, "{ " + aliased(49, "posts(limit: 100) { items { id content } }") + " }");
    assertThat(codes(many)).containsExactly("BAD_USER_INPUT");
    // Within the root-field limit, the cost still counts every alias: ten full pages are too many items.
    JsonNode ten = f.run(sample, f.author, "query($n: Int) { " + aliased(10, "posts(limit: $n) { items { id } }") + " }",
        java.util.Map.of("n", 100));
    assertThat(codes(ten)).containsExactly("BAD_USER_INPUT");
    assertThat(ten.at("/errors/0/message").asText()).contains("costs");
    assertThat(f.graph.requests().total()).isZero();

    JsonNode two = f.run(sample, f.author, "{ " + aliased(2, "posts(limit: 100) { items { id } }") + " }");
    assertThat(two.has("errors")).as(two.toString()).isFalse();
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void aPageOfUsersWithTheirFirstPostsFitsTheBudget(APIGatewayV2HTTPEvent sample) {
    JsonNode answer = f.run(sample, f.admin, "{ users(limit: 20) { items { id name email role createdAt updatedAt version"
        + " posts(limit: 20) { items { id authorId title content published createdAt updatedAt version } nextCursor } }"
        + " nextCursor total } }");
    assertThat(answer.has("errors")).as(answer.toString()).isFalse();
  }
}
