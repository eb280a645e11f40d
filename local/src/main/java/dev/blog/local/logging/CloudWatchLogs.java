package dev.blog.local.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What CloudWatch Logs keeps of the functions on the local stack: one log group per function, each event what the
 * runtime delivered (a line of the function's output, as the runtime interface client wrote it under the
 * function's LoggingConfig), and the metrics CloudWatch extracts from the events that are in the embedded metric
 * format. An event that is not a JSON object, or whose {@code _aws} directive does not follow the specification,
 * gives no metric, as in CloudWatch.
 * See https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
public final class CloudWatchLogs {
  /** Events kept per function; older ones go first (CloudWatch keeps them for the group's retention). */
  static final int EVENTS_PER_FUNCTION = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DIMENSIONS = 30;
  private static final int MAX_METRICS = 100;
  private static final int MAX_VALUES = 100;

  /** One log event: when it arrived (epoch milliseconds) and its message as stored. */
  public record Event(long timestamp, String message) {}

  private record MetricKey(String namespace, String name, Map<String, String> dimensions, String unit) {}

  private static final class Tally {
    double sum;
    long count;
  }

  private final Map<String, Deque<Event>> groups = new ConcurrentHashMap<>();
  private final Map<MetricKey, Tally> metrics = new TreeMap<>((a, b) -> (a.namespace() + '\0' + a.name() + '\0'
      + a.dimensions() + '\0' + a.unit()).compareTo(b.namespace() + '\0' + b.name() + '\0' + b.dimensions() + '\0' + b.unit()));

  /** Takes one event of {@code function}'s log group, and the metrics it carries. */
  public void put(String function, String message) {
    Event event = new Event(System.currentTimeMillis(), message);
    Deque<Event> group = groups.computeIfAbsent(function, id -> new ArrayDeque<>());
    synchronized (group) {
      group.addLast(event);
      if (group.size() > EVENTS_PER_FUNCTION) {
        group.removeFirst();
      }
    }
    extract(message);
  }

  /** {@code function}'s events, oldest first. */
  public List<Event> events(String function) {
    Deque<Event> group = groups.get(function);
    if (group == null) {
      return List.of();
    }
    synchronized (group) {
      return List.copyOf(group);
    }
  }

  /** {@code [{"timestamp", "message"}]}, oldest first. */
  public String eventsJson(String function) {
    ArrayNode out = JSON.createArrayNode();
    events(function).forEach(e -> out.addObject().put("timestamp", e.timestamp()).put("message", e.message()));
    return out.toString();
  }

  /** {@code [{"namespace", "name", "dimensions", "unit", "sum", "count"}]}: every metric extracted so far. */
  public String metricsJson() {
    ArrayNode out = JSON.createArrayNode();
    synchronized (metrics) {
      metrics.forEach((key, tally) -> {
        ObjectNode metric = out.addObject().put("namespace", key.namespace()).put("name", key.name());
        ObjectNode dimensions = metric.putObject("dimensions");
        key.dimensions().forEach(dimensions::put);
        metric.put("unit", key.unit()).put("sum", tally.sum).put("count", tally.count);
      });
    }
    return out.toString();
  }

  private void extract(String message) {
    Optional<JsonNode> root = parseObject(message);
    if (root.isEmpty()) {
      return;
    }
    List<Map.Entry<MetricKey, double[]>> found = directives(root.get());
    synchronized (metrics) {
      for (var entry : found) {
        Tally tally = metrics.computeIfAbsent(entry.getKey(), k -> new Tally());
        for (double value : entry.getValue()) {
          tally.sum += value;
          tally.count++;
        }
      }
    }
  }

  /** The metrics of a valid EMF event; nothing at all if any part of it breaks the specification. */
  static List<Map.Entry<MetricKey, double[]>> directives(JsonNode root) {
    JsonNode aws = root.get("_aws");
    if (aws == null || !aws.isObject() || !aws.path("Timestamp").isNumber() || !aws.path("CloudWatchMetrics").isArray()) {
      return List.of();
    }
    List<Map.Entry<MetricKey, double[]>> out = new ArrayList<>();
    for (JsonNode directive : aws.get("CloudWatchMetrics")) {
      JsonNode namespace = directive.get("Namespace");
      JsonNode dimensionSets = directive.get("Dimensions");
      JsonNode metricDefs = directive.get("Metrics");
      if (namespace == null || !namespace.isTextual() || namespace.asText().isEmpty() || dimensionSets == null
          || !dimensionSets.isArray() || metricDefs == null || !metricDefs.isArray() || metricDefs.size() > MAX_METRICS) {
        return List.of();
      }
      List<Map<String, String>> dimensions = new ArrayList<>();
      for (JsonNode set : dimensionSets) {
        if (!set.isArray() || set.size() > MAX_DIMENSIONS) {
          return List.of();
        }
        Map<String, String> values = new TreeMap<>();
        for (JsonNode name : set) {
          JsonNode value = name.isTextual() ? root.get(name.asText()) : null;
          if (value == null || !value.isTextual()) {
            return List.of(); // a dimension must name a member whose value is a string
          }
          values.put(name.asText(), value.asText());
        }
        dimensions.add(values);
      }
      for (JsonNode metric : metricDefs) {
        JsonNode name = metric.get("Name");
        if (name == null || !name.isTextual()) {
          return List.of();
        }
        Optional<double[]> values = numbers(root.get(name.asText()));
        if (values.isEmpty()) {
          return List.of();
        }
        String unit = metric.path("Unit").isTextual() ? metric.get("Unit").asText() : "None";
        for (Map<String, String> set : dimensions) {
          out.add(Map.entry(new MetricKey(namespace.asText(), name.asText(), Map.copyOf(set), unit), values.get()));
        }
      }
    }
    return out;
  }

  /** A metric's value: a number, or an array of at most 100 numbers. */
  private static Optional<double[]> numbers(JsonNode value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isNumber()) {
      return Optional.of(new double[] {value.asDouble()});
    }
    if (!value.isArray() || value.size() > MAX_VALUES) {
      return Optional.empty();
    }
    double[] out = new double[value.size()];
    for (int i = 0; i < out.length; i++) {
      if (!value.get(i).isNumber()) {
        return Optional.empty();
      }
      out[i] = value.get(i).asDouble();
    }
    return Optional.of(out);
  }

  private static Optional<JsonNode> parseObject(String message) {
    String trimmed = message.strip();
    // an EMF event names "_aws" at its top level: no other line is worth parsing
    if (!trimmed.startsWith("{") || !trimmed.contains("\"_aws\"")) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(trimmed);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
