package dev.blog.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.blog.core.budget.Deadline;
import dev.blog.core.budget.TimeBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The email worker, triggered by the email queue with ReportBatchItemFailures: only the messages that
 * failed come back (the rest are deleted), each after its back-off ({@link RetrySchedule}), and after 5 receives
 * the queue's redrive policy moves a message to the dead-letter queue. A message that can never succeed (unreadable,
 * or refused by the mail service) is put on the dead-letter queue at once, with its reason. Each message is handled
 * on its own ({@link EmailDelivery}): a failure of one, of whatever kind, is that message's alone. When the
 * invocation's time runs low, no new message is started: the rest go back to the queue at once, untried.
 * See https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
public final class EmailWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final EmailDelivery delivery;
  private final Metrics metrics;
  private final TimeBudget budget;

  public EmailWorkerHandler() {
    this(JobsComponent.create());
  }

  private EmailWorkerHandler(JobsComponent c) {
    this(new EmailDelivery(c.json(), c.emailSender(), c.idempotency(), c.emailQueue(), c.retrySchedule(),
        new SendPacer(c.settings().sendRatePerSecond()), c.clock()), c.metrics(), c.timeBudget());
  }

  EmailWorkerHandler(EmailDelivery delivery, Metrics metrics, TimeBudget budget) {
    this.delivery = delivery;
    this.metrics = metrics;
    this.budget = budget;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return Deadline.within(context.getRemainingTimeInMillis(), () -> handle(event, context));
  }

  private SQSBatchResponse handle(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    Map<EmailDelivery.Outcome, Integer> tally = new EnumMap<>(EmailDelivery.Outcome.class);
    int untried = 0;
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      EmailDelivery.Outcome outcome;
      if (context.getRemainingTimeInMillis() < messageReserve().toMillis()) {
        outcome = delivery.later(message, Duration.ZERO); // not tried: back at once, for the next invocation
        untried++;
      } else {
        outcome = delivery.deliver(message, context);
      }
      tally.merge(outcome, 1, Integer::sum);
      if (outcome == EmailDelivery.Outcome.DEFERRED || outcome == EmailDelivery.Outcome.SEND_FAILED) {
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    metrics.emails(context.getFunctionName(), tally, untried, context.getLogger());
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }

  /**
   * What one message may take at worst: the claim, the send and the record, each a call within the budget, and
   * the answer. A message is started only while that much time is left.
   */
  Duration messageReserve() {
    return budget.callTimeout().multipliedBy(3).plus(budget.answerReserve());
  }
}
