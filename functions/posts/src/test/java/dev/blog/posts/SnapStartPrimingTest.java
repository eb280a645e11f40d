package dev.blog.posts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.core.snapstart.Priming;
import dev.blog.core.snapstart.PrimingReport;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SnapStart priming of every posts function runs its route's success path to the end, through the SDK
 * up to the socket (where DynamoDB's answer is made up), and sends, writes and changes nothing.
 */
class SnapStartPrimingTest {
  private final PostsFixture f = new PostsFixture();

  private List<Map<String, AttributeValue>> everything() {
    return f.graph.dynamo().scan(s -> s.tableName(f.graph.store().table()).consistentRead(true)).items();
  }

  @Test
  void primingEveryPostsHandlerRunsItsSuccessPathAndSendsNothing() {
    f.published(f.author, "A post");
    List<Map<String, AttributeValue>> before = everything();
    f.graph.wire().reset();

    // What each handler's Lambda constructor does, once the handler is whole.
    Priming priming = new Priming();
    new CreatePostHandler(f.graph.posts(), f.graph.json()).registerPriming(priming);
    new ListPostsHandler(f.graph.posts(), f.graph.json()).registerPriming(priming);
    new GetPostHandler(f.graph.posts(), f.graph.json()).registerPriming(priming);
    new UpdatePostHandler(f.graph.posts(), f.graph.json()).registerPriming(priming);
    new DeletePostHandler(f.graph.posts(), f.graph.json()).registerPriming(priming);
    new ListAuditHandler(f.graph.audit(), f.graph.json()).registerPriming(priming);
    PrimingReport report = priming.runAll();

    // the author read, then one transaction: post, audit entry, the author's counters and latest list
    assertThat(report.of("CreatePostHandler")).isEqualTo(reached("HTTP 201", "GetItem", "TransactWriteItems"));
    assertThat(report.of("ListPostsHandler")).isEqualTo(reached("HTTP 200", "Query"));
    assertThat(report.of("GetPostHandler")).isEqualTo(reached("HTTP 200", "GetItem"));
    assertThat(report.of("UpdatePostHandler")).isEqualTo(reached("HTTP 200", "GetItem", "TransactWriteItems"));
    assertThat(report.of("DeletePostHandler")).isEqualTo(reached("HTTP 204", "GetItem", "GetItem", "TransactWriteItems"));
    // the stored caller (a privileged route), then the page
    assertThat(report.of("ListAuditHandler")).isEqualTo(reached("HTTP 200", "GetItem", "Query"));
    assertThat(f.graph.wire().sent()).isEmpty();
    assertThat(everything()).containsExactlyInAnyOrderElementsOf(before);
  }

  private static PrimingReport.Outcome reached(String status, String... dynamoDbCalls) {
    return new PrimingReport.Outcome(status, Arrays.stream(dynamoDbCalls).map(c -> "DynamoDB." + c).toList(), List.of());
  }
}
