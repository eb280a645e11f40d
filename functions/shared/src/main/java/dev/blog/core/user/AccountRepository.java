package dev.blog.core.user;

import dev.blog.core.audit.AuditEntry;
import java.time.Instant;
import java.util.Optional;

/**
 * Sessions, passwords and single-use codes in the store. Each change is one transaction with its audit entry;
 * a code is redeemed by a conditional delete in the transaction of the change it allows, so it works once.
 */
public interface AccountRepository {
  /** The role and session epoch of a user, reading nothing else of the item; empty if there is no such user. */
  Optional<StoredSession> session(String userId);

  /**
   * The session a token of {@code sessionEpoch} belongs to, if it is still live: its user exists and is still in
   * that epoch (a logout, a password change or reset, a deletion moved it on). The one rule the authorizer and a
   * function checking a session itself both apply.
   */
  default Optional<StoredSession> liveSession(String userId, long sessionEpoch) {
    return session(userId).filter(session -> session.sessionEpoch() == sessionEpoch);
  }

  /** The id of the user who holds {@code email} (lower-cased), if any. */
  Optional<String> userIdOf(String email);

  /**
   * Ends every session of the user (the session epoch moves on), if {@code epoch} is still the current one; false
   * if it is not, or there is no such user (a token whose session already ended cannot end the next one).
   */
  boolean endSessions(String userId, long epoch, AuditEntry audit);

  /**
   * Sets a new password hash and ends every session, only while the stored hash is still {@code verifiedHash};
   * a conflict otherwise (the password was changed or reset meanwhile).
   */
  void changePassword(String userId, String verifiedHash, String newHash, AuditEntry audit);

  /** Marks {@code email} verified if {@code code} is the user's live verification code for it; false otherwise. */
  boolean verifyEmail(String userId, String email, String code, Instant now, AuditEntry audit);

  /**
   * Sets a new password hash, ends every session and marks the address verified, if {@code code} is the user's
   * live reset code for {@code email}; false otherwise.
   */
  boolean resetPassword(String userId, String email, String code, String newHash, Instant now, AuditEntry audit);

  /**
   * Counts a reset request for {@code email} (known or not) in the current hour; if it is within
   * {@code maxPerHour}, writes {@code grant} (the code, its email, the audit entry) in the same transaction.
   * False if the hour's limit is reached (nothing written then). Both branches cost one write round trip.
   */
  boolean requestReset(String email, Instant now, int maxPerHour, Optional<ResetGrant> grant);

  /** What a reset request for a known address writes. */
  record ResetGrant(CodeMail mail, AuditEntry audit) {}
}
