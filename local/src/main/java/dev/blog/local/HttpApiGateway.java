package dev.blog.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * An API Gateway HTTP API in front of the local functions, behaving as the real one does for what this
 * project uses: routes and their precedence, the Lambda authorizer (payload 2.0, simple responses, cached
 * by identity source for ReauthorizeEvery seconds, 401 without calling it when the identity header is
 * missing, 403 when it denies), CORS (preflights answered by the gateway), payload format 2.0 events and
 * response mapping, and the gateway's own fixed error bodies.
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
final class HttpApiGateway implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private record CachedDecision(long expiresAtNanos, boolean allowed, JsonNode context) {}

  record Match(Template.Route route, Map<String, String> pathParameters) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Template.Route> routes;
  private final Optional<Template.Authorizer> authorizer;
  private final Optional<Template.Cors> cors;
  private final Map<String, FunctionPool> functions;
  private final Map<String, LocalRoute> localRoutes;
  private final Consumer<String> log;
  private final Map<String, CachedDecision> authorizerCache = new ConcurrentHashMap<>();

  /** A route of the local stack itself (never deployed), such as {@code GET /_local/emails}. */
  interface LocalRoute {
    String respond(String path) throws Exception;
  }

  HttpApiGateway(int port, Template template, java.util.function.Function<String, String> refs,
      Map<String, FunctionPool> functions, Map<String, LocalRoute> localRoutes, Consumer<String> log) {
    this.routes = template.routes();
    this.authorizer = template.defaultAuthorizer();
    this.cors = template.cors(refs);
    this.functions = functions;
    this.localRoutes = Map.copyOf(localRoutes);
    this.log = log;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port + " (is another ./dev start running?)", e);
    }
    executor = Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "http-api");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) {
    long start = System.nanoTime();
    String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "=";
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    String outcome;
    try (exchange) {
      exchange.getResponseHeaders().set("apigw-requestid", requestId);
      outcome = serve(exchange, requestId, method, path);
    } catch (Exception e) {
      outcome = "500 (local stack error: " + e + ")";
      try {
        send(exchange, 500, message("Internal Server Error"), null);
      } catch (IOException ignored) {
        // the client went away
      }
    }
    log.accept(String.format("%s %s -> %s, %d ms", method, path, outcome, (System.nanoTime() - start) / 1_000_000));
  }

  private String serve(HttpExchange exchange, String requestId, String method, String path) throws Exception {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (method.equals("OPTIONS") && origin != null && cors.isPresent()
        && exchange.getRequestHeaders().getFirst("Access-Control-Request-Method") != null) {
      preflight(exchange, origin);
      return "204 (CORS preflight)";
    }
    addCorsHeaders(exchange, origin);
    LocalRoute local = localRoute(method, path);
    if (local != null) {
      try {
        send(exchange, 200, local.respond(path).getBytes(StandardCharsets.UTF_8), "application/json");
      } catch (IllegalArgumentException e) {
        send(exchange, 404, ("{\"message\":\"" + e.getMessage().replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8), null);
        return "404 (local stack route)";
      }
      return "200 (local stack route)";
    }
    Match match = match(method, path);
    if (match == null) {
      send(exchange, 404, message("Not Found"), null);
      return "404 (no route)";
    }
    byte[] body = exchange.getRequestBody().readNBytes(MAX_PAYLOAD_BYTES + 1);
    if (body.length > MAX_PAYLOAD_BYTES) {
      send(exchange, 413, message("Request Entity Too Large"), null);
      return "413 (over the HTTP API payload limit)";
    }
    ObjectNode event = event(exchange, requestId, method, path, match, body);
    JsonNode authorizerContext = null;
    if (match.route().authorized() && authorizer.isPresent()) {
      Template.Authorizer auth = authorizer.get();
      List<String> identity = new ArrayList<>();
      for (String header : auth.identityHeaders()) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value == null || value.isBlank()) {
          send(exchange, 401, message("Unauthorized"), null);
          return "401 (no " + header + " header; authorizer not called)";
        }
        identity.add(value);
      }
      CachedDecision decision = authorize(auth, identity, event);
      if (decision == null) {
        send(exchange, 500, message("Internal Server Error"), null);
        return "500 (authorizer failed)";
      }
      if (!decision.allowed()) {
        send(exchange, 403, message("Forbidden"), null);
        return "403 (authorizer denied)";
      }
      authorizerContext = decision.context();
    }
    if (authorizerContext != null) {
      ((ObjectNode) event.get("requestContext")).putObject("authorizer").set("lambda", authorizerContext);
    }
    FunctionPool function = functions.get(match.route().functionId());
    InvocationResult result = function.invoke(JSON.writeValueAsString(event));
    String timing = function.logicalId() + (result.initMillis() > 0 ? ", cold start " + result.initMillis() + " ms" : "");
    if (!result.succeeded()) {
      log.accept("[" + function.logicalId() + "] invocation failed: " + result.payload());
      send(exchange, 500, message("Internal Server Error"), null);
      return "500 (" + timing + ", function error)";
    }
    int status = respond(exchange, result.payload());
    return status + " (" + timing + ")";
  }

  /** Local-stack routes: exact ones, and prefixes (keys ending in '/') that take the rest of the path. */
  private LocalRoute localRoute(String method, String path) {
    LocalRoute exact = localRoutes.get(method + " " + path);
    if (exact != null) {
      return exact;
    }
    for (var entry : localRoutes.entrySet()) {
      if (entry.getKey().endsWith("/") && (method + " " + path).startsWith(entry.getKey())) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** Maps a payload 2.0 response: a structured one by its fields, anything else as a 200 JSON body. */
  private int respond(HttpExchange exchange, String payload) throws IOException {
    JsonNode response;
    try {
      response = JSON.readTree(payload);
    } catch (IOException e) {
      response = null;
    }
    if (response == null || !response.isObject() || !response.has("statusCode")) {
      send(exchange, 200, payload.getBytes(StandardCharsets.UTF_8), "application/json");
      return 200;
    }
    int status = response.path("statusCode").asInt(500);
    response.path("headers").fields().forEachRemaining(h -> exchange.getResponseHeaders().set(h.getKey(), h.getValue().asText()));
    for (JsonNode cookie : response.path("cookies")) {
      exchange.getResponseHeaders().add("Set-Cookie", cookie.asText());
    }
    JsonNode body = response.get("body");
    byte[] bytes = null;
    if (body != null && !body.isNull()) {
      bytes = response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body.asText())
          : body.asText().getBytes(StandardCharsets.UTF_8);
    }
    send(exchange, status, bytes, null);
    return status;
  }

  private CachedDecision authorize(Template.Authorizer auth, List<String> identity, ObjectNode event) throws Exception {
    String key = String.join("\n", identity);
    CachedDecision cached = authorizerCache.get(key);
    if (cached != null && cached.expiresAtNanos() > System.nanoTime()) {
      return cached;
    }
    ObjectNode request = JSON.createObjectNode();
    request.put("version", "2.0");
    request.put("type", "REQUEST");
    ObjectNode context = (ObjectNode) event.get("requestContext");
    request.put("routeArn", "arn:aws:execute-api:" + Template.REGION + ":" + Template.ACCOUNT + ":local/$default/"
        + context.path("http").path("method").asText() + context.path("http").path("path").asText());
    ArrayNode sources = request.putArray("identitySource");
    identity.forEach(sources::add);
    for (String field : List.of("routeKey", "rawPath", "rawQueryString", "cookies", "headers",
        "queryStringParameters", "requestContext", "pathParameters")) {
      if (event.has(field)) {
        request.set(field, event.get(field).deepCopy());
      }
    }
    FunctionPool function = functions.get(auth.functionId());
    InvocationResult result = function.invoke(JSON.writeValueAsString(request));
    if (!result.succeeded()) {
      log.accept("[" + auth.functionId() + "] authorizer failed: " + result.payload());
      return null;
    }
    JsonNode response = JSON.readTree(result.payload());
    boolean allowed = auth.simpleResponses() ? response.path("isAuthorized").asBoolean(false)
        : "Allow".equals(response.path("policyDocument").path("Statement").path(0).path("Effect").asText());
    JsonNode lambdaContext = response.path("context").isObject() ? response.get("context") : JSON.createObjectNode();
    CachedDecision decision = new CachedDecision(
        System.nanoTime() + auth.reauthorizeEverySeconds() * 1_000_000_000L, allowed, lambdaContext);
    if (auth.reauthorizeEverySeconds() > 0) {
      authorizerCache.put(key, decision);
    }
    return decision;
  }

  private ObjectNode event(HttpExchange exchange, String requestId, String method, String rawPath, Match match,
      byte[] body) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", match.route().routeKey());
    event.put("rawPath", rawPath);
    String rawQuery = exchange.getRequestURI().getRawQuery();
    event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
    ObjectNode headers = JSON.createObjectNode();
    ArrayNode cookies = JSON.createArrayNode();
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("cookie")) {
        for (String value : values) {
          for (String cookie : value.split(";\\s*")) {
            cookies.add(cookie);
          }
        }
      } else {
        headers.put(lower, String.join(",", values));
      }
    });
    if (!cookies.isEmpty()) {
      event.set("cookies", cookies);
    }
    event.set("headers", headers);
    if (rawQuery != null && !rawQuery.isEmpty()) {
      Map<String, String> params = new LinkedHashMap<>();
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.merge(name, value, (a, b) -> a + "," + b);
      }
      ObjectNode query = event.putObject("queryStringParameters");
      params.forEach(query::put);
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", Template.ACCOUNT);
    context.put("apiId", "local");
    String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host"));
    context.put("domainName", host);
    context.put("domainPrefix", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
    ObjectNode http = context.putObject("http");
    http.put("method", method);
    http.put("path", rawPath);
    http.put("protocol", exchange.getProtocol());
    http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
    http.put("userAgent", String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
    context.put("requestId", requestId);
    context.put("routeKey", match.route().routeKey());
    context.put("stage", "$default");
    Instant now = Instant.now();
    context.put("time", REQUEST_TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());
    if (!match.pathParameters().isEmpty()) {
      ObjectNode params = event.putObject("pathParameters");
      match.pathParameters().forEach(params::put);
    }
    if (body.length > 0) {
      String type = String.valueOf(headers.path("content-type").asText("")).toLowerCase(Locale.ROOT);
      boolean text = type.startsWith("text/") || type.contains("json") || type.contains("xml")
          || type.contains("x-www-form-urlencoded") || type.contains("javascript");
      event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", !text);
    } else {
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  /** HTTP API precedence: the most specific path (literal segments beat variables beat greedy ones), then an exact method beats ANY. */
  Match match(String method, String rawPath) { // package-private for HttpApiRoutingTest
    String[] segments = segments(rawPath);
    Match best = null;
    int bestScore = -1;
    for (Template.Route route : routes) {
      if (!route.method().equals(method) && !route.method().equals("ANY")) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      int score = matchPath(segments(route.path()), segments, params);
      if (score < 0) {
        continue;
      }
      score = score * 2 + (route.method().equals(method) ? 1 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = new Match(route, params);
      }
    }
    return best;
  }

  private static int matchPath(String[] template, String[] actual, Map<String, String> params) {
    int score = 0;
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("+}")) {
        if (i >= actual.length) {
          return -1;
        }
        params.put(t.substring(1, t.length() - 2), decode(String.join("/", List.of(actual).subList(i, actual.length))));
        return score;
      }
      if (i >= actual.length) {
        return -1;
      }
      if (t.startsWith("{") && t.endsWith("}")) {
        params.put(t.substring(1, t.length() - 1), decode(actual[i]));
        score += 1;
      } else if (t.equals(actual[i])) {
        score += 1000;
      } else {
        return -1;
      }
    }
    return template.length == actual.length ? score : -1;
  }

  private static String[] segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }

  private void preflight(HttpExchange exchange, String origin) throws IOException {
    Template.Cors c = cors.orElseThrow();
    var headers = exchange.getResponseHeaders();
    if (originAllowed(c, origin)) {
      headers.set("Access-Control-Allow-Origin", c.allowOrigins().contains("*") ? "*" : origin);
      headers.set("Access-Control-Allow-Methods", String.join(",", c.allowMethods()));
      headers.set("Access-Control-Allow-Headers", String.join(",", c.allowHeaders()));
      if (c.maxAge() > 0) {
        headers.set("Access-Control-Max-Age", String.valueOf(c.maxAge()));
      }
      if (c.allowCredentials()) {
        headers.set("Access-Control-Allow-Credentials", "true");
      }
    }
    send(exchange, 204, null, null);
  }

  private void addCorsHeaders(HttpExchange exchange, String origin) {
    if (origin == null || cors.isEmpty() || !originAllowed(cors.get(), origin)) {
      return;
    }
    Template.Cors c = cors.get();
    exchange.getResponseHeaders().set("Access-Control-Allow-Origin", c.allowOrigins().contains("*") ? "*" : origin);
    if (!c.exposeHeaders().isEmpty()) {
      exchange.getResponseHeaders().set("Access-Control-Expose-Headers", String.join(",", c.exposeHeaders()));
    }
  }

  private static boolean originAllowed(Template.Cors c, String origin) {
    return c.allowOrigins().contains("*") || c.allowOrigins().contains(origin);
  }

  private static byte[] message(String text) {
    return ("{\"message\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
    var headers = exchange.getResponseHeaders();
    if (body != null && !headers.containsKey("Content-Type")) {
      headers.set("Content-Type", contentType == null ? "application/json" : contentType);
    }
    boolean empty = body == null || body.length == 0 || status == 204 || status == 304
        || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      exchange.getResponseBody().write(body);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
