package dev.blog.local.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CloudWatchLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMF = "{\"_aws\":{\"Timestamp\":1765152000000,\"CloudWatchMetrics\":[{\"Namespace\":\"blog-backend\","
      + "\"Dimensions\":[[\"Function\"]],\"Metrics\":[{\"Name\":\"EmailsSent\",\"Unit\":\"Count\"}]}]},"
      + "\"Function\":\"EmailWorkerFunction\",\"EmailsSent\":%s,\"level\":\"INFO\"}";

  private final CloudWatchLogs logs = new CloudWatchLogs();

  private JsonNode metrics() throws Exception {
    return JSON.readTree(logs.metricsJson());
  }

  @Test
  void anEmbeddedMetricEventGivesItsMetricSummedPerDimensionValue() throws Exception {
    logs.put("EmailWorkerFunction", EMF.formatted("2"));
    logs.put("EmailWorkerFunction", EMF.formatted("[1, 3]"));

    JsonNode metric = metrics().get(0);
    assertThat(metrics()).hasSize(1);
    assertThat(metric.get("namespace").asText()).isEqualTo("blog-backend");
    assertThat(metric.get("name").asText()).isEqualTo("EmailsSent");
    assertThat(metric.get("dimensions").get("Function").asText()).isEqualTo("EmailWorkerFunction");
    assertThat(metric.get("unit").asText()).isEqualTo("Count");
    assertThat(metric.get("sum").asDouble()).isEqualTo(6.0);
    assertThat(metric.get("count").asLong()).isEqualTo(3);
  }

  @Test
  void aMetricLineWrappedInTheRuntimesMessageGivesNoMetric() throws Exception {
    // what LambdaLogger.log(String) becomes under LogFormat JSON: our line is only a string inside "message"
    String wrapped = JSON.createObjectNode().put("timestamp", "2026-12-08T00:00:00.000Z").put("level", "INFO")
        .put("message", EMF.formatted("1")).put("AWSRequestId", "r-1").toString();
    logs.put("EmailWorkerFunction", wrapped);

    assertThat(metrics()).isEmpty();
    assertThat(JSON.readTree(logs.eventsJson("EmailWorkerFunction")).get(0).get("message").asText()).isEqualTo(wrapped);
  }

  @Test
  void anEventThatBreaksTheSpecificationGivesNothingAtAll() throws Exception {
    logs.put("F", EMF.formatted("\"two\""));                                           // a value that is no number
    logs.put("F", EMF.formatted("1").replace("\"Function\":\"EmailWorkerFunction\"", "\"Function\":7")); // dimension no string
    logs.put("F", EMF.formatted("1").replace("\"Timestamp\":1765152000000,", ""));     // no timestamp
    logs.put("F", "not json at all");

    assertThat(metrics()).isEmpty();
    assertThat(logs.events("F")).hasSize(4);
  }

  @Test
  void eachFunctionHasItsOwnEventsOldestFirst() throws Exception {
    logs.put("A", "first");
    logs.put("B", "other");
    logs.put("A", "second");

    JsonNode events = JSON.readTree(logs.eventsJson("A"));
    assertThat(events).extracting(e -> e.get("message").asText()).containsExactly("first", "second");
    assertThat(events.get(0).get("timestamp").asLong()).isPositive();
    assertThat(JSON.readTree(logs.eventsJson("nobody"))).isEmpty();
  }
}
