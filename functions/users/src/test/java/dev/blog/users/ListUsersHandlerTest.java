package dev.blog.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.security.Role;
import dev.blog.core.testing.Requests;
import dev.blog.core.user.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;

class ListUsersHandlerTest {
  private final UsersFixture f = new UsersFixture();
  private final ListUsersHandler handler = new ListUsersHandler(f.graph.users(), f.graph.json());

  private APIGatewayV2HTTPEvent asAdmin(APIGatewayV2HTTPEvent sample) {
    return Requests.from(sample).as(f.admin.userId(), Role.ADMIN).build();
  }

  @ParameterizedTest
  @Event(value = "events/list-users.json", type = APIGatewayV2HTTPEvent.class)
  void staffPageThroughEveryUserNewestFirstWithTheTotal(APIGatewayV2HTTPEvent sample) {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expected.add(0, f.register("u" + i + "@example.com", "User " + i).id());
    }
    expected.add(f.admin.userId()); // the oldest
    User mod = f.create("mod@example.com", Role.MODERATOR);
    expected.add(0, mod.id());

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var request = Requests.from(sample).as(mod.id(), Role.MODERATOR).query("limit", "2").query("cursor", cursor).build();
      var response = f.call(handler, request);
      assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
      JsonNode body = f.body(response);
      assertThat(body.at("/pagination/limit").asInt()).isEqualTo(2);
      assertThat(body.at("/pagination/total").asLong()).isEqualTo(7);
      assertThat(body.at("/pagination").has("nextCursor")).isTrue();
      body.get("data").forEach(u -> seen.add(u.get("id").asText()));
      cursor = body.at("/pagination/nextCursor").isNull() ? null : body.at("/pagination/nextCursor").asText();
    } while (cursor != null);
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @Event(value = "events/list-users.json", type = APIGatewayV2HTTPEvent.class)
  void aPlainUserMayNotList(APIGatewayV2HTTPEvent sample) {
    User ada = f.register("ada@example.com", "Ada");
    f.problem(f.call(handler, Requests.from(sample).as(ada.id(), Role.USER).build()), 403);
  }

  @ParameterizedTest
  @Event(value = "events/list-users.json", type = APIGatewayV2HTTPEvent.class)
  void theLimitMustBeFrom1To100(APIGatewayV2HTTPEvent sample) {
    for (String limit : new String[] {"0", "101", "ten", "-1"}) {
      JsonNode problem = f.problem(f.call(handler, Requests.from(asAdmin(sample)).query("limit", limit).build()), 400);
      assertThat(problem.at("/errors/0/field").asText()).isEqualTo("limit");
    }
  }

  @ParameterizedTest
  @Event(value = "events/list-users.json", type = APIGatewayV2HTTPEvent.class)
  void theDefaultLimitIs20(APIGatewayV2HTTPEvent sample) {
    var response = f.call(handler, Requests.from(asAdmin(sample)).query("limit", null).build());
    assertThat(f.body(response).at("/pagination/limit").asInt()).isEqualTo(20);
  }

  @ParameterizedTest
  @Event(value = "events/list-users.json", type = APIGatewayV2HTTPEvent.class)
  void aForgedOrGarbledCursorIsABadRequest(APIGatewayV2HTTPEvent sample) {
    f.register("a@example.com", "A a");
    f.register("b@example.com", "B b");
    String cursor = f.body(f.call(handler, Requests.from(asAdmin(sample)).query("limit", "1").build()))
        .at("/pagination/nextCursor").asText();
    for (String bad : new String[] {"garbage", cursor + "x", "x" + cursor, cursor.replace('.', '_')}) {
      JsonNode problem = f.problem(f.call(handler, Requests.from(asAdmin(sample)).query("cursor", bad).build()), 400);
      assertThat(problem.at("/errors/0/field").asText()).isEqualTo("cursor");
    }
  }

  @ParameterizedTest
  @Event(value = "events/list-users.json", type = APIGatewayV2HTTPEvent.class)
  void aCursorOnlyWorksWithTheFilterItCameFrom(APIGatewayV2HTTPEvent sample) {
    f.register("x1@example.com", "X one");
    f.register("x2@example.com", "X two");
    String cursor = f.body(f.call(handler, Requests.from(asAdmin(sample)).query("limit", "1").query("emailContains", "x").build()))
        .at("/pagination/nextCursor").asText();
    f.problem(f.call(handler, Requests.from(asAdmin(sample)).query("limit", "1").query("emailContains", null)
        .query("cursor", cursor).build()), 400);
  }

  @ParameterizedTest
  @Event(value = "events/list-users.json", type = APIGatewayV2HTTPEvent.class)
  void emailContainsIgnoresCase(APIGatewayV2HTTPEvent sample) {
    f.register("grace.hopper@example.com", "Grace Hopper");
    f.register("alan@example.com", "Alan Turing");
    JsonNode body = f.body(f.call(handler, Requests.from(asAdmin(sample)).query("emailContains", "HOPPER").build()));
    assertThat(body.get("data")).hasSize(1);
    assertThat(body.at("/data/0/email").asText()).isEqualTo("grace.hopper@example.com");
  }
}
