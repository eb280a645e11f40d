package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The error answers a client can provoke on each route, through the gateway: each gets the status it
 * expects here, and (as every answer in these tests) the content type, body and headers openapi.yaml
 * documents for it. Store faults (503) and the gateway's throttling (429) are not provoked here.
 */
class ErrorAnswersThroughTheGatewayTest {
  private static final String NOT_A_TOKEN = "not-a-token";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String HUGE = "{\"title\":\"" + "x".repeat(70_000) + "\"}";
  private static final String UNKNOWN_ID = "0190f3a0-0000-7000-8000-00000000dead";

  private final Api api = LocalStackFixture.api();
  private final String admin = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
  private final String user = api.newAccount("user", admin);
  private final String userId = api.get("/me", user).json().get("id").asText();

  private int status(String method, String path, String token, String body, String... headers) {
    return api.send(method, path, token, body, headers).status();
  }

  @Test
  void loginRefusesMalformedRequestsAndLocksAfterFiveFailures() {
    assertThat(status("POST", "/auth/login", null, "{\"email\":\"a@example.com\"}")).isEqualTo(400);
    assertThat(status("POST", "/auth/login", null, "{\"email\":\"no-at-sign\",\"password\":\"x\"}")).isEqualTo(400);
    assertThat(status("POST", "/auth/login", null, HUGE)).isEqualTo(413);
    assertThat(status("POST", "/auth/login", null, "email=a", "Content-Type", FORM)).isEqualTo(415);

    String email = "locked-" + UUID.randomUUID() + "@example.com";
    String wrong = "{\"email\":\"" + email + "\",\"password\":\"wrong-password\"}";
    for (int i = 0; i < 5; i++) {
      assertThat(status("POST", "/auth/login", null, wrong)).isEqualTo(401);
    }
    Api.Answer locked = api.send("POST", "/auth/login", null, wrong);
    assertThat(locked.status()).isEqualTo(429);
    assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 900);
  }

  @Test
  void protectedRoutesWithoutATokenOrWithABadOne() {
    String[][] routes = {{"GET", "/users/" + userId}, {"PUT", "/users/" + userId}, {"DELETE", "/users/" + userId},
        {"POST", "/users"}, {"GET", "/posts"}, {"POST", "/posts"}, {"GET", "/posts/" + UNKNOWN_ID},
        {"DELETE", "/posts/" + UNKNOWN_ID}, {"POST", "/graphql"}};
    for (String[] route : routes) {
      String body = route[0].equals("POST") || route[0].equals("PUT") ? "{}" : null;
      assertThat(status(route[0], route[1], null, body)).as("%s %s without a token", route[0], route[1]).isEqualTo(401);
      assertThat(status(route[0], route[1], NOT_A_TOKEN, body)).as("%s %s with a bad token", route[0], route[1])
          .isEqualTo(403);
    }
  }

  @Test
  void usersRoutesAnswerTheirDocumentedErrors() {
    String taken = api.get("/me", admin).json().get("email").asText();
    assertThat(status("POST", "/users", admin, "{\"email\":\"x@example.com\",\"name\":\"X\",\"password\":\"short\"}"))
        .isEqualTo(400);
    assertThat(status("POST", "/users", admin, "{\"email\":\"" + taken + "\",\"name\":\"Twin\",\"password\":\"password-123\"}"))
        .isEqualTo(409);
    assertThat(status("POST", "/users", admin, HUGE)).isEqualTo(413);
    assertThat(status("POST", "/users", admin, "a=b", "Content-Type", FORM)).isEqualTo(415);

    assertThat(status("PUT", "/users/" + userId, user, "{\"name\":\" \"}")).isEqualTo(400);
    assertThat(status("PUT", "/users/" + UNKNOWN_ID, admin, "{\"name\":\"Nobody\"}")).isEqualTo(404);
    // A user changing their own email must send their current password (400 without it); then a taken one is 409.
    assertThat(status("PUT", "/users/" + userId, user, "{\"email\":\"" + taken + "\"}")).isEqualTo(400);
    assertThat(status("PUT", "/users/" + userId, user,
        "{\"email\":\"" + taken + "\",\"currentPassword\":\"password-123\"}")).isEqualTo(409);
    assertThat(status("PUT", "/users/" + userId, user, HUGE)).isEqualTo(413);
    assertThat(status("PUT", "/users/" + userId, user, "a=b", "Content-Type", FORM)).isEqualTo(415);

    String adminId = api.get("/me", admin).json().get("id").asText();
    assertThat(status("DELETE", "/users/" + UNKNOWN_ID, admin, null)).isEqualTo(404);
    assertThat(status("DELETE", "/users/" + adminId, admin, null)).isEqualTo(409);
    assertThat(status("DELETE", "/users/" + userId, admin, null, "If-Match", "\"99\"")).isEqualTo(412);
    assertThat(status("GET", "/audit?limit=0", admin, null)).isEqualTo(400);
  }

  @Test
  void postsRoutesAnswerTheirDocumentedErrors() {
    assertThat(status("POST", "/posts", user, HUGE)).isEqualTo(413);
    assertThat(status("POST", "/posts", user, "a=b", "Content-Type", FORM)).isEqualTo(415);
    String id = api.send("POST", "/posts", user, "{\"title\":\"Mine\",\"content\":\"text\"}").json().get("id").asText();
    assertThat(status("PUT", "/posts/" + id, user, "{\"title\":\"   \"}")).isEqualTo(400);
    assertThat(status("PUT", "/posts/" + id, user, "{\"published\":null}")).isEqualTo(400);
    assertThat(status("PUT", "/posts/" + UNKNOWN_ID, user, "{\"title\":\"New\"}")).isEqualTo(404);
    assertThat(status("PUT", "/posts/" + id, user, HUGE)).isEqualTo(413);
    assertThat(status("PUT", "/posts/" + id, user, "a=b", "Content-Type", FORM)).isEqualTo(415);
    assertThat(status("DELETE", "/posts/" + UNKNOWN_ID, user, null)).isEqualTo(404);
    assertThat(status("DELETE", "/posts/" + id, user, null, "If-Match", "\"7\"")).isEqualTo(412);
  }

  @Test
  void aDeletedUsersTokenIsRefusedWhereItsUserIsReadAndFindsNoAuthor() {
    assertThat(status("DELETE", "/users/" + userId, admin, null)).isEqualTo(204);
    // The gateway may still hold the token's allow (ReauthorizeEvery); the function reads the user: gone, so the
    // session has ended (the contract's Auth section: 401 from the function).
    assertThat(status("GET", "/me", user, null)).isEqualTo(401);
    assertThat(status("POST", "/posts", user, "{\"title\":\"Ghost\",\"content\":\"boo\"}")).isEqualTo(404);
  }

  @Test
  void graphqlRefusesBodiesThatAreNoGraphQLRequest() {
    assertThat(status("POST", "/graphql", user, "{\"query\":\"" + "{ me { id } }".repeat(6_000) + "\"}")).isEqualTo(413);
    assertThat(status("POST", "/graphql", user, "query={me{id}}", "Content-Type", FORM)).isEqualTo(415);
  }
}
