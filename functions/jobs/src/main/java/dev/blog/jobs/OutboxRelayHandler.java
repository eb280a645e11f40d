package dev.blog.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.blog.core.budget.Deadline;
import dev.blog.core.json.Json;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.outbox.Outbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox relay: the outbox table's stream (filtered to new items) triggers it, and it puts each email on the
 * email queue ({@link OutboxRelay}). It reports the first record SQS did not take, so Lambda retries from there,
 * until SQS takes it or the record ages out of the stream (template.yaml: no retry limit); whatever the stream
 * gives up on is still pending in the outbox table, and the sweeper relays it. A record that carries no email is
 * never reported: it goes to the dead-letter queue, so it cannot block its shard.
 * See https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 */
public final class OutboxRelayHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  private final OutboxRelay relay;
  private final Metrics metrics;
  private final Json json;

  public OutboxRelayHandler() {
    this(JobsComponent.create());
  }

  private OutboxRelayHandler(JobsComponent c) {
    this(c.outboxRelay(), c.metrics(), c.json());
  }

  OutboxRelayHandler(OutboxRelay relay, Metrics metrics, Json json) {
    this.relay = relay;
    this.metrics = metrics;
    this.json = json;
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    return Deadline.within(context.getRemainingTimeInMillis(), () -> handle(event, context));
  }

  private StreamsEventResponse handle(DynamodbEvent event, Context context) {
    List<EmailMessage> emails = new ArrayList<>();
    List<String> sequenceNumbers = new ArrayList<>();
    int malformed = 0;
    for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
      Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
      // The event source mapping's filter passes only new outbox items; anything else is not ours to relay.
      if (!"INSERT".equals(record.getEventName()) || image == null) {
        continue;
      }
      Map<String, String> strings = new HashMap<>();
      image.forEach((name, value) -> {
        if (value.getS() != null) {
          strings.put(name, value.getS());
        }
      });
      Optional<EmailMessage> email;
      try {
        email = Outbox.emailIn(strings);
      } catch (RuntimeException e) {
        malformed++;
        // Dead-lettered and marked, or (SQS refusing) left pending for the sweeper: never a reason to retry the shard.
        relay.deadLetter(Outbox.keyOf(strings).orElse(null), json.write(strings), e.getMessage(), context.getLogger());
        continue;
      }
      if (email.isPresent()) {
        emails.add(email.get());
        sequenceNumbers.add(record.getDynamodb().getSequenceNumber());
      }
    }
    List<Integer> failed = relay.relay(emails, context.getLogger());
    List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
    // Stream batches are retried from the lowest failed sequence number: reporting the first is enough.
    failed.stream().min(Integer::compare).ifPresent(i ->
        failures.add(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(sequenceNumbers.get(i)).build()));
    metrics.outbox(context.getFunctionName(), emails.size() - failed.size(), failed.size(), malformed, context.getLogger());
    return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
  }
}
