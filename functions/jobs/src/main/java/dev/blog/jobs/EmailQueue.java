package dev.blog.jobs;

import dev.blog.core.json.Json;
import dev.blog.core.mail.EmailMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The email queue and its dead-letter queue, as the jobs use them. */
public final class EmailQueue {
  /** SQS's batch limit. */
  static final int BATCH = 10;
  /** SQS's longest visibility timeout: 12 hours. */
  static final Duration MAX_DELAY = Duration.ofHours(12);

  private final SqsClient sqs;
  private final Json json;
  private final String queueUrl;
  private final String deadLetterUrl;

  public EmailQueue(SqsClient sqs, Json json, String queueUrl, String deadLetterUrl) {
    this.sqs = sqs;
    this.json = json;
    this.queueUrl = queueUrl;
    this.deadLetterUrl = deadLetterUrl;
  }

  /** Queues the emails; returns the positions (in {@code emails}) of those SQS did not take. */
  public List<Integer> enqueue(List<EmailMessage> emails) {
    List<Integer> failed = new ArrayList<>();
    for (int from = 0; from < emails.size(); from += BATCH) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(from + BATCH, emails.size()); i++) {
        entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(json.write(emails.get(i))).build());
      }
      try {
        var response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        response.failed().forEach(f -> failed.add(Integer.parseInt(f.id())));
      } catch (SdkException e) {
        entries.forEach(entry -> failed.add(Integer.parseInt(entry.id())));
      }
    }
    return failed;
  }

  /**
   * Puts a message that can never be processed on the dead-letter queue, with the reason beside it and how often it
   * was received (0: never, an outbox item); false when SQS did not take it (then it stays, to be tried again).
   */
  public boolean deadLetter(String body, String reason, int receiveCount) {
    try {
      sqs.sendMessage(r -> r.queueUrl(deadLetterUrl).messageBody(body).messageAttributes(Map.of(
          "reason", MessageAttributeValue.builder().dataType("String").stringValue(reason).build(),
          "receiveCount", MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(receiveCount))
              .build())));
      return true;
    } catch (SdkException e) {
      return false;
    }
  }

  /**
   * Makes a message that is to be tried again visible after {@code delay} (its back-off: {@link RetrySchedule})
   * instead of the queue's long visibility timeout, so a short outage delays email by seconds, not minutes.
   */
  public void retryLater(String receiptHandle, Duration delay) {
    int seconds = (int) Math.max(0, Math.min(MAX_DELAY.toSeconds(), delay.toSeconds()));
    try {
      sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout(seconds));
    } catch (SdkException e) {
      // the message comes back after the queue's visibility timeout instead
    }
  }
}
