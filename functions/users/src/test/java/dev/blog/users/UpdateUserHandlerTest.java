package dev.blog.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.security.Role;
import dev.blog.core.testing.Requests;
import dev.blog.core.user.User;
import org.junit.jupiter.params.ParameterizedTest;

class UpdateUserHandlerTest {
  private final UsersFixture f = new UsersFixture();
  private final UpdateUserHandler handler = new UpdateUserHandler(f.graph.users(), f.graph.json());
  private final User ada = f.graph.users().register("ada@example.com", "password-123", "Ada Lovelace", 36);

  private Requests put(APIGatewayV2HTTPEvent sample, User target, String body) {
    return Requests.from(sample).path("id", target.id()).header("if-match", null).json(body);
  }

  @ParameterizedTest
  @Event(value = "events/update-user.json", type = APIGatewayV2HTTPEvent.class)
  void aUserRenamesThemselvesAndTheVersionMovesOn(APIGatewayV2HTTPEvent sample) {
    var response = f.call(handler, put(sample, ada, "{\"name\":\"  Ada Byron  \"}").as(ada.id(), Role.USER)
        .header("If-Match", "\"1\"").build());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("ETag", "\"2\"");
    JsonNode body = f.body(response);
    assertThat(body.get("name").asText()).isEqualTo("Ada Byron");
    assertThat(body.get("age").asInt()).isEqualTo(36);
    assertThat(body.get("version").asLong()).isEqualTo(2);
    assertThat(body.get("updatedAt").asText()).isGreaterThanOrEqualTo(body.get("createdAt").asText());
  }

  @ParameterizedTest
  @Event(value = "events/update-user.json", type = APIGatewayV2HTTPEvent.class)
  void aStaleIfMatchIsRefusedAndChangesNothing(APIGatewayV2HTTPEvent sample) {
    f.call(handler, put(sample, ada, "{\"name\":\"Ada Byron\"}").as(ada.id(), Role.USER).build());
    var stale = f.call(handler, put(sample, ada, "{\"name\":\"Someone Else\"}").as(ada.id(), Role.USER)
        .header("If-Match", "\"1\"").build());
    f.problem(stale, 412);
    assertThat(f.graph.repository().find(ada.id()).orElseThrow().name()).isEqualTo("Ada Byron");
    assertThat(f.graph.repository().find(ada.id()).orElseThrow().version()).isEqualTo(2);
  }

  @ParameterizedTest
  @Event(value = "events/update-user.json", type = APIGatewayV2HTTPEvent.class)
  void anotherUserMayNotUpdate(APIGatewayV2HTTPEvent sample) {
    User bob = f.register("bob@example.com", "Bob Builder");
    f.problem(f.call(handler, put(sample, ada, "{\"name\":\"Hacked\"}").as(bob.id(), Role.USER).build()), 403);
    User mod = f.create("mod@example.com", Role.MODERATOR);
    f.problem(f.call(handler, put(sample, ada, "{\"name\":\"Hacked\"}").as(mod.id(), Role.MODERATOR).build()), 403);
    assertThat(f.graph.repository().find(ada.id()).orElseThrow().name()).isEqualTo("Ada Lovelace");
  }

  @ParameterizedTest
  @Event(value = "events/update-user.json", type = APIGatewayV2HTTPEvent.class)
  void onlyAnAdminMayChangeARole(APIGatewayV2HTTPEvent sample) {
    f.problem(f.call(handler, put(sample, ada, "{\"role\":\"admin\"}").as(ada.id(), Role.USER).build()), 403);
    assertThat(f.graph.repository().find(ada.id()).orElseThrow().role()).isEqualTo(Role.USER);

    var promoted = f.call(handler, put(sample, ada, "{\"role\":\"moderator\"}").as(f.admin.userId(), Role.ADMIN).build());
    assertThat(f.body(promoted).get("role").asText()).isEqualTo("moderator");
  }

  @ParameterizedTest
  @Event(value = "events/update-user.json", type = APIGatewayV2HTTPEvent.class)
  void anAdminCannotDemoteThemselves(APIGatewayV2HTTPEvent sample) {
    User self = f.graph.repository().find(f.admin.userId()).orElseThrow();
    f.problem(f.call(handler, put(sample, self, "{\"role\":\"user\"}").as(f.admin.userId(), Role.ADMIN).build()), 409);
  }

  @ParameterizedTest
  @Event(value = "events/update-user.json", type = APIGatewayV2HTTPEvent.class)
  void movingToATakenEmailIsAConflict(APIGatewayV2HTTPEvent sample) {
    f.register("bob@example.com", "Bob Builder");
    f.problem(f.call(handler, put(sample, ada, "{\"email\":\"BOB@example.com\",\"currentPassword\":\"password-123\"}")
        .as(ada.id(), Role.USER).build()), 409);
    assertThat(f.graph.repository().find(ada.id()).orElseThrow().email()).isEqualTo("ada@example.com");
  }

  @ParameterizedTest
  @Event(value = "events/update-user.json", type = APIGatewayV2HTTPEvent.class)
  void ageNullClearsTheAgeWhileAbsentKeepsIt(APIGatewayV2HTTPEvent sample) {
    var kept = f.body(f.call(handler, put(sample, ada, "{\"name\":\"Ada B\"}").as(ada.id(), Role.USER).build()));
    assertThat(kept.get("age").asInt()).isEqualTo(36);
    var cleared = f.body(f.call(handler, put(sample, ada, "{\"age\":null}").as(ada.id(), Role.USER).build()));
    assertThat(cleared.has("age")).isFalse();
  }

  @ParameterizedTest
  @Event(value = "events/update-user.json", type = APIGatewayV2HTTPEvent.class)
  void invalidFieldsAreAllNamed(APIGatewayV2HTTPEvent sample) {
    JsonNode problem = f.problem(f.call(handler, put(sample, ada, "{\"name\":\"A\",\"email\":\"nope\",\"age\":12}")
        .as(ada.id(), Role.USER).build()), 400);
    assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("name", "email", "age", "currentPassword");
  }

  @ParameterizedTest
  @Event(value = "events/update-user.json", type = APIGatewayV2HTTPEvent.class)
  void fieldsOutsideTheContractAreRejectedNotIgnored(APIGatewayV2HTTPEvent sample) {
    for (String body : new String[] {"{\"version\":99}", "{\"passwordHash\":\"x\"}", "{\"id\":\"x\"}"}) {
      f.problem(f.call(handler, put(sample, ada, body).as(ada.id(), Role.USER).build()), 400);
    }
    assertThat(f.graph.repository().find(ada.id()).orElseThrow().version()).isEqualTo(1);
  }

  @ParameterizedTest
  @Event(value = "events/update-user.json", type = APIGatewayV2HTTPEvent.class)
  void aNonJsonBodyIs415AndAHugeOneIs413(APIGatewayV2HTTPEvent sample) {
    f.problem(f.call(handler, put(sample, ada, "{\"name\":\"Ada B\"}").header("content-type", "text/plain")
        .as(ada.id(), Role.USER).build()), 415);
    String huge = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
    f.problem(f.call(handler, put(sample, ada, huge).as(ada.id(), Role.USER).build()), 413);
  }
}
