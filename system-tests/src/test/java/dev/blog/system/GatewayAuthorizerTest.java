package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.local.LocalStack;
import org.junit.jupiter.api.Test;

/**
 * The local gateway runs the Lambda authorizer as API Gateway does: not at all without the identity
 * header, once per token while its answer is cached (ReauthorizeEvery), and never for public routes.
 */
class GatewayAuthorizerTest {
  private static final String AUTHORIZER = "AuthorizerFunction";
  private final Api api = LocalStackFixture.api();
  private final LocalStack stack = LocalStackFixture.stack();

  @Test
  void aRequestWithoutAnAuthorizationHeaderNeverReachesTheAuthorizer() {
    long before = stack.invocations(AUTHORIZER);
    assertThat(api.get("/users", null).status()).isEqualTo(401);
    assertThat(api.get("/me", null).status()).isEqualTo(401);
    assertThat(stack.invocations(AUTHORIZER)).isEqualTo(before);
  }

  @Test
  void oneTokenIsAuthorizedOnceWhileItsAnswerIsCachedAcrossRoutes() {
    api.register("cached@example.com", "correct horse", "Cached User");
    String token = api.login("cached@example.com", "correct horse");
    long before = stack.invocations(AUTHORIZER);
    assertThat(api.get("/me", token).status()).isEqualTo(200);
    assertThat(api.get("/me", token).status()).isEqualTo(200);
    assertThat(api.get("/users", token).status()).isEqualTo(403); // a user may not list users: the handler says so
    assertThat(stack.invocations(AUTHORIZER)).isEqualTo(before + 1);
  }

  @Test
  void publicRoutesDoNotCallTheAuthorizerEvenWithAHeader() {
    long before = stack.invocations(AUTHORIZER);
    assertThat(api.get("/.well-known/jwks.json", "not-even-a-token").status()).isEqualTo(200);
    assertThat(stack.invocations(AUTHORIZER)).isEqualTo(before);
  }

  @Test
  void aCorsPreflightIsAnsweredByTheGatewayItself() {
    Api.Answer preflight = api.send("OPTIONS", "/users", null, null, "Origin", "https://app.example.dev",
        "Access-Control-Request-Method", "GET");
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNotNull();
    assertThat(preflight.header("Access-Control-Allow-Methods")).contains("GET");
  }
}
