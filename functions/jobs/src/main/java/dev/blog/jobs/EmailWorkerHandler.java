package dev.blog.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.blog.core.http.ApiException;
import dev.blog.core.http.Json;
import dev.blog.core.mail.EmailMessage;
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

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    int sent = 0;
    int failed = 0;
    int skipped = 0;
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      EmailMessage email;
      try {
        email = json.read(message.getBody().getBytes(StandardCharsets.UTF_8), EmailMessage.class);
      } catch (ApiException | IllegalArgumentException | NullPointerException unreadable) {
        if (!poison(message, context)) {
          failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        }
        continue;
      }
      switch (idempotency.claim(email.idempotencyKey())) {
        case ALREADY_DONE -> skipped++;
        case IN_PROGRESS_ELSEWHERE -> {
          // Another invocation holds it now: look again later; by then it is done (and this is skipped).
          failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
          queue.retryLater(message.getReceiptHandle(), receiveCount(message), baseDelaySeconds);
        }
        case CLAIMED -> {
          try {
            sender.send(email);
            idempotency.complete(email.idempotencyKey());
            sent++;
          } catch (EmailSender.EmailSendException e) {
            idempotency.release(email.idempotencyKey());
            failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            queue.retryLater(message.getReceiptHandle(), receiveCount(message), baseDelaySeconds);
            failed++;
            context.getLogger().log("{\"message\":\"email not sent, will retry\",\"messageId\":\"" + message.getMessageId()
                + "\",\"receiveCount\":" + receiveCount(message) + ",\"error\":\"" + e.getClass().getSimpleName() + "\"}\n");
          }
        }
        default -> throw new IllegalStateException();
      }
    }
    metrics.emails(context.getFunctionName(), sent, failed, skipped, context.getLogger());
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }

  /** Sends an unreadable message to the dead-letter queue; true when it is there (and may be deleted here). */
  private boolean poison(SQSEvent.SQSMessage message, Context context) {
    try {
      queue.deadLetter(message.getBody(), "unreadable email message");
      context.getLogger().log("{\"message\":\"unreadable message moved to the dead-letter queue\",\"messageId\":\""
          + message.getMessageId() + "\"}\n");
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
