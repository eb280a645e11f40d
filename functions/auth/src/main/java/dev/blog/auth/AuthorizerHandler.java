package dev.blog.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.blog.core.security.Caller;
import dev.blog.core.json.Json;
import dev.blog.core.logging.LogLine;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's Lambda authorizer (payload 2.0, simple responses). It verifies the bearer token with
 * the public key alone (no AWS call per request) and hands {@code userId} and {@code role} to the
 * handlers, which decide per route. API Gateway caches the answer per Authorization header.
 */
public final class AuthorizerHandler implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {
  private static final String BEARER = "bearer ";

  private final TokenVerifier verifier;
  private final Json json;

  public AuthorizerHandler() {
    this(AuthComponent.create());
  }

  private AuthorizerHandler(AuthComponent c) {
    this(c.tokenVerifier(), c.json());
    c.priming().register("AuthorizerHandler", () -> AuthorizerPriming.prime(this, c.settings()));
  }

  AuthorizerHandler(TokenVerifier verifier, Json json) {
    this.verifier = verifier;
    this.json = json;
  }

  @Override
  public SimpleIAMPolicyResponse handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
    Optional<Caller> caller = bearerToken(event).flatMap(verifier::verify);
    // The decision is logged, the token never is.
    LogLine.of("authorization").with("allowed", caller.isPresent()).with("userId", caller.map(Caller::userId).orElse(null))
        .log(context.getLogger(), json, LogLevel.INFO);
    return caller
        .map(c -> new SimpleIAMPolicyResponse(true, Map.of("userId", c.userId(), "role", c.role().wire())))
        .orElseGet(() -> new SimpleIAMPolicyResponse(false, Map.of()));
  }

  private static Optional<String> bearerToken(APIGatewayV2CustomAuthorizerEvent event) {
    String header = null;
    List<String> identity = event == null ? null : event.getIdentitySource();
    if (identity != null && !identity.isEmpty()) {
      header = identity.get(0);
    } else if (event != null && event.getHeaders() != null) {
      header = event.getHeaders().get("authorization");
    }
    if (header == null || header.length() <= BEARER.length()
        || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(BEARER.length()).trim());
  }
}
