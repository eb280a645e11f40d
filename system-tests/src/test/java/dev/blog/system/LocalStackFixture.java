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

  private LocalStackFixture() {}

  static synchronized Api api() {
    if (api == null) {
      stack = LocalStack.start(LocalStack.Options.forTests(projectDir())
          .withAdmin(ADMIN_EMAIL, ADMIN_PASSWORD));
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
      api = new Api(stack.apiEndpoint());
    }
    return api;
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
