package dev.blog.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.core.snapstart.Priming;
import dev.blog.core.snapstart.PrimingReport;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart priming of the GraphQL function runs a whole query of an admin (parse, validation, the
 * resolvers, the store up to the socket, the result) and sends nothing to DynamoDB.
 */
class SnapStartPrimingTest {
  private final TestCoreComponent graph = TestCoreComponent.on(TestStore.freshTable());

  @Test
  void primingTheGraphQLFunctionRunsAQueryAndSendsNothing() {
    // What the handler's Lambda constructor registers.
    Priming priming = new Priming();
    new GraphQLHandler(GraphQLModule.api(graph.users(), graph.posts(), graph.json()), graph.json()).registerPriming(priming);
    graph.wire().reset();

    PrimingReport report = priming.runAll();

    // me, then the caller's own posts: published and drafts, two queries merged
    assertThat(report.of("GraphQLHandler")).isEqualTo(new PrimingReport.Outcome("HTTP 200",
        List.of("DynamoDB.GetItem", "DynamoDB.Query", "DynamoDB.Query"), List.of()));
    assertThat(graph.wire().sent()).isEmpty();
  }
}
