package dev.blog.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.blog.core.json.Json;
import dev.blog.core.logging.LogLine;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.outbox.Outbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox relay: the table's stream (filtered to new outbox items) triggers it, and it puts each email
 * on the email queue. It reports the first record SQS did not take, so Lambda retries from there; a
 * record relayed twice is harmless (the worker sends each idempotency key once).
 * See https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 */
public final class OutboxRelayHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  private final EmailQueue queue;
  private final Json json;

  public OutboxRelayHandler() {
    this(JobsComponent.create());
  }

  private OutboxRelayHandler(JobsComponent c) {
    this(c.emailQueue(), c.json());
  }

  OutboxRelayHandler(EmailQueue queue, Json json) {
    this.queue = queue;
    this.json = json;
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    List<EmailMessage> emails = new ArrayList<>();
    List<String> sequenceNumbers = new ArrayList<>();
    for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
      Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
      if (!"INSERT".equals(record.getEventName()) || image == null) {
        continue;
      }
      Map<String, String> strings = new HashMap<>();
      image.forEach((name, value) -> {
        if (value.getS() != null) {
          strings.put(name, value.getS());
        }
      });
      // The event source mapping's filter passes only new outbox items; anything else is not ours to relay.
      Optional<EmailMessage> email = Outbox.emailIn(strings);
      if (email.isEmpty()) {
        continue;
      }
      emails.add(email.get());
      sequenceNumbers.add(record.getDynamodb().getSequenceNumber());
    }
    List<Integer> failed = queue.enqueue(emails);
    List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
    // Stream batches are retried from the lowest failed sequence number: reporting the first is enough.
    failed.stream().min(Integer::compare).ifPresent(i ->
        failures.add(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(sequenceNumbers.get(i)).build()));
    LogLine.of("outbox relayed").with("emails", emails.size()).with("failed", failed.size())
        .log(context.getLogger(), json);
    return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
  }
}
