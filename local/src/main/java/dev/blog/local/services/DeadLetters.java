package dev.blog.local.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blog.local.template.EventSource;
import dev.blog.local.template.LocalAccount;
import dev.blog.local.template.QueueDef;
import dev.blog.local.template.Template;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The template's dead-letter queues on the local SQS server: the targets of a queue's redrive policy, and the
 * OnFailure destinations of asynchronous invocations and stream mappings. {@link #json()} lists what they hold
 * ({@code GET /_local/dead-letters}); {@link #redrive()} moves a redrive policy's dead letters back to their
 * source queue with the call an operator makes in AWS ({@code StartMessageMoveTask}).
 */
final class DeadLetters {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How long a listing hides the messages it reads, before it makes them visible again. */
  private static final int PEEK_SECONDS = 30;

  private final SqsClient sqs;
  private final Map<String, String> queueUrls;
  /** Dead-letter queue to the queue whose redrive policy feeds it (empty: an OnFailure destination). */
  private final Map<String, Optional<QueueDef.Redrive>> queues = new LinkedHashMap<>();
  private final Map<String, String> sourceOf = new LinkedHashMap<>();
  /** A message's receive count when first listed, before the listing's own receives added to it. */
  private final Map<String, Integer> receiveCounts = new ConcurrentHashMap<>();

  DeadLetters(Template template, SqsClient sqs, Map<String, String> queueUrls) {
    this.sqs = sqs;
    this.queueUrls = queueUrls;
    for (QueueDef queue : template.queues()) {
      queue.redrive().ifPresent(redrive -> {
        queues.put(redrive.deadLetterQueueId(), Optional.of(redrive));
        sourceOf.put(redrive.deadLetterQueueId(), queue.logicalId());
      });
    }
    for (String function : template.functionIds()) {
      template.asyncInvoke(function).onFailureQueueId().ifPresent(id -> queues.putIfAbsent(id, Optional.empty()));
    }
    for (EventSource.Stream stream : template.streamSources()) {
      stream.onFailureQueueId().ifPresent(id -> queues.putIfAbsent(id, Optional.empty()));
    }
  }

  /** {@code [{"queue", "body", "receiveCount", "reason"}]}: every dead-letter queue's messages, oldest first. */
  String json() {
    ArrayNode all = JSON.createArrayNode();
    for (String queue : queues.keySet()) {
      for (Message message : peek(queueUrls.get(queue))) {
        ObjectNode entry = all.addObject();
        entry.put("queue", queue);
        entry.put("body", message.body());
        var given = message.messageAttributes().get("receiveCount");
        int count = given != null && given.stringValue() != null ? Integer.parseInt(given.stringValue())
            : receiveCounts.computeIfAbsent(message.messageId(), id -> Math.max(0, receiveCount(message) - 1));
        entry.put("receiveCount", count);
        entry.put("reason", reason(queue, message, count));
      }
    }
    return all.toString();
  }

  /**
   * Moves the dead letters of every redrive policy back to its source queue, as
   * {@code aws sqs start-message-move-task --source-arn <dead-letter queue> --destination-arn <source queue>} does;
   * answers how many messages each dead-letter queue held when the move started.
   */
  Map<String, Integer> redrive() {
    Map<String, Integer> moved = new LinkedHashMap<>();
    sourceOf.forEach((deadLetters, source) -> {
      int count = Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(queueUrls.get(deadLetters))
          .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings()
          .getOrDefault("ApproximateNumberOfMessages", "0"));
      if (count > 0) {
        sqs.startMessageMoveTask(r -> r.sourceArn(LocalAccount.queueArn(deadLetters))
            .destinationArn(LocalAccount.queueArn(source)));
      }
      moved.put(deadLetters, count);
    });
    return moved;
  }

  /** Hands the {@code requestPayload} of each record in the queue to {@code replay}, then deletes it. */
  int drain(String queueId, java.util.function.Consumer<String> replay) {
    String url = queueUrls.get(queueId);
    int count = 0;
    while (true) {
      List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(PEEK_SECONDS)
          .waitTimeSeconds(0)).messages();
      if (batch.isEmpty()) {
        return count;
      }
      for (Message message : batch) {
        try {
          replay.accept(JSON.readTree(message.body()).path("requestPayload").toString());
        } catch (IOException e) {
          continue; // not an invocation record: left where it is, visible again after the peek
        }
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
        count++;
      }
    }
  }

  /**
   * Every message of the queue, read without consuming it: received with a visibility timeout until none is
   * left, then made visible again at once.
   */
  private List<Message> peek(String url) {
    Map<String, Message> seen = new LinkedHashMap<>();
    for (int round = 0; round < 100; round++) {
      List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(PEEK_SECONDS)
          .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All"))
          .messages();
      if (batch.isEmpty()) {
        break;
      }
      batch.forEach(m -> seen.putIfAbsent(m.messageId(), m));
    }
    List<Message> messages = new ArrayList<>(seen.values());
    for (int from = 0; from < messages.size(); from += 10) {
      List<ChangeMessageVisibilityBatchRequestEntry> entries = messages.subList(from, Math.min(from + 10, messages.size()))
          .stream().map(m -> ChangeMessageVisibilityBatchRequestEntry.builder().id(m.messageId())
              .receiptHandle(m.receiptHandle()).visibilityTimeout(0).build()).toList();
      sqs.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(entries));
    }
    messages.sort(java.util.Comparator.comparingLong(m -> Long.parseLong(
        m.attributes().getOrDefault(MessageSystemAttributeName.SENT_TIMESTAMP, "0"))));
    return messages;
  }

  /** Why the message is here: the reason it was put here with, or what its queue or record says. */
  private String reason(String queue, Message message, int receiveCount) {
    var given = message.messageAttributes().get("reason");
    if (given != null && given.stringValue() != null) {
      return given.stringValue();
    }
    Optional<QueueDef.Redrive> redrive = queues.get(queue);
    if (redrive.isPresent()) {
      return "not processed in " + receiveCount + " receives from " + sourceOf.get(queue) + " (maxReceiveCount "
          + redrive.get().maxReceiveCount() + ")";
    }
    try {
      JsonNode record = JSON.readTree(message.body());
      JsonNode context = record.path("requestContext");
      JsonNode error = record.path("responsePayload");
      String arn = context.path("functionArn").asText("");
      String function = arn.contains(":function:") ? arn.substring(arn.indexOf(":function:") + 10).split(":")[0] : "a function";
      return context.path("condition").asText("Failed") + " after " + context.path("approximateInvokeCount").asInt(1)
          + " attempts of " + function
          + (error.has("errorType") ? ": " + error.path("errorType").asText() + ": " + error.path("errorMessage").asText() : "");
    } catch (IOException e) {
      return "an OnFailure record";
    }
  }

  private static int receiveCount(Message message) {
    return Integer.parseInt(message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
  }
}
