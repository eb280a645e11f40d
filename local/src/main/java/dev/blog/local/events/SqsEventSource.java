package dev.blog.local.events;

import dev.blog.local.logging.LocalJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blog.local.lambda.FunctionPool;
import dev.blog.local.lambda.InvocationResult;
import dev.blog.local.template.EventSource;
import dev.blog.local.template.LocalAccount;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping, locally: several pollers long-poll the queue in parallel (as Lambda's do,
 * up to the mapping's ScalingConfig MaximumConcurrency and the function's environments), each handing its batch
 * to the function as an SQSEvent, then deleting what succeeded. With ReportBatchItemFailures only the messages
 * named in {@code batchItemFailures} stay (and come back after their visibility timeout); when the invocation
 * fails, or its answer names a message that was not in the batch (or none at all), Lambda counts the whole
 * batch as failed and deletes nothing. Receive counts and the move to the dead-letter queue are the queue's own.
 * See https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html and
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
public final class SqsEventSource implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqsClient sqs;
  private final String queueUrl;
  private final String queueArn;
  private final FunctionPool function;
  private final int batchSize;
  private final boolean reportsItemFailures;
  private final Consumer<String> log;
  private final List<Thread> pollers = new java.util.ArrayList<>();
  private volatile boolean running = true;

  /** Lambda starts five pollers for a standard queue; a declared MaximumConcurrency caps the invocations. */
  static final int POLLERS = 5;

  /**
   * Starts polling {@code queueUrl} for {@code function}, as the template's {@code mapping} declares, with as many
   * pollers as may invoke at once (at most {@code environments}, the execution environments the function may have).
   */
  public SqsEventSource(EventSource.Sqs mapping, SqsClient sqs, String queueUrl, FunctionPool function,
      int environments, Consumer<String> log) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.queueArn = LocalAccount.queueArn(mapping.queueId());
    this.function = function;
    // One ReceiveMessage returns at most 10 messages (Lambda's batching window, which gathers more, is not emulated).
    this.batchSize = Math.min(10, mapping.batchSize());
    this.reportsItemFailures = mapping.reportsBatchItemFailures();
    this.log = log;
    int concurrency = Math.min(mapping.maximumConcurrency() > 0 ? mapping.maximumConcurrency() : POLLERS,
        Math.max(1, environments));
    for (int i = 1; i <= concurrency; i++) {
      pollers.add(Thread.ofPlatform().name("sqs-" + function.logicalId() + "-" + i).daemon().start(this::run));
    }
  }

  /** How many pollers (hence concurrent invocations at most) this mapping runs. */
  public int pollers() {
    return pollers.size();
  }

  private void run() {
    while (running) {
      try {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
            .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
            .messageAttributeNames("All")).messages();
        if (!messages.isEmpty() && running) {
          deliver(messages);
        }
      } catch (RuntimeException e) {
        if (running) {
          log.accept(LocalJson.line(function.logicalId(), "SQS poller failed", "error", e.getMessage()));
          sleep();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void deliver(List<Message> messages) throws InterruptedException {
    InvocationResult result = function.invoke(event(messages));
    log.accept(LocalJson.line(function.logicalId(), "SQS batch", "messages", messages.size(),
        "coldStartMs", result.initMillis() > 0 ? result.initMillis() : null, "invokeMs", result.durationMillis()));
    if (!result.succeeded()) {
      log.accept(LocalJson.line(function.logicalId(), "SQS batch failed; the messages will be retried",
          "messages", messages.size(), "error", result.payload()));
      return;
    }
    Set<String> failed;
    if (reportsItemFailures) {
      java.util.Optional<Set<String>> named = failedMessages(messages, result.payload());
      if (named.isEmpty()) {
        log.accept(LocalJson.line(function.logicalId(), "batchItemFailures names no message of the batch (or is not "
            + "readable): the whole batch failed, as in Lambda", "messages", messages.size(), "answer", result.payload()));
        return;
      }
      failed = named.get();
    } else {
      failed = Set.of();
    }
    List<DeleteMessageBatchRequestEntry> done = messages.stream().filter(m -> !failed.contains(m.messageId()))
        .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
        .toList();
    if (!done.isEmpty()) {
      sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
    }
  }

  /**
   * The messages a partial batch response names as failed; empty (the whole batch failed, nothing is deleted)
   * when it names one that is not in the batch, names none by its id, or is not a response at all.
   */
  static java.util.Optional<Set<String>> failedMessages(List<Message> batch, String response) {
    Set<String> inBatch = new HashSet<>(batch.stream().map(Message::messageId).toList());
    Set<String> failed = new HashSet<>();
    try {
      for (JsonNode failure : JSON.readTree(response).path("batchItemFailures")) {
        String id = failure.path("itemIdentifier").asText("");
        if (!inBatch.contains(id)) {
          return java.util.Optional.empty();
        }
        failed.add(id);
      }
    } catch (java.io.IOException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(failed);
  }

  /** The SQSEvent Lambda would send, field for field. */
  private String event(List<Message> messages) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (Message m : messages) {
      ObjectNode record = records.addObject();
      record.put("messageId", m.messageId());
      record.put("receiptHandle", m.receiptHandle());
      record.put("body", m.body());
      ObjectNode attributes = record.putObject("attributes");
      m.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
      ObjectNode messageAttributes = record.putObject("messageAttributes");
      m.messageAttributes().forEach((name, value) -> messageAttributes.putObject(name)
          .put("stringValue", value.stringValue()).put("dataType", value.dataType()));
      record.put("md5OfBody", m.md5OfBody());
      record.put("eventSource", "aws:sqs");
      record.put("eventSourceARN", queueArn);
      record.put("awsRegion", LocalAccount.REGION);
    }
    return event.toString();
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    pollers.forEach(Thread::interrupt);
  }
}
