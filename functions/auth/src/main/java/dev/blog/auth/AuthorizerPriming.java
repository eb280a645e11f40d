package dev.blog.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.blog.core.config.Settings;
import dev.blog.core.json.Json;
import dev.blog.core.security.Role;
import dev.blog.core.snapstart.PrimingContext;
import dev.blog.core.snapstart.PrimingData;
import dev.blog.core.user.AccountService;
import dev.blog.core.user.User;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * SnapStart priming of the authorizer. A token is signed with a throwaway key made for the purpose (for the
 * made-up caller, in its first session epoch). A handler built like the real one but verifying with that key
 * gets it first: the whole ES256 verification (parse, key selection, the signature, the claims), then the
 * session check's strongly consistent GetItem through the real AccountService, store and SDK (answered at the
 * socket by a loopback server, never sent: the made-up user is in that epoch), the allowed answer with its
 * context, and the log line (to nowhere). Then the real handler gets the same token, which its real keys
 * reject (no key of theirs has the throwaway key's id), so its own verifier's path and its denial run too. The
 * throwaway key lives only during priming: nothing of it is kept.
 */
final class AuthorizerPriming {
  private AuthorizerPriming() {}

  static String prime(AuthorizerHandler handler, AccountService accounts, Json json, Settings settings) {
    ECKey throwaway;
    try {
      throwaway = new ECKeyGenerator(Curve.P_256).keyID("priming-throwaway").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("No P-256 key generator", e);
    }
    Instant now = Instant.now();
    User caller = new User(PrimingData.CALLER_ID, PrimingData.EMAIL, "Priming", null, Role.ADMIN, now, now, 1);
    String token = new TokenIssuer(throwaway::toJSONString, settings.jwtIssuer(), settings.jwtAudience(), Clock.systemUTC())
        .issue(caller);
    TokenVerifier throwawayVerifier = new TokenVerifier(new JWKSet(throwaway.toPublicJWK()).toString(),
        settings.jwtIssuer(), settings.jwtAudience());

    APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
    event.setVersion("2.0");
    event.setType("REQUEST");
    event.setRouteKey("GET /me");
    event.setIdentitySource(List.of("Bearer " + token));
    event.setHeaders(Map.of("authorization", "Bearer " + token));
    boolean allowed = new AuthorizerHandler(throwawayVerifier, accounts, json).handleRequest(event, PrimingContext.INSTANCE)
        .getIsAuthorized();
    boolean allowedByTheRealKeys = handler.handleRequest(event, PrimingContext.INSTANCE).getIsAuthorized();
    return (allowed ? "allowed" : "denied") + " with the throwaway key, "
        + (allowedByTheRealKeys ? "allowed" : "denied") + " by the real keys";
  }
}
