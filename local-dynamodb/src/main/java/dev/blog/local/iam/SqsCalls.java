package dev.blog.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.local.template.LocalAccount;
import java.util.List;
import java.util.Map;

/**
 * What IAM authorises for one SQS request (AWS JSON protocol): the action, whose batch form is authorised as the
 * single one ({@code SendMessageBatch} is {@code sqs:SendMessage}), on the ARN of the queue its URL names.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-api-permissions-reference.html
 */
final class SqsCalls {
  private static final Map<String, String> BATCHES = Map.of("SendMessageBatch", "SendMessage", "DeleteMessageBatch",
      "DeleteMessage", "ChangeMessageVisibilityBatch", "ChangeMessageVisibility");

  private SqsCalls() {}

  static List<Call> of(String operation, JsonNode request) {
    String action = "sqs:" + BATCHES.getOrDefault(operation, operation);
    if (request.hasNonNull("QueueUrl")) {
      String url = request.get("QueueUrl").asText().replaceAll("/+$", "");
      return List.of(new Call(action, LocalAccount.queueArn(url.substring(url.lastIndexOf('/') + 1))));
    }
    if (request.hasNonNull("QueueName")) {
      return List.of(new Call(action, LocalAccount.queueArn(request.get("QueueName").asText())));
    }
    return List.of(new Call(action, "*"));
  }
}
