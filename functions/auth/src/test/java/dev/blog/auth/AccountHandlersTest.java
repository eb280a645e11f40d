package dev.blog.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.audit.AuditEntry;
import dev.blog.core.audit.internal.DynamoAuditRepository;
import dev.blog.core.error.DomainException.Unauthenticated;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.store.TableLayout;
import dev.blog.core.testing.HandlerCalls;
import dev.blog.core.testing.Requests;
import dev.blog.core.user.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Logout, password change, email verification and the password reset, through their handlers on moto server. */
class AccountHandlersTest {
  private static final Pattern CODE = Pattern.compile("(?m)^code: ([A-Za-z0-9_-]+)$");
  private final TestAuthComponent graph = TestAuthComponent.create();
  private final User ada = graph.users().register("ada@example.com", "ada-password", "Ada Lovelace", null);

  private Caller adaInEpoch(long epoch) {
    return new Caller(ada.id(), Role.USER, epoch, null);
  }

  private APIGatewayV2HTTPResponse call(dev.blog.core.http.ApiHandler handler, Requests request) {
    return HandlerCalls.call(handler, request.build());
  }

  private long epoch() {
    return graph.repository().find(ada.id()).orElseThrow().sessionEpoch();
  }

  /** The emails queued in the outbox table for {@code address}, oldest first (ids are time-ordered). */
  private List<Map<String, AttributeValue>> outboxTo(String address) {
    return graph.dynamo().scan(s -> s.tableName(graph.settings().outboxTableName())).items().stream()
        .filter(i -> TableLayout.OUTBOX_SK.equals(i.get("sk").s()) && address.equals(i.get("to").s())).toList();
  }

  private String codeIn(Map<String, AttributeValue> email) {
    Matcher code = CODE.matcher(email.get("text").s());
    assertThat(code.find()).as(email.get("text").s()).isTrue();
    return code.group(1);
  }

  private List<String> auditOf(String id) {
    return new DynamoAuditRepository(graph.store()).list(Optional.of(id), 50, Optional.empty()).items().stream()
        .map(AuditEntry::action).toList();
  }

  @ParameterizedTest
  @Event(value = "events/logout.json", type = APIGatewayV2HTTPEvent.class)
  void aLogoutEndsEverySessionAndIsAuditedAndAnEndedSessionCannotLogOutTheNextOne(APIGatewayV2HTTPEvent sample) {
    LogoutHandler handler = new LogoutHandler(graph.accounts(), graph.json());
    var first = call(handler, Requests.from(sample).as(adaInEpoch(0)));
    assertThat(first.getStatusCode()).isEqualTo(204);
    assertThat(first.getHeaders()).containsEntry("Cache-Control", "no-store");
    assertThat(epoch()).isEqualTo(1);
    assertThat(graph.accounts().liveSession(ada.id(), 0)).isEmpty();
    HandlerCalls.problem(call(handler, Requests.from(sample).as(adaInEpoch(0))), 401);
    assertThat(epoch()).isEqualTo(1); // the old token did not end the new session
    assertThat(auditOf(ada.id())).containsOnlyOnce("user.logged_out");
  }

  @ParameterizedTest
  @Event(value = "events/change-password.json", type = APIGatewayV2HTTPEvent.class)
  void aPasswordChangeNeedsTheCurrentPasswordAndEndsEverySession(APIGatewayV2HTTPEvent sample) {
    ChangePasswordHandler handler = new ChangePasswordHandler(graph.accounts(), graph.json());
    JsonNode wrong = HandlerCalls.problem(call(handler, Requests.from(sample).as(adaInEpoch(0))
        .json("{\"currentPassword\":\"not-it\",\"newPassword\":\"a new password\"}")), 400);
    assertThat(wrong.at("/errors/0/field").asText()).isEqualTo("currentPassword");
    JsonNode weak = HandlerCalls.problem(call(handler, Requests.from(sample).as(adaInEpoch(0))
        .json("{\"currentPassword\":\"ada-password\",\"newPassword\":\"short\"}")), 400);
    assertThat(weak.at("/errors/0/field").asText()).isEqualTo("newPassword");
    HandlerCalls.problem(call(handler, Requests.from(sample).as(adaInEpoch(0))
        .json("{\"currentPassword\":null,\"newPassword\":\"a new password\"}")), 400);
    assertThat(epoch()).isZero();

    assertThat(call(handler, Requests.from(sample).as(adaInEpoch(0))
        .json("{\"currentPassword\":\"ada-password\",\"newPassword\":\"a new password\"}")).getStatusCode()).isEqualTo(204);
    assertThat(epoch()).isEqualTo(1);
    assertThat(graph.login().login("ada@example.com", "a new password", "192.0.2.1").token()).isNotBlank();
    assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(Unauthenticated.class,
        () -> graph.login().login("ada@example.com", "ada-password", "192.0.2.1"))).isNotNull();
    HandlerCalls.problem(call(handler, Requests.from(sample).as(adaInEpoch(0))
        .json("{\"currentPassword\":\"a new password\",\"newPassword\":\"another one\"}")), 401);
    assertThat(auditOf(ada.id())).containsOnlyOnce("user.password_changed");
  }

  @ParameterizedTest
  @Event(value = "events/verify-email.json", type = APIGatewayV2HTTPEvent.class)
  void theWelcomeEmailsCodeVerifiesTheAddressOnceAndEveryBadCodeIsTheSame400(APIGatewayV2HTTPEvent sample) {
    VerifyEmailHandler handler = new VerifyEmailHandler(graph.accounts(), graph.json());
    String code = codeIn(outboxTo("ada@example.com").get(0));
    String body = "{\"email\":\"%s\",\"code\":\"%s\"}";
    JsonNode wrong = HandlerCalls.problem(call(handler, Requests.from(sample).json(body.formatted("ada@example.com",
        dev.blog.core.testing.Codes.wrong(code)))), 400);
    JsonNode unknown = HandlerCalls.problem(call(handler, Requests.from(sample).json(body.formatted("bob@example.com",
        code))), 400);
    assertThat(graph.repository().find(ada.id()).orElseThrow().emailVerified()).isFalse();

    assertThat(call(handler, Requests.from(sample).json(body.formatted(" ADA@example.com", code))).getStatusCode())
        .isEqualTo(204);
    assertThat(graph.repository().find(ada.id()).orElseThrow().emailVerified()).isTrue();
    JsonNode used = HandlerCalls.problem(call(handler, Requests.from(sample).json(body.formatted("ada@example.com",
        code))), 400);
    for (JsonNode bad : List.of(wrong, unknown, used)) {
      assertThat(bad.at("/errors/0/field").asText()).isEqualTo("code");
      assertThat(bad.get("detail")).isEqualTo(used.get("detail"));
    }
    assertThat(auditOf(ada.id())).containsOnlyOnce("user.email_verified");
  }

  @ParameterizedTest
  @Event(value = "events/password-reset.json", type = APIGatewayV2HTTPEvent.class)
  void aResetRequestIs202ForAnyAddressMailsOnlyAKnownOneAndAtMostThreeAnHour(APIGatewayV2HTTPEvent sample) {
    PasswordResetHandler handler = new PasswordResetHandler(graph.accounts(), graph.json());
    var unknown = call(handler, Requests.from(sample).json("{\"email\":\"nobody@example.com\"}"));
    assertThat(unknown.getStatusCode()).isEqualTo(202);
    assertThat(unknown.getBody()).isNull();
    assertThat(outboxTo("nobody@example.com")).isEmpty();
    for (int i = 0; i < 5; i++) {
      assertThat(call(handler, Requests.from(sample).json("{\"email\":\"Ada@Example.com\"}")).getStatusCode())
          .isEqualTo(202);
    }
    assertThat(outboxTo("ada@example.com")).filteredOn(e -> e.get("subject").s().contains("Reset")).hasSize(3);
    HandlerCalls.problem(call(handler, Requests.from(sample).json("{\"email\":\"" + "a".repeat(300) + "@x.io\"}")), 400);
  }

  @ParameterizedTest
  @Event(value = "events/password-reset-confirm.json", type = APIGatewayV2HTTPEvent.class)
  void aResetCodeSetsANewPasswordOnceEndsEverySessionVerifiesTheAddressAndClearsTheLockout(APIGatewayV2HTTPEvent sample) {
    String attackerAddress = "203.0.113.10"; // the sample event's sourceIp
    for (int i = 0; i < 5; i++) {
      String guess = "guess-" + i;
      assertThat(org.assertj.core.api.Assertions.catchThrowable(
          () -> graph.login().login("ada@example.com", guess, attackerAddress))).isInstanceOf(Unauthenticated.class);
    }
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> graph.login().login("ada@example.com", "ada-password",
        attackerAddress))).isInstanceOf(dev.blog.core.error.DomainException.Locked.class);
    graph.accounts().requestPasswordReset("ada@example.com");
    String code = codeIn(outboxTo("ada@example.com").stream().filter(e -> e.get("subject").s().contains("Reset"))
        .findFirst().orElseThrow());
    PasswordResetConfirmHandler handler = new PasswordResetConfirmHandler(graph.accounts(), graph.json());
    String body = "{\"email\":\"ada@example.com\",\"code\":\"%s\",\"newPassword\":\"%s\"}";
    HandlerCalls.problem(call(handler, Requests.from(sample).json(body.formatted(dev.blog.core.testing.Codes.wrong(code), "new password"))), 400);
    assertThat(call(handler, Requests.from(sample).json(body.formatted(code, "new password"))).getStatusCode())
        .isEqualTo(204);
    HandlerCalls.problem(call(handler, Requests.from(sample).json(body.formatted(code, "newer password"))), 400);

    User after = graph.repository().find(ada.id()).orElseThrow();
    assertThat(after.sessionEpoch()).isEqualTo(1);
    assertThat(after.emailVerified()).isTrue();
    assertThat(graph.login().login("ada@example.com", "new password", attackerAddress).user().id()).isEqualTo(ada.id());
    assertThat(auditOf(ada.id())).contains("user.password_reset_requested", "user.password_reset");
  }
}
