package dev.blog.jobs;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.blog.core.budget.TimeBudget;
import dev.blog.core.config.Settings;
import dev.blog.core.inject.AwsClientsModule;
import dev.blog.core.inject.StoreModule;
import dev.blog.core.json.Json;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.outbox.OutboxStore;
import dev.blog.core.store.Store;
import dev.blog.core.testing.LocalModule;
import dev.blog.core.testing.TestStore;
import dev.blog.jobs.internal.IdempotencyStore;
import dev.blog.jobs.sending.internal.SmtpEmailSender;
import dev.blog.local.faults.FaultProxy;
import dev.blog.local.faults.Faults;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Real servers for the jobs, with the wire between them and the code under test as in production: ElasticMQ
 * (SQS protocol, one per test JVM, fresh queues per fixture) and moto server (fresh tables), each reached by
 * the code under test through a {@link FaultProxy} with the production clients' configuration (time budget,
 * retries), and GreenMail (SMTP, one per fixture). {@link #faults} injects the contract's faults on those wires:
 * the code meets DynamoDB's and SQS's real error answers, and SMTP refusing connections. The tests themselves
 * look at the servers directly.
 */
final class JobsFixture implements AutoCloseable {
  private static SQSRestServer elasticMq;
  private static URI sqsEndpoint;
  /** The worker's template timeout: its time budget (calls of at most 5 s) derives from it. */
  static final Settings SETTINGS = new Settings(Map.of("AWS_REGION", "us-east-1", "FUNCTION_TIMEOUT_SECONDS", "30"));
  static final TimeBudget BUDGET = TimeBudget.forFunctionTimeout(SETTINGS.functionTimeout());

  final Json json = new Json();
  final TestStore.Table table = TestStore.freshTable();
  private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
  private final FaultProxy dynamoWire = FaultProxy.start(FaultProxy.Service.DYNAMODB, table.endpoint(),
      () -> faults.get().dynamodb(), line -> { });
  private final FaultProxy sqsWire;
  /** What the code under test uses: the production client configuration, through the fault proxies. */
  final DynamoDbClient dynamo = AwsClientsModule.configured(DynamoDbClient.builder(), SETTINGS, BUDGET)
      .endpointOverride(dynamoWire.endpoint()).credentialsProvider(LOCAL_CREDENTIALS).build();
  final SqsClient sqs;
  /** What the tests use to look: straight to the servers, never faulted. */
  final DynamoDbClient directDynamo = LocalModule.client(table.endpoint());
  final SqsClient directSqs;
  final String queueUrl;
  final String deadLetterUrl;
  final int smtpPort = freePort();
  GreenMail smtp;

  private static final StaticCredentialsProvider LOCAL_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  JobsFixture() {
    URI endpoint = sqs();
    sqsWire = FaultProxy.start(FaultProxy.Service.SQS, endpoint, () -> faults.get().sqs(), line -> { });
    sqs = AwsClientsModule.configured(SqsClient.builder(), SETTINGS, BUDGET).endpointOverride(sqsWire.endpoint())
        .credentialsProvider(LOCAL_CREDENTIALS).build();
    directSqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(LOCAL_CREDENTIALS).httpClient(UrlConnectionHttpClient.builder().build()).build();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    deadLetterUrl = directSqs.createQueue(r -> r.queueName("dlq-" + suffix)).queueUrl();
    queueUrl = directSqs.createQueue(r -> r.queueName("emails-" + suffix).attributes(Map.of(
        QueueAttributeName.VISIBILITY_TIMEOUT, "30",
        QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq-" + suffix
            + "\",\"maxReceiveCount\":\"5\"}"))).queueUrl();
    startSmtp();
  }

  private static synchronized URI sqs() {
    if (elasticMq == null) {
      int port = freePort();
      elasticMq = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1").start();
      elasticMq.waitUntilStarted();
      sqsEndpoint = URI.create("http://127.0.0.1:" + port);
      Runtime.getRuntime().addShutdownHook(new Thread(elasticMq::stopAndWait));
    }
    return sqsEndpoint;
  }

  /** Puts the contract's faults ({@code {"dynamodb": {...}, "sqs": {...}, "smtp": {"down": true}}}) in force. */
  void faults(String json) {
    Faults next = Faults.parse(json);
    if (next.smtpDown() && smtp != null) {
      stopSmtp();
    } else if (!next.smtpDown() && smtp == null) {
      startSmtp();
    }
    faults.set(next);
  }

  void startSmtp() {
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  /** SMTP refuses connections (nothing listens) until started again; what was caught is kept by the test. */
  void stopSmtp() {
    caught += smtp.getReceivedMessages().length;
    smtp.stop();
    smtp = null;
  }

  private int caught;

  int emailsCaught() {
    return caught + (smtp == null ? 0 : smtp.getReceivedMessages().length);
  }

  Store store() {
    return new Store(dynamo, StoreModule.enhanced(dynamo), table.name(), table::outboxName);
  }

  EmailQueue queue() {
    return new EmailQueue(sqs, json, queueUrl, deadLetterUrl);
  }

  IdempotencyStore idempotency(Clock clock) {
    return new IdempotencyStore(store(), clock);
  }

  OutboxRelay relay() {
    return new OutboxRelay(queue(), new OutboxStore(store()), Clock.systemUTC(), json);
  }

  Metrics metrics() {
    return new Metrics(Clock.systemUTC(), json);
  }

  /** The worker as Lambda builds it, with a retry schedule of {@code retries} and {@code sendRate} sends a second. */
  EmailWorkerHandler worker(RetrySchedule retries, int sendRate) {
    EmailDelivery delivery = new EmailDelivery(json, new SmtpEmailSender("127.0.0.1", smtpPort, "no-reply@blog.example.dev",
        Clock.systemUTC(), BUDGET), idempotency(Clock.systemUTC()), queue(), retries, new SendPacer(sendRate),
        Clock.systemUTC());
    return new EmailWorkerHandler(delivery, metrics(), BUDGET);
  }

  /** The worker with the local stack's retry schedule (1 s, then 8 s, ...). */
  EmailWorkerHandler worker() {
    return worker(new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(120)), 50);
  }

  void send(String body) {
    directSqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
  }

  void send(EmailMessage email) {
    send(json.write(email));
  }

  /** Receives up to {@code n} messages (as Lambda's poller would), waiting up to a few seconds for them. */
  List<SQSEvent.SQSMessage> receive(String url, int n) {
    return receive(url, n, Duration.ofSeconds(5));
  }

  List<SQSEvent.SQSMessage> receive(String url, int n, Duration within) {
    List<SQSEvent.SQSMessage> received = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (received.size() < n && System.nanoTime() < deadline) {
      for (Message m : directSqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(Math.min(10, n - received.size()))
          .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All"))
          .messages()) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(m.messageId());
        message.setReceiptHandle(m.receiptHandle());
        message.setBody(m.body());
        Map<String, String> attributes = new HashMap<>();
        m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
        message.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
        m.messageAttributes().forEach((k, v) -> {
          SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
          attribute.setStringValue(v.stringValue());
          attribute.setDataType(v.dataType());
          messageAttributes.put(k, attribute);
        });
        message.setMessageAttributes(messageAttributes);
        received.add(message);
      }
    }
    return received;
  }

  List<SQSEvent.SQSMessage> receive(int n) {
    return receive(queueUrl, n);
  }

  static SQSEvent event(List<SQSEvent.SQSMessage> messages) {
    SQSEvent event = new SQSEvent();
    event.setRecords(messages);
    return event;
  }

  /** Waits (polling, never a fixed sleep) until {@code done} holds, at most {@code within}; answers whether it did. */
  static boolean await(BooleanSupplier done, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (smtp != null) {
      smtp.stop();
    }
    sqs.close();
    directSqs.close();
    dynamo.close();
    directDynamo.close();
    sqsWire.close();
    dynamoWire.close();
  }
}
