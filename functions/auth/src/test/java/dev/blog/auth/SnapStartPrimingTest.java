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
 * verification and the failure it records; the authorizer through a full ES256 verification) and sends,
 * writes and changes nothing: no item, no secret, no token signed with the real key.
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
    AuthorizerHandler authorizer = new AuthorizerHandler(graph.tokenVerifier(), graph.json());
    priming.register("AuthorizerHandler", () -> AuthorizerPriming.prime(authorizer, graph.settings()));
    PrimingReport report = priming.runAll();

    assertThat(report.of("RegisterHandler")).isEqualTo(reached("HTTP 201", "DynamoDB.TransactWriteItems"));
    // attempts, reservation, user; the wrong password's failure counted: a 401, no token, no signing key fetched
    assertThat(report.of("LoginHandler")).isEqualTo(reached("HTTP 401", "DynamoDB.GetItem", "DynamoDB.GetItem",
        "DynamoDB.GetItem", "DynamoDB.UpdateItem"));
    assertThat(report.of("JwksHandler")).isEqualTo(reached("HTTP 200"));
    assertThat(report.of("AuthorizerHandler")).isEqualTo(reached("verified, denied"));
    assertThat(graph.wire().sent()).isEmpty();
    assertThat(everything()).containsExactlyInAnyOrderElementsOf(before);
  }

  private static PrimingReport.Outcome reached(String status, String... calls) {
    return new PrimingReport.Outcome(status, List.of(calls), List.of());
  }
}
