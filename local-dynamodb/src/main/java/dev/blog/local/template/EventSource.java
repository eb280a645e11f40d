package dev.blog.local.template;

import java.util.List;
import java.util.Optional;

/** A function's event other than HttpApi, as the template declares it: what feeds the function, and how. */
public sealed interface EventSource {
  String functionId();

  /** An SQS event source mapping. */
  record Sqs(String functionId, String queueId, int batchSize, boolean reportsBatchItemFailures)
      implements EventSource {}

  /**
   * A DynamoDB stream event source mapping: the table whose stream it reads, the batch size, how often a
   * failing batch is retried, the filter patterns (JSON), and the queue that records a batch given up on.
   */
  record Stream(String functionId, String tableId, int batchSize, int maximumRetryAttempts,
      List<String> filterPatterns, Optional<String> onFailureQueueId) implements EventSource {}

  /** An EventBridge schedule: {@code cron(...)} or {@code rate(...)}. */
  record Schedule(String functionId, String expression) implements EventSource {}
}
