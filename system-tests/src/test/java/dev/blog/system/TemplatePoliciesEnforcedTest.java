package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.local.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack enforces template.yaml's IAM policies: with one action taken out of one function's policy, exactly
 * the route that needs it fails, as it would after {@code sam deploy} (a logged 500), the stack's log names the
 * denied call, and every other route still works; {@code --no-iam} lets the same call through. (The rest of the
 * suite runs with enforcement on: the template's policies are sufficient for everything it does.)
 */
class TemplatePoliciesEnforcedTest {
  private static final String FUNCTION = "GetUserFunction";
  private static final String ACTION = "dynamodb:GetItem";

  @Test
  void withoutGetItemInItsPolicyGetUserAnswers500AndTheLogNamesTheDeniedCallWhileOtherRoutesWork(@TempDir Path dir)
      throws IOException {
    Path project = projectWithout(dir, FUNCTION, ACTION);
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    try (LocalStack stack = start(project, true, log)) {
      Api api = new Api(stack.apiEndpoint(), LocalStackFixture.contract());
      String admin = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
      Api.Answer me = api.get("/me", admin);
      assertThat(me.status()).as("GET /me (GetMeFunction keeps its GetItem)").isEqualTo(200);
      String id = me.json().get("id").asText();
      assertThat(api.get("/users?limit=5", admin).status()).as("GET /users").isEqualTo(200);

      assertThat(api.get("/users/" + id, admin).status()).as("GET /users/{id} without " + ACTION).isEqualTo(500);

      String table = "arn:aws:dynamodb:us-east-1:000000000000:table/" + stack.tableNames().get("AppTable");
      List<String> denials = iamDenials(log);
      assertThat(denials).as("the stack's log names the one denied call").isNotEmpty().allSatisfy(line -> assertThat(line)
          .contains("\"function\":\"" + FUNCTION + "\"", "\"action\":\"" + ACTION + "\"", "\"resource\":\"" + table + "\""));
      assertThat(log).as("the function logged the SDK's exception as an unhandled error, its 500").anySatisfy(line -> assertThat(line)
          .startsWith("[" + FUNCTION + "#").contains("\"level\":\"ERROR\"", "unhandled error", "DynamoDbException"));
    }
  }

  @Test
  void withoutTheCheckTheSameTemplateAllowsTheCall(@TempDir Path dir) throws IOException {
    Path project = projectWithout(dir, FUNCTION, ACTION);
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    try (LocalStack stack = start(project, false, log)) {
      Api api = new Api(stack.apiEndpoint(), LocalStackFixture.contract());
      String admin = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
      String id = api.get("/me", admin).json().get("id").asText();
      assertThat(api.get("/users/" + id, admin).status()).isEqualTo(200);
      assertThat(iamDenials(log)).isEmpty();
    }
  }

  private static LocalStack start(Path project, boolean enforceIam, List<String> log) {
    LocalStack.Options options = LocalStack.Options.forTests(project)
        .withAdmin(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD).withIam(enforceIam);
    Consumer<String> file = options.log();
    return LocalStack.start(options.withLog(line -> {
      log.add(line);
      file.accept(line);
    }));
  }

  private static List<String> iamDenials(List<String> log) {
    synchronized (log) {
      return log.stream().filter(l -> l.contains("\"source\":\"iam\"") && l.contains("access denied")).toList();
    }
  }

  /** A copy of the project whose template.yaml lacks one action in one function's policy (the jars are the same). */
  private static Path projectWithout(Path dir, String function, String action) throws IOException {
    Path project = LocalStackFixture.projectDir();
    String template = Files.readString(project.resolve("template.yaml"));
    int start = template.indexOf("\n  " + function + ":\n");
    int end = template.indexOf("\n  Events:", start) < 0 ? template.length() : template.indexOf("\n      Events:", start);
    String line = "\n                - " + action + "\n";
    // past the session read every function behind the authorizer has first (its own GetItem stays): the action of
    // the function's own statement is the one taken away
    int session = template.indexOf("# The session read", start);
    int from = session > 0 && session < end ? template.indexOf("dynamodb:Select: SPECIFIC_ATTRIBUTES", session) : start;
    int at = template.indexOf(line, from);
    assertThat(start).as(function + " in template.yaml").isPositive();
    assertThat(at).as(action + " in " + function + "'s Policies").isBetween(start, end);
    Files.writeString(dir.resolve("template.yaml"), template.substring(0, at) + "\n" + template.substring(at + line.length()));
    Files.createSymbolicLink(dir.resolve("functions"), project.resolve("functions"));
    return dir;
  }
}
