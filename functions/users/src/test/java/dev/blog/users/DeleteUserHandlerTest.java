package dev.blog.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.blog.core.security.Role;
import dev.blog.core.testing.Requests;
import dev.blog.core.user.User;
import org.junit.jupiter.params.ParameterizedTest;

class DeleteUserHandlerTest {
  private final UsersFixture f = new UsersFixture();
  private final DeleteUserHandler handler = new DeleteUserHandler(f.graph.users(), f.graph.json());
  private final User ada = f.register("ada@example.com", "Ada Lovelace");

  private Requests delete(APIGatewayV2HTTPEvent sample, User target) {
    return Requests.from(sample).path("id", target.id()).header("if-match", null);
  }

  @ParameterizedTest
  @Event(value = "events/delete-user.json", type = APIGatewayV2HTTPEvent.class)
  void anAdminDeletesAUserAndTheEmailIsFreeAgain(APIGatewayV2HTTPEvent sample) {
    var response = f.call(handler, delete(sample, ada).as(f.admin.userId(), Role.ADMIN).header("If-Match", "\"1\"").build());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(204);
    assertThat(response.getBody()).isNull();
    assertThat(f.graph.repository().find(ada.id())).isEmpty();
    f.register("ada@example.com", "Ada Again");
  }

  @ParameterizedTest
  @Event(value = "events/delete-user.json", type = APIGatewayV2HTTPEvent.class)
  void nobodyButAnAdminMayDelete(APIGatewayV2HTTPEvent sample) {
    User mod = f.create("mod@example.com", Role.MODERATOR);
    f.problem(f.call(handler, delete(sample, ada).as(ada.id(), Role.USER).build()), 403);
    f.problem(f.call(handler, delete(sample, ada).as(mod.id(), Role.MODERATOR).build()), 403);
    assertThat(f.graph.repository().find(ada.id())).isPresent();
  }

  @ParameterizedTest
  @Event(value = "events/delete-user.json", type = APIGatewayV2HTTPEvent.class)
  void aStaleIfMatchIsRefused(APIGatewayV2HTTPEvent sample) {
    f.problem(f.call(handler, delete(sample, ada).as(f.admin.userId(), Role.ADMIN).header("If-Match", "\"7\"").build()), 412);
    assertThat(f.graph.repository().find(ada.id())).isPresent();
  }

  @ParameterizedTest
  @Event(value = "events/delete-user.json", type = APIGatewayV2HTTPEvent.class)
  void deletingTwiceIsNotFound(APIGatewayV2HTTPEvent sample) {
    f.call(handler, delete(sample, ada).as(f.admin.userId(), Role.ADMIN).build());
    f.problem(f.call(handler, delete(sample, ada).as(f.admin.userId(), Role.ADMIN).build()), 404);
  }

  @ParameterizedTest
  @Event(value = "events/delete-user.json", type = APIGatewayV2HTTPEvent.class)
  void anAdminCannotDeleteThemselves(APIGatewayV2HTTPEvent sample) {
    User self = f.graph.repository().find(f.admin.userId()).orElseThrow();
    f.problem(f.call(handler, delete(sample, self).as(f.admin.userId(), Role.ADMIN).build()), 409);
  }
}
