package dev.blog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.testing.TestContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The outbox relay, fed stream events (the sample of events/ among them), against a real (ElasticMQ) queue and the
 * outbox table on moto server, with SQS faults injected on the wire.
 */
class OutboxRelayHandlerTest {
  private final JobsFixture f = new JobsFixture();
  private final OutboxRelayHandler relay = new OutboxRelayHandler(f.relay(), f.metrics(), f.json);

  @AfterEach
  void close() {
    f.close();
  }

  private static TestContext context() {
    return TestContext.withTimeout(Duration.ofSeconds(10));
  }

  /** A stream record of a new outbox item with this key and image (string attributes). */
  private static DynamodbEvent.DynamodbStreamRecord record(String sequence, Map<String, String> image) {
    Map<String, AttributeValue> values = new HashMap<>();
    image.forEach((name, value) -> values.put(name, new AttributeValue().withS(value)));
    var dynamodb = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord()
        .withNewImage(values).withSequenceNumber(sequence);
    DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
    record.setEventName("INSERT");
    record.setDynamodb(dynamodb);
    return record;
  }

  private static Map<String, String> outboxImage(String key, String to) {
    Map<String, String> image = new HashMap<>(Map.of("pk", "OUTBOX#" + key, "sk", "OUTBOX", "kind", "email",
        "idempotencyKey", key, "subject", "Hello", "text", "Body"));
    if (to != null) {
      image.put("to", to);
    }
    return image;
  }

  private static DynamodbEvent event(DynamodbEvent.DynamodbStreamRecord... records) {
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(List.of(records));
    return event;
  }

  @ParameterizedTest
  @Event(value = "events/outbox-relay.json", type = DynamodbEvent.class)
  void aNewOutboxItemBecomesOneMessageOnTheEmailQueue(DynamodbEvent event) {
    var response = relay.handleRequest(event, context());
    assertThat(response.getBatchItemFailures()).isEmpty();
    var messages = f.receive(1);
    assertThat(messages).singleElement().satisfies(m -> {
      EmailMessage email = f.json.read(m.getBody().getBytes(), EmailMessage.class);
      assertThat(email.idempotencyKey()).isEqualTo("welcome:0190f3a0-0000-7000-8000-000000000002");
      assertThat(email.subject()).isEqualTo("Welcome, Ada Lovelace!");
    });
  }

  @ParameterizedTest
  @Event(value = "events/outbox-relay.json", type = DynamodbEvent.class)
  void recordsThatAreNotNewOutboxItemsAreNotRelayed(DynamodbEvent event) {
    DynamodbEvent.DynamodbStreamRecord record = event.getRecords().get(0);
    var image = new HashMap<>(record.getDynamodb().getNewImage());
    image.put("sk", new AttributeValue().withS("USER"));
    record.getDynamodb().setNewImage(image);
    relay.handleRequest(event, context());
    assertThat(f.receive(1)).isEmpty();
  }

  @Test
  void whileSqsRefusesTheFirstRecordItDidNotTakeIsReportedForRetryAndNothingIsLost() throws Exception {
    DynamodbEvent event = EventLoader.loadDynamoDbEvent("events/outbox-relay.json");
    f.faults("{\"sqs\":{\"errorRate\":1}}");
    var response = relay.handleRequest(event, context());
    assertThat(response.getBatchItemFailures()).singleElement()
        .satisfies(failure -> assertThat(failure.getItemIdentifier()).isEqualTo("111100000000000000000001"));
    assertThat(f.receive(1)).isEmpty();

    f.faults("{}"); // Lambda retries the batch from that record
    assertThat(relay.handleRequest(event, context()).getBatchItemFailures()).isEmpty();
    assertThat(f.receive(1)).hasSize(1);
  }

  @Test
  void aMalformedOutboxItemIsDeadLetteredAndDoesNotBlockTheOthers() {
    var response = relay.handleRequest(event(record("1", outboxImage("good-1", "one@example.com")),
        record("2", outboxImage("broken", null)), record("3", outboxImage("good-2", "two@example.com"))), context());
    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(f.receive(2)).extracting(m -> f.json.read(m.getBody().getBytes(), EmailMessage.class).idempotencyKey())
        .containsExactlyInAnyOrder("good-1", "good-2");
    assertThat(f.receive(f.deadLetterUrl, 1)).singleElement().satisfies(m -> {
      assertThat(m.getBody()).contains("broken");
      assertThat(m.getMessageAttributes().get("reason").getStringValue()).startsWith("malformed outbox item");
    });
  }
}
