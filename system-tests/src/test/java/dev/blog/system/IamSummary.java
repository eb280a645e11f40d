package dev.blog.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * At the end of the system tests (which run with the local stack's IAM check on): what each function's policies in
 * template.yaml grant that no call of the run needed, the candidates for least privilege. Printed, and written to
 * system-tests/target/iam-unused-grants.txt. Registered through META-INF/services.
 */
public final class IamSummary implements TestExecutionListener {
  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    LocalStackFixture.stackIfStarted().ifPresent(stack -> {
      List<String> lines = new ArrayList<>();
      var unused = stack.unusedIamGrants();
      lines.add("IAM: granted in template.yaml, needed by no call of this run (" + unused.size() + " functions)");
      unused.forEach((function, grants) -> grants.forEach(grant -> lines.add("  " + function + " " + grant)));
      lines.forEach(System.out::println);
      try {
        Path target = LocalStackFixture.projectDir().resolve("system-tests/target");
        Files.createDirectories(target);
        Files.write(target.resolve("iam-unused-grants.txt"), lines);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
