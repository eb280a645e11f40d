package dev.blog.posts;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.http.ApiHandler;
import dev.blog.core.post.Post;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.testing.HandlerCalls;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;

/** A fresh table, the real store graph on moto server, an author, another user and staff. */
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
    return HandlerCalls.call(handler, event);
  }

  JsonNode body(APIGatewayV2HTTPResponse response) {
    return HandlerCalls.body(response);
  }

  JsonNode problem(APIGatewayV2HTTPResponse response, int status) {
    return HandlerCalls.problem(response, status);
  }
}
