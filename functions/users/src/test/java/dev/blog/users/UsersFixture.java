package dev.blog.users;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.http.ApiHandler;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.testing.HandlerCalls;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import dev.blog.core.user.User;

/** A fresh table, the real store graph on moto server, and the users handlers wired to it. */
final class UsersFixture {
  final TestCoreComponent graph = TestCoreComponent.on(TestStore.freshTable());
  final Caller admin;

  UsersFixture() {
    admin = new Caller(graph.users().bootstrapAdmin("root@example.com", "root-password", "Root Admin").orElseThrow().id(), Role.ADMIN);
  }

  User register(String email, String name) {
    return graph.users().register(email, "password-123", name, null);
  }

  User create(String email, Role role) {
    return graph.users().create(admin, email, "password-123", "Someone " + role, null, role);
  }

  static Caller as(User user) {
    return new Caller(user.id(), user.role());
  }

  APIGatewayV2HTTPResponse call(ApiHandler handler, APIGatewayV2HTTPEvent event) {
    return HandlerCalls.call(handler, event);
  }

  JsonNode body(APIGatewayV2HTTPResponse response) {
    return HandlerCalls.body(response);
  }

  JsonNode problem(APIGatewayV2HTTPResponse response, int status) {
    return HandlerCalls.problem(response, status);
  }
}
