package dev.blog.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.core.snapstart.Priming;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import org.junit.jupiter.api.Test;

/** The SnapStart priming of the GraphQL function runs a whole query and sends nothing to DynamoDB. */
class SnapStartPrimingTest {
  private final TestCoreComponent graph = TestCoreComponent.on(TestStore.freshTable());

  @Test
  void primingTheGraphQLFunctionSendsNoRequestToTheStore() {
    // Constructing the handler is what registers both hooks, as the no-arg constructor does in Lambda.
    new GraphQLHandler(new GraphQLApi(graph.users(), graph.posts(), graph.json()), graph.json());
    graph.requests().reset();

    Priming.runAll();

    assertThat(Priming.registered()).contains("GraphQLApi", "GraphQLHandler");
    assertThat(graph.requests().byOperation()).isEmpty();
  }
}
