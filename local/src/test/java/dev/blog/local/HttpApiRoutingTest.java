package dev.blog.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Route selection as API Gateway HTTP APIs do it, on the routes of template.yaml. */
class HttpApiRoutingTest {
  private final Template template = Template.load(Template.findProjectDir());
  private final HttpApiGateway gateway = new HttpApiGateway(0, template, new LocalNames(template, Map.of(), Map.of()),
      Map.of(), Map.of(), line -> {});

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void aLiteralPathBeatsAPathVariable() {
    assertThat(gateway.match("GET", "/users").route().functionId()).isEqualTo("ListUsersFunction");
    assertThat(gateway.match("GET", "/me").route().functionId()).isEqualTo("GetMeFunction");
  }

  @Test
  void pathVariablesAreDecodedIntoPathParameters() {
    var match = gateway.match("GET", "/users/abc%2Ddef");
    assertThat(match.route().functionId()).isEqualTo("GetUserFunction");
    assertThat(match.pathParameters()).containsEntry("id", "abc-def");
  }

  @Test
  void theMethodIsPartOfTheRoute() {
    assertThat(gateway.match("PUT", "/users/1").route().functionId()).isEqualTo("UpdateUserFunction");
    assertThat(gateway.match("DELETE", "/users/1").route().functionId()).isEqualTo("DeleteUserFunction");
    assertThat(gateway.match("PATCH", "/users/1")).isNull();
  }

  @Test
  void unknownPathsAndExtraSegmentsMatchNothing() {
    assertThat(gateway.match("GET", "/nope")).isNull();
    assertThat(gateway.match("GET", "/users/1/extra")).isNull();
  }
}
