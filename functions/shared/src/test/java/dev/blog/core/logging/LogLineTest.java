package dev.blog.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
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
    String line = LogLine.of("request").with("requestId", "r1").with("userId", null).with("status", 200)
        .toJson(json, LogLevel.WARN);
    assertThat(line).matches("\\{\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\","
        + "\"level\":\"WARN\",\"message\":\"request\",\"requestId\":\"r1\",\"status\":200}");
  }

  @Test
  void theEventGoesToTheRuntimeUnformattedAtItsLevelWithTheInvocationsRequestId() {
    java.util.List<String> written = new java.util.ArrayList<>();
    java.util.List<LogLevel> levels = new java.util.ArrayList<>();
    com.amazonaws.services.lambda.runtime.LambdaLogger runtime = new com.amazonaws.services.lambda.runtime.LambdaLogger() {
      @Override public void log(String message) {
        throw new AssertionError("a String goes through the runtime's formatter: our fields would end up in its message");
      }
      @Override public void log(byte[] message) {
        throw new AssertionError("without a level the runtime cannot filter by the function's log level");
      }
      @Override public void log(byte[] message, LogLevel level) {
        written.add(new String(message, StandardCharsets.UTF_8));
        levels.add(level);
      }
    };
    com.amazonaws.services.lambda.runtime.Context context = (com.amazonaws.services.lambda.runtime.Context)
        java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {com.amazonaws.services.lambda.runtime.Context.class},
            (proxy, method, args) -> switch (method.getName()) {
              case "getLogger" -> runtime;
              case "getAwsRequestId" -> "8f5e6f1c-request";
              default -> throw new AssertionError(method.getName());
            });

    LogLine.of("email not sent").with("messageId", "m-1").log(context, json, LogLevel.WARN);

    assertThat(levels).containsExactly(LogLevel.WARN);
    assertThat(written.get(0)).endsWith("}\n");
    JsonNode event = parse(written.get(0).strip());
    assertThat(event.get("level").asText()).isEqualTo("WARN");
    assertThat(event.get("messageId").asText()).isEqualTo("m-1");
    assertThat(event.get("AWSRequestId").asText()).isEqualTo(context.getAwsRequestId());
  }

  @Test
  void aFieldCannotPassItselfOffAsTheRuntimesLevelOrTime() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogLine.of("x").with("level", "DEBUG"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
