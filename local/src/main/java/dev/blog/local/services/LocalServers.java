package dev.blog.local.services;

import dev.blog.local.dynamodb.LocalDynamo;
import dev.blog.local.dynamodb.TableProvisioner;
import dev.blog.local.template.LocalNames;
import dev.blog.local.template.Template;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The servers the functions call on the local stack, with the template's tables, queues and secrets in them:
 * DynamoDB Local, ElasticMQ (SQS), GreenMail (SMTP) and the Secrets Manager stand-in. {@link #start} runs
 * servers of its own on the given ports; {@link #attach} uses those of a running {@code ./dev start}, as
 * {@code sam local invoke} uses the endpoints it is given, and runs its own only for what is not running.
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
  private final SecretsManagerStandIn secretsManager;
  private final LocalNames names;

  private LocalServers(Template template, Path dataDir, LocalDynamo dynamo, URI dynamoEndpoint, LocalSqs sqs,
      LocalSmtp smtp, int smtpPort) {
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
    this.secretsManager = new SecretsManagerStandIn(secrets);
    this.names = new LocalNames(template, tables, queueUrls, Map.of(LocalSecrets.PUBLIC_JWKS_PARAMETER, secrets.publicJwks()));
  }

  /**
   * Starts every server, on {@code ports}; DynamoDB Local keeps its data under {@code dataDir} (null: in
   * memory), as do the local secrets. Fails when DynamoDB's port is taken (another stack runs).
   */
  public static LocalServers start(Template template, Ports ports, Path dataDir) {
    if (ports.dynamo() > 0 && listening(ports.dynamo())) {
      throw new IllegalStateException("Port " + ports.dynamo() + " is taken by another DynamoDB (is ./dev start already running?)");
    }
    LocalDynamo dynamo = LocalDynamo.start(ports.dynamo(), dynamoDir(dataDir));
    LocalSmtp smtp = new LocalSmtp(ports.smtp());
    return new LocalServers(template, dataDir, dynamo, dynamo.endpoint(), LocalSqs.start(ports.sqs()), smtp, smtp.port());
  }

  /**
   * Uses the servers that listen on {@code ports} (those of a running {@code ./dev start}) and starts, on free
   * ports, each one that does not; a DynamoDB Local started here keeps its data under {@code dataDir}.
   */
  public static LocalServers attach(Template template, Ports ports, Path dataDir) {
    boolean dynamoRuns = listening(ports.dynamo());
    LocalDynamo dynamo = dynamoRuns ? null : LocalDynamo.start(0, dynamoDir(dataDir));
    LocalSqs sqs = listening(ports.sqs()) ? LocalSqs.attach(ports.sqs()) : LocalSqs.start(0);
    LocalSmtp smtp = listening(ports.smtp()) ? null : new LocalSmtp(0);
    return new LocalServers(template, dataDir, dynamo,
        dynamoRuns ? URI.create("http://127.0.0.1:" + ports.dynamo()) : dynamo.endpoint(), sqs, smtp,
        smtp == null ? ports.smtp() : smtp.port());
  }

  /** What the template's !Ref and !GetAtt stand for on these servers. */
  public LocalNames names() {
    return names;
  }

  /** The SDK service ids (as in {@code AWS_ENDPOINT_URL_<ID>}) of these servers and their endpoints. */
  public Map<String, URI> sdkEndpoints() {
    return Map.of("DYNAMODB", dynamoEndpoint, "SECRETS_MANAGER", secretsManager.endpoint(), "SQS", sqs.endpoint());
  }

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

  public URI sqsEndpoint() {
    return sqs.endpoint();
  }

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
    return dataDir == null ? null : dataDir.resolve("dynamodb");
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
