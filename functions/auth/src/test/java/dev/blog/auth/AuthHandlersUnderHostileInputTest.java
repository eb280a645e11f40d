package dev.blog.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.blog.core.testing.HostileInput;
import dev.blog.core.testing.HostileInput.Payload;
import dev.blog.core.testing.HostileRequests;
import dev.blog.core.testing.LocalModule;
import dev.blog.core.testing.Requests;
import dev.blog.core.testing.TestStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The public auth handlers, fed generated hostile input (bodies, content types, encodings, query values):
 * a 2xx or a problem+json 4xx, never a 5xx, and a 4xx changes nothing in the table, except that a failed
 * login (401, 429) counts against its address: only that address's attempt item may change.
 */
class AuthHandlersUnderHostileInputTest {
  private final TestStore.Table table = TestStore.freshTable();
  private final TestAuthComponent graph = DaggerTestAuthComponent.builder().localModule(table.module(
      Map.of("SIGNING_KEY_SECRET_ARN", "signing-key",
          "JWT_PUBLIC_JWKS", new JWKSet(TokenVerifierTest.KEY.toPublicJWK()).toString(),
          "JWT_ISSUER", TokenVerifierTest.ISSUER, "JWT_AUDIENCE", TokenVerifierTest.AUDIENCE),
      Map.of("signing-key", TokenVerifierTest.KEY.toJSONString()))).build();
  private final HostileRequests requests = new HostileRequests(getClass(), LocalModule.client(table.endpoint()),
      table.name(), table.outboxName());

  private final dev.blog.core.user.User ada =
      graph.users().register("ada@example.com", "correct-password", "Ada Lovelace", null);

  @AfterContainer
  static void report() {
    System.out.println(HostileRequests.report(AuthHandlersUnderHostileInputTest.class));
  }

  private static Requests sample(String file) {
    return HostileRequests.sample(file, Optional.empty());
  }

  private static Arbitrary<JsonNode> emails() {
    return Arbitraries.frequencyOf(
        Tuple.of(16, Arbitraries.integers().between(1, 1_000_000).map(i -> "u" + i + "@example.com")),
        Tuple.of(2, Arbitraries.of("ada@example.com", " ADA@Example.com ")),
        Tuple.of(1, Arbitraries.of("a@b", "x".repeat(2_031) + "@example.com", "\u212A@example.com", ""))).map(TextNode::valueOf);
  }

  @Provide
  Arbitrary<Payload> registrations() {
    Map<String, Arbitrary<JsonNode>> fields = new LinkedHashMap<>();
    fields.put("email", emails());
    fields.put("password", Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("correct horse", "12345678", "p".repeat(128), "pässwörd-😀")),
        Tuple.of(1, Arbitraries.of("1234567", "p".repeat(129), ""))).map(TextNode::valueOf));
    fields.put("name", Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("Grace Hopper", "  Al  ", "x".repeat(100), "Zoë 李 😀", "Ada \uD800")),
        Tuple.of(1, Arbitraries.of("A", "x".repeat(101), "   "))).map(TextNode::valueOf));
    fields.put("age", Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.integers().between(10, 160).map(IntNode::valueOf)),
        Tuple.of(1, Arbitraries.just(NullNode.getInstance()))));
    return HostileInput.payloads(fields);
  }

  @Provide
  Arbitrary<Payload> logins() {
    Map<String, Arbitrary<JsonNode>> fields = new LinkedHashMap<>();
    fields.put("email", emails());
    fields.put("password", Arbitraries.of("correct-password", "wrong-password", "", "p".repeat(10_000))
        .map(TextNode::valueOf));
    return HostileInput.payloads(fields);
  }

  private static Arbitrary<JsonNode> codes() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.strings().withChars("ABCabc019-_").ofLength(43)),
        Tuple.of(1, Arbitraries.of("", "x", "c".repeat(10_000), "../../etc/passwd", "\u0000"))).map(TextNode::valueOf);
  }

  private static Arbitrary<JsonNode> passwords() {
    return Arbitraries.of("correct-password", "a new password", "", "short", "p".repeat(129), "p".repeat(10_000))
        .map(TextNode::valueOf);
  }

  @Provide
  Arbitrary<Payload> verifications() {
    Map<String, Arbitrary<JsonNode>> fields = new LinkedHashMap<>();
    fields.put("email", emails());
    fields.put("code", codes());
    return HostileInput.payloads(fields);
  }

  @Provide
  Arbitrary<Payload> resetRequests() {
    Map<String, Arbitrary<JsonNode>> fields = new LinkedHashMap<>();
    fields.put("email", emails());
    return HostileInput.payloads(fields);
  }

  @Provide
  Arbitrary<Payload> resetConfirmations() {
    Map<String, Arbitrary<JsonNode>> fields = new LinkedHashMap<>();
    fields.put("email", emails());
    fields.put("code", codes());
    fields.put("newPassword", passwords());
    return HostileInput.payloads(fields);
  }

  @Provide
  Arbitrary<Payload> passwordChanges() {
    Map<String, Arbitrary<JsonNode>> fields = new LinkedHashMap<>();
    fields.put("currentPassword", passwords());
    fields.put("newPassword", passwords());
    return HostileInput.payloads(fields);
  }

  @Provide
  Arbitrary<String> anyQuery() {
    return HostileInput.query(HostileInput.text());
  }

  @Property(tries = 200)
  void registerAnswersEveryBodyWithA2xxOrAProblemAndA4xxChangesNothing(@ForAll("registrations") Payload body) {
    requests.send(new RegisterHandler(graph.users(), graph.json()), body.applyTo(sample("register.json")));
  }

  @Property(tries = 150)
  void loginAnswersEveryBodyWithA2xxOrAProblemAndAFailureChangesOnlyItsAttemptCount(@ForAll("logins") Payload body) {
    requests.send(new LoginHandler(graph.login(), graph.json()), body.applyTo(sample("login.json")),
        item -> item.get("pk").s().startsWith("LOGIN#"));
  }

  @Property(tries = 100)
  void verifyEmailAnswersEveryBodyWithA2xxOrAProblemAndA4xxChangesNothing(@ForAll("verifications") Payload body) {
    requests.send(new VerifyEmailHandler(graph.accounts(), graph.json()), body.applyTo(sample("verify-email.json")));
  }

  @Property(tries = 100)
  void aResetRequestAnswersEveryBodyWithA2xxOrAProblemAndA4xxChangesNothing(@ForAll("resetRequests") Payload body) {
    requests.send(new PasswordResetHandler(graph.accounts(), graph.json()), body.applyTo(sample("password-reset.json")));
  }

  @Property(tries = 60)
  void aResetConfirmationAnswersEveryBodyWithA2xxOrAProblemAndA4xxChangesNothing(
      @ForAll("resetConfirmations") Payload body) {
    requests.send(new PasswordResetConfirmHandler(graph.accounts(), graph.json()),
        body.applyTo(sample("password-reset-confirm.json")));
  }

  @Property(tries = 60)
  void aPasswordChangeAnswersEveryBodyWithA2xxOrAProblemAndAFailureChangesOnlyItsAttemptCount(
      @ForAll("passwordChanges") Payload body) {
    dev.blog.core.security.Caller caller = new dev.blog.core.security.Caller(ada.id(), ada.role(),
        graph.repository().find(ada.id()).orElseThrow().sessionEpoch(), null);
    requests.send(new ChangePasswordHandler(graph.accounts(), graph.json()),
        body.applyTo(HostileRequests.sample("change-password.json", Optional.empty()).as(caller)),
        item -> item.get("pk").s().startsWith("LOGIN#"));
  }

  @Property(tries = 30)
  void logoutAnswersWhateverComesWithTheRequest(@ForAll("passwordChanges") Payload body) {
    requests.send(new LogoutHandler(graph.accounts(), graph.json()),
        body.applyTo(HostileRequests.sample("logout.json", Optional.empty()).as(ada.id(), ada.role())));
  }

  @Property(tries = 50)
  void jwksAnswersWhateverComesWithTheRequest(@ForAll("anyQuery") String query, @ForAll("registrations") Payload body) {
    requests.send(new JwksHandler(graph.settings(), graph.json()),
        body.applyTo(sample("jwks.json").query("q", query)));
  }
}
