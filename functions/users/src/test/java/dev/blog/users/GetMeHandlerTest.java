package dev.blog.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.blog.core.security.Role;
import dev.blog.core.testing.Requests;
import dev.blog.core.testing.TestContext;
import dev.blog.core.user.User;
import org.junit.jupiter.params.ParameterizedTest;

class GetMeHandlerTest {
  private final UsersFixture f = new UsersFixture();
  private final GetMeHandler handler = new GetMeHandler(f.graph.users(), f.graph.json());

  @ParameterizedTest
  @Event(value = "events/get-me.json", type = APIGatewayV2HTTPEvent.class)
  void answersTheCallersFullUser(APIGatewayV2HTTPEvent sample) {
    User ada = f.register("Ada@Example.com", "Ada Lovelace");
    var response = f.call(handler, Requests.from(sample).as(ada.id(), Role.USER).build());
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json").containsEntry("ETag", "\"1\"");
    var body = f.body(response);
    assertThat(body.get("id").asText()).isEqualTo(ada.id());
    assertThat(body.get("email").asText()).isEqualTo("ada@example.com");
    assertThat(body.get("role").asText()).isEqualTo("user");
    assertThat(body.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @ParameterizedTest
  @Event(value = "events/get-me.json", type = APIGatewayV2HTTPEvent.class)
  void aDeletedUserWithAStillValidTokenIsNoLongerAuthenticated(APIGatewayV2HTTPEvent sample) {
    f.problem(f.call(handler, Requests.from(sample).as("0190f3a0-0000-7000-8000-00000000beef", Role.USER).build()), 401);
  }

  @ParameterizedTest
  @Event(value = "events/get-me.json", type = APIGatewayV2HTTPEvent.class)
  void aTokenFromBeforeALogoutIsRefusedAndOneFromAfterItServed(APIGatewayV2HTTPEvent sample) {
    User ada = f.register("ada@example.com", "Ada Lovelace");
    f.graph.accounts().logout(UsersFixture.as(ada));
    f.problem(f.call(handler, Requests.from(sample).as(UsersFixture.as(ada)).build()), 401);
    var later = new dev.blog.core.security.Caller(ada.id(), Role.USER, 1, null);
    var me = f.call(handler, Requests.from(sample).as(later).build());
    org.assertj.core.api.Assertions.assertThat(me.getStatusCode()).isEqualTo(200);
    org.assertj.core.api.Assertions.assertThat(me.getHeaders()).containsEntry("Cache-Control", "no-store");
    org.assertj.core.api.Assertions.assertThat(f.body(me).get("emailVerified").asBoolean()).isFalse();
  }

  @ParameterizedTest
  @Event(value = "events/get-me.json", type = APIGatewayV2HTTPEvent.class)
  void logsOneLinePerRequestWithRouteStatusLatencyAndUser(APIGatewayV2HTTPEvent sample) {
    User ada = f.register("ada@example.com", "Ada Lovelace");
    TestContext context = new TestContext();
    handler.handleRequest(Requests.from(sample).as(ada.id(), Role.USER).build(), context);
    assertThat(context.logs().lines()).hasSize(1);
    assertThat(context.logs().lines().get(0))
        .contains("\"route\":\"GET /me\"", "\"status\":200", "\"latencyMs\":", "\"userId\":\"" + ada.id() + "\"", "\"requestId\":");
  }
}
