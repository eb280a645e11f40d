package dev.blog.jobs;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.blog.core.json.Json;
import dev.blog.core.logging.LogLine;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.outbox.OutboxStore;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves outbox emails to the email queue, for the stream's relay and the sweeper alike: each email SQS took is
 * marked relayed in the outbox table; one it did not take stays pending, for the stream's retry or the next sweep.
 * An email relayed twice (marking failed, or the stream and the sweeper both relayed it) is harmless: the worker
 * sends each idempotency key once. An outbox item that carries no email goes to the dead-letter queue with its
 * reason, and is marked relayed, so it neither blocks the stream nor comes back on every sweep.
 */
public final class OutboxRelay {
  private final EmailQueue queue;
  private final OutboxStore outbox;
  private final Clock clock;
  private final Json json;

  public OutboxRelay(EmailQueue queue, OutboxStore outbox, Clock clock, Json json) {
    this.queue = queue;
    this.outbox = outbox;
    this.clock = clock;
    this.json = json;
  }

  /** Queues the emails; answers the positions (in {@code emails}) SQS did not take. */
  public List<Integer> relay(List<EmailMessage> emails, LambdaLogger logger) {
    List<Integer> failed = queue.enqueue(emails);
    Set<Integer> notQueued = new HashSet<>(failed);
    for (int i = 0; i < emails.size(); i++) {
      if (!notQueued.contains(i)) {
        markRelayed(emails.get(i).idempotencyKey(), logger);
      }
    }
    return failed;
  }

  /** Dead-letters an outbox item that is no email; false when SQS did not take it (it stays pending, tried again). */
  public boolean deadLetter(String key, String item, String reason, LambdaLogger logger) {
    if (!queue.deadLetter(item, "malformed outbox item: " + reason, 0)) {
      return false;
    }
    LogLine.of("malformed outbox item moved to the dead-letter queue").with("key", key).with("reason", reason)
        .log(logger, json);
    if (key != null) {
      markRelayed(key, logger);
    }
    return true;
  }

  private void markRelayed(String key, LambdaLogger logger) {
    try {
      outbox.markRelayed(key, clock.instant());
    } catch (RuntimeException e) {
      // Queued but still pending: the sweeper will queue it once more, and the worker skip the duplicate.
      LogLine.of("outbox email queued but not marked relayed").with("key", key)
          .with("error", e.getClass().getSimpleName()).log(logger, json);
    }
  }
}
