package dev.blog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.testing.TestContext;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** The outbox relay, fed the sample stream event of events/, puts the email on a real (ElasticMQ) queue. */
class OutboxRelayHandlerTest {
  private final JobsFixture f = new JobsFixture();
  private final OutboxRelayHandler relay = new OutboxRelayHandler(f.queue(), f.json);

  @AfterEach
  void close() {
    f.close();
  }

  @ParameterizedTest
  @Event(value = "events/outbox-relay.json", type = DynamodbEvent.class)
  void aNewOutboxItemBecomesOneMessageOnTheEmailQueue(DynamodbEvent event) {
    var response = relay.handleRequest(event, new TestContext());
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
    relay.handleRequest(event, new TestContext());
    assertThat(f.receive(1)).isEmpty();
  }

  @Test
  void whenTheQueueIsUnreachableTheFirstRecordIsReportedForRetry() throws Exception {
    DynamodbEvent event = com.amazonaws.services.lambda.runtime.tests.EventLoader.loadDynamoDbEvent("events/outbox-relay.json");
    EmailQueue nowhere = new EmailQueue(f.sqs, f.json, f.queueUrl + "-missing", f.deadLetterUrl);
    var response = new OutboxRelayHandler(nowhere, f.json).handleRequest(event, new TestContext());
    assertThat(response.getBatchItemFailures()).singleElement()
        .satisfies(failure -> assertThat(failure.getItemIdentifier()).isEqualTo("111100000000000000000001"));
  }
}
