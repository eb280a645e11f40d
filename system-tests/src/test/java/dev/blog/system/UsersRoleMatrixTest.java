package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may do what on every users route, through the real authorizer and tokens. */
class UsersRoleMatrixTest {
  private final Api api = LocalStackFixture.api();
  private String admin;
  private String moderator;
  private String user;
  private String other;
  private String userId;

  @BeforeEach
  void accounts() {
    Api.Cast cast = api.cast();
    admin = cast.admin();
    moderator = cast.moderator();
    user = cast.user();
    userId = cast.userId();
    other = cast.other();
  }

  @Test
  void everyRoleReadsItself() {
    for (String token : new String[] {admin, moderator, user}) {
      assertThat(api.get("/me", token).status()).isEqualTo(200);
    }
  }

  @Test
  void onlyStaffListUsers() {
    assertThat(api.get("/users", user).status()).isEqualTo(403);
    assertThat(api.get("/users", moderator).status()).isEqualTo(200);
    assertThat(api.get("/users", admin).status()).isEqualTo(200);
  }

  @Test
  void othersSeeThePublicViewSelfAndStaffTheFullOne() {
    JsonNode byOther = api.get("/users/" + userId, other).json();
    assertThat(byOther.has("email")).isFalse();
    assertThat(byOther.get("name").asText()).isEqualTo("Plain User");
    for (String token : new String[] {user, moderator, admin}) {
      assertThat(api.get("/users/" + userId, token).json().has("email")).isTrue();
    }
  }

  @Test
  void onlyAdminsCreateUsers() {
    String body = "{\"email\":\"new-" + UUID.randomUUID() + "@example.com\",\"name\":\"New One\",\"password\":\"password-123\"}";
    assertThat(api.send("POST", "/users", user, body).status()).isEqualTo(403);
    assertThat(api.send("POST", "/users", moderator, body).status()).isEqualTo(403);
    assertThat(api.send("POST", "/users", admin, body).status()).isEqualTo(201);
  }

  @Test
  void selfAndAdminsUpdateButOnlyAdminsChangeRoles() {
    String rename = "{\"name\":\"Renamed User\"}";
    assertThat(api.send("PUT", "/users/" + userId, other, rename).status()).isEqualTo(403);
    assertThat(api.send("PUT", "/users/" + userId, moderator, rename).status()).isEqualTo(403);
    assertThat(api.send("PUT", "/users/" + userId, user, rename).status()).isEqualTo(200);
    assertThat(api.send("PUT", "/users/" + userId, admin, rename).status()).isEqualTo(200);
    assertThat(api.send("PUT", "/users/" + userId, user, "{\"role\":\"admin\"}").status()).isEqualTo(403);
    assertThat(api.send("PUT", "/users/" + userId, admin, "{\"role\":\"moderator\"}").json().get("role").asText())
        .isEqualTo("moderator");
  }

  @Test
  void onlyAdminsDelete() {
    for (String token : new String[] {user, other, moderator}) {
      assertThat(api.send("DELETE", "/users/" + userId, token, null).status()).isEqualTo(403);
    }
    assertThat(api.send("DELETE", "/users/" + userId, admin, null).status()).isEqualTo(204);
    assertThat(api.get("/users/" + userId, admin).status()).isEqualTo(404);
  }
}
