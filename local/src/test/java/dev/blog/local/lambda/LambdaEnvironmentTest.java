package dev.blog.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.local.template.LocalNames;
import dev.blog.local.template.Template;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaEnvironmentTest {
  private final Template template = Template.load(Template.findProjectDir());

  @Test
  void everyFunctionTellsItsRuntimeTheLoggingConfigOfTheTemplate() {
    LocalNames names = new LocalNames(template, Map.of(), Map.of());
    for (String id : template.functionIds()) {
      Map<String, String> env = LambdaEnvironment.of(template.function(id), Map.of(), names);
      assertThat(env).as(id).containsEntry("AWS_LAMBDA_LOG_FORMAT", "JSON").containsEntry("AWS_LAMBDA_LOG_LEVEL", "INFO");
    }
  }

  @Test
  void theApplicationLogLevelFollowsTheDeploymentsParameter() {
    LocalNames names = new LocalNames(template, Map.of(), Map.of("LogLevel", "WARN"));
    Map<String, String> env = LambdaEnvironment.of(template.function("LoginFunction"), Map.of(), names);
    assertThat(env).containsEntry("AWS_LAMBDA_LOG_LEVEL", "WARN");
  }
}
