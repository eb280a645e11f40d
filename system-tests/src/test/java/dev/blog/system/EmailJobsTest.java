package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.local.LocalStack;
import dev.blog.local.faults.Faults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The email jobs through the whole local stack: register (outbox table, its stream, relay, queue, worker, SMTP),
 * with SMTP, SQS and the outbox itself failing on the wire ({@code /_local/faults}), the dead letters
 * ({@code /_local/dead-letters}, {@code ./dev redrive}) and the daily summary, as GET /_local/emails shows them.
 * Every wait polls for what it awaits.
 */
class EmailJobsTest {
  /** Longer than the whole local back-off of old (15 s), shorter than today's (1 + 8 + 30 + 30 = 69 s). */
  private static final Duration OUTAGE = Duration.ofSeconds(20);

  private final Api api = LocalStackFixture.api();
  private final LocalStack stack = LocalStackFixture.stack();

  @AfterEach
  void noFaults() {
    stack.faults(Faults.NONE);
  }

  private List<JsonNode> emailsTo(String address) {
    List<JsonNode> found = new ArrayList<>();
    api.get("/_local/emails", null).json().forEach(email -> {
      if (email.get("to").asText().equals(address)) {
        found.add(email);
      }
    });
    return found;
  }

  private List<JsonNode> deadLetters(Predicate<JsonNode> matching) {
    List<JsonNode> found = new ArrayList<>();
    api.get("/_local/dead-letters", null).json().forEach(letter -> {
      if (matching.test(letter)) {
        found.add(letter);
      }
    });
    return found;
  }

  private static boolean await(BooleanSupplier done, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(250);
    }
    return true;
  }

  private List<JsonNode> awaitEmails(String address, Predicate<List<JsonNode>> done, Duration within) throws InterruptedException {
    await(() -> done.test(emailsTo(address)), within);
    return emailsTo(address);
  }

  /** Whether the email queue is empty, nothing in flight either: every message the worker got is settled. */
  private boolean emailQueueSettled() {
    try (SqsClient sqs = sqs()) {
      Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(stack.queueUrl("EmailQueue"))
          .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
      return attributes.values().stream().allMatch("0"::equals);
    }
  }

  /**
   * Exactly one email to {@code to}, counted once the queue has settled: a duplicate delivered after the first
   * arrival would be missed by a count taken at that arrival.
   */
  private void sentExactlyOnce(String to) throws Exception {
    assertThat(await(this::emailQueueSettled, Duration.ofSeconds(30))).as("the email queue settled").isTrue();
    assertThat(emailsTo(to)).as("emails to " + to).hasSize(1);
  }

  private SqsClient sqs() {
    return SqsClient.builder().endpointOverride(stack.sqsEndpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.builder().build()).build();
  }

  @Test
  void registeringSendsExactlyOneWelcomeEmailThatGreetsTheUserByName() throws Exception {
    assertThat(api.register("welcome@example.com", "correct horse", "Grace Hopper").status()).isEqualTo(201);
    List<JsonNode> emails = awaitEmails("welcome@example.com", l -> !l.isEmpty(), Duration.ofSeconds(60));
    assertThat(emails).singleElement().satisfies(email -> {
      assertThat(email.get("subject").asText()).contains("Grace Hopper");
      assertThat(email.get("text").asText()).startsWith("Hello Grace Hopper");
    });
    // and no second one follows once everything queued is settled
    assertThat(await(this::emailQueueSettled, Duration.ofSeconds(30))).isTrue();
    assertThat(emailsTo("welcome@example.com")).hasSize(1);
  }

  @Test
  void smtpDownLongerThanTheOldBackOffLosesNothingDeadLettersNothingAndSendsEachEmailOnce() throws Exception {
    long workerRuns = stack.invocations("EmailWorkerFunction");
    stack.faults(Faults.parse("{\"smtp\":{\"down\":true}}"));
    api.register("outage-1@example.com", "correct horse", "Outage One");
    api.register("outage-2@example.com", "correct horse", "Outage Two");
    assertThat(await(() -> stack.invocations("EmailWorkerFunction") >= workerRuns + 2, Duration.ofSeconds(60)))
        .as("the worker tried and failed").isTrue();
    // The outage itself (its length is what this test is about, not a wait for something): longer than the whole
    // back-off before this change (1+2+4+8 s locally, then the dead-letter queue).
    Thread.sleep(OUTAGE.toMillis());
    assertThat(emailsTo("outage-1@example.com")).isEmpty();
    // Through the outage the worker kept retrying on its back-off, and nothing reached a dead-letter queue: the old
    // schedule had dead-lettered both emails by now.
    assertThat(stack.invocations("EmailWorkerFunction")).as("retries during the outage").isGreaterThanOrEqualTo(workerRuns + 3);
    assertThat(deadLetters(l -> l.get("body").asText().contains("outage-"))).isEmpty();
    stack.faults(Faults.NONE);

    assertThat(awaitEmails("outage-1@example.com", l -> !l.isEmpty(), Duration.ofSeconds(180))).hasSize(1);
    assertThat(awaitEmails("outage-2@example.com", l -> !l.isEmpty(), Duration.ofSeconds(60))).hasSize(1);
    assertThat(await(this::emailQueueSettled, Duration.ofSeconds(30))).isTrue();
    assertThat(emailsTo("outage-1@example.com")).hasSize(1);
    assertThat(emailsTo("outage-2@example.com")).hasSize(1);
    assertThat(deadLetters(l -> l.get("body").asText().contains("outage-"))).isEmpty();
  }

  @Test
  void whileSqsRefusesTheRelayNoEmailIsLostAndEachArrivesOnceItTakesThemAgain() throws Exception {
    long relayRuns = stack.invocations("OutboxRelayFunction");
    stack.faults(Faults.parse("{\"sqs\":{\"errorRate\":1}}"));
    api.register("queue-down-1@example.com", "correct horse", "Queue Down");
    api.register("queue-down-2@example.com", "correct horse", "Queue Down Too");
    assertThat(await(() -> stack.invocations("OutboxRelayFunction") >= relayRuns + 3, Duration.ofSeconds(60)))
        .as("the relay tried, SQS refused, and the stream retried").isTrue();
    assertThat(emailsTo("queue-down-1@example.com")).isEmpty();
    stack.faults(Faults.NONE);

    assertThat(awaitEmails("queue-down-1@example.com", l -> !l.isEmpty(), Duration.ofSeconds(90))).hasSize(1);
    assertThat(awaitEmails("queue-down-2@example.com", l -> !l.isEmpty(), Duration.ofSeconds(60))).hasSize(1);
    assertThat(await(this::emailQueueSettled, Duration.ofSeconds(30))).isTrue();
    assertThat(emailsTo("queue-down-1@example.com")).hasSize(1);
    assertThat(emailsTo("queue-down-2@example.com")).hasSize(1);
  }

  @Test
  void aMalformedOutboxItemIsDeadLetteredWithItsReasonAndDoesNotBlockTheOthers() throws Exception {
    try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(stack.dynamoEndpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.builder().build()).build()) {
      dynamo.putItem(r -> r.tableName(stack.tableNames().get("OutboxTable")).item(Map.of(
          "pk", AttributeValue.fromS("OUTBOX#malformed-1"), "sk", AttributeValue.fromS("OUTBOX"),
          "idempotencyKey", AttributeValue.fromS("malformed-1"), "subject", AttributeValue.fromS("no recipient"))));
    }
    api.register("after-malformed@example.com", "correct horse", "After Malformed");
    assertThat(awaitEmails("after-malformed@example.com", l -> !l.isEmpty(), Duration.ofSeconds(60))).isNotEmpty();
    sentExactlyOnce("after-malformed@example.com");
    assertThat(await(() -> !deadLetters(l -> l.get("body").asText().contains("malformed-1")).isEmpty(), Duration.ofSeconds(30)))
        .isTrue();
    assertThat(deadLetters(l -> l.get("body").asText().contains("malformed-1"))).singleElement().satisfies(letter -> {
      assertThat(letter.get("queue").asText()).isEqualTo("EmailDeadLetterQueue");
      assertThat(letter.get("reason").asText()).startsWith("malformed outbox item");
    });
  }

  @Test
  void theSweeperRelaysWhatTheStreamLeftPendingAndDeadLettersAnItemThatCarriesNoEmail() throws Exception {
    // Two outbox items pending for ten minutes that the stream did not relay: each first written as a bare key (the
    // stream's INSERT, which the relay dead-letters and marks relayed), then rewritten whole (a MODIFY, which the
    // relay's filter ignores), as an item the stream lost would be. The sweeper's run relays the one and
    // dead-letters the other: its Query of the pending index, its SendMessage to both queues, its UpdateItem.
    String table = stack.tableNames().get("OutboxTable");
    String pendingSince = dev.blog.core.store.Times.format(Instant.now().minusSeconds(600));
    try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(stack.dynamoEndpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.builder().build()).build()) {
      for (String key : List.of("swept-1", "swept-no-recipient")) {
        var pending = dev.blog.core.store.TableLayout.pendingOutbox().startAfter(key);
        Map<String, AttributeValue> bare = Map.of("pk", pending.get("pk"), "sk", pending.get("sk"));
        dynamo.putItem(r -> r.tableName(table).item(bare));
        assertThat(await(() -> dynamo.getItem(r -> r.tableName(table).key(bare).consistentRead(true)).item()
            .containsKey("relayedAt"), Duration.ofSeconds(60))).as("the relay took the bare INSERT of " + key).isTrue();
        Map<String, AttributeValue> item = new java.util.HashMap<>(pending);
        item.put("kind", AttributeValue.fromS("email"));
        item.put("idempotencyKey", AttributeValue.fromS(key));
        item.put("subject", AttributeValue.fromS("Left pending"));
        item.put("text", AttributeValue.fromS("t"));
        item.put("createdAt", AttributeValue.fromS(pendingSince));
        if (key.equals("swept-1")) {
          item.put("to", AttributeValue.fromS("swept-1@example.com"));
        }
        dynamo.putItem(r -> r.tableName(table).item(item));
      }
    }
    JsonNode run = Api.JSON.readTree(stack.trigger("OutboxSweeperFunction").payload());
    assertThat(run.get("relayed").asInt()).as("relayed by the sweeper: " + run).isPositive();
    assertThat(run.get("malformed").asInt()).as("dead-lettered by the sweeper: " + run).isPositive();
    assertThat(awaitEmails("swept-1@example.com", l -> !l.isEmpty(), Duration.ofSeconds(60))).isNotEmpty();
    sentExactlyOnce("swept-1@example.com");
    assertThat(deadLetters(l -> l.get("body").asText().equals("{\"key\":\"swept-no-recipient\"}"))).singleElement()
        .satisfies(letter -> assertThat(letter.get("reason").asText()).startsWith("malformed outbox item"));
  }

  @Test
  void anAddressNoMailServerTakesIsDeadLetteredAtOnceWithItsReason() throws Exception {
    try (SqsClient sqs = sqs()) {
      String body = "{\"idempotencyKey\":\"poison-1\",\"to\":\"not an address\",\"subject\":\"s\",\"text\":\"t\"}";
      sqs.sendMessage(r -> r.queueUrl(stack.queueUrl("EmailQueue")).messageBody(body));
    }
    assertThat(await(() -> !deadLetters(l -> l.get("body").asText().contains("poison-1")).isEmpty(), Duration.ofSeconds(60)))
        .isTrue();
    assertThat(deadLetters(l -> l.get("body").asText().contains("poison-1"))).singleElement().satisfies(letter -> {
      assertThat(letter.get("queue").asText()).isEqualTo("EmailDeadLetterQueue");
      assertThat(letter.get("receiveCount").asInt()).as("received once, not five times").isEqualTo(1);
      assertThat(letter.get("reason").asText()).contains("Not an email address");
    });
  }

  @Test
  void aDeadLetteredEmailIsSentOnceRedriven() throws Exception {
    // An email that failed its five receives during a long outage sits in the dead-letter queue.
    String body = "{\"idempotencyKey\":\"redriven-1\",\"to\":\"redriven@example.com\",\"subject\":\"Late\",\"text\":\"t\"}";
    try (SqsClient sqs = sqs()) {
      sqs.sendMessage(r -> r.queueUrl(stack.queueUrl("EmailDeadLetterQueue")).messageBody(body));
    }
    assertThat(deadLetters(l -> l.get("body").asText().contains("redriven-1"))).hasSize(1);
    JsonNode moved = Api.JSON.readTree(api.send("POST", "/_local/redrive", null, null).body());
    assertThat(moved.get("EmailDeadLetterQueue").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(awaitEmails("redriven@example.com", l -> !l.isEmpty(), Duration.ofSeconds(60))).isNotEmpty();
    sentExactlyOnce("redriven@example.com");
    assertThat(await(() -> deadLetters(l -> l.get("body").asText().contains("redriven-1")).isEmpty(), Duration.ofSeconds(30)))
        .isTrue();
  }

  @Test
  void aDailySummaryThatFailsThreeTimesIsKeptWithItsEventAndRunsAgainRedriven() throws Exception {
    stack.faults(Faults.parse("{\"sqs\":{\"errorRate\":1}}"));
    String scheduledAt = "2026-11-20T00:00:00Z";
    var failed = stack.invokeAsync("DailySummaryFunction", "{\"time\":\"" + scheduledAt + "\",\"detail-type\":\"Scheduled Event\"}")
        .get(120, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(failed.succeeded()).isFalse();
    List<JsonNode> records = deadLetters(l -> l.get("queue").asText().equals("ScheduledRunsDeadLetterQueue")
        && l.get("body").asText().contains(scheduledAt));
    assertThat(records).singleElement().satisfies(letter ->
        assertThat(letter.get("reason").asText()).startsWith("RetriesExhausted after 3 attempts of DailySummaryFunction"));

    stack.faults(Faults.NONE);
    JsonNode moved = Api.JSON.readTree(api.send("POST", "/_local/redrive", null, null).body());
    assertThat(moved.get("ScheduledRunsDeadLetterQueue").asInt()).isEqualTo(1);
    List<JsonNode> summaries = awaitEmails(LocalStackFixture.ADMIN_EMAIL, l -> l.stream()
        .anyMatch(e -> e.get("subject").asText().contains("2026-11-20 00:00 UTC")), Duration.ofSeconds(90));
    assertThat(summaries).filteredOn(e -> e.get("subject").asText().contains("2026-11-20 00:00 UTC")).isNotEmpty();
    assertThat(await(this::emailQueueSettled, Duration.ofSeconds(30))).as("the email queue settled").isTrue();
    assertThat(emailsTo(LocalStackFixture.ADMIN_EMAIL))
        .filteredOn(e -> e.get("subject").asText().contains("2026-11-20 00:00 UTC")).hasSize(1);
  }

  @Test
  void theDailySummaryReachesEveryAdminWithTheCountsOfTheDay() throws Exception {
    String root = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
    assertThat(api.send("POST", "/users", root, "{\"email\":\"second-admin@example.com\",\"password\":\"correct horse\","
        + "\"name\":\"Second Admin\",\"role\":\"admin\"}").status()).isEqualTo(201);
    nextSecond(); // a run's window ends at its scheduled time, to the second: let this second pass
    long before = Api.JSON.readTree(stack.trigger("DailySummaryFunction").payload()).get("newUsers").asLong();
    api.register("counted-1@example.com", "correct horse", "Counted One");
    api.register("counted-2@example.com", "correct horse", "Counted Two");
    nextSecond(); // the run's window ends at its (second-precise) scheduled time
    JsonNode run = Api.JSON.readTree(stack.trigger("DailySummaryFunction").payload());
    assertThat(run.get("newUsers").asLong()).isEqualTo(before + 2);
    assertThat(run.get("emailsQueued").asInt()).isEqualTo(2);
    for (String admin : List.of(LocalStackFixture.ADMIN_EMAIL, "second-admin@example.com")) {
      List<JsonNode> summaries = awaitEmails(admin, l -> l.stream().anyMatch(e -> e.get("text").asText()
          .contains("new users: " + (before + 2))), Duration.ofSeconds(60));
      assertThat(summaries).anySatisfy(e -> assertThat(e.get("subject").asText()).startsWith("Daily summary"));
    }
  }

  /** Waits until the wall clock's second has changed. */
  private static void nextSecond() throws InterruptedException {
    long second = Instant.now().getEpochSecond();
    await(() -> Instant.now().getEpochSecond() > second, Duration.ofSeconds(2));
  }
}
