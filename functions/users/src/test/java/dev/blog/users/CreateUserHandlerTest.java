package dev.blog.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.security.Role;
import dev.blog.core.testing.Requests;
import dev.blog.core.user.User;
import org.junit.jupiter.params.ParameterizedTest;

class CreateUserHandlerTest {
  private final UsersFixture f = new UsersFixture();
  private final CreateUserHandler handler = new CreateUserHandler(f.graph.users(), f.graph.json());

  @ParameterizedTest
  @Event(value = "events/create-user.json", type = APIGatewayV2HTTPEvent.class)
  void anAdminCreatesAUserWithARole(APIGatewayV2HTTPEvent sample) {
    var response = f.call(handler, Requests.from(sample).as(f.admin.userId(), Role.ADMIN)
        .json("{\"email\":\"Mod@Example.com\",\"name\":\"Mo Derator\",\"password\":\"password-123\",\"role\":\"moderator\",\"age\":40}").build());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
    JsonNode body = f.body(response);
    assertThat(response.getHeaders()).containsEntry("Location", "/users/" + body.get("id").asText()).containsEntry("ETag", "\"1\"");
    assertThat(body.get("email").asText()).isEqualTo("mod@example.com");
    assertThat(body.get("role").asText()).isEqualTo("moderator");
    assertThat(body.has("password")).isFalse();
    assertThat(body.has("passwordHash")).isFalse();
  }

  @ParameterizedTest
  @Event(value = "events/create-user.json", type = APIGatewayV2HTTPEvent.class)
  void theSampleEventCreatesAUser(APIGatewayV2HTTPEvent sample) {
    var response = f.call(handler, Requests.from(sample).as(f.admin.userId(), Role.ADMIN).build());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
  }

  @ParameterizedTest
  @Event(value = "events/create-user.json", type = APIGatewayV2HTTPEvent.class)
  void nobodyButAnAdminMayCreateUsers(APIGatewayV2HTTPEvent sample) {
    User mod = f.create("mod@example.com", Role.MODERATOR);
    f.problem(f.call(handler, Requests.from(sample).as(mod.id(), Role.MODERATOR).build()), 403);
    User ada = f.register("ada@example.com", "Ada Lovelace");
    f.problem(f.call(handler, Requests.from(sample).as(ada.id(), Role.USER).build()), 403);
  }

  @ParameterizedTest
  @Event(value = "events/create-user.json", type = APIGatewayV2HTTPEvent.class)
  void aTakenEmailIsAConflictWhateverItsCase(APIGatewayV2HTTPEvent sample) {
    f.register("ada@example.com", "Ada Lovelace");
    f.problem(f.call(handler, Requests.from(sample).as(f.admin.userId(), Role.ADMIN)
        .json("{\"email\":\"ADA@example.COM\",\"name\":\"Ada Two\",\"password\":\"password-123\"}").build()), 409);
  }

  @ParameterizedTest
  @Event(value = "events/create-user.json", type = APIGatewayV2HTTPEvent.class)
  void anUnknownRoleIsABadRequest(APIGatewayV2HTTPEvent sample) {
    JsonNode problem = f.problem(f.call(handler, Requests.from(sample).as(f.admin.userId(), Role.ADMIN)
        .json("{\"email\":\"x@example.com\",\"name\":\"X x\",\"password\":\"password-123\",\"role\":\"root\"}").build()), 400);
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("role");
  }

  @ParameterizedTest
  @Event(value = "events/create-user.json", type = APIGatewayV2HTTPEvent.class)
  void missingFieldsAreNamed(APIGatewayV2HTTPEvent sample) {
    JsonNode problem = f.problem(f.call(handler, Requests.from(sample).as(f.admin.userId(), Role.ADMIN).json("{}").build()), 400);
    assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).containsExactlyInAnyOrder("email", "password", "name");
  }
}
