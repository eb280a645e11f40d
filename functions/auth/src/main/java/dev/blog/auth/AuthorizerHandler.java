package dev.blog.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.blog.core.security.AuthorizerContext;
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
    c.priming().register("AuthorizerHandler", this::prime);
  }

  AuthorizerHandler(TokenVerifier verifier, Json json) {
    this.verifier = verifier;
    this.json = json;
  }

  /** SnapStart: parse and reject a well-formed token that no key signed (no I/O, nothing kept). */
  void prime() {
    verifier.verify(PRIMING_TOKEN);
  }

  /** {"alg":"ES256","typ":"JWT","kid":"priming"}.{"sub":"priming"}.<64 zero bytes>: parses, never verifies. */
  private static final String PRIMING_TOKEN = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InByaW1pbmcifQ"
      + ".eyJzdWIiOiJwcmltaW5nIn0."
      + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

  @Override
  public SimpleIAMPolicyResponse handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
    Optional<AccessToken> token = bearerToken(event).flatMap(verifier::verify);
    // The decision is logged, the token never is.
    LogLine.of("authorization").with("allowed", token.isPresent()).with("userId", token.map(AccessToken::userId).orElse(null))
        .log(context.getLogger(), json, LogLevel.INFO);
    return token
        .map(t -> new SimpleIAMPolicyResponse(true, Map.of(AuthorizerContext.USER_ID, t.userId(),
            AuthorizerContext.ROLE, t.role().wire(), AuthorizerContext.EXPIRES_AT, Long.toString(t.expiresAt().getEpochSecond()))))
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
