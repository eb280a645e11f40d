package dev.blog.system;

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
      RunSummary.report("iam-unused-grants.txt", lines);
    });
  }
}
