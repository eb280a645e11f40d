package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What CloudWatch would receive from the functions on the local stack: {@code GET /_local/logs?function=} keeps
 * each function's log events as the runtime delivers them under the template's LoggingConfig (JSON), and
 * {@code GET /_local/metrics} the metrics CloudWatch extracts from the embedded-metric events among them.
 */
class LocalLogsAndMetricsTest {
  private final Api api = LocalStackFixture.api();

  private double emailsSent() {
    double sum = 0;
    for (JsonNode metric : api.get("/_local/metrics", null).json()) {
      if (metric.get("name").asText().equals("EmailsSent")
          && metric.at("/dimensions/Function").asText().equals("EmailWorkerFunction")) {
        sum += metric.get("sum").asDouble();
      }
    }
    return sum;
  }

  @Test
  void aWelcomeEmailShowsAsTheWorkersEmailsSentMetric() throws Exception {
    double before = emailsSent();
    String email = "metric-" + UUID.randomUUID() + "@example.com";
    assertThat(api.register(email, "correct horse", "Metric Reader").status()).isEqualTo(201);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (emailsSent() < before + 1 && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    assertThat(emailsSent()).as("EmailsSent of EmailWorkerFunction in /_local/metrics").isGreaterThanOrEqualTo(before + 1);
  }

  @Test
  void everyEventOfOursIsOneJsonObjectWithOurFieldsBesideTheRuntimesTimestampLevelAndRequestId() throws Exception {
    String email = "logged-" + UUID.randomUUID() + "@example.com";
    assertThat(api.register(email, "correct horse", "Logged Reader").status()).isEqualTo(201);
    String token = api.login(email, "correct horse");
    Api.Answer me = api.get("/me", token);
    assertThat(me.status()).isEqualTo(200);
    String userId = me.json().get("id").asText();

    List<JsonNode> requests = new ArrayList<>();
    for (JsonNode event : api.get("/_local/logs?function=GetMeFunction", null).json()) {
      assertThat(event.get("timestamp").isNumber()).isTrue();
      String message = event.get("message").asText();
      if (message.startsWith("Picked up JAVA_TOOL_OPTIONS")) {
        continue; // the JVM's own line on stderr, as Lambda's log group has it too
      }
      JsonNode fields = Api.JSON.readTree(message);
      assertThat(fields.isObject()).as(message).isTrue();
      if (fields.path("message").asText().equals("request")) {
        requests.add(fields);
      }
    }
    assertThat(requests).isNotEmpty().allSatisfy(line -> {
      assertThat(line.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(line.get("AWSRequestId").asText()).isNotBlank();
      assertThat(line.get("level").asText()).as(line.toString())
          .isEqualTo(line.get("status").asInt() >= 500 ? "ERROR" : "INFO");
    });
    assertThat(requests).filteredOn(line -> line.path("userId").asText().equals(userId)).singleElement()
        .satisfies(line -> {
          assertThat(line.get("route").asText()).isEqualTo("GET /me");
          assertThat(line.get("status").asInt()).isEqualTo(200);
        });
  }

  @Test
  void theLogsRouteNamesWhatIsMissingAndKnowsOnlyTheTemplatesFunctions() {
    assertThat(api.get("/_local/logs", null).status()).isEqualTo(400);
    assertThat(api.get("/_local/logs?function=NoSuchFunction", null).status()).isEqualTo(404);
  }
}
