package dev.blog.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.core.snapstart.Priming;
import dev.blog.core.snapstart.PrimingReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SnapStart priming of the auth functions runs each one's path to the end (a login to its Argon2
 * verification and the failure it records; the account routes to their success, Argon2 included where they
 * hash; the authorizer through a full ES256 verification and its session read) and sends, writes and changes
 * nothing: no item, no secret, no token signed with the real key.
 */
class SnapStartPrimingTest {
  private final TestAuthComponent graph = TestAuthComponent.create();

  private List<Map<String, AttributeValue>> everything() {
    return graph.dynamo().scan(s -> s.tableName(graph.settings().tableName()).consistentRead(true)).items();
  }

  @Test
  void primingTheAuthFunctionsRunsTheirPathsAndSendsNothing() {
    graph.users().register("ada@example.com", "correct-password", "Ada Lovelace", null);
    List<Map<String, AttributeValue>> before = everything();
    graph.wire().reset();

    // What each handler's Lambda constructor registers.
    Priming priming = new Priming();
    new RegisterHandler(graph.users(), graph.json()).registerPriming(priming);
    new LoginHandler(graph.login(), graph.json()).registerPriming(priming);
    new JwksHandler(graph.settings(), graph.json()).registerPriming(priming);
    new LogoutHandler(graph.accounts(), graph.json()).registerPriming(priming);
    new ChangePasswordHandler(graph.accounts(), graph.json()).registerPriming(priming);
    new VerifyEmailHandler(graph.accounts(), graph.json()).registerPriming(priming);
    new PasswordResetHandler(graph.accounts(), graph.json()).registerPriming(priming);
    new PasswordResetConfirmHandler(graph.accounts(), graph.json()).registerPriming(priming);
    AuthorizerHandler authorizer = new AuthorizerHandler(graph.tokenVerifier(), graph.accounts(), graph.json());
    priming.register("AuthorizerHandler",
        () -> AuthorizerPriming.prime(authorizer, graph.accounts(), graph.json(), graph.settings()));
    PrimingReport report = priming.runAll();

    assertThat(report.of("RegisterHandler")).isEqualTo(reached("HTTP 201", "DynamoDB.TransactWriteItems"));
    // the account and its attempts, the attempt's bookkeeping; the wrong password is a 401: no token, no key fetched
    assertThat(report.of("LoginHandler")).isEqualTo(reached("HTTP 401", "DynamoDB.GetItem", "DynamoDB.GetItem",
        "DynamoDB.UpdateItem", "DynamoDB.UpdateItem"));
    assertThat(report.of("LogoutHandler")).isEqualTo(reached("HTTP 204", "DynamoDB.TransactWriteItems"));
    // the right current password verified (Argon2), the lockout's bookkeeping, the new hash written, sessions ended
    assertThat(report.of("ChangePasswordHandler")).isEqualTo(reached("HTTP 204", "DynamoDB.GetItem",
        "DynamoDB.UpdateItem", "DynamoDB.UpdateItem", "DynamoDB.DeleteItem", "DynamoDB.UpdateItem",
        "DynamoDB.TransactWriteItems"));
    assertThat(report.of("VerifyEmailHandler")).isEqualTo(reached("HTTP 204", "DynamoDB.GetItem",
        "DynamoDB.TransactWriteItems"));
    assertThat(report.of("PasswordResetHandler")).isEqualTo(reached("HTTP 202", "DynamoDB.GetItem",
        "DynamoDB.TransactWriteItems"));
    // the new password hashed (Argon2), the code redeemed with the reset, the lockouts of address and source cleared
    assertThat(report.of("PasswordResetConfirmHandler")).isEqualTo(reached("HTTP 204", "DynamoDB.GetItem",
        "DynamoDB.TransactWriteItems", "DynamoDB.DeleteItem", "DynamoDB.DeleteItem"));
    assertThat(report.of("JwksHandler")).isEqualTo(reached("HTTP 200"));
    // the throwaway key's token: verified, the session read, allowed; the real keys deny it (no read)
    assertThat(report.of("AuthorizerHandler")).isEqualTo(reached("allowed with the throwaway key, denied by the real keys",
        "DynamoDB.GetItem"));
    assertThat(graph.wire().sent()).isEmpty();
    assertThat(everything()).containsExactlyInAnyOrderElementsOf(before);
  }

  private static PrimingReport.Outcome reached(String status, String... calls) {
    return new PrimingReport.Outcome(status, List.of(calls), List.of());
  }
}
