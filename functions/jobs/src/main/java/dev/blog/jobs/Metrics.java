package dev.blog.jobs;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.blog.core.json.Json;
import dev.blog.core.logging.LogLine;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch metrics as embedded metric format (EMF) log lines: no API call, no client, no extra
 * latency; CloudWatch Logs extracts the metrics.
 * See https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
public final class Metrics {
  static final String NAMESPACE = "blog-backend";

  private final Clock clock;
  private final Json json;

  public Metrics(Clock clock, Json json) {
    this.clock = clock;
    this.json = json;
  }

  /**
   * One line per worker batch: emails sent (of which not recorded as sent: the duplicate window), failed and
   * coming back after their back-off, deferred (a claim held elsewhere, a store out of reach, no time left to
   * start), dead-lettered, and skipped as already sent.
   */
  public String emails(String function, Map<EmailDelivery.Outcome, Integer> outcomes, int untried, LambdaLogger logger) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("EmailsSent", count(outcomes, EmailDelivery.Outcome.SENT) + count(outcomes, EmailDelivery.Outcome.SENT_UNRECORDED));
    values.put("EmailsSentUnrecorded", count(outcomes, EmailDelivery.Outcome.SENT_UNRECORDED));
    values.put("EmailsFailed", count(outcomes, EmailDelivery.Outcome.SEND_FAILED));
    values.put("EmailsDeferred", count(outcomes, EmailDelivery.Outcome.DEFERRED));
    values.put("EmailsUntried", untried);
    values.put("EmailsDeadLettered", count(outcomes, EmailDelivery.Outcome.DEAD_LETTERED));
    values.put("EmailsSkippedAsDuplicates", count(outcomes, EmailDelivery.Outcome.DUPLICATE));
    return log(function, values, logger);
  }

  /** One line per relay or sweep: emails put on the queue, not taken by it, and malformed outbox items. */
  public String outbox(String function, int relayed, int failed, int malformed, LambdaLogger logger) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("OutboxEmailsRelayed", relayed);
    values.put("OutboxEmailsNotQueued", failed);
    values.put("OutboxItemsMalformed", malformed);
    return log(function, values, logger);
  }

  private String log(String function, Map<String, Object> values, LambdaLogger logger) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
        "Namespace", NAMESPACE,
        "Dimensions", List.of(List.of("Function")),
        "Metrics", values.keySet().stream().map(name -> Map.of("Name", name, "Unit", "Count")).toList()))));
    line.put("Function", function);
    line.putAll(values);
    String text = json.write(line);
    // One JSON object per event, unformatted and never filtered by the log level: CloudWatch extracts metrics only
    // from an event that is itself the EMF object (a line the runtime wrapped in its "message" gives none).
    LogLine.write(logger, text, LogLevel.UNDEFINED);
    return text;
  }

  private static int count(Map<EmailDelivery.Outcome, Integer> outcomes, EmailDelivery.Outcome outcome) {
    return outcomes.getOrDefault(outcome, 0);
  }
}
