package dev.blog.local.gateway;

import dev.blog.local.logging.LocalJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blog.local.lambda.FunctionPool;
import dev.blog.local.lambda.InvocationResult;
import dev.blog.local.template.Template;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An API Gateway HTTP API in front of the local functions, answering as the real one does for what this
 * project uses: CORS preflights ({@link CorsPolicy}), route selection ({@link Router}), the payload limit, the
 * Lambda authorizer and its cache ({@link LambdaAuthorizer}), payload format 2.0 events and response mapping
 * ({@link PayloadV2}), and the gateway's own fixed {@code {"message"}} bodies. Every answer is JSON, also for
 * requests that the HTTP server itself refuses ({@link JettyListener}).
 */
public final class HttpApiGateway implements AutoCloseable {
  /** HTTP APIs accept payloads up to 10 MB. */
  static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

  private final Router router;
  private final Optional<LambdaAuthorizer> authorizer;
  private final CorsPolicy cors;
  private final Map<String, FunctionPool> functions;
  private final Map<String, LocalRoute> localRoutes;
  private final Consumer<String> log;
  private final JettyListener listener;

  private HttpApiGateway(Template template, Function<String, String> refs, Map<String, FunctionPool> functions,
      Map<String, LocalRoute> localRoutes, Consumer<String> log, int port) {
    this.router = new Router(template.routes());
    this.authorizer = template.defaultAuthorizer()
        .map(definition -> new LambdaAuthorizer(definition, functions.get(definition.functionId()), log));
    this.cors = new CorsPolicy(template.cors(refs));
    this.functions = Map.copyOf(functions);
    this.localRoutes = Map.copyOf(localRoutes);
    this.log = log;
    this.listener = JettyListener.start(port, this::handle);
  }

  /**
   * Serves the template's routes on 127.0.0.1:{@code port} (0: any free port).
   *
   * @param refs resolves the template's references (CORS origins are often parameters)
   * @param localRoutes the local stack's own routes: exact ({@code "GET /_local/emails"}) or prefixes (a key
   *     ending in '/' takes the rest of the path)
   */
  public static HttpApiGateway start(int port, Template template, Function<String, String> refs,
      Map<String, FunctionPool> functions, Map<String, LocalRoute> localRoutes, Consumer<String> log) {
    return new HttpApiGateway(template, refs, functions, localRoutes, log, port);
  }

  public URI endpoint() {
    return listener.endpoint();
  }

  private GatewayResponse handle(GatewayRequest request) {
    long start = System.nanoTime();
    GatewayResponse response = new GatewayResponse().set("apigw-requestid", request.requestId());
    String outcome;
    try {
      outcome = serve(request, response);
    } catch (Exception e) {
      outcome = "500 (local stack error: " + e + ")";
      response.message(500, "Internal Server Error");
    }
    // One access-log line a request, as the template's AccessLogSettings write them in AWS.
    log.accept(LocalJson.line("gateway", "request", "requestId", request.requestId(), "method", request.method(),
        "path", request.rawPath(), "status", response.status(), "latencyMs", (System.nanoTime() - start) / 1_000_000,
        "outcome", outcome));
    return response;
  }

  /** Fills {@code response}; answers what to log about it. */
  private String serve(GatewayRequest request, GatewayResponse response) throws Exception {
    if (cors.isPreflight(request)) {
      cors.preflight(request, response);
      return "204 (CORS preflight)";
    }
    cors.addHeaders(request, response);
    LocalRoute local = localRoute(request.method(), request.rawPath());
    if (local != null) {
      try {
        response.status(200).set("Content-Type", "application/json")
            .body(local.respond(request.rawPath(), PayloadV2.queryParameters(request.rawQuery()), request.body())
                .getBytes(StandardCharsets.UTF_8));
      } catch (LocalRoute.Invalid e) {
        response.message(400, e.getMessage().replace("\"", "'"));
        return "400 (local stack route)";
      } catch (IllegalArgumentException e) {
        response.message(404, e.getMessage());
        return "404 (local stack route)";
      }
      return "200 (local stack route)";
    }
    Optional<Router.Match> match = router.match(request.method(), request.rawPath());
    if (match.isEmpty()) {
      response.message(404, "Not Found");
      return "404 (no route)";
    }
    if (request.body().length > MAX_PAYLOAD_BYTES) {
      response.message(413, "Request Entity Too Large");
      return "413 (over the HTTP API payload limit)";
    }
    ObjectNode event = PayloadV2.event(request, match.get());
    if (match.get().route().authorized() && authorizer.isPresent()) {
      String denied = authorize(authorizer.get(), request, event, response);
      if (denied != null) {
        return denied;
      }
    }
    FunctionPool function = functions.get(match.get().route().functionId());
    InvocationResult result = function.invoke(PayloadV2.JSON.writeValueAsString(event));
    String timing = function.logicalId() + (result.initMillis() > 0 ? ", cold start " + result.initMillis() + " ms" : "");
    if (!result.succeeded()) {
      log.accept(LocalJson.line(function.logicalId(), "invocation failed", "error", result.payload()));
      response.message(500, "Internal Server Error");
      return "500 (" + timing + ", function error)";
    }
    PayloadV2.respond(result.payload(), response);
    return response.status() + " (" + timing + ")";
  }

  /**
   * Runs the authorizer and puts its context into the event; answers null when the request may go on, or
   * what to log after filling {@code response} with the gateway's 401, 403 or 500.
   */
  private static String authorize(LambdaAuthorizer authorizer, GatewayRequest request, ObjectNode event,
      GatewayResponse response) throws Exception {
    Optional<String> missing = authorizer.missingIdentityHeader(request);
    if (missing.isPresent()) {
      response.message(401, "Unauthorized");
      return "401 (no " + missing.get() + " header; authorizer not called)";
    }
    Optional<LambdaAuthorizer.Decision> decision = authorizer.authorize(request, event);
    if (decision.isEmpty()) {
      response.message(500, "Internal Server Error");
      return "500 (authorizer failed)";
    }
    if (!decision.get().allowed()) {
      response.message(403, "Forbidden");
      return "403 (authorizer denied)";
    }
    ((ObjectNode) event.get("requestContext")).putObject("authorizer").set("lambda", decision.get().context());
    return null;
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

  @Override
  public void close() {
    listener.close();
  }
}
