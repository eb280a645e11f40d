package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Email verification, a change of email and the password reset, as a new user and as an attacker meet them
 * through the local stack, with the codes read from the caught emails (GET /_local/emails).
 */
class AccountFlowsTest {
  private final Api api = LocalStackFixture.api();
  private final Mailbox mailbox = new Mailbox(api);

  private static String address() {
    return "flows-" + UUID.randomUUID() + "@example.com";
  }

  private Api.Answer verify(String email, String code) {
    return api.send("POST", "/auth/verify-email", null, "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}");
  }

  @Test
  void aNewUserVerifiesTheirAddressWithTheCodeInTheWelcomeEmailOnce() throws Exception {
    String email = address();
    assertThat(api.register(email, "password-123", "Grace Hopper").json().get("emailVerified").asBoolean()).isFalse();
    String code = mailbox.code(email, "Welcome", 1);
    assertThat(code).hasSize(43); // 256 bits, URL-safe base64
    String token = api.login(email, "password-123");
    assertThat(api.get("/me", token).json().get("emailVerified").asBoolean()).isFalse();

    Api.Answer wrong = verify(email, code.substring(1) + "A");
    assertThat(verify(email, code).status()).isEqualTo(204);
    Api.Answer used = verify(email, code);
    assertThat(api.get("/me", token).json().get("emailVerified").asBoolean()).isTrue();
    // A wrong code and a used one are the same 400, naming the code.
    for (Api.Answer bad : new Api.Answer[] {wrong, used}) {
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("code");
    }
    assertThat(wrong.json().get("detail")).isEqualTo(used.json().get("detail"));
    assertThat(mailbox.to(email)).hasSize(1); // one email per registration
  }

  @Test
  void nobodyVerifiesAnAddressWithACodeSentToAnother() throws Exception {
    String victim = address();
    String attacker = address();
    api.register(victim, "password-123", "Victim");
    api.register(attacker, "password-123", "Attacker");
    String attackersCode = mailbox.code(attacker, "Welcome", 1);
    assertThat(verify(victim, attackersCode).status()).isEqualTo(400);
  }

  @Test
  void changingOnesOwnEmailNeedsTheCurrentPasswordAndStartsANewVerification() throws Exception {
    String email = address();
    api.register(email, "password-123", "Mover");
    verify(email, mailbox.code(email, "Welcome", 1));
    String token = api.login(email, "password-123");
    String id = api.get("/me", token).json().get("id").asText();
    String moved = address();

    Api.Answer without = api.send("PUT", "/users/" + id, token, "{\"email\":\"" + moved + "\"}");
    assertThat(without.status()).isEqualTo(400);
    assertThat(without.json().at("/errors/0/field").asText()).isEqualTo("currentPassword");
    Api.Answer wrong = api.send("PUT", "/users/" + id, token,
        "{\"email\":\"" + moved + "\",\"currentPassword\":\"not-it-at-all\"}");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().at("/errors/0/field").asText()).isEqualTo("currentPassword");
    assertThat(api.get("/me", token).json().get("email").asText()).isEqualTo(email);

    JsonNode changed = api.send("PUT", "/users/" + id, token,
        "{\"email\":\"" + moved + "\",\"currentPassword\":\"password-123\"}").json();
    assertThat(changed.get("email").asText()).isEqualTo(moved);
    assertThat(changed.get("emailVerified").asBoolean()).isFalse();
    assertThat(verify(moved, mailbox.code(moved, "Confirm your email address", 1)).status()).isEqualTo(204);
    assertThat(api.get("/me", token).json().get("emailVerified").asBoolean()).isTrue();
  }

  @Test
  void aResetRequestAnswers202ForAnyAddressAndMailsOnlyAKnownOne() throws Exception {
    String known = address();
    String unknown = address();
    api.register(known, "password-123", "Forgetful");
    String token = api.login(known, "password-123");
    assertThat(api.send("POST", "/auth/password-reset", null, "{\"email\":\"" + unknown + "\"}").status()).isEqualTo(202);
    assertThat(api.send("POST", "/auth/password-reset", null, "{\"email\":\"" + known.toUpperCase() + "\"}").status())
        .isEqualTo(202);
    String code = mailbox.code(known, "Reset your password", 1);
    assertThat(mailbox.to(unknown)).isEmpty();

    String confirm = "{\"email\":\"" + known + "\",\"code\":\"%s\",\"newPassword\":\"a-new-password\"}";
    assertThat(api.send("POST", "/auth/password-reset/confirm", null, confirm.formatted((code.charAt(0) == 'A' ? "B" : "A") + code.substring(1)))
        .status()).isEqualTo(400);
    assertThat(api.send("POST", "/auth/password-reset/confirm", null, confirm.formatted(code)).status()).isEqualTo(204);
    assertThat(api.send("POST", "/auth/password-reset/confirm", null, confirm.formatted(code)).status()).isEqualTo(400);

    assertThat(api.get("/me", token).status()).isIn(401, 403); // every session ended (401 if cached, else 403)
    String fresh = api.login(known, "a-new-password");
    assertThat(api.get("/me", fresh).json().get("emailVerified").asBoolean()).isTrue(); // the code reached it
  }

  @Test
  void hostileNamesAreRefusedThroughTheGateway() {
    for (String name : new String[] {"Ada\\u0000Lovelace", "\\u202Enimda", "\\u200B\\u200B\\u200B", "\\u3164\\u3164",
        "Ada\\u0085x", "\\u2066Ada\\u2069"}) {
      Api.Answer answer = api.send("POST", "/auth/register", null,
          "{\"email\":\"" + address() + "\",\"password\":\"password-123\",\"name\":\"" + name + "\"}");
      assertThat(answer.status()).as(name).isEqualTo(400);
      assertThat(answer.json().at("/errors/0/field").asText()).isEqualTo("name");
    }
    Api.Answer nullAge = api.send("POST", "/auth/register", null,
        "{\"email\":\"" + address() + "\",\"password\":\"password-123\",\"name\":\"Ada\",\"age\":null}");
    assertThat(nullAge.status()).isEqualTo(400);
    assertThat(nullAge.json().at("/errors/0/field").asText()).isEqualTo("age");
  }

  @Test
  void aliasedGraphQLMutationsAndFullPagesAreRefusedBeforeAnyWrite() {
    String token = api.newAccount("user", null);
    StringBuilder mutations = new StringBuilder("mutation {");
    for (int i = 0; i < 800; i++) {
      mutations.append(" a").append(i).append(": createPost(input: {title: \\\"Spam\\\", content: \\\"x\\\"}) { id }");
    }
    JsonNode refused = api.send("POST", "/graphql", token, "{\"query\":\"" + mutations + " }\"}").json();
    assertThat(refused.at("/errors/0/extensions/code").asText()).isEqualTo("BAD_USER_INPUT");
    String id = api.get("/me", token).json().get("id").asText();
    assertThat(api.get("/posts?authorId=" + id, token).json().get("data")).isEmpty();

    StringBuilder pages = new StringBuilder("{");
    for (int i = 0; i < 49; i++) {
      pages.append(" p").append(i).append(": posts(limit: 100) { items { id content } }");
    }
    JsonNode tooMuch = api.send("POST", "/graphql", token, "{\"query\":\"" + pages + " }\"}").json();
    assertThat(tooMuch.at("/errors/0/extensions/code").asText()).isEqualTo("BAD_USER_INPUT");
    assertThat(tooMuch.hasNonNull("data")).as("nothing was resolved").isFalse();
  }
}
