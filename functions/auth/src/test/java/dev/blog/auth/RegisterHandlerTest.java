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

  @ParameterizedTest
  @Event(value = "events/register.json", type = APIGatewayV2HTTPEvent.class)
  void aNullAgeIsRefusedOnSignUpWhereAnAbsentOneIsFine(APIGatewayV2HTTPEvent sample) throws Exception {
    APIGatewayV2HTTPResponse nullAge = register(sample,
        "{\"email\":\"ada@example.com\",\"password\":\"password-123\",\"name\":\"Ada\",\"age\":null}");
    assertThat(nullAge.getStatusCode()).isEqualTo(400);
    assertThat(json(nullAge).at("/errors/0/field").asText()).isEqualTo("age");
    assertThat(graph.repository().count()).isZero();
    assertThat(register(sample, "{\"email\":\"ada@example.com\",\"password\":\"password-123\",\"name\":\"Ada\"}")
        .getStatusCode()).isEqualTo(201);
  }

  @ParameterizedTest
  @Event(value = "events/register.json", type = APIGatewayV2HTTPEvent.class)
  void hostileNamesAreRefusedAndNothingIsStored(APIGatewayV2HTTPEvent sample) throws Exception {
    for (String name : new String[] {"Ada\\u0000Lovelace", "\\u202Enimda", "\\u200B\\u200B\\u200B", "\\u3164\\u3164",
        "Ada\\u0085x"}) {
      APIGatewayV2HTTPResponse response = register(sample,
          "{\"email\":\"eve@example.com\",\"password\":\"password-123\",\"name\":\"" + name + "\"}");
      assertThat(response.getStatusCode()).as(name).isEqualTo(400);
      assertThat(json(response).at("/errors/0/field").asText()).isEqualTo("name");
    }
    assertThat(graph.repository().count()).isZero();
  }

  @ParameterizedTest
  @Event(value = "events/register.json", type = APIGatewayV2HTTPEvent.class)
  void anOverlongEmailIsA400NotA500(APIGatewayV2HTTPEvent sample) throws Exception {
    String email = "a".repeat(2_030) + "@example.com";
    APIGatewayV2HTTPResponse response = register(sample,
        "{\"email\":\"" + email + "\",\"password\":\"password-123\",\"name\":\"Ada\"}");
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/errors/0/field").asText()).isEqualTo("email");
    assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store");
  }
}
