package dev.blog.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.testing.Requests;
import dev.blog.core.testing.TestContext;
import org.junit.jupiter.params.ParameterizedTest;

class LoginHandlerTest {
  private final TestAuthComponent graph = TestAuthComponent.create();
  private final LoginHandler handler = new LoginHandler(graph.login(), graph.json());

  {
    graph.users().register("ada@example.com", "correct-password", "Ada Lovelace", null);
  }

  private APIGatewayV2HTTPResponse login(APIGatewayV2HTTPEvent sample, String email, String password) {
    return handler.handleRequest(Requests.from(sample).anonymous()
        .json("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").build(), new TestContext());
  }

  private JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
    return graph.json().mapper().readTree(response.getBody());
  }

  @ParameterizedTest
  @Event(value = "events/login.json", type = APIGatewayV2HTTPEvent.class)
  void theRightPasswordGivesAOneHourBearerTokenThatTheAuthorizerAccepts(APIGatewayV2HTTPEvent sample) throws Exception {
    APIGatewayV2HTTPResponse response = login(sample, "ADA@example.com", "correct-password");
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store");
    JsonNode body = json(response);
    assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
    assertThat(body.get("expiresIn").asInt()).isEqualTo(3600);
    assertThat(body.at("/user/email").asText()).isEqualTo("ada@example.com");
    assertThat(graph.tokenVerifier().verify(body.get("token").asText()))
        .hasValueSatisfying(caller -> assertThat(caller.userId()).isEqualTo(body.at("/user/id").asText()));
  }

  @ParameterizedTest
  @Event(value = "events/login.json", type = APIGatewayV2HTTPEvent.class)
  void unknownEmailAndWrongPasswordAnswerAlike(APIGatewayV2HTTPEvent sample) throws Exception {
    APIGatewayV2HTTPResponse wrong = login(sample, "ada@example.com", "wrong-password");
    APIGatewayV2HTTPResponse unknown = login(sample, "nobody@example.com", "wrong-password");
    assertThat(wrong.getStatusCode()).isEqualTo(401);
    assertThat(unknown.getStatusCode()).isEqualTo(401);
    JsonNode a = json(wrong);
    JsonNode b = json(unknown);
    ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("requestId");
    ((com.fasterxml.jackson.databind.node.ObjectNode) b).remove("requestId");
    assertThat(a).isEqualTo(b);
    assertThat(wrong.getHeaders()).isEqualTo(unknown.getHeaders());
  }

  @ParameterizedTest
  @Event(value = "events/login.json", type = APIGatewayV2HTTPEvent.class)
  void fiveFailuresLockTheAccountEvenAgainstTheRightPassword(APIGatewayV2HTTPEvent sample) {
    for (int i = 0; i < 5; i++) {
      assertThat(login(sample, "ada@example.com", "wrong-" + i).getStatusCode()).isEqualTo(401);
    }
    APIGatewayV2HTTPResponse locked = login(sample, "ada@example.com", "correct-password");
    assertThat(locked.getStatusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(locked.getHeaders().get("Retry-After"));
    assertThat(retryAfter).isBetween(14 * 60L, 15 * 60L);
  }

  @ParameterizedTest
  @Event(value = "events/login.json", type = APIGatewayV2HTTPEvent.class)
  void unknownAccountsLockToo(APIGatewayV2HTTPEvent sample) {
    for (int i = 0; i < 5; i++) {
      login(sample, "ghost@example.com", "guess-" + i);
    }
    assertThat(login(sample, "ghost@example.com", "guess").getStatusCode()).isEqualTo(429);
  }

  @ParameterizedTest
  @Event(value = "events/login.json", type = APIGatewayV2HTTPEvent.class)
  void aSuccessfulLoginStartsTheCountAgain(APIGatewayV2HTTPEvent sample) {
    for (int i = 0; i < 4; i++) {
      login(sample, "ada@example.com", "wrong-" + i);
    }
    assertThat(login(sample, "ada@example.com", "correct-password").getStatusCode()).isEqualTo(200);
    for (int i = 0; i < 4; i++) {
      assertThat(login(sample, "ada@example.com", "wrong-again-" + i).getStatusCode()).isEqualTo(401);
    }
    assertThat(login(sample, "ada@example.com", "correct-password").getStatusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @Event(value = "events/login.json", type = APIGatewayV2HTTPEvent.class)
  void missingCredentialsAreABadRequestNotAFailedLogin(APIGatewayV2HTTPEvent sample) throws Exception {
    APIGatewayV2HTTPResponse response = handler.handleRequest(
        Requests.from(sample).anonymous().json("{\"email\":\"ada@example.com\"}").build(), new TestContext());
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/errors/0/field").asText()).isEqualTo("password");
  }

  @ParameterizedTest
  @Event(value = "events/login.json", type = APIGatewayV2HTTPEvent.class)
  void anEmailNoAccountCouldHaveIsABadRequestNeverAServerError(APIGatewayV2HTTPEvent sample) throws Exception {
    // 2,043 characters once made the lockout item's key longer than DynamoDB allows: a 500.
    for (String email : new String[] {"a".repeat(2_031) + "@example.com", "no-at-sign", "   "}) {
      APIGatewayV2HTTPResponse response = login(sample, email, "whatever-password");
      assertThat(response.getStatusCode()).as("%.20s (%d characters)", email, email.length()).isEqualTo(400);
      assertThat(json(response).at("/errors/0/field").asText()).isEqualTo("email");
    }
  }

  @ParameterizedTest
  @Event(value = "events/login.json", type = APIGatewayV2HTTPEvent.class)
  void neitherPasswordNorTokenIsLogged(APIGatewayV2HTTPEvent sample) throws Exception {
    TestContext context = new TestContext();
    APIGatewayV2HTTPResponse response = handler.handleRequest(Requests.from(sample).anonymous()
        .json("{\"email\":\"ada@example.com\",\"password\":\"correct-password\"}").build(), context);
    String token = json(response).get("token").asText();
    assertThat(context.logs().all()).doesNotContain("correct-password").doesNotContain(token);
  }
}
