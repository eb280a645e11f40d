package dev.blog.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.testing.HandlerCalls;
import dev.blog.core.testing.Requests;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import java.util.Map;

/** A fresh table, the real services on moto server, the handler on them, and a few accounts. */
final class GraphQLFixture {
  final TestCoreComponent graph = TestCoreComponent.on(TestStore.freshTable());
  final GraphQLHandler handler = new GraphQLHandler(new GraphQLApi(graph.users(), graph.posts(), graph.json()), graph.json());
  final Caller admin;
  final Caller moderator;
  final Caller author;
  final Caller other;

  GraphQLFixture() {
    admin = new Caller(graph.users().bootstrapAdmin("root@example.com", "root-password", "Root Admin").orElseThrow().id(), Role.ADMIN);
    moderator = new Caller(graph.users().create(admin, "mod@example.com", "password-123", "Mod Erator", null, Role.MODERATOR).id(), Role.MODERATOR);
    author = new Caller(graph.users().register("ada@example.com", "password-123", "Ada Lovelace", null).id(), Role.USER);
    other = new Caller(graph.users().register("alan@example.com", "password-123", "Alan Turing", null).id(), Role.USER);
  }

  /** POSTs {@code query} (with {@code variables}) as {@code caller}; the answer must be a GraphQL 200. */
  JsonNode run(APIGatewayV2HTTPEvent sample, Caller caller, String query, Map<String, Object> variables) {
    ObjectNode body = graph.json().mapper().createObjectNode();
    body.put("query", query);
    body.set("variables", graph.json().mapper().valueToTree(variables));
    Requests request = Requests.from(sample).json(body.toString());
    request = caller == null ? request.anonymous() : request.as(caller.userId(), caller.role());
    var response = HandlerCalls.call(handler, request.build());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at dev.");
    return HandlerCalls.body(response);
  }

  JsonNode run(APIGatewayV2HTTPEvent sample, Caller caller, String query) {
    return run(sample, caller, query, Map.of());
  }

  /** The codes of the answer's errors, in order. */
  static java.util.List<String> codes(JsonNode answer) {
    java.util.List<String> codes = new java.util.ArrayList<>();
    answer.path("errors").forEach(e -> codes.add(e.at("/extensions/code").asText()));
    return codes;
  }
}
