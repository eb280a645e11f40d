package dev.blog.jobs;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.blog.core.json.Json;
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
  private static final List<String> EMAIL_METRICS = List.of("EmailsSent", "EmailsFailed", "EmailsSkippedAsDuplicates");

  private final Clock clock;
  private final Json json;

  public Metrics(Clock clock, Json json) {
    this.clock = clock;
    this.json = json;
  }

  /** One line per batch: counts of emails sent and failed, dimensioned by function. */
  public String emails(String function, int sent, int failed, int skipped, LambdaLogger logger) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
        "Namespace", NAMESPACE,
        "Dimensions", List.of(List.of("Function")),
        "Metrics", EMAIL_METRICS.stream().map(name -> Map.of("Name", name, "Unit", "Count")).toList()))));
    line.put("Function", function);
    line.put("EmailsSent", sent);
    line.put("EmailsFailed", failed);
    line.put("EmailsSkippedAsDuplicates", skipped);
    String text = json.write(line);
    logger.log(text + "\n");
    return text;
  }
}
