package dev.blog.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blog.local.template.LocalAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Lambda proxy integration, payload format 2.0: the event API Gateway sends for a request, and how it turns
 * the function's answer into the HTTP response.
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
final class PayloadV2 {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private PayloadV2() {}

  /** The event for {@code request} on the route it matched. */
  static ObjectNode event(GatewayRequest request, Router.Match match) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", match.route().routeKey());
    event.put("rawPath", request.rawPath());
    event.put("rawQueryString", request.rawQuery());
    ObjectNode headers = JSON.createObjectNode();
    ArrayNode cookies = JSON.createArrayNode();
    request.headers().forEach((name, values) -> {
      if (name.equals("cookie")) {
        for (String value : values) {
          for (String cookie : value.split(";\\s*")) {
            cookies.add(cookie);
          }
        }
      } else {
        headers.put(name, String.join(",", values));
      }
    });
    if (!cookies.isEmpty()) {
      event.set("cookies", cookies);
    }
    event.set("headers", headers);
    if (!request.rawQuery().isEmpty()) {
      ObjectNode query = event.putObject("queryStringParameters");
      queryParameters(request.rawQuery()).forEach(query::put);
    }
    event.set("requestContext", requestContext(request, match));
    if (!match.pathParameters().isEmpty()) {
      ObjectNode params = event.putObject("pathParameters");
      match.pathParameters().forEach(params::put);
    }
    byte[] body = request.body();
    if (body.length > 0) {
      String type = String.valueOf(request.header("content-type")).toLowerCase(Locale.ROOT);
      boolean text = type.startsWith("text/") || type.contains("json") || type.contains("xml")
          || type.contains("x-www-form-urlencoded") || type.contains("javascript");
      event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", !text);
    } else {
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  private static ObjectNode requestContext(GatewayRequest request, Router.Match match) {
    ObjectNode context = JSON.createObjectNode();
    context.put("accountId", LocalAccount.ACCOUNT);
    context.put("apiId", "local");
    String host = String.valueOf(request.header("host"));
    context.put("domainName", host);
    context.put("domainPrefix", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
    ObjectNode http = context.putObject("http");
    http.put("method", request.method());
    http.put("path", request.rawPath());
    http.put("protocol", request.protocol());
    http.put("sourceIp", request.sourceIp());
    http.put("userAgent", String.valueOf(request.header("user-agent")));
    context.put("requestId", request.requestId());
    context.put("routeKey", match.route().routeKey());
    context.put("stage", "$default");
    Instant now = Instant.now();
    context.put("time", REQUEST_TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());
    return context;
  }

  /** Decoded query parameters; a repeated name gets its values joined with commas, as in payload 2.0. */
  static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = Router.decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : Router.decode(pair.substring(eq + 1));
      params.merge(name, value, (a, b) -> a + "," + b);
    }
    return params;
  }

  /**
   * Maps the function's answer onto {@code response}: a structured one (with a statusCode) by its fields,
   * anything else as a 200 JSON body.
   */
  static void respond(String payload, GatewayResponse response) {
    JsonNode answer;
    try {
      answer = JSON.readTree(payload);
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null || !answer.isObject() || !answer.has("statusCode")) {
      response.status(200).set("Content-Type", "application/json").body(payload.getBytes(StandardCharsets.UTF_8));
      return;
    }
    response.status(answer.path("statusCode").asInt(500));
    answer.path("headers").fields().forEachRemaining(h -> {
      if (!h.getKey().equalsIgnoreCase("Content-Length")) { // the HTTP server counts the body itself
        response.set(h.getKey(), h.getValue().asText());
      }
    });
    for (JsonNode cookie : answer.path("cookies")) {
      response.add("Set-Cookie", cookie.asText());
    }
    JsonNode body = answer.get("body");
    if (body != null && !body.isNull()) {
      response.body(answer.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body.asText())
          : body.asText().getBytes(StandardCharsets.UTF_8));
    }
  }
}
