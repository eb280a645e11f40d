package dev.blog.jobs;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.blog.core.json.Json;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.inject.StoreModule;
import dev.blog.core.store.Store;
import dev.blog.core.testing.LocalModule;
import dev.blog.core.testing.TestStore;
import dev.blog.jobs.sending.internal.SmtpEmailSender;
import dev.blog.jobs.internal.IdempotencyStore;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Real servers for the jobs: ElasticMQ (SQS protocol, one per test JVM, fresh queues per fixture),
 * GreenMail (SMTP, one per fixture, can be stopped to refuse mail) and DynamoDB Local (a fresh table).
 */
final class JobsFixture implements AutoCloseable {
  private static SQSRestServer elasticMq;
  private static URI sqsEndpoint;

  final Json json = new Json();
  final TestStore.Table table = TestStore.freshTable();
  final DynamoDbClient dynamo = LocalModule.client(table.endpoint());
  final SqsClient sqs;
  final String queueUrl;
  final String deadLetterUrl;
  final int smtpPort = freePort();
  GreenMail smtp;

  JobsFixture() {
    URI endpoint = sqs();
    sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.builder().build()).build();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    deadLetterUrl = sqs.createQueue(r -> r.queueName("dlq-" + suffix)).queueUrl();
    queueUrl = sqs.createQueue(r -> r.queueName("emails-" + suffix).attributes(Map.of(
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

  void startSmtp() {
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  void stopSmtp() {
    smtp.stop();
  }

  int emailsCaught() {
    return smtp.getReceivedMessages().length;
  }

  EmailQueue queue() {
    return new EmailQueue(sqs, json, queueUrl, deadLetterUrl);
  }

  Store store() {
    return new Store(dynamo, StoreModule.enhanced(dynamo), table.name());
  }

  IdempotencyStore idempotency(Clock clock, Duration lock) {
    return new IdempotencyStore(store(), clock, lock);
  }

  EmailWorkerHandler worker() {
    return new EmailWorkerHandler(json, new SmtpEmailSender("127.0.0.1", smtpPort, "no-reply@blog.example.dev",
        Clock.systemUTC()), idempotency(Clock.systemUTC(), Duration.ofSeconds(30)), queue(), new Metrics(Clock.systemUTC(), json), 1);
  }

  void send(String body) {
    sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
  }

  void send(EmailMessage email) {
    send(json.write(email));
  }

  /** Receives up to {@code n} messages (as Lambda's poller would), waiting up to a few seconds for them. */
  List<SQSEvent.SQSMessage> receive(String url, int n) {
    List<SQSEvent.SQSMessage> received = new ArrayList<>();
    long deadline = System.currentTimeMillis() + 5_000;
    while (received.size() < n && System.currentTimeMillis() < deadline) {
      for (Message m : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(Math.min(10, n - received.size()))
          .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages()) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(m.messageId());
        message.setReceiptHandle(m.receiptHandle());
        message.setBody(m.body());
        Map<String, String> attributes = new HashMap<>();
        m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
        message.setAttributes(attributes);
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

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    smtp.stop();
    sqs.close();
    dynamo.close();
  }
}
