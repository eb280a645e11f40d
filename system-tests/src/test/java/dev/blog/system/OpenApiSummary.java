package dev.blog.system;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * At the end of the system tests: how many responses were checked against openapi.yaml, by operation and
 * status, and which documented statuses no test reached. Printed, and written to
 * target/openapi-validated-responses.txt. Registered through META-INF/services.
 */
public final class OpenApiSummary implements TestExecutionListener {
  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    LocalStackFixture.contractIfLoaded().ifPresent(contract -> {
      List<String> lines = new ArrayList<>();
      lines.add("OpenAPI: " + contract.validatedCount() + " responses validated against openapi.yaml ("
          + contract.outsideTheApiCount() + " outside the API: /_local and CORS preflights)");
      contract.validatedResponses().forEach((key, count) -> lines.add("  " + key + ": " + count));
      lines.add("  documented, never received: " + contract.neverSeen());
      RunSummary.report("openapi-validated-responses.txt", lines);
    });
  }
}
