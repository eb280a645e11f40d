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

/**
 * The email worker against ElasticMQ (SQS protocol), GreenMail (SMTP) and moto server, with faults injected on
 * the wire between them and the worker (JobsFixture): each message's fate is its own, and an email is sent once.
 */
class EmailWorkerHandlerTest {
  /** The worker's template timeout. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

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

  private SQSBatchResponse handle(List<SQSEvent.SQSMessage> messages) {
    return worker.handleRequest(JobsFixture.event(messages), TestContext.withTimeout(TIMEOUT));
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
        return handle(List.of(delivery));
      }));
    }
    start.countDown();
    for (Future<SQSBatchResponse> answer : answers) {
      answer.get();
    }
    pool.shutdown();
    // The losers of the race come back once the winner's claim is over; a fourth, later delivery too: none sends.
    assertThat(handle(List.of(deliveries.get(0))).getBatchItemFailures()).isEmpty();
    assertThat(f.emailsCaught()).isEqualTo(1);
  }

  @Test
  void whenSmtpRefusesTheBatchAnswerNamesExactlyTheMessagesThatFailed() throws Exception {
    f.send(email("already-sent"));
    handle(f.receive(1));
    assertThat(f.emailsCaught()).isEqualTo(1);

    f.faults("{\"smtp\":{\"down\":true}}");
    f.send(email("already-sent"));
    f.send(email("new-1"));
    f.send("{not json");
    f.send(email("new-2"));
    List<SQSEvent.SQSMessage> batch = f.receive(4);
    Set<String> expectedFailures = batch.stream().filter(m -> m.getBody().contains("new-")).map(SQSEvent.SQSMessage::getMessageId)
        .collect(Collectors.toSet());

    SQSBatchResponse response = handle(batch);
    assertThat(failedIds(response)).isEqualTo(expectedFailures).hasSize(2);

    // Once SMTP is back, the failed ones are sent when they come back (after their back-off).
    f.faults("{}");
    List<SQSEvent.SQSMessage> retried = f.receive(f.queueUrl, 2, Duration.ofSeconds(15));
    assertThat(retried).extracting(SQSEvent.SQSMessage::getMessageId).containsExactlyInAnyOrderElementsOf(expectedFailures);
    assertThat(handle(retried).getBatchItemFailures()).isEmpty();
    assertThat(f.emailsCaught()).isEqualTo(3);
    assertThat(f.receive(f.deadLetterUrl, 1)).singleElement().satisfies(m -> assertThat(m.getBody()).isEqualTo("{not json"));
  }

  @Test
  void anUnreadableMessageGoesStraightToTheDeadLetterQueueWithItsReason() {
    f.send("{\"idempotencyKey\":\"x\",\"to\":\"a@example.com\"}"); // no subject, no text
    SQSBatchResponse response = handle(f.receive(1));
    assertThat(response.getBatchItemFailures()).isEmpty();
    List<SQSEvent.SQSMessage> dead = f.receive(f.deadLetterUrl, 1);
    assertThat(dead).singleElement().satisfies(m -> {
      assertThat(m.getBody()).contains("a@example.com");
      assertThat(m.getMessageAttributes().get("reason").getStringValue()).isNotBlank();
    });
    assertThat(f.emailsCaught()).isZero();
  }

  @Test
  void anAddressTheMailServiceRefusesGoesStraightToTheDeadLetterQueueWithoutFiveUselessTries() {
    f.send(new EmailMessage("bad-address", "not an address", "s", "t"));
    assertThat(handle(f.receive(1)).getBatchItemFailures()).isEmpty();
    assertThat(f.receive(f.deadLetterUrl, 1)).singleElement().satisfies(m ->
        assertThat(m.getMessageAttributes().get("reason").getStringValue()).contains("Not an email address"));
  }

  @Test
  void aFailedMessageComesBackAfterItsBackOffNotAfterTheVisibilityTimeout() {
    f.faults("{\"smtp\":{\"down\":true}}");
    f.send(email("later"));
    long start = System.currentTimeMillis();
    handle(f.receive(1));
    assertThat(f.receive(1)).hasSize(1);
    // The queue's visibility timeout is 30 s; the back-off after a first failure is 1 s.
    assertThat(System.currentTimeMillis() - start).isLessThan(10_000);
  }

  @Test
  void aMessageThatKeepsFailingEndsInTheDeadLetterQueueAfterFiveReceives() {
    EmailWorkerHandler quick = f.worker(new RetrySchedule(Duration.ZERO, Duration.ZERO), 50);
    f.faults("{\"smtp\":{\"down\":true}}");
    f.send(email("never"));
    List<SQSEvent.SQSMessage> dead = List.of();
    for (int receive = 1; receive <= 6 && dead.isEmpty(); receive++) {
      List<SQSEvent.SQSMessage> delivered = f.receive(1);
      if (!delivered.isEmpty()) {
        assertThat(quick.handleRequest(JobsFixture.event(delivered), TestContext.withTimeout(TIMEOUT))
            .getBatchItemFailures()).hasSize(1);
      }
      dead = f.receive(f.deadLetterUrl, 1, Duration.ofMillis(200));
    }
    assertThat(dead).singleElement().satisfies(m ->
        assertThat(Integer.parseInt(m.getAttributes().get("ApproximateReceiveCount"))).isGreaterThanOrEqualTo(5));
    assertThat(f.emailsCaught()).isZero();
  }

  @Test
  void anEmailSentButNotRecordedIsNotSentAgainByItsMessage() {
    // The store fails every UpdateItem (complete() is one; the claim is a conditional PutItem): the send is done.
    f.faults("{\"dynamodb\":{\"errorRate\":1,\"operations\":[\"UpdateItem\"]}}");
    f.send(email("unrecorded"));
    TestContext context = TestContext.withTimeout(TIMEOUT);
    SQSBatchResponse response = worker.handleRequest(JobsFixture.event(f.receive(1)), context);
    assertThat(response.getBatchItemFailures()).as("acknowledged: sent, not to be retried").isEmpty();
    assertThat(f.emailsCaught()).isEqualTo(1);
    assertThat(context.logs().all()).contains("\"EmailsSentUnrecorded\":1");

    // A duplicate of the message, while the claim holds, sends nothing either.
    f.faults("{}");
    f.send(email("unrecorded"));
    assertThat(handle(f.receive(1)).getBatchItemFailures()).hasSize(1);
    assertThat(f.emailsCaught()).isEqualTo(1);
  }

  @Test
  void aStoreOutOfReachBeforeSendingSendsNothingAndTheMessageComesBack() throws Exception {
    f.faults("{\"dynamodb\":{\"errorRate\":1}}");
    f.send(email("store-down"));
    SQSBatchResponse response = handle(f.receive(1));
    assertThat(response.getBatchItemFailures()).hasSize(1);
    assertThat(f.emailsCaught()).isZero();

    f.faults("{}");
    List<SQSEvent.SQSMessage> back = f.receive(f.queueUrl, 1, Duration.ofSeconds(15));
    assertThat(handle(back).getBatchItemFailures()).isEmpty();
    assertThat(f.emailsCaught()).isEqualTo(1);
  }

  @Test
  void aHangingStoreEndsTheBatchBeforeTheFunctionTimesOutWithEveryMessageBackOnTheQueue() {
    f.faults("{\"dynamodb\":{\"delayMs\":60000}}");
    for (int i = 0; i < 5; i++) {
      f.send(email("hanging-" + i));
    }
    List<SQSEvent.SQSMessage> batch = f.receive(5);
    long start = System.nanoTime();
    SQSBatchResponse response = handle(batch);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(failedIds(response)).hasSize(5);
    assertThat(took).isLessThan(TIMEOUT);
    assertThat(f.emailsCaught()).isZero();
  }

  @Test
  void theBatchReportsEmailMetricsAsEmbeddedMetricFormat() {
    f.send(email("metric"));
    TestContext context = TestContext.withTimeout(TIMEOUT);
    worker.handleRequest(JobsFixture.event(f.receive(1)), context);
    assertThat(context.logs().all()).contains("\"CloudWatchMetrics\"", "\"EmailsSent\":1", "\"EmailsFailed\":0");
  }

  @Test
  void sendsArePacedToTheConfiguredRate() {
    EmailWorkerHandler paced = f.worker(new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(1)), 5);
    for (int i = 0; i < 6; i++) {
      f.send(email("paced-" + i));
    }
    List<SQSEvent.SQSMessage> batch = f.receive(6);
    long start = System.nanoTime();
    paced.handleRequest(JobsFixture.event(batch), TestContext.withTimeout(TIMEOUT));
    // 5 a second: the sixth send waits a second after the first.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    assertThat(f.emailsCaught()).isEqualTo(6);
  }

  @Test
  void aLockLeftByACrashedInvocationExpiresWithThatInvocation() {
    Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
    Duration invocation = Duration.ofSeconds(30);
    IdempotencyStore crashed = f.idempotency(Clock.fixed(t0, ZoneOffset.UTC));
    assertThat(crashed.claim("k", invocation).status()).isEqualTo(IdempotencyStore.Status.CLAIMED);
    IdempotencyStore soon = f.idempotency(Clock.fixed(t0.plusSeconds(10), ZoneOffset.UTC));
    IdempotencyStore.Claim held = soon.claim("k", invocation);
    assertThat(held.status()).isEqualTo(IdempotencyStore.Status.IN_PROGRESS_ELSEWHERE);
    assertThat(held.heldUntil()).contains(t0.plus(invocation));
    IdempotencyStore later = f.idempotency(Clock.fixed(t0.plusSeconds(31), ZoneOffset.UTC));
    assertThat(later.claim("k", invocation).status()).isEqualTo(IdempotencyStore.Status.CLAIMED);
    later.complete("k");
    assertThat(later.claim("k", invocation).status()).isEqualTo(IdempotencyStore.Status.ALREADY_DONE);
  }
}
