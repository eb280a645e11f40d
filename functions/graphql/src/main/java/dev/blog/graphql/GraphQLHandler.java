package dev.blog.graphql;

import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.http.ApiHandler;
import dev.blog.core.http.ApiRequest;
import dev.blog.core.http.ApiResponse;
import dev.blog.core.http.PrimingRequest;
import dev.blog.core.json.Json;
import java.util.Map;

/**
 * {@code POST /graphql}: {@code {query, variables?, operationName?}} in, the GraphQL result out (200, as
 * GraphQL over HTTP answers; errors are in {@code errors[]} with {@code extensions.code}). A body that is not
 * a GraphQL request at all is a 400/413/415 problem+json, as on every other route.
 */
public final class GraphQLHandler extends ApiHandler {
  record Body(String query, Map<String, Object> variables, String operationName) {}

  private final GraphQLApi api;

  public GraphQLHandler() {
    this(GraphQLComponent.create());
  }

  private GraphQLHandler(GraphQLComponent c) {
    this(c.api(), c.json());
    checkSessionsWith(c.sessions());
    registerPriming(c.priming());
  }

  GraphQLHandler(GraphQLApi api, Json json) {
    super(json);
    this.api = api;
  }

  /** SnapStart: this route's success path (see ApiHandler#primingRequest). */
  @Override
  protected PrimingRequest primingRequest() {
    return PrimingRequest.to("POST", "/graphql").asAdmin().jsonBody("{\"query\":\"query Me { me { id name role posts(limit: 5) "
        + "{ items { id title published } nextCursor } } }\",\"operationName\":\"Me\"}");
  }

  /** GraphQL answers a refused session in-band too: {@code UNAUTHENTICATED}, or {@code SERVICE_UNAVAILABLE}. */
  @Override
  protected ApiResponse sessionRefused(dev.blog.core.error.DomainException refused) {
    return ApiResponse.ok(api.refused(refused));
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    Body body = request.body(Body.class, "variables", "operationName");
    if (body.query() == null || body.query().isBlank()) {
      throw Invalid.field("query", "must be a GraphQL document");
    }
    Map<String, Object> variables = body.variables() == null ? Map.of() : body.variables();
    return ApiResponse.ok(api.execute(body.query(), body.operationName(), variables, request.callerIfAny(),
        request.requestId(), request.logger()));
  }
}
