package dev.blog.local;

import java.net.URI;
import java.util.ArrayList;
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
    this.client = SqsClient.builder().endpointOverride(endpoint).region(Region.of(Template.REGION))
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
    List<String> ids = new ArrayList<>(template.resourcesOfType("AWS::SQS::Queue"));
    ids.sort((a, b) -> Boolean.compare(template.properties(a).containsKey("RedrivePolicy"),
        template.properties(b).containsKey("RedrivePolicy")));
    for (String id : ids) {
      Map<String, Object> props = template.properties(id);
      Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
      if (props.get("VisibilityTimeout") != null) {
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(props.get("VisibilityTimeout")));
      }
      if (props.get("MessageRetentionPeriod") != null) {
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(props.get("MessageRetentionPeriod")));
      }
      if (props.get("RedrivePolicy") instanceof Map<?, ?> redrive) {
        String target = Template.resolve(redrive.get("deadLetterTargetArn"), ref -> LocalNames.queueArn(ref.substring(0, ref.indexOf('.'))));
        attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + target
            + "\",\"maxReceiveCount\":\"" + redrive.get("maxReceiveCount") + "\"}");
      }
      String url = client.createQueue(r -> r.queueName(id).attributes(attributes)).queueUrl();
      queueUrls.put(id, url);
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

  /** The queue behind an ARN of this stack (as event sources and redrive policies name queues). */
  String queueUrlForArn(String arn) {
    return queueUrl(arn.substring(arn.lastIndexOf(':') + 1));
  }

  @Override
  public void close() {
    client.close();
    if (server != null) {
      server.stopAndWait();
    }
  }
}
