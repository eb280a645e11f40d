package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blog.local.LocalStack;
import dev.blog.local.lambda.InvocationResult;
import dev.blog.local.template.Route;
import dev.blog.local.template.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a fresh stack with the demo dataset (as {@code ./dev start} and {@code ./dev invoke} load it), the sample
 * event of every HTTP function answers 2xx: the events in events/ name ids that exist.
 */
class SampleEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalStack stack;

  @BeforeAll
  static void freshStackWithTheDemoData() throws Exception {
    stack = LocalStack.start(LocalStack.Options.forTests(LocalStackFixture.projectDir()).withDemoData(true));
    // The demo data's two emails (Barbara's welcome with her verification code, and her reset code) go through the
    // outbox table, its relay and the email worker: wait until both are delivered, so the events below run on a
    // settled stack (as ./dev invoke after ./dev start), not beside three JVMs starting at once.
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
    while (JSON.readTree(stack.emailsJson()).findValues("to").stream()
        .filter(to -> to.asText().equals("demo-barbara@example.com")).count() < 2) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the demo data's emails were not delivered within 90 s: " + stack.emailsJson());
      }
      Thread.sleep(250);
    }
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /**
   * events/get-me.json for GetMeFunction: the function's logical id without "Function", in kebab case, with an
   * acronym kept whole (GraphQLFunction: graphql.json).
   */
  private static Path sampleEventOf(String functionId) {
    String name = functionId.replaceFirst("Function$", "");
    Path events = LocalStackFixture.projectDir().resolve("events");
    Path kebab = events.resolve(name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT) + ".json");
    return Files.exists(kebab) ? kebab : events.resolve(name.toLowerCase(Locale.ROOT) + ".json");
  }

  @Test
  void everyHttpFunctionsSampleEventAnswers2xx() throws Exception {
    Template template = Template.load(LocalStackFixture.projectDir());
    TreeSet<String> httpFunctions = new TreeSet<>(template.routes().stream().map(Route::functionId).toList());
    List<String> answers = new ArrayList<>();
    for (String function : httpFunctions) {
      Path event = sampleEventOf(function);
      assertThat(event).as("the sample event of " + function).exists();
      InvocationResult result = stack.invoke(function, Files.readString(event));
      assertThat(result.succeeded()).as(function + ": " + result.payload()).isTrue();
      JsonNode response = JSON.readTree(result.payload());
      answers.add(function + " " + response.path("statusCode").asInt() + " " + response.path("body").asText(""));
    }
    assertThat(answers).hasSize(httpFunctions.size())
        .allSatisfy(answer -> assertThat(answer.split(" ")[1]).as(answer).startsWith("2"));
  }
}
