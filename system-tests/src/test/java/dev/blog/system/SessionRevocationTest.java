package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Revocable sessions through the gateway, the real authorizer (and its 30 s cache) and the functions: a logout, a
 * password change, a password reset and a deletion each end every older token of the user for everything within
 * 60 seconds, and at once where a route reads the stored account.
 */
class SessionRevocationTest {
  private static final Duration WITHIN = Duration.ofSeconds(60);
  private final Api api = LocalStackFixture.api();
  private final Mailbox mailbox = new Mailbox(api);

  private record Account(String email, String token, String id) {}

  private Account account(String password) {
    String email = "session-" + UUID.randomUUID() + "@example.com";
    assertThat(api.register(email, password, "Session User").status()).isEqualTo(201);
    String token = api.login(email, password);
    String id = api.get("/me", token).json().get("id").asText();
    // The gateway now holds an allow for this token: the revocation below must outlive a cached answer.
    assertThat(api.get("/posts", token).status()).isEqualTo(200);
    return new Account(email, token, id);
  }

  /** Polls a route that reads no account until the old token is refused; answers how long after {@code since}. */
  private Duration refusedEverywhereWithin(Account account, long since) {
    while (System.nanoTime() - since < WITHIN.plusSeconds(5).toNanos()) {
      int status = api.get("/posts", account.token()).status();
      if (status == 403 || status == 401) {
        return Duration.ofNanos(System.nanoTime() - since);
      }
      assertThat(status).isEqualTo(200);
      sleep();
    }
    throw new AssertionError(account.email() + "'s old token still works after " + WITHIN);
  }

  @Test
  void logoutPasswordChangeResetAndDeletionEachEndOldTokensAtOnceOnAccountRoutesAndEverywhereWithinAMinute()
      throws Exception {
    Account loggedOut = account("password-123");
    Account changed = account("password-123");
    Account reset = account("password-123");
    Account deleted = account("password-123");
    String admin = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);

    Map<String, Long> revokedAt = new LinkedHashMap<>();
    assertThat(api.send("POST", "/auth/logout", loggedOut.token(), null).status()).isEqualTo(204);
    revokedAt.put("logout", System.nanoTime());
    assertThat(api.send("PUT", "/me/password", changed.token(),
        "{\"currentPassword\":\"password-123\",\"newPassword\":\"password-456\"}").status()).isEqualTo(204);
    revokedAt.put("password change", System.nanoTime());
    assertThat(api.send("POST", "/auth/password-reset", null, "{\"email\":\"" + reset.email() + "\"}").status())
        .isEqualTo(202);
    String code = mailbox.code(reset.email(), "Reset your password", 1);
    assertThat(api.send("POST", "/auth/password-reset/confirm", null, "{\"email\":\"" + reset.email()
        + "\",\"code\":\"" + code + "\",\"newPassword\":\"password-789\"}").status()).isEqualTo(204);
    revokedAt.put("password reset", System.nanoTime());
    assertThat(api.send("DELETE", "/users/" + deleted.id(), admin, null).status()).isEqualTo(204);
    revokedAt.put("deletion", System.nanoTime());

    Map<String, Account> revoked = new LinkedHashMap<>();
    revoked.put("logout", loggedOut);
    revoked.put("password change", changed);
    revoked.put("password reset", reset);
    revoked.put("deletion", deleted);
    // At once, where the route reads the stored account: the caller's own user, and logging out again (the
    // function's 401 while the gateway still holds its cached allow, the gateway's 403 once that has expired).
    revoked.forEach((kind, account) -> {
      assertThat(api.get("/me", account.token()).status()).as(kind).isIn(401, 403);
      assertThat(api.send("POST", "/auth/logout", account.token(), null).status()).as(kind).isIn(401, 403);
    });
    // Everywhere, within a minute (the gateway's cached allow lasts 30 s), all four at once.
    Map<String, CompletableFuture<Duration>> waits = new LinkedHashMap<>();
    revoked.forEach((kind, account) -> waits.put(kind,
        CompletableFuture.supplyAsync(() -> refusedEverywhereWithin(account, revokedAt.get(kind)))));
    waits.forEach((kind, wait) -> {
      Duration took = wait.join();
      System.out.printf("revocation by %s: the old token was refused everywhere %d ms after it%n", kind,
          took.toMillis());
      assertThat(took).as(kind).isLessThanOrEqualTo(WITHIN);
    });

    // The owners go on with new tokens.
    assertThat(api.get("/me", api.login(loggedOut.email(), "password-123")).status()).isEqualTo(200);
    assertThat(api.get("/me", api.login(changed.email(), "password-456")).status()).isEqualTo(200);
    assertThat(api.get("/me", api.login(reset.email(), "password-789")).status()).isEqualTo(200);
    assertThat(api.send("POST", "/auth/login", null,
        "{\"email\":\"" + changed.email() + "\",\"password\":\"password-123\"}").status()).isEqualTo(401);
  }

  @Test
  void aLogoutEndsEveryTokenOfTheUserAndTheFunctionsRefuseThemWhileTheGatewayStillHasThemCached() {
    Account phone = account("password-123");
    String laptop = api.login(phone.email(), "password-123");
    assertThat(api.get("/me", laptop).status()).isEqualTo(200); // both tokens are cached as allowed now
    assertThat(api.get("/me", phone.token()).status()).isEqualTo(200);
    assertThat(api.send("POST", "/auth/logout", laptop, null).status()).isEqualTo(204);
    Api.Answer phoneMe = api.get("/me", phone.token());
    assertThat(phoneMe.status()).isEqualTo(401);
    assertThat(phoneMe.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(api.get("/me", laptop).status()).isEqualTo(401);
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
