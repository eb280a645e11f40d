package dev.blog.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.blog.core.budget.Deadline;
import dev.blog.core.json.Json;
import dev.blog.core.logging.LogLine;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.outbox.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox's recovery, run by a schedule every few minutes: relays every outbox email still pending a while
 * after it was written, which the stream should have relayed within seconds (SQS refused it longer than the
 * stream retried, or its record aged out of the 24-hour stream). Pending items never expire, so an email waits
 * in the outbox however long the queue is out of reach, and is relayed once it is back. A run that cannot relay
 * everything says so and leaves the rest to the next run.
 */
public final class OutboxSweeperHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  /** Younger items are the stream's: it relays them within seconds, or retries them itself. */
  static final Duration LEFT_TO_THE_STREAM = Duration.ofMinutes(2);
  /** Relayed a chunk at a time, each only while the run has time for it; the rest is the next run's. */
  static final int CHUNK = 100;
  static final Duration TIME_FOR_A_CHUNK = Duration.ofSeconds(15);

  private final OutboxStore outbox;
  private final OutboxRelay relay;
  private final Metrics metrics;
  private final Clock clock;
  private final Json json;

  public OutboxSweeperHandler() {
    this(JobsComponent.create());
  }

  private OutboxSweeperHandler(JobsComponent c) {
    this(c.outboxStore(), c.outboxRelay(), c.metrics(), c.clock(), c.json());
  }

  OutboxSweeperHandler(OutboxStore outbox, OutboxRelay relay, Metrics metrics, Clock clock, Json json) {
    this.outbox = outbox;
    this.relay = relay;
    this.metrics = metrics;
    this.clock = clock;
    this.json = json;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return Deadline.within(context.getRemainingTimeInMillis(), () -> sweep(context));
  }

  private Map<String, Object> sweep(Context context) {
    Instant now = clock.instant();
    List<OutboxStore.Pending> pending = outbox.pendingSince(now.minus(LEFT_TO_THE_STREAM));
    List<EmailMessage> emails = new ArrayList<>();
    int malformed = 0;
    for (OutboxStore.Pending item : pending) {
      if (item.email() != null) {
        emails.add(item.email());
      } else {
        malformed++;
        relay.deadLetter(item.key(), json.write(Map.of("key", String.valueOf(item.key()))), item.problem(),
            context.getLogger());
      }
    }
    int failed = 0;
    int relayed = 0;
    for (int from = 0; from < emails.size() && Deadline.remainingMillis() > TIME_FOR_A_CHUNK.toMillis(); from += CHUNK) {
      List<EmailMessage> chunk = emails.subList(from, Math.min(emails.size(), from + CHUNK));
      int notQueued = relay.relay(chunk, context.getLogger()).size();
      failed += notQueued;
      relayed += chunk.size() - notQueued;
    }
    int left = emails.size() - relayed - failed;
    metrics.outbox(context.getFunctionName(), relayed, failed, malformed, context.getLogger());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("pending", pending.size());
    result.put("relayed", relayed);
    result.put("notQueued", failed);
    result.put("leftForNextRun", left);
    result.put("malformed", malformed);
    LogLine.of("outbox swept").with("pending", pending.size()).with("relayed", relayed).with("notQueued", failed)
        .with("leftForNextRun", left).with("malformed", malformed).log(context, json);
    return result;
  }
}
