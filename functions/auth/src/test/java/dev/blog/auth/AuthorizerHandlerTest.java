package dev.blog.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.nimbusds.jwt.SignedJWT;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.testing.TestContext;
import dev.blog.core.user.User;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;

/** The authorizer on moto server: the token's signature and claims, then the stored session. */
class AuthorizerHandlerTest {
  private final dev.blog.core.testing.TestStore.Table table = dev.blog.core.testing.TestStore.freshTable();
  private final TestAuthComponent graph = TestAuthComponent.on(table);
  private final AuthorizerHandler handler = new AuthorizerHandler(graph.tokenVerifier(), graph.accounts(), graph.json());
  private final User admin = graph.users().bootstrapAdmin("root@example.com", "root-password", "Root").orElseThrow();
  private final User ada = graph.users().register("ada@example.com", "ada-password", "Ada Lovelace", null);

  private String tokenOf(String email, String password) {
    return graph.login().login(email, password, "203.0.113.10").token();
  }

  private SimpleIAMPolicyResponse authorize(APIGatewayV2CustomAuthorizerEvent event, String header) {
    event.setIdentitySource(List.of(header));
    return handler.handleRequest(event, new TestContext());
  }

  @ParameterizedTest
  @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
  void theSampleEventsInvalidTokenIsDenied(APIGatewayV2CustomAuthorizerEvent event) {
    SimpleIAMPolicyResponse response = handler.handleRequest(event, new TestContext());
    assertThat(response.getIsAuthorized()).isFalse();
    assertThat(response.getContext()).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
  void aValidTokenIsAllowedWithUserIdStoredRoleExpiryAndSessionEpoch(APIGatewayV2CustomAuthorizerEvent event)
      throws Exception {
    String token = tokenOf("root@example.com", "root-password");
    SimpleIAMPolicyResponse response = authorize(event, "Bearer " + token);
    assertThat(response.getIsAuthorized()).isTrue();
    long exp = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant().getEpochSecond();
    assertThat(response.getContext()).isEqualTo(Map.of("userId", admin.id(), "role", "admin",
        "exp", Long.toString(exp), "sessionEpoch", "0", "sessionChecked", "true"));
  }

  @ParameterizedTest
  @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
  void theSchemeIsCaseInsensitiveButRequired(APIGatewayV2CustomAuthorizerEvent event) {
    String token = tokenOf("ada@example.com", "ada-password");
    assertThat(authorize(event, "bearer " + token).getIsAuthorized()).isTrue();
    assertThat(authorize(event, token).getIsAuthorized()).isFalse();
    assertThat(authorize(event, "Basic " + token).getIsAuthorized()).isFalse();
  }

  @ParameterizedTest
  @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
  void theTokenNeverReachesTheLog(APIGatewayV2CustomAuthorizerEvent event) {
    String token = tokenOf("ada@example.com", "ada-password");
    event.setIdentitySource(List.of("Bearer " + token));
    TestContext context = new TestContext();
    handler.handleRequest(event, context);
    assertThat(context.logs().all()).doesNotContain(token).doesNotContain(token.split("\\.")[2]);
  }

  @ParameterizedTest
  @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
  void aThrottledStoreLetsAVerifiedTokenThroughMarkedUncheckedAndAForgedOneNot(APIGatewayV2CustomAuthorizerEvent event)
      throws Exception {
    String token = tokenOf("ada@example.com", "ada-password");
    var faults = new java.util.concurrent.atomic.AtomicReference<>(dev.blog.local.faults.Faults.Wire.NONE);
    try (var wire = dev.blog.local.faults.FaultProxy.start(dev.blog.local.faults.FaultProxy.Service.DYNAMODB,
        table.endpoint(), faults::get, line -> { })) {
      // one attempt per call: the test client has no time budget, and the SDK's default retries of a throttled
      // call back off for tens of seconds (the functions' own clients give the authorizer's read 2 s: TimeBudget)
      TestAuthComponent throughTheWire = TestAuthComponent.onWithoutRetries(table.at(wire.endpoint()));
      AuthorizerHandler behindTheWire = new AuthorizerHandler(throughTheWire.tokenVerifier(), throughTheWire.accounts(),
          throughTheWire.json());
      faults.set(dev.blog.local.faults.Faults.parse("{\"dynamodb\":{\"throttleRate\":1}}").dynamodb());
      event.setIdentitySource(List.of("Bearer " + token));
      SimpleIAMPolicyResponse response = behindTheWire.handleRequest(event, new TestContext());
      assertThat(response.getIsAuthorized()).isTrue();
      assertThat(response.getContext()).containsEntry("sessionChecked", "false").containsEntry("userId", ada.id());
      assertThat(wire.injected()).containsKey("throttle GetItem");

      String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
      event.setIdentitySource(List.of("Bearer " + forged));
      assertThat(behindTheWire.handleRequest(event, new TestContext()).getIsAuthorized()).isFalse();
    }
  }

  @ParameterizedTest
  @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
  void aTokenFromBeforeALogoutIsDeniedAndANewOneAllowed(APIGatewayV2CustomAuthorizerEvent event) {
    String old = tokenOf("ada@example.com", "ada-password");
    graph.accounts().logout(new Caller(ada.id(), Role.USER));
    assertThat(authorize(event, "Bearer " + old).getIsAuthorized()).isFalse();
    String fresh = tokenOf("ada@example.com", "ada-password");
    assertThat(authorize(event, "Bearer " + fresh).getContext()).containsEntry("sessionEpoch", "1");
  }

  @ParameterizedTest
  @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
  void aDeletedUsersTokenIsDeniedAndADemotedAdminsCarriesTheStoredRole(APIGatewayV2CustomAuthorizerEvent event) {
    User moderator = graph.users().create(new Caller(admin.id(), Role.ADMIN), "mod@example.com", "mod-password",
        "Mod Erator", null, Role.MODERATOR);
    String modToken = tokenOf("mod@example.com", "mod-password");
    graph.users().update(new Caller(admin.id(), Role.ADMIN), moderator.id(),
        new dev.blog.core.user.UserPatch(null, null, null, false, Role.USER), OptionalLong.empty());
    assertThat(authorize(event, "Bearer " + modToken).getContext()).containsEntry("role", "user");

    String adaToken = tokenOf("ada@example.com", "ada-password");
    graph.users().delete(new Caller(admin.id(), Role.ADMIN), ada.id(), OptionalLong.empty());
    assertThat(authorize(event, "Bearer " + adaToken).getIsAuthorized()).isFalse();
  }
}
