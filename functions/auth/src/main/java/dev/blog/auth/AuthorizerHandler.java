package dev.blog.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.blog.core.error.DomainException.Unavailable;
import dev.blog.core.json.Json;
import dev.blog.core.logging.LogLine;
import dev.blog.core.security.AuthorizerContext;
import dev.blog.core.security.Role;
import dev.blog.core.user.AccountService;
import dev.blog.core.user.StoredSession;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's Lambda authorizer (payload 2.0, simple responses). It verifies the bearer token with the public
 * key, then checks the session against the store (one strongly consistent GetItem of the user's role and session
 * epoch, nothing else: its IAM policy allows no other attribute): a deleted user, or a token from before a logout,
 * a password change or reset, is denied. It hands {@code userId}, the stored {@code role}, the token's {@code exp}
 * and {@code sessionEpoch} to the handlers, which decide per route. API Gateway caches the answer per Authorization
 * header for ReauthorizeEvery (30 s, template.yaml): that is how long an ended session may still pass here, and the
 * functions refuse a cached caller whose {@code exp} has passed (docs/sessions-and-security.md, "Sessions").
 *
 * <p>A store fault never becomes the gateway's bare 500 (which a client cannot tell from a bug, and which comes
 * for every token the gateway has not cached, so for every request once the cache has turned over). When the
 * store cannot answer within this function's budget (its Timeout of 5 s gives the read 2 s), a verified token is
 * let through marked {@code sessionChecked: false}, never as checked: the function then reads the session itself
 * before anything else and answers 401 (ended), 503 with Retry-After (store still down) or runs with the stored
 * role (ApiHandler). A denied or forged token is denied as before.
 */
public final class AuthorizerHandler implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {
  private static final String BEARER = "bearer ";

  private final TokenVerifier verifier;
  private final AccountService accounts;
  private final Json json;

  public AuthorizerHandler() {
    this(AuthComponent.create());
  }

  private AuthorizerHandler(AuthComponent c) {
    this(c.tokenVerifier(), c.accounts(), c.json());
    c.priming().register("AuthorizerHandler", () -> AuthorizerPriming.prime(this, c.accounts(), c.json(), c.settings()));
  }

  AuthorizerHandler(TokenVerifier verifier, AccountService accounts, Json json) {
    this.verifier = verifier;
    this.accounts = accounts;
    this.json = json;
  }

  @Override
  public SimpleIAMPolicyResponse handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
    Optional<AccessToken> token = bearerToken(event).flatMap(verifier::verify);
    // Only a token that verifies costs a read.
    Optional<StoredSession> session;
    try {
      session = token.flatMap(t -> accounts.liveSession(t.userId(), t.sessionEpoch()));
    } catch (Unavailable storeDown) {
      AccessToken t = token.orElseThrow();
      LogLine.of("authorization").with("allowed", true).with("sessionChecked", false)
          .with("reason", "store unavailable: the function checks the session").with("userId", t.userId())
          .log(context, json, LogLevel.WARN);
      return allow(t, t.role(), AuthorizerContext.UNCHECKED);
    }
    // The decision is logged, the token never is.
    LogLine.of("authorization").with("allowed", session.isPresent())
        .with("reason", token.isEmpty() ? "invalid token" : session.isEmpty() ? "session ended" : null)
        .with("userId", token.map(AccessToken::userId).orElse(null))
        .log(context, json, LogLevel.INFO);
    if (session.isEmpty()) {
      return new SimpleIAMPolicyResponse(false, Map.of());
    }
    return allow(token.get(), session.get().role(), AuthorizerContext.CHECKED);
  }

  private static SimpleIAMPolicyResponse allow(AccessToken t, Role role, String sessionChecked) {
    return new SimpleIAMPolicyResponse(true, Map.of(AuthorizerContext.USER_ID, t.userId(),
        AuthorizerContext.ROLE, role.wire(),
        AuthorizerContext.EXPIRES_AT, Long.toString(t.expiresAt().getEpochSecond()),
        AuthorizerContext.SESSION_EPOCH, Long.toString(t.sessionEpoch()),
        AuthorizerContext.SESSION_CHECKED, sessionChecked));
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
