package dev.blog.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.local.template.Route;
import dev.blog.local.template.Template;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Route selection as API Gateway HTTP APIs do it, on the routes of template.yaml. */
class RouterTest {
  private final List<Route> routes = Template.load(Template.findProjectDir()).routes();
  private final Router router = new Router(routes);

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

  @Test
  void aTrailingOrDoubledSlashIsNotTheRoute() {
    assertThat(router.match("GET", "/me/")).isEmpty();
    assertThat(router.match("GET", "//me")).isEmpty();
    assertThat(router.match("GET", "/users//1")).isEmpty();
    assertThat(router.match("GET", "/users/1/")).isEmpty();
  }

  @Test
  void aPathVariableNeverMatchesAnEmptySegment() {
    assertThat(router.match("GET", "/users/")).isEmpty();
    assertThat(router.match("DELETE", "/posts/")).isEmpty();
  }

  @Test
  void theDefaultRouteTakesOnlyWhatNoOtherRouteMatches() {
    List<Route> withDefault = new ArrayList<>(routes);
    withDefault.add(new Route("ANY", "$default", "FallbackFunction", true));
    Router fallback = new Router(withDefault);
    assertThat(fallback.match("GET", "/me").orElseThrow().route().functionId()).isEqualTo("GetMeFunction");
    assertThat(fallback.match("GET", "/me/").orElseThrow().route().functionId()).isEqualTo("FallbackFunction");
    assertThat(fallback.match("PATCH", "/users/1").orElseThrow().route().functionId()).isEqualTo("FallbackFunction");
  }
}
