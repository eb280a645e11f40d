package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Moderator and admin actions rest on the stored user, through the gateway and the real authorizer: a demoted or
 * deleted admin's token, still valid and still cached at the gateway, can do nothing privileged from the very next
 * request.
 */
class PrivilegedActionsTest {
  private final Api api = LocalStackFixture.api();

  private record Admin(String id, String email, String token) {}

  private Admin newAdmin(String root) {
    String email = "admin-" + UUID.randomUUID() + "@example.com";
    Api.Answer created = api.send("POST", "/users", root, "{\"email\":\"" + email
        + "\",\"name\":\"Second Admin\",\"password\":\"password-123\",\"role\":\"admin\"}");
    assertThat(created.status()).isEqualTo(201);
    String token = api.login(email, "password-123");
    assertThat(api.get("/users?limit=1", token).status()).isEqualTo(200); // an admin now, and cached as one
    return new Admin(created.json().get("id").asText(), email, token);
  }

  private String createAdminBody() {
    return "{\"email\":\"mallory-" + UUID.randomUUID() + "@example.com\",\"name\":\"Mallory\","
        + "\"password\":\"password-123\",\"role\":\"admin\"}";
  }

  @Test
  void aDemotedAdminsTokenCanDoNothingPrivilegedFromTheNextRequest() {
    String root = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
    Admin demoted = newAdmin(root);
    assertThat(api.send("PUT", "/users/" + demoted.id(), root, "{\"role\":\"user\"}").status()).isEqualTo(200);

    assertThat(api.get("/users?limit=5", demoted.token()).status()).isEqualTo(403);
    assertThat(api.get("/audit?limit=5", demoted.token()).status()).isEqualTo(403);
    assertThat(api.send("POST", "/users", demoted.token(), createAdminBody()).status()).isEqualTo(403);
    assertThat(api.send("PUT", "/users/" + demoted.id(), demoted.token(), "{\"role\":\"admin\"}").status()).isEqualTo(403);
    Api.Answer someone = api.get("/users/" + api.get("/me", root).json().get("id").asText(), demoted.token());
    assertThat(someone.status()).isEqualTo(200);
    assertThat(someone.json().has("email")).as("the public view only").isFalse();
    assertThat(api.get("/me", demoted.token()).json().get("role").asText()).isEqualTo("user");
    // The same through GraphQL.
    Api.Answer graphql = api.send("POST", "/graphql", demoted.token(),
        "{\"query\":\"mutation { createUser(input: {email: \\\"eve-" + UUID.randomUUID()
            + "@example.com\\\", name: \\\"Eve\\\", password: \\\"password-123\\\", role: admin}) { id } }\"}");
    assertThat(graphql.json().at("/errors/0/extensions/code").asText()).isEqualTo("FORBIDDEN");
  }

  @Test
  void aDeletedAdminsTokenCreatesNobodyFromTheNextRequest() {
    String root = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
    Admin deleted = newAdmin(root);
    assertThat(api.send("DELETE", "/users/" + deleted.id(), root, null).status()).isEqualTo(204);

    Api.Answer create = api.send("POST", "/users", deleted.token(), createAdminBody());
    assertThat(create.status()).isIn(401, 403);
    assertThat(api.get("/users?limit=5", deleted.token()).status()).isIn(401, 403);
    assertThat(api.get("/audit?limit=5", deleted.token()).status()).isIn(401, 403);
  }
}
