package dev.blog.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.http.ApiHandler;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.testing.TestContext;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import dev.blog.core.user.User;
import java.io.UncheckedIOException;

/** A fresh table, the real store graph on DynamoDB Local, and the users handlers wired to it. */
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
    return handler.handleRequest(event, new TestContext());
  }

  JsonNode body(APIGatewayV2HTTPResponse response) {
    try {
      return graph.json().mapper().readTree(response.getBody());
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A problem+json answer with this status, and nothing of the internals in it. */
  JsonNode problem(APIGatewayV2HTTPResponse response, int status) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    JsonNode body = body(response);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("requestId").asText()).isNotBlank();
    assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("dynamodb").doesNotContain("at dev.");
    return body;
  }
}
