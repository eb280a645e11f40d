package dev.blog.jobs;

import dev.blog.jobs.sending.EmailSender;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.blog.core.error.DomainException;
import dev.blog.core.json.Json;
import dev.blog.core.logging.LogLine;
import dev.blog.core.mail.EmailMessage;
import dev.blog.jobs.internal.IdempotencyStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The email worker, triggered by the email queue with ReportBatchItemFailures: only the messages that
 * failed come back (the rest are deleted), each after an exponential back-off, and after 5 receives the
 * queue's redrive policy moves a message to the dead-letter queue. A message that cannot be parsed is put
 * on the dead-letter queue at once, not retried five times. Each email is claimed in the idempotency
 * store first, so a message delivered twice, or concurrently, sends once.
 * See https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
public final class EmailWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final Json json;
  private final EmailSender sender;
  private final IdempotencyStore idempotency;
  private final EmailQueue queue;
  private final Metrics metrics;
  private final int baseDelaySeconds;

  public EmailWorkerHandler() {
    this(JobsComponent.create());
  }

  private EmailWorkerHandler(JobsComponent c) {
    this(c.json(), c.emailSender(), c.idempotency(), c.emailQueue(), c.metrics(), c.settings().retryBaseDelaySeconds());
  }

  EmailWorkerHandler(Json json, EmailSender sender, IdempotencyStore idempotency, EmailQueue queue, Metrics metrics,
      int baseDelaySeconds) {
    this.json = json;
    this.sender = sender;
    this.idempotency = idempotency;
    this.queue = queue;
    this.metrics = metrics;
    this.baseDelaySeconds = baseDelaySeconds;
  }

  /** What one message came to; only DEFERRED and SEND_FAILED go back to the queue. */
  private enum Outcome { SENT, DUPLICATE, DEFERRED, SEND_FAILED, DEAD_LETTERED }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    int sent = 0;
    int failed = 0;
    int skipped = 0;
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      Outcome outcome;
      try {
        outcome = process(message, context);
      } catch (DomainException e) {
        outcome = switch (QueueFailures.of(e)) {
          case RETRY_LATER -> retryLater(message);
          case DEAD_LETTER -> poison(message, e.detail(), context) ? Outcome.DEAD_LETTERED : Outcome.DEFERRED;
        };
      }
      switch (outcome) {
        case SENT -> sent++;
        case DUPLICATE -> skipped++;
        case DEFERRED -> failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        case SEND_FAILED -> {
          failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
          failed++;
        }
        case DEAD_LETTERED -> { } // gone from the queue, kept in the dead-letter queue with its reason
      }
    }
    metrics.emails(context.getFunctionName(), sent, failed, skipped, context.getLogger());
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }

  private Outcome process(SQSEvent.SQSMessage message, Context context) {
    EmailMessage email = json.read(message.getBody().getBytes(StandardCharsets.UTF_8), EmailMessage.class);
    return switch (idempotency.claim(email.idempotencyKey())) {
      case ALREADY_DONE -> Outcome.DUPLICATE;
      // Another invocation holds it now: look again later; by then it is done (and this is skipped).
      case IN_PROGRESS_ELSEWHERE -> retryLater(message);
      case CLAIMED -> send(email, message, context);
    };
  }

  private Outcome send(EmailMessage email, SQSEvent.SQSMessage message, Context context) {
    try {
      sender.send(email);
    } catch (EmailSender.EmailSendException e) {
      idempotency.release(email.idempotencyKey());
      LogLine.of("email not sent, will retry").with("messageId", message.getMessageId())
          .with("receiveCount", receiveCount(message)).with("error", e.getClass().getSimpleName())
          .log(context.getLogger(), json);
      retryLater(message);
      return Outcome.SEND_FAILED;
    }
    idempotency.complete(email.idempotencyKey());
    return Outcome.SENT;
  }

  private Outcome retryLater(SQSEvent.SQSMessage message) {
    queue.retryLater(message.getReceiptHandle(), receiveCount(message), baseDelaySeconds);
    return Outcome.DEFERRED;
  }

  /** Sends a message that can never succeed to the dead-letter queue; true when it is there (may be deleted here). */
  private boolean poison(SQSEvent.SQSMessage message, String reason, Context context) {
    try {
      queue.deadLetter(message.getBody(), reason);
      LogLine.of("message moved to the dead-letter queue").with("messageId", message.getMessageId())
          .with("reason", reason).log(context.getLogger(), json);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static int receiveCount(SQSEvent.SQSMessage message) {
    String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
    try {
      return count == null ? 1 : Integer.parseInt(count);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
