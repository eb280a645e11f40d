package dev.blog.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The whole local stack, built from template.yaml: DynamoDB Local with the template's tables, a Secrets
 * Manager stand-in with local values for the template's secrets, one {@link FunctionPool} per function
 * (the deployable jar, the handler and the environment that the template gives it), and the HTTP API
 * in front of them. {@code ./dev start} runs it; the system tests start one in their JVM.
 */
public final class LocalStack implements AutoCloseable {
  /** Which function's environment and jar create the first admin (dev.blog.users.BootstrapAdmin). */
  static final String BOOTSTRAP_FUNCTION = "CreateUserFunction";
  static final String BOOTSTRAP_MAIN = "dev.blog.users.BootstrapAdmin";

  /** How to run the stack. */
  public record Options(Path projectDir, int apiPort, int dynamoPort, int sqsPort, int smtpPort, boolean inMemory,
      String adminEmail, String adminPassword, int maxInstancesPerFunction, Consumer<String> log) {

    /** What {@code ./dev start} uses: the contract's ports, data under .data/, admin from the environment. */
    public static Options defaults(Path projectDir) {
      return new Options(projectDir, 3000, 8000, 9324, 2525, false, System.getenv("ADMIN_EMAIL"),
          System.getenv("ADMIN_PASSWORD"), 2, line -> {
            synchronized (System.out) {
              System.out.println(line);
            }
          });
    }

    /** Free ports, nothing kept, logs in target/local-stack.log of the calling module. */
    public static Options forTests(Path projectDir) {
      Path logFile = Path.of("target", "local-stack.log").toAbsolutePath();
      return new Options(projectDir, 0, 0, 0, 0, true, null, null, 4, line -> appendLine(logFile, line));
    }

    public Options withAdmin(String email, String password) {
      return new Options(projectDir, apiPort, dynamoPort, sqsPort, smtpPort, inMemory, email, password,
          maxInstancesPerFunction, log);
    }

    public Options withInMemory(boolean value) {
      return new Options(projectDir, apiPort, dynamoPort, sqsPort, smtpPort, value, adminEmail, adminPassword,
          maxInstancesPerFunction, log);
    }

    public Options withApiPort(int port) {
      return new Options(projectDir, port, dynamoPort, sqsPort, smtpPort, inMemory, adminEmail, adminPassword,
          maxInstancesPerFunction, log);
    }

    /** Every server on a free port: for a run beside another stack (./dev invoke, tests). */
    Options onFreePorts() {
      return new Options(projectDir, 0, 0, 0, 0, inMemory, adminEmail, adminPassword, maxInstancesPerFunction, log);
    }
  }

  private final Template template;
  private final Options options;
  private final LocalDynamo dynamo;
  private final URI dynamoEndpoint;
  private final SecretsManagerStandIn secrets;
  private final LocalSqs sqs;
  private final LocalSmtp smtp;
  private final int smtpPort;
  private final Map<String, FunctionPool> functions = new LinkedHashMap<>();
  private final Map<String, String> tables;
  private final LocalNames names;
  private final Map<String, Map<String, String>> functionEnvironments = new LinkedHashMap<>();
  private final List<AutoCloseable> eventSources = new ArrayList<>();
  private HttpApiGateway gateway;

  /**
   * Builds the servers and the functions. With {@code serveApi} false (./dev invoke, ./dev trigger), a
   * server whose port is taken by a running ./dev start is used rather than started, as sam local invoke
   * uses whatever endpoints it is given.
   */
  private LocalStack(Options options, boolean serveApi) {
    this.options = options;
    this.template = Template.load(options.projectDir());
    Path dataDir = options.inMemory() ? null : options.projectDir().resolve(".data");
    URI attached = options.dynamoPort() > 0 && !options.inMemory() && listening(options.dynamoPort())
        ? URI.create("http://127.0.0.1:" + options.dynamoPort()) : null;
    if (attached != null && serveApi) {
      throw new IllegalStateException("Port " + options.dynamoPort() + " is taken by another DynamoDB (is ./dev start already running?)");
    }
    this.dynamo = attached != null ? null : LocalDynamo.start(serveApi ? options.dynamoPort() : 0,
        dataDir == null ? null : dataDir.resolve("dynamodb"));
    this.dynamoEndpoint = attached != null ? attached : dynamo.endpoint();
    try (var client = LocalDynamo.client(dynamoEndpoint)) {
      this.tables = new TableProvisioner(template).create(client, "");
    }
    boolean sqsRunning = !serveApi && options.sqsPort() > 0 && listening(options.sqsPort());
    this.sqs = sqsRunning ? LocalSqs.attach(options.sqsPort()) : LocalSqs.start(serveApi ? options.sqsPort() : 0);
    Map<String, String> queueUrls = sqs.createQueues(template);
    boolean smtpRunning = !serveApi && options.smtpPort() > 0 && listening(options.smtpPort());
    this.smtp = smtpRunning ? null : new LocalSmtp(serveApi ? options.smtpPort() : 0);
    this.smtpPort = smtpRunning ? options.smtpPort() : smtp.port();
    LocalSecrets localSecrets = LocalSecrets.forTemplate(template, dataDir);
    Map<String, String> secretValues = new LinkedHashMap<>();
    for (String id : template.resourcesOfType("AWS::SecretsManager::Secret")) {
      secretValues.put(id, localSecrets.secret(id));
      secretValues.put(LocalNames.secretArn(id), localSecrets.secret(id));
    }
    this.secrets = new SecretsManagerStandIn(secretValues);
    this.names = new LocalNames(template, tables, queueUrls,
        Map.of(LocalSecrets.PUBLIC_JWKS_PARAMETER, localSecrets.publicJwks()));
    for (String id : template.functionIds()) {
      Template.FunctionDef def = template.function(id);
      Map<String, String> env = environment(def, names);
      functionEnvironments.put(id, env);
      functions.put(id, new FunctionPool(def, env, options.maxInstancesPerFunction(), options.log()));
    }
  }

  public static LocalStack start(Options options) {
    LocalStack stack = new LocalStack(options, true);
    try {
      if (options.adminEmail() != null && options.adminPassword() != null) {
        stack.bootstrapAdmin(options.adminEmail(), options.adminPassword());
      }
      stack.startEventSources();
      stack.gateway = new HttpApiGateway(options.apiPort(), stack.template, stack.names, stack.functions,
          Map.of("GET /_local/emails", path -> stack.smtp.emailsJson(),
              "POST /_local/trigger/", path -> stack.trigger(path.substring("/_local/trigger/".length())).payload()),
          options.log());
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** SQS and DynamoDB stream event source mappings, and schedules, as the template declares them. */
  private void startEventSources() {
    for (Template.EventSource source : template.eventSources("SQS")) {
      String arn = Template.resolve(source.properties().get("Queue"), names);
      eventSources.add(new SqsEventSource(sqs.client(), sqs.queueUrlForArn(arn), arn, functions.get(source.functionId()),
          source.properties(), options.log()));
    }
    for (Template.EventSource source : template.eventSources("DynamoDB")) {
      String tableId = String.valueOf(((List<?>) ((Map<?, ?>) source.properties().get("Stream")).get("Fn::GetAtt")).get(0));
      String streamArn;
      try (var client = LocalDynamo.client(dynamoEndpoint)) {
        streamArn = client.describeTable(r -> r.tableName(tables.get(tableId))).table().latestStreamArn();
      }
      String onFailureQueue = onFailureQueue(source.properties());
      eventSources.add(new StreamEventSource(dynamoEndpoint, streamArn, functions.get(source.functionId()),
          source.properties(), info -> {
            if (onFailureQueue != null) {
              sqs.client().sendMessage(r -> r.queueUrl(onFailureQueue).messageBody(info));
            }
          }, options.log()));
    }
    eventSources.add(new LocalSchedules(template.eventSources("Schedule"), functions, options.log()));
  }

  private String onFailureQueue(Map<String, Object> properties) {
    if (properties.get("DestinationConfig") instanceof Map<?, ?> config && config.get("OnFailure") instanceof Map<?, ?> onFailure) {
      return sqs.queueUrlForArn(Template.resolve(onFailure.get("Destination"), names));
    }
    return null;
  }

  /** Fires a scheduled function now ({@code ./dev trigger}); its result is the function's answer. */
  public InvocationResult trigger(String logicalId) {
    FunctionPool pool = functions.get(logicalId);
    if (pool == null || template.eventSources("Schedule").stream().noneMatch(s -> s.functionId().equals(logicalId))) {
      throw new IllegalArgumentException(logicalId + " is not a scheduled function of template.yaml");
    }
    return LocalSchedules.fire(pool, java.time.Instant.now());
  }

  /** The emails the SMTP catcher holds, as {@code GET /_local/emails} shows them. */
  public String emailsJson() {
    return smtp.emailsJson();
  }

  /** Stops or restarts the SMTP catcher: while stopped, SMTP connections are refused. */
  public void smtpAccepting(boolean accepting) {
    if (accepting) {
      smtp.start();
    } else {
      smtp.stop();
    }
  }

  /** The email queue's or any template queue's URL on the local SQS. */
  public String queueUrl(String logicalId) {
    return sqs.queueUrl(logicalId);
  }

  public java.util.Collection<String> queueNames() {
    return names == null ? List.of() : template.resourcesOfType("AWS::SQS::Queue");
  }

  public int smtpPort() {
    return smtpPort;
  }

  public URI sqsEndpoint() {
    return sqs.endpoint();
  }

  /** Runs one function on one event, as {@code sam local invoke} does, against the local data. */
  public static InvocationOutcome invokeOnce(Path projectDir, String logicalId, String event) throws InterruptedException {
    Options options = Options.defaults(projectDir);
    List<String> logs = new ArrayList<>();
    try (LocalStack stack = new LocalStack(new Options(projectDir, 0, options.dynamoPort(), options.sqsPort(),
        options.smtpPort(), false, null, null, 1,
        line -> {
          synchronized (logs) {
            logs.add(line);
          }
        }), false)) {
      FunctionPool pool = stack.functions.get(logicalId);
      if (pool == null) {
        throw new IllegalArgumentException("No function " + logicalId + " in template.yaml; functions: " + stack.functions.keySet());
      }
      InvocationResult result = pool.invoke(event);
      synchronized (logs) {
        return new InvocationOutcome(result, List.copyOf(logs));
      }
    }
  }

  /** One invocation's result with the function's log lines. */
  public record InvocationOutcome(InvocationResult result, List<String> logs) {
    public boolean succeeded() {
      return result.succeeded();
    }

    public String payload() {
      return result.payload();
    }

    public long initMillis() {
      return result.initMillis();
    }

    public long durationMillis() {
      return result.durationMillis();
    }
  }

  public URI apiEndpoint() {
    return gateway.endpoint();
  }

  public URI dynamoEndpoint() {
    return dynamoEndpoint;
  }

  /** Invocations of one function so far, to observe what the gateway calls (the authorizer, say). */
  public long invocations(String logicalId) {
    FunctionPool pool = functions.get(logicalId);
    if (pool == null) {
      throw new IllegalArgumentException("No function " + logicalId + " in template.yaml");
    }
    return pool.invocations();
  }

  public Map<String, String> tableNames() {
    return Map.copyOf(tables);
  }

  public void printRoutes(PrintStream out) {
    out.printf("%-8s %-28s %-22s %s%n", "METHOD", "PATH", "FUNCTION", "AUTH");
    for (Template.Route route : template.routes()) {
      out.printf("%-8s %-28s %-22s %s%n", route.method(), route.path(), route.functionId(),
          route.authorized() ? template.defaultAuthorizer().map(Template.Authorizer::functionId).orElse("none") : "public");
    }
  }

  private Map<String, String> environment(Template.FunctionDef def, LocalNames names) {
    Map<String, String> env = LambdaEnvironment.of(def, Map.of("DYNAMODB", dynamoEndpoint,
        "SECRETS_MANAGER", secrets.endpoint(), "SQS", sqs.endpoint()), names);
    // Local overrides, as `sam local invoke --env-vars` would give them: email goes to the SMTP catcher,
    // and retries back off from 1 s instead of 10 s, so an outage and its recovery show within seconds.
    if (env.containsKey("EMAIL_TRANSPORT")) {
      env.put("EMAIL_TRANSPORT", "smtp");
      env.put("SMTP_HOST", "127.0.0.1");
      env.put("SMTP_PORT", String.valueOf(smtpPort));
    }
    if (env.containsKey("RETRY_BASE_DELAY_SECONDS")) {
      env.put("RETRY_BASE_DELAY_SECONDS", "1");
    }
    return env;
  }

  private void bootstrapAdmin(String email, String password) {
    FunctionPool pool = functions.get(BOOTSTRAP_FUNCTION);
    if (pool == null) {
      throw new IllegalStateException("template.yaml has no " + BOOTSTRAP_FUNCTION + " to create the first admin with");
    }
    Map<String, String> env = new TreeMap<>(environmentOf(pool));
    env.put("ADMIN_EMAIL", email);
    env.put("ADMIN_PASSWORD", password);
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", pool.function().jar().toString(), BOOTSTRAP_MAIN).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.startsWith("Picked up JAVA_TOOL_OPTIONS")) {
            options.log().accept("[first admin] " + line);
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

  private Map<String, String> environmentOf(FunctionPool pool) {
    return functionEnvironments.get(pool.logicalId());
  }

  private static boolean listening(int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
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
    functions.values().forEach(FunctionPool::close);
    secrets.close();
    sqs.close();
    if (smtp != null) {
      smtp.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
  }
}
