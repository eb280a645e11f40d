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
    // What GraphQLModule and the handler's Lambda constructor register.
    Priming priming = new Priming();
    GraphQLApi api = GraphQLModule.api(graph.users(), graph.posts(), graph.json(), priming);
    new GraphQLHandler(api, graph.json()).registerPriming(priming);
    graph.requests().reset();

    priming.runAll();

    assertThat(priming.registered()).containsExactly("GraphQLApi", "GraphQLHandler");
    assertThat(graph.requests().byOperation()).isEmpty();
  }
}
