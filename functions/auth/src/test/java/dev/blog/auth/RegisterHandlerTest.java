package dev.blog.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.testing.Requests;
import dev.blog.core.testing.TestContext;
import org.junit.jupiter.params.ParameterizedTest;

class RegisterHandlerTest {
  private final TestAuthComponent graph = TestAuthComponent.create();
  private final RegisterHandler handler = new RegisterHandler(graph.users(), graph.json());

  private APIGatewayV2HTTPResponse register(APIGatewayV2HTTPEvent sample, String body) {
    return handler.handleRequest(Requests.from(sample).anonymous().json(body).build(), new TestContext());
  }

  private JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
    return graph.json().mapper().readTree(response.getBody());
  }

  @ParameterizedTest
  @Event(value = "events/register.json", type = APIGatewayV2HTTPEvent.class)
  void theSampleEventRegistersAUser(APIGatewayV2HTTPEvent sample) throws Exception {
    APIGatewayV2HTTPResponse response = handler.handleRequest(sample, new TestContext());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
    JsonNode user = json(response);
    assertThat(response.getHeaders()).containsEntry("Location", "/users/" + user.get("id").asText()).containsEntry("ETag", "\"1\"");
    assertThat(user.get("role").asText()).isEqualTo("user");
    assertThat(user.has("password")).isFalse();
    assertThat(user.has("passwordHash")).isFalse();
  }

  @ParameterizedTest
  @Event(value = "events/register.json", type = APIGatewayV2HTTPEvent.class)
  void nobodyChoosesTheirOwnRole(APIGatewayV2HTTPEvent sample) throws Exception {
    APIGatewayV2HTTPResponse response = register(sample,
        "{\"email\":\"eve@example.com\",\"password\":\"password-123\",\"name\":\"Eve\",\"role\":\"admin\"}");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/errors/0/field").asText()).isEqualTo("role");
    assertThat(graph.repository().findCredentials("eve@example.com")).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "events/register.json", type = APIGatewayV2HTTPEvent.class)
  void anEmailIsTakenWhateverItsCaseOrSpaces(APIGatewayV2HTTPEvent sample) throws Exception {
    assertThat(register(sample, "{\"email\":\"ada@example.com\",\"password\":\"password-123\",\"name\":\"Ada\"}").getStatusCode()).isEqualTo(201);
    APIGatewayV2HTTPResponse again = register(sample, "{\"email\":\" ADA@Example.com \",\"password\":\"password-456\",\"name\":\"Ada Two\"}");
    assertThat(again.getStatusCode()).isEqualTo(409);
    assertThat(again.getHeaders()).containsEntry("Content-Type", "application/problem+json");
  }

  @ParameterizedTest
  @Event(value = "events/register.json", type = APIGatewayV2HTTPEvent.class)
  void everyInvalidFieldIsNamedAndNothingIsStored(APIGatewayV2HTTPEvent sample) throws Exception {
    APIGatewayV2HTTPResponse response = register(sample, "{\"email\":\"not-an-email\",\"password\":\"short\",\"name\":\" x \",\"age\":17}");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).get("errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("email", "password", "name", "age");
    assertThat(graph.repository().count()).isZero();
  }

  @ParameterizedTest
  @Event(value = "events/register.json", type = APIGatewayV2HTTPEvent.class)
  void thePasswordNeverReachesTheLog(APIGatewayV2HTTPEvent sample) {
    TestContext context = new TestContext();
    handler.handleRequest(Requests.from(sample).anonymous()
        .json("{\"email\":\"ada@example.com\",\"password\":\"s3cret-Pa55word\",\"name\":\"Ada\"}").build(), context);
    handler.handleRequest(Requests.from(sample).anonymous()
        .json("{\"email\":\"ada@example.com\",\"password\":\"s3cret-Pa55word\" oops").build(), context);
    assertThat(context.logs().all()).doesNotContain("s3cret-Pa55word").doesNotContain("argon2");
  }
}
