package dev.blog.local;

import dev.blog.local.demo.DemoData;
import dev.blog.local.events.AsyncInvocations;
import dev.blog.local.events.LocalSchedules;
import dev.blog.local.events.SqsEventSource;
import dev.blog.local.events.StreamEventSource;
import dev.blog.local.gateway.HttpApiGateway;
import dev.blog.local.lambda.InvocationResult;
import dev.blog.local.faults.Faults;
import dev.blog.local.logging.CloudWatchLogs;
import dev.blog.local.logging.LocalJson;
import dev.blog.local.services.LocalServers;
import dev.blog.local.services.TimeToLive;
import dev.blog.local.template.Authorizer;
import dev.blog.local.template.EventSource;
import dev.blog.local.template.Route;
import dev.blog.local.template.Template;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole local stack, built from template.yaml: its servers ({@link LocalServers}: moto server, SQS,
 * SMTP, Secrets Manager), one pool of execution environments per function, the event source mappings and
 * schedules that feed them, and the HTTP API in front of them. {@code ./dev start} runs it; the system tests
 * start one in their JVM. ({@code ./dev invoke} attaches to a running one instead: {@link LocalInvoker}.)
 */
public final class LocalStack implements AutoCloseable {
  /** The tables the demo dataset goes into (its codes' emails into the outbox table). */
  static final String DEMO_TABLE = "AppTable";
  static final String DEMO_OUTBOX_TABLE = "OutboxTable";

  /**
   * How to run the stack; {@code faults}: the wire's faults from the start ({@code ./dev start --faults});
   * {@code enforceIam}: every AWS call of a function checked against its policies (off: {@code --no-iam}).
   */
  public record Options(Path projectDir, int apiPort, int dynamoPort, int sqsPort, int smtpPort, boolean inMemory,
      String adminEmail, String adminPassword, int maxInstancesPerFunction, Faults faults, Consumer<String> log,
      boolean enforceIam, boolean demoData, Path keptIn) {

    public Options(Path projectDir, int apiPort, int dynamoPort, int sqsPort, int smtpPort, boolean inMemory,
        String adminEmail, String adminPassword, int maxInstancesPerFunction, Faults faults, Consumer<String> log,
        boolean enforceIam, boolean demoData) {
      this(projectDir, apiPort, dynamoPort, sqsPort, smtpPort, inMemory, adminEmail, adminPassword,
          maxInstancesPerFunction, faults, log, enforceIam, demoData, null);
    }

    /** Data kept in {@code dir} instead of the project's .data/ ({@code ./dev start --data DIR}). */
    public Options withDataDir(Path dir) {
      return new Options(projectDir, apiPort, dynamoPort, sqsPort, smtpPort, false, adminEmail, adminPassword,
          maxInstancesPerFunction, faults, log, enforceIam, demoData, dir);
    }

    /**
     * What {@code ./dev start} uses: the contract's ports, data under .data/, admin from the environment, and the
     * demo dataset that the sample events in events/ name ({@link DemoData}).
     */
    public static Options defaults(Path projectDir) {
      return new Options(projectDir, 3000, 8000, 9324, 2525, false, System.getenv("ADMIN_EMAIL"),
          System.getenv("ADMIN_PASSWORD"), 2, Faults.NONE, line -> {
            synchronized (System.out) {
              System.out.println(line);
            }
          }, true, true);
    }

    /** Free ports, nothing kept, logs in target/local-stack.log of the calling module. */
    public static Options forTests(Path projectDir) {
      Path logFile = Path.of("target", "local-stack.log").toAbsolutePath();
      return new Options(projectDir, 0, 0, 0, 0, true, null, null, 4, Faults.NONE, line -> appendLine(logFile, line),
          true, false);
    }

    public Options withAdmin(String email, String password) {
      return new Options(projectDir, apiPort, dynamoPort, sqsPort, smtpPort, inMemory, email, password,
          maxInstancesPerFunction, faults, log, enforceIam, demoData, keptIn);
    }

    public Options withInMemory(boolean value) {
      return new Options(projectDir, apiPort, dynamoPort, sqsPort, smtpPort, value, adminEmail, adminPassword,
          maxInstancesPerFunction, faults, log, enforceIam, demoData, keptIn);
    }

    public Options withApiPort(int port) {
      return new Options(projectDir, port, dynamoPort, sqsPort, smtpPort, inMemory, adminEmail, adminPassword,
          maxInstancesPerFunction, faults, log, enforceIam, demoData, keptIn);
    }

    public Options withFaults(Faults value) {
      return new Options(projectDir, apiPort, dynamoPort, sqsPort, smtpPort, inMemory, adminEmail, adminPassword,
          maxInstancesPerFunction, value, log, enforceIam, demoData, keptIn);
    }

    /** With or without the IAM check of every AWS call a function makes ({@code --no-iam}: without). */
    public Options withIam(boolean value) {
      return new Options(projectDir, apiPort, dynamoPort, sqsPort, smtpPort, inMemory, adminEmail, adminPassword,
          maxInstancesPerFunction, faults, log, value, demoData, keptIn);
    }

    /** With the stack's log lines going to {@code value}. */
    public Options withLog(Consumer<String> value) {
      return new Options(projectDir, apiPort, dynamoPort, sqsPort, smtpPort, inMemory, adminEmail, adminPassword,
          maxInstancesPerFunction, faults, value, enforceIam, demoData, keptIn);
    }

    /** With or without the demo dataset of the sample events. */
    public Options withDemoData(boolean value) {
      return new Options(projectDir, apiPort, dynamoPort, sqsPort, smtpPort, inMemory, adminEmail, adminPassword,
          maxInstancesPerFunction, faults, log, enforceIam, value, keptIn);
    }

    LocalServers.Ports serverPorts() {
      return new LocalServers.Ports(dynamoPort, sqsPort, smtpPort);
    }

    /** Where data is kept across restarts: .data/ of the project, or nowhere (null) in memory. */
    Path dataDir() {
      return inMemory ? null : keptIn != null ? keptIn : projectDir.resolve(".data");
    }
  }

  private final Template template;
  private final LocalServers servers;
  private final LocalFunctions functions;
  private final List<AutoCloseable> eventSources = new ArrayList<>();
  private AsyncInvocations async;
  private HttpApiGateway gateway;

  /** DynamoDB's time to live runs within days in AWS; locally within seconds, so expiry can be watched. */
  private static final int TTL_SWEEP_SECONDS = 5;
  /** Lambda retries a failed asynchronous invocation after about a minute, then two; locally 1 s, then 2 s. */
  private static final java.time.Duration ASYNC_FIRST_RETRY = java.time.Duration.ofSeconds(1);

  private final Consumer<String> log;
  private final CloudWatchLogs logs;

  private LocalStack(Template template, LocalServers servers, LocalFunctions functions, CloudWatchLogs logs,
      Consumer<String> log) {
    this.template = template;
    this.servers = servers;
    this.functions = functions;
    this.logs = logs;
    this.log = log;
  }

  /** Starts every server on the options' ports, creates the first admin if asked, then serves the HTTP API. */
  public static LocalStack start(Options options) {
    Template template = Template.load(options.projectDir());
    LocalServers servers = LocalServers.start(template, options.serverPorts(), options.dataDir(), options.enforceIam(),
        options.log());
    options.log().accept(options.enforceIam()
        ? LocalJson.line("iam", "every AWS call of a function is checked against its policies in template.yaml",
            "functions", template.functionIds().size())
        : LocalJson.line("iam", "off for this run (--no-iam): functions may call anything"));
    LocalStack stack;
    CloudWatchLogs logs = new CloudWatchLogs();
    try {
      stack = new LocalStack(template, servers,
          new LocalFunctions(template, servers, options.maxInstancesPerFunction(), logs, options.log()), logs,
          options.log());
    } catch (RuntimeException e) {
      servers.close();
      throw e;
    }
    try {
      if (options.demoData()) {
        stack.loadDemoData(options.log());
      }
      if (options.adminEmail() != null && options.adminPassword() != null) {
        FirstAdmin.create(stack.functions, servers.dynamoEndpoint(), options.adminEmail(), options.adminPassword(),
            options.log());
      }
      if (!options.faults().equals(Faults.NONE)) {
        stack.faults(options.faults());
      }
      stack.startEventSources(options);
      stack.gateway = HttpApiGateway.start(options.apiPort(), template, servers.names(), stack.functions.all(),
          LocalRoutes.of(stack), options.log());
      // Serving already; the jars' AOT caches, where missing, are trained behind it (later cold starts use them).
      stack.functions.trainAotCaches();
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void loadDemoData(Consumer<String> log) {
    int written = DemoData.loadIfAbsent(servers.dynamoEndpoint(), servers.tableNames().get(DEMO_TABLE),
        servers.tableNames().get(DEMO_OUTBOX_TABLE));
    if (written > 0) {
      log.accept(LocalJson.line("demo data", "loaded the items the sample events in events/ name", "items", written));
    }
  }

  /**
   * SQS and DynamoDB stream event source mappings, asynchronous invocations and schedules, and the tables' time
   * to live, as the template declares them.
   */
  private void startEventSources(Options options) {
    Consumer<String> log = options.log();
    for (EventSource.Sqs source : template.sqsSources()) {
      eventSources.add(new SqsEventSource(source, servers.sqsClient(), servers.queueUrl(source.queueId()),
          functions.get(source.functionId()), options.maxInstancesPerFunction(), log));
    }
    TimeToLive ttl = new TimeToLive(template, servers.dynamoEndpoint(), servers.tableNames(), TTL_SWEEP_SECONDS, log);
    eventSources.add(ttl);
    for (EventSource.Stream source : template.streamSources()) {
      String onFailureQueue = source.onFailureQueueId().map(servers::queueUrl).orElse(null);
      eventSources.add(new StreamEventSource(source, servers.dynamoEndpoint(), servers.latestStreamArn(source.tableId()),
          functions.get(source.functionId()), record -> "REMOVE".equals(record.eventNameAsString())
              && ttl.deleted(record.dynamodb().keys()), info -> {
            if (onFailureQueue != null) {
              servers.sqsClient().sendMessage(r -> r.queueUrl(onFailureQueue).messageBody(info));
            }
          }, log));
    }
    async = new AsyncInvocations((queue, record) -> servers.sqsClient().sendMessage(r -> r.queueUrl(servers.queueUrl(queue))
        .messageBody(record)), ASYNC_FIRST_RETRY, log);
    eventSources.add(async);
    eventSources.add(new LocalSchedules(template.schedules(), functions.all(), async, template::asyncInvoke, log));
  }

  /** What the functions' policies grant that no call of this run has needed, by function (LocalIam#unusedGrants). */
  public Map<String, List<String>> unusedIamGrants() {
    return servers.unusedIamGrants();
  }

  /** The faults in force on the wire between the functions and the servers. */
  public Faults faults() {
    return servers.faults();
  }

  /** Puts {@code next} in force (replacing every earlier fault) and says so in the stack's log. */
  public void faults(Faults next) {
    servers.faults(next);
    log.accept(LocalJson.line("faults", "in force", "faults", next.toJson()));
  }

  /** The messages in every dead-letter queue, as {@code GET /_local/dead-letters} lists them. */
  public String deadLettersJson() {
    return servers.deadLettersJson();
  }

  /**
   * {@code ./dev redrive}: moves every redrive policy's dead letters back to their source queue, and invokes each
   * function again, asynchronously, with the events its OnFailure destination holds; answers how many, by queue.
   */
  public Map<String, Integer> redrive() {
    Map<String, Integer> moved = new java.util.LinkedHashMap<>(servers.redrive());
    for (String function : template.functionIds()) {
      EventSource.AsyncInvoke config = template.asyncInvoke(function);
      config.onFailureQueueId().ifPresent(queue -> moved.merge(queue,
          servers.drain(queue, record -> async.invoke(functions.get(function), config, record)), Integer::sum));
    }
    return moved;
  }

  /** Invokes a function asynchronously, as a schedule does (retries, then its OnFailure destination). */
  public java.util.concurrent.CompletableFuture<InvocationResult> invokeAsync(String logicalId, String event) {
    return async.invoke(functions.get(logicalId), template.asyncInvoke(logicalId), event);
  }

  /** Fires a scheduled function now ({@code ./dev trigger}); its result is the function's answer. */
  public InvocationResult trigger(String logicalId) {
    if (template.schedules().stream().noneMatch(s -> s.functionId().equals(logicalId))) {
      throw new IllegalArgumentException(logicalId + " is not a scheduled function of template.yaml");
    }
    return LocalSchedules.fire(functions.get(logicalId), Instant.now());
  }

  /** Runs one function on one event, as {@code ./dev invoke} does against this stack. */
  public InvocationResult invoke(String logicalId, String event) throws InterruptedException {
    return functions.get(logicalId).invoke(event);
  }

  /**
   * {@code function}'s log events as CloudWatch Logs would store them, oldest first ({@code GET /_local/logs});
   * an unknown function is an IllegalArgumentException (404).
   */
  public String logsJson(String function) {
    functions.get(function);
    return logs.eventsJson(function);
  }

  /** The metrics CloudWatch would extract from the functions' log events ({@code GET /_local/metrics}). */
  public String metricsJson() {
    return logs.metricsJson();
  }

  /** The emails the SMTP catcher holds, as {@code GET /_local/emails} shows them. */
  public String emailsJson() {
    return servers.emailsJson();
  }


  /** The email queue's or any template queue's URL on the local SQS. */
  public String queueUrl(String logicalId) {
    return servers.queueUrl(logicalId);
  }

  public Collection<String> queueNames() {
    return servers.queueIds();
  }

  public int smtpPort() {
    return servers.smtpPort();
  }

  public URI sqsEndpoint() {
    return servers.sqsEndpoint();
  }

  public URI apiEndpoint() {
    return gateway.endpoint();
  }

  public URI dynamoEndpoint() {
    return servers.dynamoEndpoint();
  }

  /** Invocations of one function so far, to observe what the gateway calls (the authorizer, say). */
  public long invocations(String logicalId) {
    return functions.get(logicalId).invocations();
  }

  public Map<String, String> tableNames() {
    return servers.tableNames();
  }

  public void printRoutes(PrintStream out) {
    out.printf("%-8s %-28s %-22s %s%n", "METHOD", "PATH", "FUNCTION", "AUTH");
    for (Route route : template.routes()) {
      out.printf("%-8s %-28s %-22s %s%n", route.method(), route.path(), route.functionId(),
          route.authorized() ? template.defaultAuthorizer().map(Authorizer::functionId).orElse("none") : "public");
    }
  }

  private static void appendLine(Path file, String line) {
    synchronized (LocalStack.class) {
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        // logging must never break a test run
      }
    }
  }

  @Override
  public void close() {
    if (gateway != null) {
      gateway.close();
    }
    for (AutoCloseable source : eventSources) {
      try {
        source.close();
      } catch (Exception e) {
        // stopping anyway
      }
    }
    functions.close();
    servers.close();
  }
}
