package dev.blog.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * {@code users(limit: N) { posts }} costs a fixed number of DynamoDB requests, not one per user: the
 * DataLoader batches every User.posts of the page into the same BatchGetItems.
 */
class UsersPostsRoundTripsTest {
  private static final String QUERY = "query($n: Int!) { users(limit: $n) { items { id name "
      + "posts(limit: 3) { items { title } nextCursor } } nextCursor } }";
  private final GraphQLFixture f = new GraphQLFixture();

  private JsonNode usersWithPosts(APIGatewayV2HTTPEvent sample, int pageSize) {
    f.graph.requests().reset();
    JsonNode answer = f.run(sample, f.admin, QUERY, Map.of("n", pageSize));
    assertThat(answer.has("errors")).as(answer.toString()).isFalse();
    assertThat(answer.at("/data/users/items")).hasSize(pageSize);
    return answer;
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void aPageOfTwentyUsersWithTheirPostsCostsNoMoreRequestsThanAPageOfFive(APIGatewayV2HTTPEvent sample) {
    for (int i = 0; i < 22; i++) {
      Caller writer = new Caller(f.graph.users().register("writer" + i + "@example.com", "password-123",
          "Writer " + i, null).id(), Role.USER);
      for (int p = 0; p < 4; p++) {
        f.graph.posts().create(writer, "Post " + p + " of " + i, "text", p != 1);
      }
    }

    JsonNode five = usersWithPosts(sample, 5);
    int requestsForFive = f.graph.requests().total();
    Map<String, Integer> byOperationForFive = f.graph.requests().byOperation();
    JsonNode twenty = usersWithPosts(sample, 20);
    int requestsForTwenty = f.graph.requests().total();

    assertThat(requestsForTwenty).as("%s", f.graph.requests().byOperation()).isEqualTo(requestsForFive);
    assertThat(requestsForTwenty).isLessThanOrEqualTo(6);
    assertThat(byOperationForFive).containsEntry("BatchGetItem", 2);
    // And the batched pages are right: each writer's 3 newest published posts, never the draft.
    JsonNode writer = twenty.at("/data/users/items/0");
    assertThat(writer.get("name").asText()).isEqualTo("Writer 21");
    assertThat(writer.at("/posts/items")).extracting(p -> p.get("title").asText())
        .containsExactly("Post 3 of 21", "Post 2 of 21", "Post 0 of 21");
    assertThat(writer.at("/posts/nextCursor").isNull()).isTrue();
    assertThat(five.at("/data/users/items/4/name").asText()).isEqualTo("Writer 17");
  }
}
