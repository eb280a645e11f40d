package dev.blog.jobs;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Clock;

/**
 * CloudWatch metrics as embedded metric format (EMF) log lines: no API call, no client, no extra
 * latency; CloudWatch Logs extracts the metrics.
 * See https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
public final class Metrics {
  static final String NAMESPACE = "blog-backend";
  private final Clock clock;

  public Metrics(Clock clock) {
    this.clock = clock;
  }

  /** One line per batch: counts of emails sent and failed, dimensioned by function. */
  public String emails(String function, int sent, int failed, int skipped, LambdaLogger logger) {
    String line = "{\"_aws\":{\"Timestamp\":" + clock.millis() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + NAMESPACE
        + "\",\"Dimensions\":[[\"Function\"]],\"Metrics\":[{\"Name\":\"EmailsSent\",\"Unit\":\"Count\"},"
        + "{\"Name\":\"EmailsFailed\",\"Unit\":\"Count\"},{\"Name\":\"EmailsSkippedAsDuplicates\",\"Unit\":\"Count\"}]}]},"
        + "\"Function\":\"" + function + "\",\"EmailsSent\":" + sent + ",\"EmailsFailed\":" + failed
        + ",\"EmailsSkippedAsDuplicates\":" + skipped + "}";
    logger.log(line + "\n");
    return line;
  }
}
