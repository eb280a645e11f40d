package dev.blog.core.user;

import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The lockout every password check goes through (login, a password change, a change of one's own email): the
 * attempt is counted before the password is checked, so parallel guesses cannot get past the limit, and a check
 * that passes frees its count. Counted per account (the lower-cased email, known or not) and client address, with a
 * higher ceiling per account from all addresses together (the contract's Auth section).
 */
public interface PasswordAttempts {
  /**
   * Reserves one attempt for {@code account} from {@code sourceIp} ({@code Locked} with the time left if the pair
   * or the account is locked), runs {@code check}, and answers its result; a passing check frees the reservation,
   * a failing one leaves it counted.
   */
  boolean check(String account, String sourceIp, Instant now, BooleanSupplier check);

  /** Ends the lockout of {@code account} for everyone, and of the pair with {@code sourceIp} (a password reset). */
  void clear(String account, String sourceIp);
}
