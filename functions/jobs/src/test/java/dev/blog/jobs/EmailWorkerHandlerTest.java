package dev.blog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.testing.TestContext;
import dev.blog.jobs.internal.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The email worker against ElasticMQ (SQS protocol), GreenMail (SMTP) and DynamoDB Local. */
class EmailWorkerHandlerTest {
  private final JobsFixture f = new JobsFixture();
  private final EmailWorkerHandler worker = f.worker();

  @AfterEach
  void close() {
    f.close();
  }

  private static EmailMessage email(String key) {
    return new EmailMessage(key, key + "@example.com", "Hello " + key, "Body of " + key);
  }

  private static Set<String> failedIds(SQSBatchResponse response) {
    return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .collect(Collectors.toSet());
  }

  @Test
  void theSameEmailDeliveredThreeTimesAtOnceIsSentOnce() throws Exception {
    EmailMessage once = email("welcome-1");
    for (int i = 0; i < 3; i++) {
      f.send(once);
    }
    List<SQSEvent.SQSMessage> deliveries = f.receive(3);
    assertThat(deliveries).hasSize(3);

    ExecutorService pool = Executors.newFixedThreadPool(3);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<SQSBatchResponse>> answers = new ArrayList<>();
    for (SQSEvent.SQSMessage delivery : deliveries) {
      answers.add(pool.submit(() -> {
        start.await();
        return worker.handleRequest(JobsFixture.event(List.of(delivery)), new TestContext());
      }));
    }
    start.countDown();
    List<SQSEvent.SQSMessage> toRetry = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      if (!answers.get(i).get().getBatchItemFailures().isEmpty()) {
        toRetry.add(deliveries.get(i)); // lost the race while the winner was sending: Lambda retries it
      }
    }
    pool.shutdown();
    // The retries, and a fourth, later redelivery, find the email sent and send nothing.
    toRetry.add(deliveries.get(0));
    assertThat(worker.handleRequest(JobsFixture.event(toRetry), new TestContext()).getBatchItemFailures()).isEmpty();
    assertThat(f.emailsCaught()).isEqualTo(1);
  }

  @Test
  void whenSmtpRefusesTheBatchAnswerNamesExactlyTheMessagesThatFailed() {
    f.send(email("already-sent"));
    worker.handleRequest(JobsFixture.event(f.receive(1)), new TestContext());
    assertThat(f.emailsCaught()).isEqualTo(1);

    f.stopSmtp();
    f.send(email("already-sent"));
    f.send(email("new-1"));
    f.send("{not json");
    f.send(email("new-2"));
    List<SQSEvent.SQSMessage> batch = f.receive(4);
    Set<String> expectedFailures = batch.stream().filter(m -> m.getBody().contains("new-")).map(SQSEvent.SQSMessage::getMessageId)
        .collect(Collectors.toSet());

    SQSBatchResponse response = worker.handleRequest(JobsFixture.event(batch), new TestContext());
    assertThat(failedIds(response)).isEqualTo(expectedFailures).hasSize(2);

    // Once SMTP is back, the failed ones are sent when they come back (after their back-off).
    f.startSmtp();
    List<SQSEvent.SQSMessage> retried = f.receive(2);
    assertThat(retried).extracting(SQSEvent.SQSMessage::getMessageId).containsExactlyInAnyOrderElementsOf(expectedFailures);
    assertThat(worker.handleRequest(JobsFixture.event(retried), new TestContext()).getBatchItemFailures()).isEmpty();
    assertThat(f.emailsCaught()).isEqualTo(2);
  }

  @Test
  void anUnreadableMessageGoesStraightToTheDeadLetterQueueWithItsReason() {
    f.send("{\"idempotencyKey\":\"x\",\"to\":\"a@example.com\"}"); // no subject, no text
    SQSBatchResponse response = worker.handleRequest(JobsFixture.event(f.receive(1)), new TestContext());
    assertThat(response.getBatchItemFailures()).isEmpty();
    List<SQSEvent.SQSMessage> dead = f.receive(f.deadLetterUrl, 1);
    assertThat(dead).singleElement().satisfies(m -> assertThat(m.getBody()).contains("a@example.com"));
    assertThat(f.emailsCaught()).isZero();
  }

  @Test
  void aFailedMessageComesBackAfterItsBackOffNotAfterTheVisibilityTimeout() {
    f.stopSmtp();
    f.send(email("later"));
    long start = System.currentTimeMillis();
    worker.handleRequest(JobsFixture.event(f.receive(1)), new TestContext());
    assertThat(f.receive(1)).hasSize(1);
    // The queue's visibility timeout is 30 s; the back-off after a first failure is 1 s.
    assertThat(System.currentTimeMillis() - start).isLessThan(10_000);
  }

  @Test
  void theBatchReportsEmailMetricsAsEmbeddedMetricFormat() {
    f.send(email("metric"));
    TestContext context = new TestContext();
    worker.handleRequest(JobsFixture.event(f.receive(1)), context);
    assertThat(context.logs().all()).contains("\"CloudWatchMetrics\"", "\"EmailsSent\":1", "\"EmailsFailed\":0");
  }

  @Test
  void aLockLeftByACrashedInvocationExpiresAfterTheFunctionTimeout() {
    Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
    IdempotencyStore crashed = f.idempotency(Clock.fixed(t0, ZoneOffset.UTC), Duration.ofSeconds(30));
    assertThat(crashed.claim("k")).isEqualTo(IdempotencyStore.Claim.CLAIMED);
    IdempotencyStore soon = f.idempotency(Clock.fixed(t0.plusSeconds(10), ZoneOffset.UTC), Duration.ofSeconds(30));
    assertThat(soon.claim("k")).isEqualTo(IdempotencyStore.Claim.IN_PROGRESS_ELSEWHERE);
    IdempotencyStore later = f.idempotency(Clock.fixed(t0.plusSeconds(31), ZoneOffset.UTC), Duration.ofSeconds(30));
    assertThat(later.claim("k")).isEqualTo(IdempotencyStore.Claim.CLAIMED);
    later.complete("k");
    assertThat(later.claim("k")).isEqualTo(IdempotencyStore.Claim.ALREADY_DONE);
  }
}
