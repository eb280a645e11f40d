package dev.blog.core.user.internal;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.audit.internal.DynamoAuditRepository;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.security.Role;
import dev.blog.core.store.ConditionFailed;
import dev.blog.core.store.Items;
import dev.blog.core.store.Store;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Transaction;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import dev.blog.core.user.AccountRepository;
import dev.blog.core.user.OneTimeCode.Purpose;
import dev.blog.core.user.StoredSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link AccountRepository} on the single table: the session epoch and password hash on the user item
 * ({@link UserItem}), codes in the code store ({@link CodeStore}), reset requests counted per address and hour,
 * each change in one transaction with its audit entry.
 */
public final class DynamoAccountRepository implements AccountRepository {
  /**
   * What the authorizer reads of a user: the role and the session epoch, and the version the item's mapping
   * needs (its IAM policy allows no more: never the password hash).
   */
  private static final List<String> SESSION = List.of(UserItem.ROLE, UserItem.SESSION_EPOCH, Write.VERSION);
  private static final String REQUESTS = "requests";

  private final Store store;
  private final Items<EmailReservation> reservations;

  public DynamoAccountRepository(Store store) {
    this.store = store;
    this.reservations = store.items(EmailReservation.SCHEMA);
  }

  @Override
  public Optional<StoredSession> session(String userId) {
    return store.getProjected(UserItem.SCHEMA, TableLayout.user(userId), SESSION)
        .flatMap(item -> Role.fromWire(item.role())
            .map(role -> new StoredSession(role, item.sessionEpoch() == null ? 0 : item.sessionEpoch())));
  }

  @Override
  public Optional<String> userIdOf(String email) {
    return reservations.get(TableLayout.emailReservation(email)).map(EmailReservation::userId);
  }

  @Override
  public boolean endSessions(String userId, long epoch, AuditEntry audit) {
    try {
      store.commit(store.transaction().add("user", UserItem.endSessions(userId, epoch))
          .add("audit", DynamoAuditRepository.record(audit)));
      return true;
    } catch (ConditionFailed gone) {
      return false;
    }
  }

  @Override
  public void changePassword(String userId, String verifiedHash, String newHash, AuditEntry audit) {
    try {
      store.commit(store.transaction().add("user", UserItem.changePassword(userId, verifiedHash, newHash))
          .add("audit", DynamoAuditRepository.record(audit)));
    } catch (ConditionFailed changed) {
      throw new Conflict("The password was changed meanwhile; nothing was changed now");
    }
  }

  @Override
  public boolean verifyEmail(String userId, String email, String code, Instant now, AuditEntry audit) {
    return redeemed(store.transaction()
        .add("code", CodeStore.redeem(Purpose.VERIFY_EMAIL, userId, email, code, now))
        .add("user", UserItem.verifyEmail(userId, email))
        .add("audit", DynamoAuditRepository.record(audit)));
  }

  @Override
  public boolean resetPassword(String userId, String email, String code, String newHash, Instant now,
      AuditEntry audit) {
    return redeemed(store.transaction()
        .add("code", CodeStore.redeem(Purpose.PASSWORD_RESET, userId, email, code, now))
        .add("user", UserItem.resetPassword(userId, email, newHash))
        .add("audit", DynamoAuditRepository.record(audit)));
  }

  @Override
  public boolean requestReset(String email, Instant now, int maxPerHour, Optional<ResetGrant> grant) {
    long hour = now.getEpochSecond() / Duration.ofHours(1).toSeconds();
    // Fixed hourly windows: one conditional ADD, so it can be a step of the transaction; kept two hours (TTL).
    Write counted = Write.update(TableLayout.resetRequests(email, hour)).add(REQUESTS, 1)
        .set(Values.of().n("expiresAt", (hour + 2) * Duration.ofHours(1).toSeconds()))
        .when("attribute_not_exists(#" + REQUESTS + ") OR #" + REQUESTS + " < :max", Values.of().n(":max", maxPerHour));
    if (grant.isEmpty()) {
      return store.apply(counted);
    }
    Transaction tx = store.transaction().add("limit", counted);
    DynamoUserRepository.send(tx, grant.get().mail(), now);
    tx.add("audit", DynamoAuditRepository.record(grant.get().audit()));
    try {
      store.commit(tx);
      return true;
    } catch (ConditionFailed limited) {
      if (limited.failed("limit")) {
        return false;
      }
      throw limited;
    }
  }

  /** Commits a transaction whose first condition is a code's; false when the code (or its address) did not hold. */
  private boolean redeemed(Transaction tx) {
    try {
      store.commit(tx);
      return true;
    } catch (ConditionFailed refused) {
      return false; // a wrong, used or expired code, or an address changed since it was sent: one answer
    }
  }
}
