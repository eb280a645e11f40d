package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.local.LocalStack;
import dev.blog.local.faults.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The email jobs through the whole local stack: register (outbox, stream, relay, queue, worker, SMTP),
 * an SMTP outage, a message that keeps failing, and the daily summary, as GET /_local/emails shows them.
 */
class EmailJobsTest {
  private final Api api = LocalStackFixture.api();
  private final LocalStack stack = LocalStackFixture.stack();

  private List<JsonNode> emailsTo(String address) {
    List<JsonNode> found = new ArrayList<>();
    api.get("/_local/emails", null).json().forEach(email -> {
      if (email.get("to").asText().equals(address)) {
        found.add(email);
      }
    });
    return found;
  }

  private List<JsonNode> awaitEmails(String address, Predicate<List<JsonNode>> done, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<JsonNode> found = emailsTo(address);
    while (!done.test(found) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      found = emailsTo(address);
    }
    return found;
  }

  @Test
  void registeringSendsExactlyOneWelcomeEmailThatGreetsTheUserByName() throws Exception {
    assertThat(api.register("welcome@example.com", "correct horse", "Grace Hopper").status()).isEqualTo(201);
    List<JsonNode> emails = awaitEmails("welcome@example.com", l -> !l.isEmpty(), Duration.ofSeconds(60));
    assertThat(emails).singleElement().satisfies(email -> {
      assertThat(email.get("subject").asText()).contains("Grace Hopper");
      assertThat(email.get("text").asText()).startsWith("Hello Grace Hopper");
    });
    Thread.sleep(3000); // and no second one follows
    assertThat(emailsTo("welcome@example.com")).hasSize(1);
  }

  @Test
  void whileSmtpRefusesNoEmailIsLostAndEachArrivesOnceItIsBack() throws Exception {
    stack.faults(Faults.parse("{\"smtp\":{\"down\":true}}"));
    try {
      api.register("outage-1@example.com", "correct horse", "Outage One");
      api.register("outage-2@example.com", "correct horse", "Outage Two");
      Thread.sleep(5000); // the worker tries, fails and backs off
      assertThat(emailsTo("outage-1@example.com")).isEmpty();
    } finally {
      stack.faults(Faults.NONE);
    }
    assertThat(awaitEmails("outage-1@example.com", l -> !l.isEmpty(), Duration.ofSeconds(90))).hasSize(1);
    assertThat(awaitEmails("outage-2@example.com", l -> !l.isEmpty(), Duration.ofSeconds(30))).hasSize(1);
  }

  @Test
  void aMessageThatKeepsFailingEndsInTheDeadLetterQueueAfterFiveReceives() throws Exception {
    try (SqsClient sqs = SqsClient.builder().endpointOverride(stack.sqsEndpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.builder().build()).build()) {
      // A well-formed message whose address no mail server takes: every attempt fails.
      String body = "{\"idempotencyKey\":\"poison-1\",\"to\":\"not an address\",\"subject\":\"s\",\"text\":\"t\"}";
      sqs.sendMessage(r -> r.queueUrl(stack.queueUrl("EmailQueue")).messageBody(body));
      String deadLetters = stack.queueUrl("EmailDeadLetterQueue");
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      List<software.amazon.awssdk.services.sqs.model.Message> dead = List.of();
      while (dead.isEmpty() && System.nanoTime() < deadline) {
        dead = sqs.receiveMessage(r -> r.queueUrl(deadLetters).waitTimeSeconds(1).maxNumberOfMessages(10)
            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().stream()
            .filter(m -> m.body().contains("poison-1")).toList();
      }
      assertThat(dead).singleElement().satisfies(m -> assertThat(
          Integer.parseInt(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))).isGreaterThanOrEqualTo(5));
    }
  }

  @Test
  void theDailySummaryReachesEveryAdminWithTheCountsOfTheDay() throws Exception {
    String root = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
    assertThat(api.send("POST", "/users", root, "{\"email\":\"second-admin@example.com\",\"password\":\"correct horse\","
        + "\"name\":\"Second Admin\",\"role\":\"admin\"}").status()).isEqualTo(201);
    Thread.sleep(1100); // a run's window ends at its scheduled time, to the second: let this second pass
    long before = Api.JSON.readTree(stack.trigger("DailySummaryFunction").payload()).get("newUsers").asLong();
    api.register("counted-1@example.com", "correct horse", "Counted One");
    api.register("counted-2@example.com", "correct horse", "Counted Two");
    Thread.sleep(1100); // the run's window ends at its (second-precise) scheduled time
    JsonNode run = Api.JSON.readTree(stack.trigger("DailySummaryFunction").payload());
    assertThat(run.get("newUsers").asLong()).isEqualTo(before + 2);
    assertThat(run.get("emailsQueued").asInt()).isEqualTo(2);
    for (String admin : List.of(LocalStackFixture.ADMIN_EMAIL, "second-admin@example.com")) {
      List<JsonNode> summaries = awaitEmails(admin, l -> l.stream().anyMatch(e -> e.get("text").asText()
          .contains("new users: " + (before + 2))), Duration.ofSeconds(60));
      assertThat(summaries).anySatisfy(e -> assertThat(e.get("subject").asText()).startsWith("Daily summary"));
    }
  }
}
