package dev.blog.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.snapstart.Priming;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The SnapStart priming of every users function runs their request path and changes nothing. */
class SnapStartPrimingTest {
  private final TestStore.Table table = TestStore.freshTable();
  private final TestCoreComponent graph = TestCoreComponent.on(table);

  private List<Map<String, AttributeValue>> everything() {
    return graph.dynamo().scan(s -> s.tableName(table.name()).consistentRead(true)).items();
  }

  @Test
  void primingEveryUsersHandlerWritesNothing() {
    List<ApiHandler> handlers = List.of(new GetMeHandler(graph.users(), graph.json()),
        new GetUserHandler(graph.users(), graph.json()), new ListUsersHandler(graph.users(), graph.json()),
        new CreateUserHandler(graph.users(), graph.json()), new UpdateUserHandler(graph.users(), graph.json()),
        new DeleteUserHandler(graph.users(), graph.json()));
    graph.users().bootstrapAdmin("root@example.com", "root-password", "Root Admin");
    List<Map<String, AttributeValue>> before = everything();

    // What each handler's Lambda constructor does, once the handler is whole.
    Priming priming = new Priming();
    handlers.forEach(handler -> handler.registerPriming(priming));

    priming.runAll();

    assertThat(priming.registered()).containsExactly("GetMeHandler", "GetUserHandler", "ListUsersHandler",
        "CreateUserHandler", "UpdateUserHandler", "DeleteUserHandler");
    assertThat(everything()).containsExactlyInAnyOrderElementsOf(before);
  }
}
