package dev.blog.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.nimbusds.jose.jwk.JWKSet;
import dev.blog.core.security.Role;
import dev.blog.core.testing.TestContext;
import dev.blog.core.user.User;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

class AuthorizerHandlerTest {
  private final AuthorizerHandler handler = new AuthorizerHandler(new TokenVerifier(
      new JWKSet(TokenVerifierTest.KEY.toPublicJWK()).toString(), TokenVerifierTest.ISSUER, TokenVerifierTest.AUDIENCE), new dev.blog.core.json.Json());
  private final String token = new TokenIssuer(TokenVerifierTest.KEY::toJSONString, TokenVerifierTest.ISSUER,
      TokenVerifierTest.AUDIENCE, Clock.systemUTC()).issue(new User("0190f3a0-0000-7000-8000-000000000001",
      "root@example.com", "Root", null, Role.ADMIN, Instant.now(), Instant.now(), 1));

  @ParameterizedTest
  @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
  void theSampleEventsInvalidTokenIsDenied(APIGatewayV2CustomAuthorizerEvent event) {
    SimpleIAMPolicyResponse response = handler.handleRequest(event, new TestContext());
    assertThat(response.getIsAuthorized()).isFalse();
    assertThat(response.getContext()).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
  void aValidBearerTokenIsAllowedWithUserIdRoleAndExpiry(APIGatewayV2CustomAuthorizerEvent event) throws Exception {
    event.setIdentitySource(List.of("Bearer " + token));
    SimpleIAMPolicyResponse response = handler.handleRequest(event, new TestContext());
    assertThat(response.getIsAuthorized()).isTrue();
    long exp = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant().getEpochSecond();
    assertThat(response.getContext()).isEqualTo(Map.of("userId", "0190f3a0-0000-7000-8000-000000000001", "role", "admin",
        "exp", Long.toString(exp)));
  }

  @ParameterizedTest
  @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
  void theSchemeIsCaseInsensitiveButRequired(APIGatewayV2CustomAuthorizerEvent event) {
    event.setIdentitySource(List.of("bearer " + token));
    assertThat(handler.handleRequest(event, new TestContext()).getIsAuthorized()).isTrue();
    event.setIdentitySource(List.of(token));
    assertThat(handler.handleRequest(event, new TestContext()).getIsAuthorized()).isFalse();
    event.setIdentitySource(List.of("Basic " + token));
    assertThat(handler.handleRequest(event, new TestContext()).getIsAuthorized()).isFalse();
  }

  @ParameterizedTest
  @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
  void theTokenNeverReachesTheLog(APIGatewayV2CustomAuthorizerEvent event) {
    event.setIdentitySource(List.of("Bearer " + token));
    TestContext context = new TestContext();
    handler.handleRequest(event, context);
    assertThat(context.logs().all()).doesNotContain(token).doesNotContain(token.split("\\.")[2]);
  }
}
