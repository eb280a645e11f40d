package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Sign-up to authenticated call, through the gateway, the authorizer and the functions' own JVMs. */
class AuthFlowTest {
  private final Api api = LocalStackFixture.api();

  @Test
  void registerLoginAndCallMe() {
    Api.Answer registered = api.register("flow@example.com", "correct horse", "Flow User");
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    String id = registered.json().get("id").asText();
    assertThat(registered.header("Location")).isEqualTo("/users/" + id);

    String token = api.login("FLOW@example.com", "correct horse");
    Api.Answer me = api.get("/me", token);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("id").asText()).isEqualTo(id);
    assertThat(me.header("ETag")).isEqualTo("\"1\"");
  }

  @Test
  void withoutAnAuthorizationHeaderTheGatewayAnswers401() {
    Api.Answer answer = api.get("/me", null);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json()).isEqualTo(Api.JSON.createObjectNode().put("message", "Unauthorized"));
  }

  @Test
  void aTokenTheAuthorizerDeniesGets403() {
    String token = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
    String[] parts = token.split("\\.");
    String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"admin\"", "\"user\"").getBytes());
    for (String bad : new String[] {"garbage", parts[0] + "." + forgedPayload + "." + parts[2], token + "x"}) {
      Api.Answer answer = api.get("/me", bad);
      assertThat(answer.status()).as(bad).isEqualTo(403);
      assertThat(answer.json()).isEqualTo(Api.JSON.createObjectNode().put("message", "Forbidden"));
    }
  }

  @Test
  void wrongPasswordAndUnknownEmailAreTheSame401() {
    api.register("known@example.com", "correct horse", "Known User");
    Api.Answer wrong = api.send("POST", "/auth/login", null, "{\"email\":\"known@example.com\",\"password\":\"nope-nope\"}");
    Api.Answer unknown = api.send("POST", "/auth/login", null, "{\"email\":\"unknown@example.com\",\"password\":\"nope-nope\"}");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
  }

  @Test
  void theJwksIsPublicAndHoldsNoPrivateKey() {
    Api.Answer jwks = api.get("/.well-known/jwks.json", null);
    assertThat(jwks.status()).isEqualTo(200);
    JsonNode key = jwks.json().at("/keys/0");
    assertThat(key.get("kty").asText()).isEqualTo("EC");
    assertThat(key.get("kid").asText()).isNotBlank();
    assertThat(key.has("d")).isFalse();
  }

  @Test
  void badInputIsAProblemNamingTheField() {
    Api.Answer malformed = api.send("POST", "/auth/register", null, "{\"email\": oops}");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(malformed.json().at("/errors/0/field").asText()).isEqualTo("body");

    Api.Answer notJson = api.send("POST", "/auth/register", null, "email=a", "Content-Type", "application/x-www-form-urlencoded");
    assertThat(notJson.status()).isEqualTo(415);

    String huge = "{\"email\":\"big@example.com\",\"password\":\"" + "p".repeat(70_000) + "\",\"name\":\"Big\"}";
    assertThat(api.send("POST", "/auth/register", null, huge).status()).isEqualTo(413);
  }

  @Test
  void anUnknownRouteIsTheGateways404() {
    assertThat(api.get("/nothing-here", null).status()).isEqualTo(404);
  }
}
