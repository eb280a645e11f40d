package dev.blog.local.gateway;

import dev.blog.local.template.Cors;
import java.util.Optional;

/**
 * The HTTP API's CORS configuration, applied as API Gateway applies it: it answers preflight requests
 * itself, without calling a function, and adds the allow-origin and expose headers to every answer for an
 * allowed origin. See https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 */
final class CorsPolicy {
  private final Optional<Cors> cors;

  CorsPolicy(Optional<Cors> cors) {
    this.cors = cors;
  }

  /** An OPTIONS request with Origin and Access-Control-Request-Method, when CORS is configured. */
  boolean isPreflight(GatewayRequest request) {
    return cors.isPresent() && request.method().equals("OPTIONS") && request.header("Origin") != null
        && request.header("Access-Control-Request-Method") != null;
  }

  /** Fills in the gateway's 204 to a preflight: with the allow headers when the origin is allowed. */
  void preflight(GatewayRequest request, GatewayResponse response) {
    Cors c = cors.orElseThrow();
    response.status(204);
    String origin = request.header("Origin");
    if (originAllowed(c, origin)) {
      response.set("Access-Control-Allow-Origin", c.allowOrigins().contains("*") ? "*" : origin);
      response.set("Access-Control-Allow-Methods", String.join(",", c.allowMethods()));
      response.set("Access-Control-Allow-Headers", String.join(",", c.allowHeaders()));
      if (c.maxAge() > 0) {
        response.set("Access-Control-Max-Age", String.valueOf(c.maxAge()));
      }
      if (c.allowCredentials()) {
        response.set("Access-Control-Allow-Credentials", "true");
      }
    }
  }

  /** Adds the CORS headers of an actual (not preflight) request's answer. */
  void addHeaders(GatewayRequest request, GatewayResponse response) {
    String origin = request.header("Origin");
    if (origin == null || cors.isEmpty() || !originAllowed(cors.get(), origin)) {
      return;
    }
    Cors c = cors.get();
    response.set("Access-Control-Allow-Origin", c.allowOrigins().contains("*") ? "*" : origin);
    if (!c.exposeHeaders().isEmpty()) {
      response.set("Access-Control-Expose-Headers", String.join(",", c.exposeHeaders()));
    }
  }

  private static boolean originAllowed(Cors c, String origin) {
    return c.allowOrigins().contains("*") || c.allowOrigins().contains(origin);
  }
}
