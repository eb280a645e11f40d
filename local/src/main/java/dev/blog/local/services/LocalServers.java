package dev.blog.local.services;

import dev.blog.local.dynamodb.LocalDynamo;
import dev.blog.local.dynamodb.TableProvisioner;
import dev.blog.local.faults.FaultProxy;
import dev.blog.local.faults.Faults;
import dev.blog.local.faults.Gate;
import dev.blog.local.iam.LocalIam;
import dev.blog.local.template.LocalNames;
import dev.blog.local.template.Template;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The servers the functions call on the local stack, with the template's tables, queues and secrets in them:
 * moto server (DynamoDB and Secrets Manager), ElasticMQ (SQS) and GreenMail (SMTP). {@link #start} runs
 * servers of its own on the given ports; {@link #attach} uses those of a running {@code ./dev start}, as
 * {@code sam local invoke} uses the endpoints it is given, and runs its own only for what is not running.
 *
 * <p>The functions reach DynamoDB and SQS through a {@link FaultProxy} each ({@link #sdkEndpoints()}), where
 * {@link #faults(Faults)} injects throttling, errors and delays on the wire; the stack's own event source
 * mappings talk to the servers directly, as Lambda's pollers are not the functions' clients.
 *
 * <p>Unless {@code enforceIam} is off ({@code --no-iam}), every request a function makes of DynamoDB, SQS and
 * Secrets Manager is authorised against that function's policies in template.yaml first ({@link LocalIam}).
 */
public final class LocalServers implements AutoCloseable {
  /** The ports of the servers that have fixed ones (0: any free port). */
  public record Ports(int dynamo, int sqs, int smtp) {}

  private final LocalDynamo dynamo; // null when attached to a running one
  private final URI dynamoEndpoint;
  private final Map<String, String> tables;
  private final LocalSqs sqs;
  private final Map<String, String> queueUrls;
  private final LocalSmtp smtp; // null when attached to a running one
  private final int smtpPort;
  private final FaultProxy secretsManager;
  private final LocalNames names;
  private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
  private final FaultProxy dynamoProxy;
  private final FaultProxy sqsProxy;
  private final DeadLetters deadLetters;
  private final LocalIam iam; // null: --no-iam
  private final Map<String, SesSmtpGate> smtpGates = new java.util.HashMap<>();

  private LocalServers(Template template, Path dataDir, LocalDynamo dynamo, URI dynamoEndpoint, LocalSqs sqs,
      LocalSmtp smtp, int smtpPort, boolean enforceIam, Consumer<String> log) {
    this.dynamo = dynamo;
    this.dynamoEndpoint = dynamoEndpoint;
    try (var client = LocalDynamo.client(dynamoEndpoint)) {
      this.tables = new TableProvisioner(template).create(client, "");
    }
    this.sqs = sqs;
    this.queueUrls = sqs.createQueues(template);
    this.smtp = smtp;
    this.smtpPort = smtpPort;
    LocalSecrets secrets = LocalSecrets.forTemplate(template, dataDir);
    this.names = new LocalNames(template, tables, queueUrls, Map.of(LocalSecrets.PUBLIC_JWKS_PARAMETER, secrets.publicJwks()));
    // Resolved with the same names as the functions' environment, so a policy's ARN and a request's agree.
    this.iam = enforceIam ? new LocalIam(template, names, tables, log) : null;
    // Secrets Manager is moto server's too; the functions reach it through the IAM check (no faults are injected).
    secrets.putInto(dynamoEndpoint);
    this.secretsManager = FaultProxy.start(FaultProxy.Service.SECRETS_MANAGER, dynamoEndpoint,
        () -> dev.blog.local.faults.Faults.Wire.NONE, iam == null ? Gate.OPEN : iam.secretsManager(), log);
    this.dynamoProxy = FaultProxy.start(FaultProxy.Service.DYNAMODB, dynamoEndpoint, () -> faults.get().dynamodb(),
        iam == null ? Gate.OPEN : iam.dynamoDb(), log);
    this.sqsProxy = FaultProxy.start(FaultProxy.Service.SQS, sqs.endpoint(), () -> faults.get().sqs(),
        iam == null ? Gate.OPEN : iam.sqs(), log);
    this.deadLetters = new DeadLetters(template, sqs.client(), queueUrls);
  }

  /**
   * Starts every server, on {@code ports}; moto server keeps the tables under {@code dataDir} (null: in
   * memory), as do the local secrets. Fails when DynamoDB's port is taken (another stack runs).
   */
  public static LocalServers start(Template template, Ports ports, Path dataDir, boolean enforceIam, Consumer<String> log) {
    if (ports.dynamo() > 0 && listening(ports.dynamo())) {
      throw new IllegalStateException("Port " + ports.dynamo() + " is taken by another DynamoDB (is ./dev start already running?)");
    }
    LocalDynamo dynamo = LocalDynamo.start(ports.dynamo(), dynamoDir(dataDir));
    LocalSmtp smtp = new LocalSmtp(ports.smtp());
    return new LocalServers(template, dataDir, dynamo, dynamo.endpoint(), LocalSqs.start(ports.sqs()), smtp, smtp.port(),
        enforceIam, log);
  }

  /**
   * Uses the servers that listen on {@code ports} (those of a running {@code ./dev start}) and starts, on free
   * ports, each one that does not; a moto server started here keeps the tables under {@code dataDir}.
   */
  public static LocalServers attach(Template template, Ports ports, Path dataDir, boolean enforceIam, Consumer<String> log) {
    boolean dynamoRuns = listening(ports.dynamo());
    LocalDynamo dynamo = dynamoRuns ? null : LocalDynamo.start(0, dynamoDir(dataDir));
    LocalSqs sqs = listening(ports.sqs()) ? LocalSqs.attach(ports.sqs()) : LocalSqs.start(0);
    LocalSmtp smtp = listening(ports.smtp()) ? null : new LocalSmtp(0);
    return new LocalServers(template, dataDir, dynamo,
        dynamoRuns ? URI.create("http://127.0.0.1:" + ports.dynamo()) : dynamo.endpoint(), sqs, smtp,
        smtp == null ? ports.smtp() : smtp.port(), enforceIam, log);
  }

  /** What the template's !Ref and !GetAtt stand for on these servers. */
  public LocalNames names() {
    return names;
  }

  /**
   * The SDK service ids (as in {@code AWS_ENDPOINT_URL_<ID>}) and the endpoints the functions use: DynamoDB and
   * SQS through their fault proxies.
   */
  public Map<String, URI> sdkEndpoints() {
    return Map.of("DYNAMODB", dynamoProxy.endpoint(), "SECRETS_MANAGER", secretsManager.endpoint(), "SQS",
        sqsProxy.endpoint());
  }

  /**
   * What the functions' own policies grant that no call has needed yet, by function (empty with {@code --no-iam}):
   * see {@link LocalIam#unusedGrants()}.
   */
  public Map<String, java.util.List<String>> unusedIamGrants() {
    return iam == null ? Map.of() : iam.unusedGrants();
  }

  /** The faults in force now. */
  public Faults faults() {
    return faults.get();
  }

  /**
   * Puts {@code next} in force, replacing all earlier faults: DynamoDB's and SQS's on their proxies at once,
   * SMTP's by stopping the mail catcher (connections are refused) or starting it again.
   */
  public void faults(Faults next) {
    if (smtp != null) {
      smtpAccepting(!next.smtpDown());
    } else if (next.smtpDown()) {
      throw new IllegalStateException("The SMTP catcher is the running stack's, not this one's");
    }
    faults.set(next);
  }

  /** The messages now in every dead-letter queue, {@code [{"queue", "body", "receiveCount", "reason"}]}. */
  public String deadLettersJson() {
    return deadLetters.json();
  }

  /** Moves every dead-letter queue's messages back to the queue they came from; answers how many, by queue. */
  public Map<String, Integer> redrive() {
    return deadLetters.redrive();
  }

  /**
   * Empties an OnFailure destination of asynchronous invocations: hands each record's {@code requestPayload} (the
   * event that failed) to {@code replay}, then deletes the record; answers how many.
   */
  public int drain(String queueId, Consumer<String> replay) {
    return deadLetters.drain(queueId, replay);
  }

  /** The local DynamoDB itself (not the functions' proxy): for the stack's own stream pollers and tools. */
  public URI dynamoEndpoint() {
    return dynamoEndpoint;
  }

  /** Logical id to table name. */
  public Map<String, String> tableNames() {
    return Map.copyOf(tables);
  }

  /** The stream of one of the template's tables. */
  public String latestStreamArn(String tableId) {
    try (var client = LocalDynamo.client(dynamoEndpoint)) {
      return client.describeTable(r -> r.tableName(tables.get(tableId))).table().latestStreamArn();
    }
  }

  /** The SQS server itself (not the functions' proxy). */
  public URI sqsEndpoint() {
    return sqs.endpoint();
  }

  /** A client of the SQS server itself, for the stack's own pollers: no fault reaches it. */
  public SqsClient sqsClient() {
    return sqs.client();
  }

  public String queueUrl(String logicalId) {
    return sqs.queueUrl(logicalId);
  }

  /** The template's queues, by logical id. */
  public Collection<String> queueIds() {
    return queueUrls.keySet();
  }

  public int smtpPort() {
    return smtpPort;
  }

  /**
   * The SMTP port {@code functionId} sends its email to: with IAM on, a gate of its own in front of the catcher,
   * which checks its SES policy for each email ({@link SesSmtpGate}); with {@code --no-iam}, the catcher itself.
   */
  public synchronized int smtpPortFor(String functionId) {
    if (iam == null) {
      return smtpPort;
    }
    return smtpGates.computeIfAbsent(functionId, id -> new SesSmtpGate(smtpPort,
        (from, to) -> iam.sendEmailDenial(id, from, to))).port();
  }

  /** The emails the SMTP catcher holds, {@code [{"to", "subject", "text", "sentAt"}]}, oldest first. */
  public String emailsJson() {
    return ownSmtp().emailsJson();
  }

  /** Stops or restarts the SMTP catcher: while stopped, SMTP connections are refused. */
  public void smtpAccepting(boolean accepting) {
    if (accepting) {
      ownSmtp().start();
    } else {
      ownSmtp().stop();
    }
  }

  private LocalSmtp ownSmtp() {
    if (smtp == null) {
      throw new IllegalStateException("The SMTP catcher is the running stack's, not this one's");
    }
    return smtp;
  }

  private static Path dynamoDir(Path dataDir) {
    return dataDir == null ? null : dataDir.resolve("moto");
  }

  private static boolean listening(int port) {
    if (port <= 0) {
      return false;
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    smtpGates.values().forEach(SesSmtpGate::close);
    dynamoProxy.close();
    sqsProxy.close();
    secretsManager.close();
    sqs.close();
    if (smtp != null) {
      smtp.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
  }
}
