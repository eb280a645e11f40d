package dev.blog.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.core.http.ApiHandler;
import dev.blog.core.snapstart.Priming;
import dev.blog.core.snapstart.PrimingReport;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SnapStart priming of every users function runs its route's success path to the end, through the SDK
 * up to the socket (where DynamoDB's answer is made up), and sends, writes and changes nothing.
 */
class SnapStartPrimingTest {
  private final TestStore.Table table = TestStore.freshTable();
  private final TestCoreComponent graph = TestCoreComponent.on(table);

  private List<Map<String, AttributeValue>> everything() {
    return graph.dynamo().scan(s -> s.tableName(table.name()).consistentRead(true)).items();
  }

  @Test
  void primingEveryUsersHandlerRunsItsSuccessPathAndSendsNothing() {
    List<ApiHandler> handlers = List.of(new GetMeHandler(graph.users(), graph.json()),
        new GetUserHandler(graph.users(), graph.json()), new ListUsersHandler(graph.users(), graph.json()),
        new CreateUserHandler(graph.users(), graph.json()), new UpdateUserHandler(graph.users(), graph.json()),
        new DeleteUserHandler(graph.users(), graph.json()));
    graph.users().bootstrapAdmin("root@example.com", "root-password", "Root Admin");
    List<Map<String, AttributeValue>> before = everything();
    graph.wire().reset();

    // What each handler's Lambda constructor does, once the handler is whole.
    Priming priming = new Priming();
    handlers.forEach(handler -> handler.registerPriming(priming));
    PrimingReport report = priming.runAll();

    assertThat(report.of("GetMeHandler")).isEqualTo(reached("HTTP 200", "GetItem"));
    // an admin's view: the stored caller and the user in one batch
    assertThat(report.of("GetUserHandler")).isEqualTo(reached("HTTP 200", "BatchGetItem"));
    // the stored caller (a privileged route), the page, the counter
    assertThat(report.of("ListUsersHandler")).isEqualTo(reached("HTTP 200", "GetItem", "Query", "GetItem"));
    assertThat(report.of("CreateUserHandler")).isEqualTo(reached("HTTP 201", "GetItem", "TransactWriteItems"));
    assertThat(report.of("UpdateUserHandler")).isEqualTo(reached("HTTP 200", "BatchGetItem", "TransactWriteItems"));
    // caller and user; mark the user; a full batch of made-up posts found and deleted in one transaction; none
    // left in either list, the author's count says so; delete the user
    assertThat(report.of("DeleteUserHandler")).isEqualTo(reached("HTTP 204", "BatchGetItem", "UpdateItem", "Query",
        "TransactWriteItems", "Query", "Query", "GetItem", "TransactWriteItems"));
    assertThat(graph.wire().sent()).isEmpty();
    assertThat(graph.wire().primed()).as("each call ran the HTTP client's whole path against the loopback server")
        .isEqualTo(report.outcomes().values().stream().mapToInt(o -> o.answered().size()).sum());
    assertThat(graph.wire().refused()).isZero();
    assertThat(everything()).containsExactlyInAnyOrderElementsOf(before);
  }

  private static PrimingReport.Outcome reached(String status, String... dynamoDbCalls) {
    return new PrimingReport.Outcome(status, java.util.Arrays.stream(dynamoDbCalls).map(c -> "DynamoDB." + c).toList(),
        List.of());
  }
}
