package dev.blog.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.testing.Requests;
import dev.blog.core.user.User;
import dev.blog.core.user.UserPatch;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Every moderator or admin action of the users routes rests on the stored caller: a token that still says admin
 * (the authorizer's answer is cached for 30 s) does nothing privileged once its holder is demoted, deleted or
 * logged out, and the store is read once for it (shared with the read of the target where there is one).
 */
class StoredRoleTest {
  private final UsersFixture f = new UsersFixture();
  private final User second = f.create("second-admin@example.com", Role.ADMIN);
  private final User ada = f.register("ada@example.com", "Ada Lovelace");

  private static Requests event(String file) {
    return Requests.from(EventLoader.loadApiGatewayHttpEvent("events/" + file));
  }

  /** The second admin's token, as the authorizer handed it on before anything below happened. */
  private Requests asSecondAdmin(String file) {
    return event(file).as(second.id(), Role.ADMIN);
  }

  private void demoteSecondAdmin() {
    f.graph.users().update(f.admin, second.id(), new UserPatch(null, null, null, false, Role.USER), OptionalLong.empty());
  }

  private String createAdmin() {
    return "{\"email\":\"mallory@example.com\",\"name\":\"Mallory\",\"password\":\"password-123\",\"role\":\"admin\"}";
  }

  @Test
  void aDemotedAdminsTokenListsReadsFullViewsCreatesAndRePromotesNothing() {
    demoteSecondAdmin();
    f.problem(f.call(new ListUsersHandler(f.graph.users(), f.graph.json()), asSecondAdmin("list-users.json").build()), 403);
    f.problem(f.call(new CreateUserHandler(f.graph.users(), f.graph.json()), asSecondAdmin("create-user.json")
        .json(createAdmin()).build()), 403);
    f.problem(f.call(new UpdateUserHandler(f.graph.users(), f.graph.json()), asSecondAdmin("update-user.json")
        .path("id", second.id()).header("if-match", null).json("{\"role\":\"admin\"}").build()), 403);
    f.problem(f.call(new DeleteUserHandler(f.graph.users(), f.graph.json()), asSecondAdmin("delete-user.json")
        .path("id", ada.id()).header("if-match", null).build()), 403);
    var view = f.call(new GetUserHandler(f.graph.users(), f.graph.json()), asSecondAdmin("get-user.json")
        .path("id", ada.id()).build());
    assertThat(view.getStatusCode()).isEqualTo(200);
    assertThat(f.body(view).has("email")).as("the public view").isFalse();
    assertThat(f.graph.repository().findCredentials("mallory@example.com")).isEmpty();
    assertThat(f.graph.repository().find(second.id()).orElseThrow().role()).isEqualTo(Role.USER);
    assertThat(f.graph.repository().find(ada.id())).isPresent();
  }

  @Test
  void aDeletedAdminsTokenCreatesNoAdmin() {
    f.graph.users().delete(f.admin, second.id(), OptionalLong.empty());
    f.problem(f.call(new CreateUserHandler(f.graph.users(), f.graph.json()), asSecondAdmin("create-user.json")
        .json(createAdmin()).build()), 401);
    f.problem(f.call(new ListUsersHandler(f.graph.users(), f.graph.json()), asSecondAdmin("list-users.json").build()), 401);
    assertThat(f.graph.repository().findCredentials("mallory@example.com")).isEmpty();
  }

  @Test
  void anAdminWhoLoggedOutActsOnNobodyWithTheOldToken() {
    f.graph.accounts().logout(new Caller(second.id(), Role.ADMIN));
    f.problem(f.call(new UpdateUserHandler(f.graph.users(), f.graph.json()), asSecondAdmin("update-user.json")
        .path("id", ada.id()).header("if-match", null).json("{\"role\":\"moderator\"}").build()), 401);
    f.problem(f.call(new GetMeHandler(f.graph.users(), f.graph.json()), asSecondAdmin("get-me.json").build()), 401);
    Caller later = new Caller(second.id(), Role.ADMIN, 1, null);
    assertThat(f.call(new UpdateUserHandler(f.graph.users(), f.graph.json()), event("update-user.json").as(later)
        .path("id", ada.id()).header("if-match", null).json("{\"role\":\"moderator\"}").build()).getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void anAdminActingOnAnotherUserReadsTheStoreOnce() {
    f.graph.requests().reset();
    assertThat(f.call(new UpdateUserHandler(f.graph.users(), f.graph.json()), asSecondAdmin("update-user.json")
        .path("id", ada.id()).header("if-match", null).json("{\"name\":\"Ada Byron\"}").build()).getStatusCode())
        .isEqualTo(200);
    assertThat(f.graph.requests().byOperation()).containsEntry("BatchGetItem", 1).doesNotContainKey("GetItem");
  }

  @Test
  void aChangeOfOnesOwnEmailNeedsTheCurrentPasswordAndLeavesTheNewAddressUnverified() {
    Requests put = event("update-user.json").as(ada.id(), Role.USER).path("id", ada.id()).header("if-match", null);
    var handler = new UpdateUserHandler(f.graph.users(), f.graph.json());
    f.problem(f.call(handler, put.json("{\"email\":\"ada@lovelace.org\",\"currentPassword\":\"not-it\"}").build()), 400);
    var moved = f.call(handler, event("update-user.json").as(ada.id(), Role.USER).path("id", ada.id())
        .header("if-match", null).json("{\"email\":\"ada@lovelace.org\",\"currentPassword\":\"password-123\"}").build());
    assertThat(f.body(moved).get("email").asText()).isEqualTo("ada@lovelace.org");
    assertThat(f.body(moved).get("emailVerified").asBoolean()).isFalse();
    // An admin changes someone's address without their password; the new one is unverified too.
    var byAdmin = f.call(handler, event("update-user.json").as(f.admin.userId(), Role.ADMIN).path("id", ada.id())
        .header("if-match", null).json("{\"email\":\"ada@example.org\"}").build());
    assertThat(byAdmin.getStatusCode()).isEqualTo(200);
  }
}
