package dev.blog.core.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.blog.core.security.Role;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds payload 2.0 events for handler tests, starting from a sample event of {@code events/} (loaded
 * with aws-lambda-java-tests) or from scratch, and changing only what a test is about.
 */
public final class Requests {
  private final APIGatewayV2HTTPEvent event;

  private Requests(APIGatewayV2HTTPEvent event) {
    this.event = event;
    if (event.getRequestContext() == null) {
      event.setRequestContext(new APIGatewayV2HTTPEvent.RequestContext());
    }
    event.getRequestContext().setRequestId(UUID.randomUUID().toString());
    if (event.getHeaders() == null) {
      event.setHeaders(new HashMap<>());
    } else {
      event.setHeaders(new HashMap<>(event.getHeaders()));
    }
  }

  public static Requests from(APIGatewayV2HTTPEvent sample) {
    return new Requests(sample);
  }

  public static Requests route(String routeKey) {
    APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
    event.setVersion("2.0");
    event.setRouteKey(routeKey);
    return new Requests(event);
  }

  /** The caller as the authorizer hands it on, with a token of their first session valid for the next hour. */
  public Requests as(String userId, Role role) {
    return as(userId, role, java.time.Instant.now().plusSeconds(3600));
  }

  /** The caller as the authorizer hands it on, with a token of {@code caller}'s session valid for the next hour. */
  public Requests as(dev.blog.core.security.Caller caller) {
    return as(caller.userId(), caller.role(), java.time.Instant.now().plusSeconds(3600), caller.sessionEpoch());
  }

  /** The caller as the authorizer hands it on, with a token that expires at {@code expiresAt}. */
  public Requests as(String userId, Role role, java.time.Instant expiresAt) {
    return as(userId, role, expiresAt, 0);
  }

  /** The caller as the authorizer hands it on: strings, as the authorizer's simple response carries them. */
  public Requests as(String userId, Role role, java.time.Instant expiresAt, long sessionEpoch) {
    var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
    authorizer.setLambda(Map.of("userId", userId, "role", role.wire(), "exp", Long.toString(expiresAt.getEpochSecond()),
        "sessionEpoch", Long.toString(sessionEpoch), "sessionChecked", "true"));
    event.getRequestContext().setAuthorizer(authorizer);
    return this;
  }

  /** As the authorizer hands a caller on when it could not read their session (the store failed it then). */
  public Requests sessionUnchecked() {
    var authorizer = event.getRequestContext().getAuthorizer();
    Map<String, Object> context = new HashMap<>(authorizer.getLambda());
    context.put("sessionChecked", "false");
    authorizer.setLambda(context);
    return this;
  }

  public Requests anonymous() {
    event.getRequestContext().setAuthorizer(null);
    return this;
  }

  public Requests path(String name, String value) {
    Map<String, String> params = event.getPathParameters() == null ? new HashMap<>() : new HashMap<>(event.getPathParameters());
    params.put(name, value);
    event.setPathParameters(params);
    return this;
  }

  public Requests query(String name, String value) {
    Map<String, String> params = event.getQueryStringParameters() == null ? new HashMap<>()
        : new HashMap<>(event.getQueryStringParameters());
    if (value == null) {
      params.remove(name);
    } else {
      params.put(name, value);
    }
    event.setQueryStringParameters(params);
    return this;
  }

  public Requests header(String name, String value) {
    if (value == null) {
      event.getHeaders().remove(name.toLowerCase());
    } else {
      event.getHeaders().put(name.toLowerCase(), value);
    }
    return this;
  }

  public Requests json(String body) {
    event.setBody(body);
    event.setIsBase64Encoded(false);
    return header("content-type", "application/json");
  }

  public APIGatewayV2HTTPEvent build() {
    return event;
  }
}
