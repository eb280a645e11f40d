package dev.blog.local.gateway;

import dev.blog.local.logging.LocalJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blog.local.lambda.FunctionPool;
import dev.blog.local.lambda.InvocationResult;
import dev.blog.local.template.Authorizer;
import dev.blog.local.template.LocalAccount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The HTTP API's Lambda authorizer as API Gateway runs it: payload 2.0 REQUEST events, simple or IAM-policy
 * responses, answers cached by identity source for ReauthorizeEvery seconds. A request without its identity
 * headers never reaches the function (the gateway answers 401).
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */
final class LambdaAuthorizer {
  /** What the authorizer decided: allowed (with the context it hands to the route's function), or denied. */
  record Decision(boolean allowed, JsonNode context) {}

  private record Cached(long expiresAtNanos, Decision decision) {}

  private final Authorizer definition;
  private final FunctionPool function;
  private final Consumer<String> log;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  LambdaAuthorizer(Authorizer definition, FunctionPool function, Consumer<String> log) {
    this.definition = definition;
    this.function = function;
    this.log = log;
  }

  /** The first identity header the request lacks (the gateway then answers 401 without calling the function). */
  Optional<String> missingIdentityHeader(GatewayRequest request) {
    return definition.identityHeaders().stream()
        .filter(header -> request.header(header) == null || request.header(header).isBlank()).findFirst();
  }

  /**
   * The cached decision for the request's identity, or the function's; empty when the function failed. The
   * identity headers must be present.
   */
  Optional<Decision> authorize(GatewayRequest request, ObjectNode event) throws Exception {
    List<String> identity = definition.identityHeaders().stream().map(request::header).toList();
    String key = String.join("\n", identity);
    Cached cached = cache.get(key);
    if (cached != null && cached.expiresAtNanos() > System.nanoTime()) {
      return Optional.of(cached.decision());
    }
    InvocationResult result = function.invoke(PayloadV2.JSON.writeValueAsString(request(identity, event)));
    if (!result.succeeded()) {
      log.accept(LocalJson.line(function.logicalId(), "authorizer failed", "error", result.payload()));
      return Optional.empty();
    }
    JsonNode response = PayloadV2.JSON.readTree(result.payload());
    boolean allowed = definition.simpleResponses() ? response.path("isAuthorized").asBoolean(false)
        : "Allow".equals(response.path("policyDocument").path("Statement").path(0).path("Effect").asText());
    Decision decision = new Decision(allowed,
        response.path("context").isObject() ? response.get("context") : PayloadV2.JSON.createObjectNode());
    if (definition.reauthorizeEverySeconds() > 0) {
      cache.put(key, new Cached(System.nanoTime() + definition.reauthorizeEverySeconds() * 1_000_000_000L, decision));
    }
    return Optional.of(decision);
  }

  /** The authorizer's event: the route's event with the identity source and the route's ARN. */
  private static ObjectNode request(List<String> identity, ObjectNode event) {
    ObjectNode request = PayloadV2.JSON.createObjectNode();
    request.put("version", "2.0");
    request.put("type", "REQUEST");
    JsonNode http = event.path("requestContext").path("http");
    request.put("routeArn", LocalAccount.arn("execute-api", "local/$default/" + http.path("method").asText()
        + http.path("path").asText()));
    ArrayNode sources = request.putArray("identitySource");
    identity.forEach(sources::add);
    for (String field : List.of("routeKey", "rawPath", "rawQueryString", "cookies", "headers",
        "queryStringParameters", "requestContext", "pathParameters")) {
      if (event.has(field)) {
        request.set(field, event.get(field).deepCopy());
      }
    }
    return request;
  }
}
