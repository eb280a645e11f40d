package dev.blog.local;

import dev.blog.local.demo.DemoData;
import dev.blog.local.lambda.InvocationResult;
import dev.blog.local.services.LocalServers;
import dev.blog.local.template.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./dev invoke}: one function on one event, as {@code sam local invoke} runs it. It attaches to the
 * servers of a running {@code ./dev start} (so the function sees the same data, queues and mail catcher);
 * without one, it runs its own, on free ports, over the data kept under .data/.
 */
public final class LocalInvoker {
  private LocalInvoker() {}

  /** One invocation's result with the function's log lines. */
  public record InvocationOutcome(InvocationResult result, List<String> logs) {}

  public static InvocationOutcome invoke(Path projectDir, String logicalId, String event) throws InterruptedException {
    LocalStack.Options defaults = LocalStack.Options.defaults(projectDir);
    List<String> logs = new ArrayList<>();
    Template template = Template.load(projectDir);
    java.util.function.Consumer<String> log = line -> {
      synchronized (logs) {
        logs.add(line);
      }
    };
    try (LocalServers servers = LocalServers.attach(template, defaults.serverPorts(), defaults.dataDir(), true, log);
        LocalFunctions functions = new LocalFunctions(template, servers, 1, log)) {
      // The items the sample events name, where they are absent (README, "Sample events").
      DemoData.loadIfAbsent(servers.dynamoEndpoint(), servers.tableNames().get(LocalStack.DEMO_TABLE),
          servers.tableNames().get(LocalStack.DEMO_OUTBOX_TABLE));
      InvocationResult result = functions.get(logicalId).invoke(event);
      synchronized (logs) {
        return new InvocationOutcome(result, List.copyOf(logs));
      }
    }
  }
}
