package dev.blog.local;

import dev.blog.local.demo.DemoData;
import dev.blog.local.lambda.InvocationResult;
import dev.blog.local.services.LocalServers;
import dev.blog.local.template.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code ./dev invoke}: one function on one event, as {@code sam local invoke} runs it. It attaches to the
 * servers of a running {@code ./dev start} (so the function sees the same data, queues and mail catcher);
 * without one, it runs its own, on free ports, over the data kept under .data/.
 */
public final class LocalInvoker {
  private LocalInvoker() {}

  /** One invocation's result with the function's log lines. */
  public record InvocationOutcome(InvocationResult result, List<String> logs) {}

  /**
   * Invokes the function once and hands over its outcome to {@code answered} at once; then, if the function's
   * jar had no AOT cache yet, waits for its training, which the invocation started, so that the next invocation
   * has one.
   */
  public static void invoke(Path projectDir, String logicalId, String event, Consumer<InvocationOutcome> answered)
      throws InterruptedException {
    LocalStack.Options defaults = LocalStack.Options.defaults(projectDir);
    List<String> logs = new ArrayList<>();
    Template template = Template.load(projectDir);
    java.util.function.Consumer<String> log = line -> {
      synchronized (logs) {
        if (line.startsWith("[aot]")) {
          System.err.println("dev: " + line); // the AOT training's, not the function's
        } else {
          logs.add(line);
        }
      }
    };
    try (LocalServers servers = LocalServers.attach(template, defaults.serverPorts(), defaults.dataDir(), true, log);
        LocalFunctions functions = new LocalFunctions(template, servers, 1, new dev.blog.local.logging.CloudWatchLogs(), log)) {
      // The items the sample events name, where they are absent (README, "Sample events").
      DemoData.loadIfAbsent(servers.dynamoEndpoint(), servers.tableNames().get(LocalStack.DEMO_TABLE),
          servers.tableNames().get(LocalStack.DEMO_OUTBOX_TABLE));
      InvocationResult result = functions.get(logicalId).invoke(event);
      synchronized (logs) {
        answered.accept(new InvocationOutcome(result, List.copyOf(logs)));
      }
      functions.awaitAotTrainings();
    }
  }
}
