package dev.blog.system;

import dev.blog.local.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One local stack for the whole test JVM, as `./dev start --in-memory` runs it: free ports, nothing
 * kept, the first admin created from the template-driven bootstrap. Functions start on first use.
 */
final class LocalStackFixture {
  static final String ADMIN_EMAIL = "root@example.com";
  static final String ADMIN_PASSWORD = "root-password-123";

  private static Api api;
  private static LocalStack stack;
  private static OpenApiContract contract;

  private LocalStackFixture() {}

  static synchronized Api api() {
    if (api == null) {
      stack = LocalStack.start(LocalStack.Options.forTests(projectDir())
          .withAdmin(ADMIN_EMAIL, ADMIN_PASSWORD));
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
      api = new Api(stack.apiEndpoint(), contract());
    }
    return api;
  }

  /** openapi.yaml, which every response the tests receive is checked against. */
  static synchronized OpenApiContract contract() {
    if (contract == null) {
      contract = OpenApiContract.load(projectDir().resolve("openapi.yaml"));
    }
    return contract;
  }

  /** The contract if any test has used it yet (for the run's summary). */
  static synchronized java.util.Optional<OpenApiContract> contractIfLoaded() {
    return java.util.Optional.ofNullable(contract);
  }

  /** The stack if any test has started it yet (for the run's summary). */
  static synchronized java.util.Optional<LocalStack> stackIfStarted() {
    return java.util.Optional.ofNullable(stack);
  }

  static synchronized LocalStack stack() {
    api();
    return stack;
  }

  static Path projectDir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("No template.yaml above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
