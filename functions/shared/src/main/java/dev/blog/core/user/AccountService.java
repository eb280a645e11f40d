package dev.blog.core.user;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.DomainException.Unavailable;
import dev.blog.core.mail.Emails;
import dev.blog.core.security.Caller;
import dev.blog.core.security.PasswordHasher;
import dev.blog.core.store.Ids;
import dev.blog.core.user.AccountRepository.ResetGrant;
import dev.blog.core.user.OneTimeCode.Purpose;
import dev.blog.core.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Sessions and passwords (the contract's Auth section): logout, a password change, email verification and the
 * password reset. Ending sessions moves the user's session epoch on, in the same transaction as the change and
 * its audit entry; tokens of older epochs then fail every check of the stored account at once, and the
 * authorizer's check within its cache time (docs/sessions-and-security.md, "Sessions").
 */
public final class AccountService {
  /** Reset emails one address may be sent in an hour, asked for by anyone. */
  public static final int RESETS_PER_HOUR = 3;
  private static final String TARGET_TYPE = "user";
  private static final String BAD_CODE = "is wrong, used or expired";

  private final AccountRepository accounts;
  private final UserRepository users;
  private final PasswordHasher passwords;
  private final PasswordAttempts attempts;
  private final Ids ids;
  private final Clock clock;

  public AccountService(AccountRepository accounts, UserRepository users, PasswordHasher passwords,
      PasswordAttempts attempts, Ids ids, Clock clock) {
    this.accounts = accounts;
    this.users = users;
    this.passwords = passwords;
    this.attempts = attempts;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * Whether the caller's token is still good: its user exists and it was issued in their current session epoch.
   * The authorizer asks this for every token it has not cached; it reads the role and the epoch, nothing else.
   */
  public Optional<StoredSession> liveSession(String userId, long sessionEpoch) {
    return accounts.liveSession(userId, sessionEpoch);
  }

  /** Ends every session of the caller, this one included; 401 if it had already ended. */
  public void logout(Caller caller) {
    Instant now = now();
    if (!accounts.endSessions(caller.userId(), caller.sessionEpoch(), audit(caller.userId(), "user.logged_out",
        caller.userId(), now))) {
      throw Sessions.ended();
    }
  }

  /**
   * A new password for the caller, who proves the current one (400 naming {@code currentPassword} if wrong; the
   * check goes through the lockout like a login). Every session ends, this one included.
   */
  public void changePassword(Caller caller, String currentPassword, String newPassword) {
    Validator v = new Validator();
    v.check(currentPassword != null && !currentPassword.isEmpty(), "currentPassword", "is required");
    UserRules.password(v, "newPassword", newPassword);
    v.throwIfInvalid();
    Credentials own = users.credentials(caller.userId()).orElseThrow(Sessions::ended);
    Sessions.live(caller, Optional.of(own.user()));
    if (!attempts.check(own.user().email(), caller.sourceIp(), clock.instant(),
        () -> passwords.verify(currentPassword, own.passwordHash()))) {
      throw Invalid.field("currentPassword", "is not your current password");
    }
    accounts.changePassword(caller.userId(), own.passwordHash(), passwords.hash(newPassword),
        audit(caller.userId(), "user.password_changed", caller.userId(), now()));
  }

  /** Confirms an address with the code sent to it; a wrong, used or expired code is one 400 for all. */
  public void verifyEmail(String email, String code) {
    String address = validEmail(email);
    Instant now = now();
    Optional<String> userId = wellFormed(code).flatMap(c -> accounts.userIdOf(address));
    if (userId.isEmpty() || !accounts.verifyEmail(userId.get(), address, code, now,
        audit(userId.get(), "user.email_verified", userId.get(), now))) {
      throw Invalid.field("code", BAD_CODE);
    }
  }

  /**
   * Asks for a reset code for {@code email}: sent if an account has the address (and the address has had fewer
   * than {@link #RESETS_PER_HOUR} this hour); nothing tells the caller which. Both branches read the address's
   * reservation and write once, so they take about the same time.
   */
  public void requestPasswordReset(String email) {
    String address = validEmail(email);
    Instant now = now();
    Optional<ResetGrant> grant = accounts.userIdOf(address).map(userId -> {
      OneTimeCode.Issued code = OneTimeCode.issue(Purpose.PASSWORD_RESET, userId, address, now);
      return new ResetGrant(new CodeMail(code.stored(), Emails.passwordReset(userId, address, ids.next(), code.code())),
          audit(userId, "user.password_reset_requested", userId, now));
    });
    accounts.requestReset(address, now, RESETS_PER_HOUR, grant);
  }

  /**
   * Sets a new password with a reset code: every session ends, the address counts as verified (the code reached
   * it), and the lockout of the account, and of the address this request comes from, is cleared.
   */
  public void resetPassword(String email, String code, String newPassword, String sourceIp) {
    String address = validEmail(email);
    Validator v = new Validator();
    UserRules.password(v, "newPassword", newPassword);
    v.throwIfInvalid();
    // Hashed before the account is looked up: an unknown address costs what a known one does.
    String hash = passwords.hash(newPassword);
    Instant now = now();
    Optional<String> userId = wellFormed(code).flatMap(c -> accounts.userIdOf(address));
    if (userId.isEmpty() || !accounts.resetPassword(userId.get(), address, code, hash, now,
        audit(userId.get(), "user.password_reset", userId.get(), now))) {
      throw Invalid.field("code", BAD_CODE);
    }
    try {
      attempts.clear(address, sourceIp);
    } catch (Unavailable busy) {
      // The password is reset and every session ended; a lockout left in place ends by itself within 15 minutes.
    }
  }

  /** The sign-up rule, first: an address no account can have is a 400 and never reaches the store. */
  private static String validEmail(String email) {
    String address = UserRules.normalizeEmail(email);
    Validator v = new Validator();
    UserRules.email(v, "email", address);
    v.throwIfInvalid();
    return address;
  }

  /** A code that could be one of ours; anything else is the same 400 as a wrong one, with no read. */
  private static Optional<String> wellFormed(String code) {
    return OneTimeCode.isWellFormed(code) ? Optional.of(code) : Optional.empty();
  }

  private AuditEntry audit(String actorId, String action, String targetId, Instant at) {
    return new AuditEntry(ids.next(), actorId, action, TARGET_TYPE, targetId, at);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
