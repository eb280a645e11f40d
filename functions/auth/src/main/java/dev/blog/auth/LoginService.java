package dev.blog.auth;

import dev.blog.auth.internal.LoginAttempts;
import dev.blog.core.error.DomainException.Locked;
import dev.blog.core.error.DomainException.Unauthenticated;
import dev.blog.core.security.PasswordHasher;
import dev.blog.core.user.Credentials;
import dev.blog.core.user.User;
import dev.blog.core.user.UserRepository;
import dev.blog.core.user.UserRules;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Password login. An unknown email and a wrong password take the same path (one Argon2 verification,
 * one failure recorded) and give the same 401, so neither the answer nor its timing tells whether an
 * account exists.
 */
public final class LoginService {
  private final UserRepository users;
  private final PasswordHasher passwords;
  private final LoginAttempts attempts;
  private final TokenIssuer tokens;
  private final Clock clock;

  public LoginService(UserRepository users, PasswordHasher passwords, LoginAttempts attempts, TokenIssuer tokens,
      Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.attempts = attempts;
    this.tokens = tokens;
    this.clock = clock;
  }

  public record Login(String token, User user) {}

  public Login login(String email, String password) {
    String account = UserRules.normalizeEmail(email);
    Instant now = clock.instant();
    attempts.lockedFor(account, now).ifPresent(wait -> {
      throw new Locked("Too many failed logins; try again later", wait);
    });
    Optional<Credentials> credentials = users.findCredentials(account);
    boolean valid = credentials.isPresent()
        ? passwords.verify(password, credentials.get().passwordHash())
        : passwords.verifyDecoy(password);
    if (!valid) {
      attempts.recordFailure(account, now);
      throw new Unauthenticated("Invalid email or password");
    }
    attempts.clear(account);
    User user = credentials.get().user();
    return new Login(tokens.issue(user), user);
  }
}
