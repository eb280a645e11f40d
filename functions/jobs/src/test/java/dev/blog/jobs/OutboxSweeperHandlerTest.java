package dev.blog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.core.mail.EmailMessage;
import dev.blog.core.outbox.Outbox;
import dev.blog.core.outbox.OutboxStore;
import dev.blog.core.store.Store;
import dev.blog.core.testing.TestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox's recovery against the outbox table (moto server) and a real queue (ElasticMQ): what the stream
 * did not relay is relayed by a later sweep, however long SQS refused it; what the stream relayed is not.
 */
class OutboxSweeperHandlerTest {
  private final JobsFixture f = new JobsFixture();
  private final Store store = f.store();
  private final OutboxSweeperHandler sweeper = new OutboxSweeperHandler(new OutboxStore(store), f.relay(), f.metrics(),
      Clock.systemUTC(), f.json);

  @AfterEach
  void close() {
    f.close();
  }

  private void written(String key, Instant at) {
    store.commit(store.transaction().add("outbox", Outbox.put(new EmailMessage(key, key + "@example.com", "s", "t"), at)));
  }

  private Map<String, Object> sweep() {
    return sweeper.handleRequest(Map.of(), TestContext.withTimeout(Duration.ofSeconds(60)));
  }

  @Test
  void anEmailStillPendingLongAfterItWasWrittenIsRelayedOnceAndOnlyItIsLeftToTheStream() {
    written("old", Instant.now().minus(Duration.ofHours(3)));
    written("fresh", Instant.now());
    assertThat(sweep()).containsEntry("relayed", 1);
    assertThat(f.receive(2)).singleElement().satisfies(m -> assertThat(m.getBody()).contains("\"old\""));
    assertThat(sweep()).as("relayed items leave the pending listing").containsEntry("relayed", 0);
  }

  @Test
  void whileSqsRefusesTheSweepItStaysPendingForTheNextOne() {
    written("waiting", Instant.now().minus(Duration.ofDays(3)));
    f.faults("{\"sqs\":{\"errorRate\":1}}");
    assertThat(sweep()).containsEntry("notQueued", 1).containsEntry("relayed", 0);
    f.faults("{}");
    assertThat(sweep()).containsEntry("relayed", 1);
    assertThat(f.receive(1)).hasSize(1);
  }

  @Test
  void aMalformedPendingItemIsDeadLetteredOnceNotOnEverySweep() {
    f.directDynamo.putItem(r -> r.tableName(f.table.outboxName()).item(Map.of(
        "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("OUTBOX#broken"),
        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("OUTBOX"),
        "idempotencyKey", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("broken"),
        "createdAt", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("2026-01-01T00:00:00.000Z"),
        "gsi1pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("OUTBOX#PENDING"),
        "gsi1sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("broken"))));
    assertThat(sweep()).containsEntry("malformed", 1);
    assertThat(f.receive(f.deadLetterUrl, 1)).hasSize(1);
    assertThat(sweep()).containsEntry("malformed", 0);
  }
}
