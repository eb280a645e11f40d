package dev.blog.core.user.internal;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.audit.internal.AuditItem;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.error.DomainException.PreconditionFailed;
import dev.blog.core.mail.EmailMessage;
import dev.blog.core.outbox.Outbox;
import dev.blog.core.security.Role;
import dev.blog.core.store.ConditionFailed;
import dev.blog.core.store.Page;
import dev.blog.core.store.Store;
import dev.blog.core.store.Store.Filter;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Transaction;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import dev.blog.core.user.Credentials;
import dev.blog.core.user.User;
import dev.blog.core.user.UserRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link UserRepository} on the single table (README, "Data design"): the user item ({@link UserItem}), the
 * email reservation that makes an address unique, the user counter, and the audit entries and outbox emails
 * that go in the same transactions.
 */
public final class DynamoUserRepository implements UserRepository {
  private static final String RESERVED_BY = "userId";
  private static final String COUNT = "count";

  private final Store store;

  public DynamoUserRepository(Store store) {
    this.store = store;
  }

  @Override
  public Optional<User> find(String id) {
    return store.get(TableLayout.user(id)).map(UserItem::read);
  }

  @Override
  public Optional<Credentials> findCredentials(String email) {
    return store.get(TableLayout.emailReservation(email), RESERVED_BY)
        .flatMap(reservation -> store.get(TableLayout.user(reservation.s(RESERVED_BY))))
        .map(UserItem::credentials);
  }

  @Override
  public void create(User user, String passwordHash, AuditEntry audit, Optional<EmailMessage> email) {
    Transaction tx = store.transaction()
        .add("user", UserItem.create(user, passwordHash))
        .add("email", reserve(user))
        .add("counter", Write.update(TableLayout.userCounter()).add(COUNT, 1))
        .add("audit", AuditItem.put(audit));
    email.ifPresent(message -> tx.add("outbox", Outbox.put(message, audit.at())));
    try {
      store.commit(tx);
    } catch (ConditionFailed e) {
      if (e.failed("email")) {
        throw emailTaken();
      }
      throw e;
    }
  }

  @Override
  public void update(User before, User after, List<AuditEntry> audit) {
    Transaction tx = store.transaction().add("user", UserItem.update(before, after));
    if (!before.email().equals(after.email())) {
      tx.add("oldEmail", release(before)).add("email", reserve(after));
    }
    audit.forEach(entry -> tx.add("audit", AuditItem.put(entry)));
    try {
      store.commit(tx);
    } catch (ConditionFailed e) {
      if (e.failed("user") || e.failed("oldEmail")) {
        throw stale();
      }
      if (e.failed("email")) {
        throw emailTaken();
      }
      throw e;
    }
  }

  @Override
  public void markDeleting(User user, Instant at) {
    // One item, no audit entry: the mark changes nothing anyone sees; the delete that follows is audited.
    if (!store.apply(UserItem.markDeleting(user, at))) {
      throw stale();
    }
  }

  @Override
  public void delete(User user, AuditEntry audit) {
    Transaction tx = store.transaction()
        .add("user", UserItem.delete(user))
        .add("email", release(user))
        .add("counter", Write.update(TableLayout.userCounter()).add(COUNT, -1))
        .add("audit", AuditItem.put(audit));
    try {
      store.commit(tx);
    } catch (ConditionFailed e) {
      throw stale();
    }
  }

  @Override
  public Page<User> list(int limit, Optional<String> afterId, Optional<String> emailContains) {
    return store.newestFirst(TableLayout.users(), limit, afterId,
        emailContains.map(text -> Filter.of("contains(email, :text)", Values.of().s(":text", text))), UserItem::read);
  }

  @Override
  public List<User> withRole(Role role) {
    List<User> found = new ArrayList<>();
    store.forEach(TableLayout.usersWithRole(role.wire()), item -> found.add(UserItem.read(item)));
    return found;
  }

  @Override
  public long count() {
    return Math.max(0, store.get(TableLayout.userCounter()).map(counter -> counter.n(COUNT, 0)).orElse(0L));
  }

  /** The reservation of the user's email: fails if another user holds it. */
  private static Write reserve(User user) {
    return Write.putNew(Values.item(TableLayout.emailReservation(user.email()))
        .s(RESERVED_BY, user.id()).s("email", user.email()).map());
  }

  /** Frees the user's email, only if the reservation is still theirs. */
  private static Write release(User user) {
    return Write.delete(TableLayout.emailReservation(user.email()))
        .when(RESERVED_BY + " = :id", Values.of().s(":id", user.id()));
  }

  private static Conflict emailTaken() {
    return new Conflict("The email address is already registered");
  }

  private static PreconditionFailed stale() {
    return new PreconditionFailed("The user has changed since it was read; read it again and retry");
  }
}
