package dev.blog.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.local.template.Template;
import org.junit.jupiter.api.Test;

/** Route selection as API Gateway HTTP APIs do it, on the routes of template.yaml. */
class RouterTest {
  private final Router router = new Router(Template.load(Template.findProjectDir()).routes());

  private String functionFor(String method, String path) {
    return router.match(method, path).map(m -> m.route().functionId()).orElse(null);
  }

  @Test
  void aLiteralPathBeatsAPathVariable() {
    assertThat(functionFor("GET", "/users")).isEqualTo("ListUsersFunction");
    assertThat(functionFor("GET", "/me")).isEqualTo("GetMeFunction");
  }

  @Test
  void pathVariablesAreDecodedIntoPathParameters() {
    var match = router.match("GET", "/users/abc%2Ddef").orElseThrow();
    assertThat(match.route().functionId()).isEqualTo("GetUserFunction");
    assertThat(match.pathParameters()).containsEntry("id", "abc-def");
  }

  @Test
  void theMethodIsPartOfTheRoute() {
    assertThat(functionFor("PUT", "/users/1")).isEqualTo("UpdateUserFunction");
    assertThat(functionFor("DELETE", "/users/1")).isEqualTo("DeleteUserFunction");
    assertThat(router.match("PATCH", "/users/1")).isEmpty();
  }

  @Test
  void unknownPathsAndExtraSegmentsMatchNothing() {
    assertThat(router.match("GET", "/nope")).isEmpty();
    assertThat(router.match("GET", "/users/1/extra")).isEmpty();
  }
}
