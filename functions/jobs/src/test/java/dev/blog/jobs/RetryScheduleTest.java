package dev.blog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.local.template.FunctionDef;
import dev.blog.local.template.QueueDef;
import dev.blog.local.template.Template;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The email back-off as template.yaml configures it: with the queue's receive count, an SES outage of an hour
 * dead-letters nothing; and a short hiccup costs seconds.
 */
class RetryScheduleTest {
  private static final Template TEMPLATE = Template.load(Template.findProjectDir());

  private static RetrySchedule deployed() {
    FunctionDef worker = TEMPLATE.function("EmailWorkerFunction");
    return new RetrySchedule(Duration.ofSeconds(Long.parseLong((String) worker.environment().get("RETRY_BASE_DELAY_SECONDS"))),
        Duration.ofSeconds(Long.parseLong((String) worker.environment().get("RETRY_MAX_DELAY_SECONDS"))));
  }

  private static int maxReceiveCount() {
    return TEMPLATE.queues().stream().filter(q -> q.logicalId().equals("EmailQueue")).findFirst()
        .flatMap(QueueDef::redrive).orElseThrow().maxReceiveCount();
  }

  @Test
  void anOutageOfAnHourDeadLettersNothing() {
    assertThat(maxReceiveCount()).as("the contract: dead-lettered after 5 receives").isEqualTo(5);
    Duration tolerated = deployed().toleratedOutage(maxReceiveCount());
    assertThat(tolerated).isGreaterThanOrEqualTo(Duration.ofHours(1)).isEqualTo(Duration.ofSeconds(10 + 80 + 640 + 3600));
  }

  @Test
  void theFirstRetryComesWithinSecondsAndNoDelayIsLongerThanTheMaximumNorSqsAllows() {
    RetrySchedule schedule = deployed();
    assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofSeconds(80));
    assertThat(schedule.delayAfter(40)).isEqualTo(Duration.ofHours(1)).isLessThanOrEqualTo(EmailQueue.MAX_DELAY);
  }

  @Test
  void theQueueHidesAMessageLongerThanTheWorkerCanRunSoNoMessageIsDeliveredTwiceAtOnce() {
    int visibility = TEMPLATE.queues().stream().filter(q -> q.logicalId().equals("EmailQueue")).findFirst()
        .flatMap(QueueDef::visibilityTimeoutSeconds).orElseThrow();
    assertThat(visibility).isGreaterThanOrEqualTo(6 * TEMPLATE.function("EmailWorkerFunction").timeoutSeconds());
  }
}
