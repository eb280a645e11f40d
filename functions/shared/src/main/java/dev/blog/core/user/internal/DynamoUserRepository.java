package dev.blog.core.user.internal;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.audit.internal.DynamoAuditRepository;
import dev.blog.core.error.DomainException;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.error.DomainException.NotFound;
import dev.blog.core.error.DomainException.PreconditionFailed;
import dev.blog.core.outbox.Outbox;
import dev.blog.core.security.Role;
import dev.blog.core.store.ConditionFailed;
import dev.blog.core.store.Items;
import dev.blog.core.store.Items.Filter;
import dev.blog.core.store.Page;
import dev.blog.core.store.Store;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Transaction;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import dev.blog.core.user.CodeMail;
import dev.blog.core.user.Credentials;
import dev.blog.core.user.OneTimeCode;
import dev.blog.core.user.User;
import dev.blog.core.user.UserRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link UserRepository} on the single table (docs/data-design.md): the user item ({@link UserItem}), the
 * email reservation that makes an address unique ({@link EmailReservation}), the user counter
 * ({@link UserCount}), and the audit entries and outbox emails that go in the same transactions.
 */
public final class DynamoUserRepository implements UserRepository {
  private final Store store;
  private final Items<UserItem> users;
  private final Items<EmailReservation> reservations;
  private final Items<UserCount> counter;

  public DynamoUserRepository(Store store) {
    this.store = store;
    this.users = store.items(UserItem.SCHEMA);
    this.reservations = store.items(EmailReservation.SCHEMA);
    this.counter = store.items(UserCount.SCHEMA);
  }

  @Override
  public Optional<User> find(String id) {
    return users.get(TableLayout.user(id)).map(UserItem::toUser);
  }

  @Override
  public Map<String, User> findAll(Collection<String> ids) {
    Map<String, User> found = new HashMap<>();
    users.getAll(ids.stream().map(TableLayout::user).toList()).forEach(item -> found.put(item.id(), item.toUser()));
    return found;
  }

  @Override
  public Optional<Credentials> credentials(String id) {
    return users.get(TableLayout.user(id)).map(UserItem::credentials);
  }

  @Override
  public Optional<Credentials> findCredentials(String email) {
    return reservations.get(TableLayout.emailReservation(email))
        .flatMap(reservation -> users.get(TableLayout.user(reservation.userId())))
        .map(UserItem::credentials);
  }

  @Override
  public void create(User user, String passwordHash, AuditEntry audit, Optional<CodeMail> mail) {
    Transaction tx = store.transaction()
        .add("user", UserItem.create(user, passwordHash))
        .add("email", reserve(user))
        .add("counter", Write.update(TableLayout.userCounter()).add(UserCount.COUNT, 1))
        .add("audit", DynamoAuditRepository.record(audit));
    mail.ifPresent(m -> send(tx, m, audit.at()));
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
  public void update(User before, User after, List<AuditEntry> audit, Optional<CodeMail> mail) {
    Transaction tx = store.transaction().add("user", UserItem.update(before, after));
    if (!before.email().equals(after.email())) {
      tx.add("oldEmail", release(before)).add("email", reserve(after));
    }
    audit.forEach(entry -> tx.add("audit", DynamoAuditRepository.record(entry)));
    mail.ifPresent(m -> send(tx, m, after.updatedAt()));
    try {
      store.commit(tx);
    } catch (ConditionFailed e) {
      if (e.failed("user")) {
        throw whyNotUpdated(before.id());
      }
      if (e.failed("oldEmail")) {
        throw stale();
      }
      if (e.failed("email")) {
        throw emailTaken();
      }
      throw e;
    }
  }

  /** Why a user update's condition failed: the user is gone, is being deleted, or changed since it was read. */
  private DomainException whyNotUpdated(String id) {
    Optional<UserItem> now = users.get(TableLayout.user(id));
    if (now.isEmpty()) {
      return new NotFound("No such user");
    }
    if (now.get().deleting()) {
      return new Conflict("The user is being deleted; no change is accepted until the delete has finished");
    }
    return stale();
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
        .add("counter", Write.update(TableLayout.userCounter()).add(UserCount.COUNT, -1))
        .add("audit", DynamoAuditRepository.record(audit));
    for (OneTimeCode.Purpose purpose : OneTimeCode.Purpose.values()) {
      tx.add("code", Write.delete(TableLayout.oneTimeCode(user.id(), purpose.name())));
    }
    try {
      store.commit(tx);
    } catch (ConditionFailed e) {
      throw stale();
    }
  }

  /** The code's hash and its email, as steps of {@code tx}. */
  static void send(Transaction tx, CodeMail mail, Instant now) {
    tx.add("code", CodeStore.put(mail.code())).add("outbox", Outbox.put(mail.email(), now));
  }

  @Override
  public Page<User> list(int limit, Optional<String> afterId, Optional<String> emailContains) {
    return users.newestFirst(TableLayout.users(), limit, afterId,
        emailContains.map(text -> new Filter("contains(email, :text)", Values.of().s(":text", text))))
        .map(UserItem::toUser);
  }

  @Override
  public List<User> withRole(Role role) {
    List<User> found = new ArrayList<>();
    users.forEach(TableLayout.usersWithRole(role.wire()), item -> found.add(item.toUser()));
    return found;
  }

  @Override
  public long count() {
    return Math.max(0, counter.get(TableLayout.userCounter()).map(UserCount::count).orElse(0L));
  }

  /** The reservation of the user's email: fails if another user holds it. */
  private static Write reserve(User user) {
    return Write.putNew(EmailReservation.SCHEMA, EmailReservation.of(user));
  }

  /** Frees the user's email, only if the reservation is still theirs. */
  private static Write release(User user) {
    return Write.delete(TableLayout.emailReservation(user.email()))
        .when(EmailReservation.USER_ID + " = :id", Values.of().s(":id", user.id()));
  }

  private static Conflict emailTaken() {
    return new Conflict("The email address is already registered");
  }

  private static PreconditionFailed stale() {
    return new PreconditionFailed("The user has changed since it was read; read it again and retry");
  }
}
