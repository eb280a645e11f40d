package dev.blog.local;

import dev.blog.local.lambda.FunctionPool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Creates the first admin as the README's one command does in AWS: dev.blog.users.BootstrapAdmin from the
 * users function's jar, with that function's environment. It does nothing when a user has that email. In AWS the
 * operator runs it with their own credentials, not as the function's role, so here it is the operator too: it
 * reaches DynamoDB directly, past the IAM check, and nothing it does counts as a call of the function (which would
 * make a grant the function never needs look used).
 */
final class FirstAdmin {
  /** Which function's environment and jar create the first admin. */
  static final String FUNCTION = "CreateUserFunction";
  private static final String MAIN = "dev.blog.users.BootstrapAdmin";

  private FirstAdmin() {}

  static void create(LocalFunctions functions, java.net.URI dynamoDb, String email, String password,
      Consumer<String> log) {
    FunctionPool pool;
    try {
      pool = functions.get(FUNCTION);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("template.yaml has no " + FUNCTION + " to create the first admin with", e);
    }
    Map<String, String> env = new TreeMap<>(functions.environment(FUNCTION));
    env.put("AWS_ACCESS_KEY_ID", "operator");
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
    env.put("ADMIN_EMAIL", email);
    env.put("ADMIN_PASSWORD", password);
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", pool.function().jar().toString(), MAIN).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.startsWith("Picked up JAVA_TOOL_OPTIONS")) {
            log.accept("[first admin] " + line);
          }
        }
      }
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("Could not create the first admin (see the [first admin] lines above)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating the first admin", e);
    }
  }
}
