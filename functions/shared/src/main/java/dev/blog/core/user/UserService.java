package dev.blog.core.user;

import dev.blog.core.mail.Emails;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.error.DomainException.Forbidden;
import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.DomainException.NotFound;
import dev.blog.core.error.DomainException.PreconditionFailed;
import dev.blog.core.validation.Validator;
import dev.blog.core.security.Caller;
import dev.blog.core.security.PasswordHasher;
import dev.blog.core.security.Role;
import dev.blog.core.store.Cursors;
import dev.blog.core.store.Ids;
import dev.blog.core.store.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rules about users, for every entry point (REST handlers, GraphQL, the admin bootstrap): who may
 * do what, validation, and which audit entries a change writes. Handlers only translate HTTP.
 */
public final class UserService {
  private static final String TARGET_TYPE = "user";
  private static final String LISTING_SCOPE = "users";

  private final UserRepository users;
  private final PasswordHasher passwords;
  private final Cursors cursors;
  private final Ids ids;
  private final Clock clock;
  private final UserContent content;

  public UserService(UserRepository users, PasswordHasher passwords, Cursors cursors, Ids ids, Clock clock,
      UserContent content) {
    this.content = content;
    this.users = users;
    this.passwords = passwords;
    this.cursors = cursors;
    this.ids = ids;
    this.clock = clock;
  }

  /** Self-service sign-up: always the role {@code user}; the new user is the actor of the audit entry. */
  public User register(String email, String password, String name, Integer age) {
    String id = ids.next();
    return store(id, id, email, password, name, age, Role.USER, "user.registered", true);
  }

  /** An admin creates a user, with any role. */
  public User create(Caller caller, String email, String password, String name, Integer age, Role role) {
    caller.require(Role.ADMIN);
    return store(ids.next(), caller.userId(), email, password, name, age, role == null ? Role.USER : role,
        "user.created", false);
  }

  /** Creates the first admin if no user holds that email; the admin itself is the actor. */
  public Optional<User> bootstrapAdmin(String email, String password, String name) {
    if (users.findCredentials(UserRules.normalizeEmail(email)).isPresent()) {
      return Optional.empty();
    }
    String id = ids.next();
    return Optional.of(store(id, id, email, password, name, null, Role.ADMIN, "user.created", false));
  }

  private User store(String id, String actorId, String email, String password, String name, Integer age,
      Role role, String action, boolean welcome) {
    String normalizedEmail = UserRules.normalizeEmail(email);
    String normalizedName = UserRules.normalizeName(name);
    Validator v = new Validator();
    UserRules.email(v, "email", normalizedEmail);
    UserRules.password(v, "password", password);
    UserRules.name(v, "name", normalizedName);
    UserRules.age(v, "age", age);
    v.throwIfInvalid();

    Instant now = now();
    User user = new User(id, normalizedEmail, normalizedName, age, role, now, now, 1);
    // The welcome email is queued through the outbox, in the same transaction as the user: no user
    // without their email, no email without their user, whatever fails in between.
    users.create(user, passwords.hash(password), audit(actorId, action, id, now),
        welcome ? Optional.of(Emails.welcome(new Emails.Recipient(user.id(), user.email(), user.name()))) : Optional.empty());
    return user;
  }

  /** The caller's own user; not found if it was deleted while their token is still valid. */
  public User me(Caller caller) {
    return users.find(caller.userId()).orElseThrow(UserService::notFound);
  }

  public User get(String id) {
    return findVisible(id).orElseThrow(UserService::notFound);
  }

  /** Self, moderators and admins see the full user; everybody else the public view. */
  public boolean seesFullView(Caller caller, User user) {
    return caller.isSelf(user.id()) || caller.isStaff();
  }

  public UserListing list(Caller caller, int limit, Optional<String> cursor, Optional<String> emailContains) {
    caller.require(Role.MODERATOR, Role.ADMIN);
    Optional<String> filter = emailContains.map(UserRules::normalizeEmail).filter(s -> !s.isEmpty());
    if (filter.isPresent() && filter.get().length() > UserRules.EMAIL_MAX) {
      throw Invalid.field("emailContains", "must be at most " + UserRules.EMAIL_MAX + " characters");
    }
    // The cursor is bound to its filter: a cursor from another search is rejected, not misapplied.
    String scope = LISTING_SCOPE + "\n" + filter.orElse("");
    Page<User> page = users.list(limit, cursors.afterId(scope, cursor), filter);
    return new UserListing(page.items(), cursors.next(scope, page), users.count());
  }

  public User update(Caller caller, String id, UserPatch patch, OptionalLong ifMatch) {
    caller.requireSelfOr(id, Role.ADMIN);
    if (patch.role() != null && !caller.is(Role.ADMIN)) {
      throw new Forbidden("Only an admin may change a role");
    }
    User before = findVisible(id).orElseThrow(UserService::notFound);
    requireVersion(before, ifMatch);
    if (patch.role() != null && patch.role() != Role.ADMIN && caller.isSelf(id) && before.role() == Role.ADMIN) {
      throw new Conflict("An admin cannot take away their own admin role; ask another admin");
    }

    String email = patch.email() == null ? before.email() : UserRules.normalizeEmail(patch.email());
    String name = patch.name() == null ? before.name() : UserRules.normalizeName(patch.name());
    Integer age = patch.removeAge() ? null : patch.age() == null ? before.age() : patch.age();
    Role role = patch.role() == null ? before.role() : patch.role();
    Validator v = new Validator();
    UserRules.email(v, "email", email);
    UserRules.name(v, "name", name);
    UserRules.age(v, "age", age);
    v.throwIfInvalid();

    User unchanged = new User(before.id(), email, name, age, role, before.createdAt(), before.updatedAt(), before.version());
    if (unchanged.equals(before)) {
      return before; // nothing to write, nothing to audit
    }
    Instant now = now();
    User after = new User(before.id(), email, name, age, role, before.createdAt(), now, before.version() + 1);
    List<AuditEntry> audit = new ArrayList<>();
    if (!email.equals(before.email()) || !name.equals(before.name()) || !java.util.Objects.equals(age, before.age())) {
      audit.add(audit(caller.userId(), "user.updated", id, now));
    }
    if (role != before.role()) {
      audit.add(audit(caller.userId(), "user.role_changed", id, now));
    }
    users.update(before, after, audit);
    return after;
  }

  public void delete(Caller caller, String id, OptionalLong ifMatch) {
    caller.require(Role.ADMIN);
    User user = findVisible(id).orElseThrow(UserService::notFound);
    requireVersion(user, ifMatch);
    if (caller.isSelf(id)) {
      throw new Conflict("An admin cannot delete their own account; ask another admin");
    }
    // Mark first, so no post can be written from here on; then the posts, in batches of their own
    // transactions (a user may have more than one transaction holds); then the user transaction as ever.
    // Every step is idempotent: a delete that failed half-way is finished by the next one.
    users.markDeleting(user, now());
    content.removeAllOf(id, caller.userId());
    users.delete(user, audit(caller.userId(), "user.deleted", id, now()));
  }

  /** An id that is not even a UUID names nothing: not found without a store round trip. */
  private Optional<User> findVisible(String id) {
    return Ids.isUuid(id) ? users.find(id) : Optional.empty();
  }

  private static void requireVersion(User user, OptionalLong ifMatch) {
    if (ifMatch.isPresent() && ifMatch.getAsLong() != user.version()) {
      throw new PreconditionFailed("If-Match names version " + ifMatch.getAsLong()
          + " but the user is at version " + user.version());
    }
  }

  private AuditEntry audit(String actorId, String action, String targetId, Instant at) {
    return new AuditEntry(ids.next(), actorId, action, TARGET_TYPE, targetId, at);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static NotFound notFound() {
    return new NotFound("No such user");
  }
}
