package dev.blog.local.template;

import java.util.List;
import java.util.Optional;

/** A function's event other than HttpApi, as the template declares it: what feeds the function, and how. */
public sealed interface EventSource {
  String functionId();

  /**
   * An SQS event source mapping; {@code maximumConcurrency} is its ScalingConfig's cap on concurrent invocations
   * (0: none declared, Lambda's pollers then scale with the queue).
   */
  record Sqs(String functionId, String queueId, int batchSize, boolean reportsBatchItemFailures, int maximumConcurrency)
      implements EventSource {}

  /**
   * A DynamoDB stream event source mapping: the table whose stream it reads, the batch size, how often a
   * failing batch is retried and how old its records may grow (-1 for both: until the stream drops them, Lambda's
   * defaults), the filter patterns (JSON), and the queue that records a batch given up on.
   */
  record Stream(String functionId, String tableId, int batchSize, int maximumRetryAttempts, int maximumRecordAgeSeconds,
      List<String> filterPatterns, Optional<String> onFailureQueueId) implements EventSource {}

  /** An EventBridge schedule: {@code cron(...)} or {@code rate(...)}. */
  record Schedule(String functionId, String expression) implements EventSource {}

  /**
   * How Lambda handles the function's asynchronous invocations (schedules invoke asynchronously): retries after
   * a function error (Lambda's default 2), how old an event may grow (default 6 hours), and the queue that
   * receives the invocation record once they are exhausted ({@code EventInvokeConfig} OnFailure destination).
   */
  record AsyncInvoke(String functionId, int maximumRetryAttempts, int maximumEventAgeSeconds,
      Optional<String> onFailureQueueId) {}
}
