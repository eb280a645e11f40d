package dev.blog.local;

import dev.blog.local.lambda.InvocationResult;
import dev.blog.local.template.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The Java side of {@code ./dev}: {@code start [--in-memory] [--data DIR] [--port N] [--faults JSON] [--no-iam]},
 * {@code invoke <LogicalId> -e <event.json>}, {@code trigger <LogicalId>} and {@code redrive}.
 */
public final class Dev {
  private Dev() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(List.of(args));
    String command = rest.isEmpty() ? "help" : rest.remove(0);
    try {
      switch (command) {
        case "start" -> start(rest);
        case "invoke" -> System.exit(invoke(rest));
        case "trigger" -> System.exit(trigger(rest));
        case "redrive" -> System.exit(redrive(rest));
        default -> {
          System.err.println("usage: ./dev start [--in-memory] [--data DIR] [--port N] [--faults JSON] [--no-iam] | ./dev invoke <FunctionLogicalId>"
              + " -e <event.json> | ./dev trigger <ScheduledFunctionLogicalId> [--port N] | ./dev redrive [--port N]");
          System.exit(2);
        }
      }
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
      // A wrong argument or a missing file is the user's to fix: say what, without a stack trace.
      System.err.println("dev: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file " : "") + e.getMessage());
      System.exit(2);
    }
  }

  private static void start(List<String> args) throws InterruptedException {
    long begin = System.nanoTime();
    Path projectDir = Template.findProjectDir();
    LocalStack.Options options = LocalStack.Options.defaults(projectDir);
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--in-memory" -> options = options.withInMemory(true);
        case "--port" -> options = options.withApiPort(Integer.parseInt(args.get(++i)));
        case "--faults" -> options = options.withFaults(dev.blog.local.faults.Faults.parse(i + 1 < args.size() ? args.get(++i) : ""));
        case "--no-iam" -> options = options.withIam(false);
        case "--data" -> options = options.withDataDir(Path.of(args.get(++i)).toAbsolutePath());
        default -> throw new IllegalArgumentException("Unknown option " + args.get(i));
      }
    }
    LocalStack stack = LocalStack.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    boolean inMemory = options.inMemory();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println(stoppingMessage(inMemory));
      stack.close();
      stopped.countDown();
    }, "stop"));
    System.out.println();
    stack.printRoutes(System.out);
    System.out.println();
    System.out.println("GET      /_local/emails               (local stack only: the emails caught so far)");
    System.out.println("GET|PUT|DELETE /_local/faults        (local stack only: faults on the wire; now "
        + stack.faults().toJson() + ")");
    System.out.println("GET      /_local/dead-letters         (local stack only: every dead-letter queue; ./dev redrive)");
    System.out.println("GET      /_local/logs?function=<Id>   (local stack only: a function's log events, as CloudWatch Logs keeps them)");
    System.out.println("GET      /_local/metrics              (local stack only: the metrics CloudWatch extracts from them)");
    System.out.println(options.enforceIam() ? "IAM             every AWS call checked against its function's policies"
        + " in template.yaml (--no-iam: off)" : "IAM             off (--no-iam): functions may call anything");
    System.out.println();
    System.out.println("SQS (ElasticMQ) " + stack.sqsEndpoint() + "  queues " + stack.queueNames());
    System.out.println("SMTP catcher    127.0.0.1:" + stack.smtpPort());
    System.out.println("DynamoDB (moto) " + stack.dynamoEndpoint() + "  tables " + stack.tableNames().values()
        + (options.inMemory() ? "  (in memory)" : "  (data in " + options.dataDir() + "/)"));
    System.out.printf("HTTP API        %s  (ready in %d ms; each function starts on its first request)%n",
        stack.apiEndpoint(), (System.nanoTime() - begin) / 1_000_000);
    System.out.println("Ctrl-C to stop.");
    stopped.await();
  }

  /** What stopping says: where the data is, or that there is none to keep. */
  static String stoppingMessage(boolean inMemory) {
    return inMemory ? "Stopping: functions, then moto server (in memory: this run's data goes with it)..."
        : "Stopping: functions, then moto server (it saves the tables first)...";
  }

  /** Fires a scheduled function now, inside the running ./dev start (its queues, its SMTP catcher). */
  private static int trigger(List<String> args) throws IOException, InterruptedException {
    String function = null;
    int port = 3000;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--port")) {
        port = Integer.parseInt(args.get(++i));
      } else {
        function = args.get(i);
      }
    }
    if (function == null) {
      System.err.println("usage: ./dev trigger <ScheduledFunctionLogicalId> [--port N]");
      return 2;
    }
    return post(port, "/_local/trigger/" + function);
  }

  /** Moves the dead letters of the running ./dev start back to where they came from. */
  private static int redrive(List<String> args) throws IOException, InterruptedException {
    int port = 3000;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--port")) {
        port = Integer.parseInt(args.get(++i));
      } else {
        throw new IllegalArgumentException("Unknown option " + args.get(i) + " (./dev redrive [--port N])");
      }
    }
    return post(port, "/_local/redrive");
  }

  /** POSTs to a local route of the running stack and prints its answer. */
  private static int post(int port, String path) throws IOException, InterruptedException {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
    java.net.http.HttpResponse<String> response;
    try {
      response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      System.err.println("dev: nothing listens on 127.0.0.1:" + port + ": start the local stack first (./dev start)");
      return 1;
    }
    System.out.println(response.body());
    return response.statusCode() == 200 ? 0 : 1;
  }

  private static int invoke(List<String> args) throws IOException, InterruptedException {
    String function = null;
    Path event = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-e") || a.equals("--event")) {
        event = Path.of(args.get(++i));
      } else if (function == null) {
        function = a;
      } else {
        throw new IllegalArgumentException("Unexpected argument " + a);
      }
    }
    if (function == null || event == null) {
      System.err.println("usage: ./dev invoke <FunctionLogicalId> -e events/<file>.json");
      return 2;
    }
    String payload = Files.readString(event, StandardCharsets.UTF_8);
    String name = function;
    boolean[] succeeded = {false};
    LocalInvoker.invoke(Template.findProjectDir(), function, payload, outcome -> {
      outcome.logs().forEach(System.err::println);
      InvocationResult result = outcome.result();
      System.err.printf("%s: init %d ms, invoke %d ms%n", name, result.initMillis(), result.durationMillis());
      System.out.println(result.payload());
      System.out.flush();
      succeeded[0] = result.succeeded();
    });
    return succeeded[0] ? 0 : 1;
  }
}
