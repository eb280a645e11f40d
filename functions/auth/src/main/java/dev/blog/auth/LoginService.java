package dev.blog.auth;

import dev.blog.core.error.DomainException.Unauthenticated;
import dev.blog.core.security.PasswordHasher;
import dev.blog.core.user.Credentials;
import dev.blog.core.user.PasswordAttempts;
import dev.blog.core.user.User;
import dev.blog.core.user.UserRepository;
import dev.blog.core.user.UserRules;
import java.time.Clock;
import java.util.Optional;

/**
 * Password login. An unknown email and a wrong password take the same path (the lockout's reservation, one Argon2
 * verification, against a decoy hash for an unknown email) and give the same 401, so neither the answer nor its
 * timing tells whether an account exists. The token carries the user's current session epoch.
 */
public final class LoginService {
  private final UserRepository users;
  private final PasswordHasher passwords;
  private final PasswordAttempts attempts;
  private final TokenIssuer tokens;
  private final Clock clock;

  public LoginService(UserRepository users, PasswordHasher passwords, PasswordAttempts attempts, TokenIssuer tokens,
      Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.attempts = attempts;
    this.tokens = tokens;
    this.clock = clock;
  }

  public record Login(String token, User user) {}

  /** Logs in from {@code sourceIp}: a token, or 401 for bad credentials, or 429 while the lockout holds. */
  public Login login(String email, String password, String sourceIp) {
    String account = UserRules.normalizeEmail(email);
    Optional<Credentials> credentials = users.findCredentials(account);
    boolean valid = attempts.check(account, sourceIp, clock.instant(), () -> credentials.isPresent()
        ? passwords.verify(password, credentials.get().passwordHash())
        : passwords.verifyDecoy(password));
    if (!valid) {
      throw new Unauthenticated("Invalid email or password");
    }
    User user = credentials.orElseThrow().user();
    return new Login(tokens.issue(user), user);
  }
}
