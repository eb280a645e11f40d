package dev.blog.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.blog.core.security.AuthorizerContext;
import dev.blog.core.snapstart.PrimingData;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request a handler's SnapStart priming sends through it: its own route, as API Gateway would deliver it
 * (payload 2.0), with the ids and caller of {@link PrimingData}. Each handler describes the request of its
 * success path ({@link ApiHandler#primingRequest}); nothing of it leaves the function (see
 * {@code dev.blog.core.snapstart.Priming}).
 */
public final class PrimingRequest {
  private final String method;
  private final String routePath;
  private final Map<String, String> pathParameters = new LinkedHashMap<>();
  private final Map<String, String> query = new LinkedHashMap<>();
  private final Map<String, String> headers = new HashMap<>();
  private String body;
  private boolean asAdmin;

  private PrimingRequest(String method, String routePath) {
    this.method = method;
    this.routePath = routePath;
  }

  /** A request of route {@code method routePath}, such as {@code GET /users/{id}}. */
  public static PrimingRequest to(String method, String routePath) {
    return new PrimingRequest(method, routePath);
  }

  public PrimingRequest pathParameter(String name, String value) {
    pathParameters.put(name, value);
    return this;
  }

  public PrimingRequest query(String name, String value) {
    query.put(name, value);
    return this;
  }

  /** A header, by its lower-case name as payload 2.0 has them. */
  public PrimingRequest header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public PrimingRequest jsonBody(String json) {
    this.body = json;
    headers.put("content-type", "application/json");
    return this;
  }

  /** From {@link PrimingData#CALLER_ID}, an admin in its first session epoch, as the authorizer would hand it over. */
  public PrimingRequest asAdmin() {
    this.asAdmin = true;
    return this;
  }

  APIGatewayV2HTTPEvent event() {
    String path = routePath;
    for (Map.Entry<String, String> p : pathParameters.entrySet()) {
      path = path.replace("{" + p.getKey() + "}", p.getValue());
    }
    APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
    event.setVersion("2.0");
    event.setRouteKey(method + " " + routePath);
    event.setRawPath(path);
    event.setRawQueryString(String.join("&", query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    event.setHeaders(Map.copyOf(headers));
    event.setPathParameters(Map.copyOf(pathParameters));
    event.setQueryStringParameters(query.isEmpty() ? null : Map.copyOf(query));
    event.setBody(body);
    event.setIsBase64Encoded(false);
    APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
    context.setRequestId("priming");
    context.setRouteKey(event.getRouteKey());
    APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
    http.setMethod(method);
    http.setPath(path);
    http.setProtocol("HTTP/1.1");
    http.setSourceIp("127.0.0.1");
    http.setUserAgent("priming");
    context.setHttp(http);
    if (asAdmin) {
      APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
      // a token of the caller's first session epoch that expires in an hour, as the authorizer hands it over
      authorizer.setLambda(Map.of(AuthorizerContext.USER_ID, PrimingData.CALLER_ID, AuthorizerContext.ROLE, "admin",
          AuthorizerContext.EXPIRES_AT, Long.toString(java.time.Instant.now().getEpochSecond() + 3600),
          AuthorizerContext.SESSION_EPOCH, "0", AuthorizerContext.SESSION_CHECKED, AuthorizerContext.CHECKED));
      context.setAuthorizer(authorizer);
    }
    event.setRequestContext(context);
    return event;
  }
}
