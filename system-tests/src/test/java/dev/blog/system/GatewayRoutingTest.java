package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Routes match as API Gateway HTTP APIs match them, through the whole stack: with a valid token, /me is
 * the caller, but /me/ and //me are no route at all (the gateway's 404, no function called).
 */
class GatewayRoutingTest {
  private final Api api = LocalStackFixture.api();

  @Test
  void aTrailingOrDoubledSlashIsNotTheRouteEvenWithAValidToken() {
    api.register("slashes@example.com", "correct horse", "Slash Test");
    String token = api.login("slashes@example.com", "correct horse");
    assertThat(api.get("/me", token).status()).isEqualTo(200);
    for (String path : new String[] {"/me/", "//me", "/users/", "/posts//x"}) {
      Api.Answer answer = api.get(path, token);
      assertThat(answer.status()).as(path).isEqualTo(404);
      assertThat(answer.header("Content-Type")).as(path).isEqualTo("application/json");
      assertThat(answer.body()).as(path).isEqualTo("{\"message\":\"Not Found\"}");
    }
  }
}
