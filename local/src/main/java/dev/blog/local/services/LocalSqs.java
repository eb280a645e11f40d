package dev.blog.local.services;

import dev.blog.local.logging.LocalJson;
import dev.blog.local.dynamodb.LocalDynamo;
import dev.blog.local.template.LocalAccount;
import dev.blog.local.template.QueueDef;
import dev.blog.local.template.Template;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ, an SQS-compatible server, in this JVM, with the template's AWS::SQS::Queue resources created
 * as declared (visibility timeout, retention, redrive policy to the dead-letter queue): receive counts
 * and dead-lettering after maxReceiveCount are the server's own, as in SQS.
 */
final class LocalSqs implements AutoCloseable {
  private final SQSRestServer server; // null when attached to another stack's server
  private final URI endpoint;
  private final SqsClient client;
  private final Map<String, String> queueUrls = new LinkedHashMap<>();

  private LocalSqs(SQSRestServer server, int port) {
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.client = SqsClient.builder().endpointOverride(endpoint).region(Region.of(LocalAccount.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.builder().build())
        .build();
  }

  static LocalSqs start(int port) {
    int chosen = port == 0 ? LocalDynamo.freePort() : port;
    SQSRestServer server = SQSRestServerBuilder.withPort(chosen).withInterface("127.0.0.1").start();
    server.waitUntilStarted();
    return new LocalSqs(server, chosen);
  }

  /** Uses the SQS server of a running ./dev start. */
  static LocalSqs attach(int port) {
    return new LocalSqs(null, port);
  }

  /** Creates the template's queues (dead-letter targets first) and returns logical id to queue URL. */
  Map<String, String> createQueues(Template template) {
    List<QueueDef> queues = new ArrayList<>(template.queues());
    queues.sort(Comparator.comparing(queue -> queue.redrive().isPresent()));
    for (QueueDef queue : queues) {
      Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
      queue.visibilityTimeoutSeconds().ifPresent(v -> attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, v.toString()));
      queue.messageRetentionSeconds().ifPresent(v -> attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, v.toString()));
      queue.redrive().ifPresent(r -> attributes.put(QueueAttributeName.REDRIVE_POLICY, LocalJson.write(Map.of(
          "deadLetterTargetArn", LocalAccount.queueArn(r.deadLetterQueueId()),
          "maxReceiveCount", Integer.toString(r.maxReceiveCount())))));
      String url = client.createQueue(r -> r.queueName(queue.logicalId()).attributes(attributes)).queueUrl();
      queueUrls.put(queue.logicalId(), url);
    }
    return Map.copyOf(queueUrls);
  }

  URI endpoint() {
    return endpoint;
  }

  SqsClient client() {
    return client;
  }

  String queueUrl(String logicalId) {
    String url = queueUrls.get(logicalId);
    if (url == null) {
      throw new IllegalArgumentException("No queue " + logicalId + " in template.yaml");
    }
    return url;
  }

  @Override
  public void close() {
    client.close();
    if (server != null) {
      server.stopAndWait();
    }
  }
}
