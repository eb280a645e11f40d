package dev.blog.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.http.ApiHandler;
import dev.blog.core.post.Post;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.testing.TestContext;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import java.io.UncheckedIOException;

/** A fresh table, the real store graph on DynamoDB Local, an author, another user and staff. */
final class PostsFixture {
  final TestCoreComponent graph = TestCoreComponent.on(TestStore.freshTable());
  final Caller admin;
  final Caller moderator;
  final Caller author;
  final Caller other;

  PostsFixture() {
    admin = new Caller(graph.users().bootstrapAdmin("root@example.com", "root-password", "Root Admin").orElseThrow().id(), Role.ADMIN);
    moderator = new Caller(graph.users().create(admin, "mod@example.com", "password-123", "Mod Erator", null, Role.MODERATOR).id(), Role.MODERATOR);
    author = new Caller(graph.users().register("ada@example.com", "password-123", "Ada Lovelace", null).id(), Role.USER);
    other = new Caller(graph.users().register("alan@example.com", "password-123", "Alan Turing", null).id(), Role.USER);
  }

  Post draft(Caller by, String title) {
    return graph.posts().create(by, title, "draft text", false);
  }

  Post published(Caller by, String title) {
    return graph.posts().create(by, title, "published text", true);
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
    assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("dynamodb").doesNotContain("at dev.");
    return body;
  }
}
