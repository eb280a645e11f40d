package dev.blog.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.blog.core.error.DomainException;
import dev.blog.core.json.Json;
import dev.blog.core.logging.LogLine;
import dev.blog.core.mail.EmailMessage;
import dev.blog.jobs.internal.IdempotencyStore;
import dev.blog.jobs.sending.EmailSender;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * One queued email, from message to sent, isolated from the others of its batch: whatever fails here (the
 * message, the idempotency store, the sender, the queue) decides this message's {@link Outcome} only.
 *
 * <p>Once in effect: the email's idempotency key is claimed before sending, for as long as this invocation may run,
 * and recorded as sent after. A claim held elsewhere, or a store that cannot be reached before sending, sends
 * nothing and the message comes back later. After sending, the email is never sent again by this message: a store
 * that cannot record the send is retried while the invocation has time, then the message is acknowledged anyway
 * and the email counted as sent but not recorded. That is the one window for a duplicate (documented in the
 * README): a crash, or a store outage, between sending and recording, after which a second delivery of the same
 * email (a redelivered message, a re-relayed outbox item) finds the claim expired and sends it again. Nothing in
 * that window is lost.
 */
final class EmailDelivery {
  /** What became of one message; SENT_UNRECORDED is sent, not retried, and reported. */
  enum Outcome { SENT, SENT_UNRECORDED, DUPLICATE, DEFERRED, SEND_FAILED, DEAD_LETTERED }

  /** The claim outlives the invocation by this much: clocks of two Lambda hosts may differ a little. */
  static final Duration LOCK_MARGIN = Duration.ofSeconds(1);
  /** Recording a send is retried this often (each a call within the time budget) before giving up. */
  static final int RECORD_ATTEMPTS = 3;

  private final Json json;
  private final EmailSender sender;
  private final IdempotencyStore idempotency;
  private final EmailQueue queue;
  private final RetrySchedule retries;
  private final SendPacer pacer;
  private final Clock clock;

  EmailDelivery(Json json, EmailSender sender, IdempotencyStore idempotency, EmailQueue queue, RetrySchedule retries,
      SendPacer pacer, Clock clock) {
    this.json = json;
    this.sender = sender;
    this.idempotency = idempotency;
    this.queue = queue;
    this.retries = retries;
    this.pacer = pacer;
    this.clock = clock;
  }

  Outcome deliver(SQSEvent.SQSMessage message, Context context) {
    EmailMessage email;
    try {
      email = json.read(message.getBody().getBytes(StandardCharsets.UTF_8), EmailMessage.class);
    } catch (DomainException e) {
      return failed(message, e, context);
    } catch (RuntimeException e) {
      return deadLetter(message, "not an email message: " + e.getClass().getSimpleName(), context);
    }
    IdempotencyStore.Claim claim;
    try {
      claim = idempotency.claim(email.idempotencyKey(), Duration.ofMillis(context.getRemainingTimeInMillis()).plus(LOCK_MARGIN));
    } catch (DomainException e) {
      return failed(message, e, context);
    } catch (RuntimeException e) {
      return unexpected(message, "claim", e, context);
    }
    return switch (claim.status()) {
      case ALREADY_DONE -> Outcome.DUPLICATE;
      // Another invocation holds it now: look again once its claim has passed (by then it is done, and skipped).
      case IN_PROGRESS_ELSEWHERE -> later(message, claim.heldUntil().map(until -> Duration.between(clock.instant(), until))
          .filter(wait -> wait.compareTo(retries.delayAfter(receiveCount(message))) > 0)
          .orElse(retries.delayAfter(receiveCount(message))));
      case CLAIMED -> send(email, message, context);
    };
  }

  private Outcome send(EmailMessage email, SQSEvent.SQSMessage message, Context context) {
    try {
      pacer.awaitTurn();
      sender.send(email);
    } catch (EmailSender.EmailSendException e) {
      release(email, context);
      LogLine.of("email not sent").with("messageId", message.getMessageId()).with("receiveCount", receiveCount(message))
          .with("permanent", e.permanent()).with("error", e.getMessage()).log(context, json);
      if (e.permanent()) {
        return deadLetter(message, e.getMessage(), context);
      }
      later(message, retries.delayAfter(receiveCount(message)));
      return Outcome.SEND_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      release(email, context);
      return later(message, Duration.ZERO);
    }
    return record(email, message, context);
  }

  /** The email went out: record it, retrying while there is time; never send it again from this message. */
  private Outcome record(EmailMessage email, SQSEvent.SQSMessage message, Context context) {
    for (int attempt = 1; ; attempt++) {
      try {
        idempotency.complete(email.idempotencyKey());
        return Outcome.SENT;
      } catch (RuntimeException e) {
        if (attempt == RECORD_ATTEMPTS || !pause(attempt)) {
          LogLine.of("email sent but not recorded as sent: a later delivery of it may send it again")
              .with("messageId", message.getMessageId()).with("idempotencyKey", email.idempotencyKey())
              .with("error", e.getClass().getSimpleName()).log(context, json);
          return Outcome.SENT_UNRECORDED;
        }
      }
    }
  }

  private static boolean pause(int attempt) {
    try {
      Thread.sleep(100L * attempt);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Gives the claim back so the next delivery may send at once; if the store is out of reach, the claim expires. */
  private void release(EmailMessage email, Context context) {
    try {
      idempotency.release(email.idempotencyKey());
    } catch (RuntimeException e) {
      LogLine.of("claim not released; it expires with this invocation").with("idempotencyKey", email.idempotencyKey())
          .with("error", e.getClass().getSimpleName()).log(context, json);
    }
  }

  /** A domain error before sending: retried later or dead-lettered, as the queue edge's one mapping says. */
  private Outcome failed(SQSEvent.SQSMessage message, DomainException e, Context context) {
    return switch (QueueFailures.of(e)) {
      case RETRY_LATER -> later(message, retries.delayAfter(receiveCount(message)));
      case DEAD_LETTER -> deadLetter(message, e.detail(), context);
    };
  }

  /** Anything else before sending is a bug or an outage nobody planned for: logged, and the message tried again. */
  private Outcome unexpected(SQSEvent.SQSMessage message, String step, RuntimeException e, Context context) {
    LogLine.of("email step failed unexpectedly").with("messageId", message.getMessageId()).with("step", step)
        .with("error", e.getClass().getName()).log(context, json);
    return later(message, retries.delayAfter(receiveCount(message)));
  }

  Outcome later(SQSEvent.SQSMessage message, Duration delay) {
    queue.retryLater(message.getReceiptHandle(), delay);
    return Outcome.DEFERRED;
  }

  /** To the dead-letter queue with its reason; if SQS does not take it now, it stays and is tried again. */
  private Outcome deadLetter(SQSEvent.SQSMessage message, String reason, Context context) {
    if (!queue.deadLetter(message.getBody(), reason, receiveCount(message))) {
      return later(message, retries.delayAfter(receiveCount(message)));
    }
    LogLine.of("message moved to the dead-letter queue").with("messageId", message.getMessageId())
        .with("reason", reason).log(context, json);
    return Outcome.DEAD_LETTERED;
  }

  static int receiveCount(SQSEvent.SQSMessage message) {
    String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
    try {
      return count == null ? 1 : Math.max(1, Integer.parseInt(count));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
