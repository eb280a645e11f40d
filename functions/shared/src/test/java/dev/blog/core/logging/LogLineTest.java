package dev.blog.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.json.Json;
import dev.blog.core.testing.CapturingLogger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogLineTest {
  private final Json json = new Json();

  private JsonNode parse(String line) {
    return json.readTree(line.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aValueWithQuotesAndNewlinesCanNeitherBreakNorForgeTheLine() {
    String hostile = "x\",\"allowed\":true,\"role\":\"admin\"}\n{\"message\":\"forged";
    CapturingLogger logger = new CapturingLogger();

    LogLine.of("authorization").with("allowed", false).with("userId", hostile).log(logger, json);

    assertThat(logger.lines()).hasSize(1);
    String line = logger.lines().get(0);
    assertThat(line.strip()).doesNotContain("\n");
    JsonNode parsed = parse(line.strip());
    assertThat(parsed.get("allowed").asBoolean()).isFalse();
    assertThat(parsed.get("userId").asText()).isEqualTo(hostile);
    assertThat(parsed.has("role")).isFalse();
  }

  @Test
  void nullValuesAreLeftOutAndOrderIsKept() {
    String line = LogLine.of("request").with("requestId", "r1").with("userId", null).with("status", 200).toJson(json);
    assertThat(line).isEqualTo("{\"message\":\"request\",\"requestId\":\"r1\",\"status\":200}");
  }
}
