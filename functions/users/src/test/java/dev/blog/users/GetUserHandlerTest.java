package dev.blog.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.security.Role;
import dev.blog.core.testing.Requests;
import dev.blog.core.testing.TestContext;
import dev.blog.core.user.User;
import org.junit.jupiter.params.ParameterizedTest;

class GetUserHandlerTest {
  private final UsersFixture f = new UsersFixture();
  private final GetUserHandler handler = new GetUserHandler(f.graph.users(), f.graph.json());
  private final User ada = f.register("ada@example.com", "Ada Lovelace");
  private final User bob = f.register("bob@example.com", "Bob Builder");

  @ParameterizedTest
  @Event(value = "events/get-user.json", type = APIGatewayV2HTTPEvent.class)
  void aUserSeesTheirOwnFullRecordWithItsETag(APIGatewayV2HTTPEvent sample) {
    var response = f.call(handler, Requests.from(sample).as(ada.id(), Role.USER).path("id", ada.id()).build());
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("ETag", "\"1\"");
    JsonNode body = f.body(response);
    assertThat(body.get("email").asText()).isEqualTo("ada@example.com");
    assertThat(body.get("version").asLong()).isEqualTo(1);
    assertThat(body.has("passwordHash")).isFalse();
  }

  @ParameterizedTest
  @Event(value = "events/get-user.json", type = APIGatewayV2HTTPEvent.class)
  void anotherUserSeesOnlyThePublicView(APIGatewayV2HTTPEvent sample) {
    var response = f.call(handler, Requests.from(sample).as(bob.id(), Role.USER).path("id", ada.id()).build());
    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode body = f.body(response);
    assertThat(body.properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder("id", "name", "role", "createdAt");
    assertThat(response.getHeaders()).doesNotContainKey("ETag");
  }

  @ParameterizedTest
  @Event(value = "events/get-user.json", type = APIGatewayV2HTTPEvent.class)
  void moderatorsAndAdminsSeeTheFullRecord(APIGatewayV2HTTPEvent sample) {
    User mod = f.create("mod@example.com", Role.MODERATOR);
    for (var caller : new dev.blog.core.security.Caller[] {UsersFixture.as(mod), f.admin}) {
      var response = f.call(handler, Requests.from(sample).as(caller.userId(), caller.role()).path("id", ada.id()).build());
      assertThat(f.body(response).get("email").asText()).isEqualTo("ada@example.com");
    }
  }

  @ParameterizedTest
  @Event(value = "events/get-user.json", type = APIGatewayV2HTTPEvent.class)
  void anUnknownOrMalformedIdIsNotFound(APIGatewayV2HTTPEvent sample) {
    for (String id : new String[] {"0190f3a0-0000-7000-8000-00000000dead", "nope", "USER%23x"}) {
      f.problem(f.call(handler, Requests.from(sample).as(ada.id(), Role.USER).path("id", id).build()), 404);
    }
  }

  @ParameterizedTest
  @Event(value = "events/get-user.json", type = APIGatewayV2HTTPEvent.class)
  void anUnexpectedStoreFailureIsAGeneric500AndOnlyTheLogNamesTheCause(APIGatewayV2HTTPEvent sample) {
    f.graph.dropTable();
    TestContext context = new TestContext();
    var response = handler.handleRequest(Requests.from(sample).as(ada.id(), Role.USER).path("id", ada.id()).build(),
        context);
    JsonNode problem = f.problem(response, 500);
    assertThat(problem.get("detail").asText()).doesNotContainIgnoringCase("table");
    String requestId = problem.get("requestId").asText();
    assertThat(context.logs().all()).contains(requestId, "ResourceNotFoundException", "GET /users/{id}");
  }
}
