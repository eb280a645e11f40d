package dev.blog.core.user;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.error.DomainException.Conflict;
import dev.blog.core.error.DomainException.Forbidden;
import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.DomainException.NotFound;
import dev.blog.core.error.DomainException.PreconditionFailed;
import dev.blog.core.mail.Emails;
import dev.blog.core.security.Caller;
import dev.blog.core.security.PasswordHasher;
import dev.blog.core.security.Role;
import dev.blog.core.security.StoredCallers;
import dev.blog.core.store.Cursors;
import dev.blog.core.store.Ids;
import dev.blog.core.store.Page;
import dev.blog.core.user.OneTimeCode.Purpose;
import dev.blog.core.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rules about users, for every entry point (REST handlers, GraphQL, the admin bootstrap): who may
 * do what, validation, and which audit entries a change writes. Handlers only translate HTTP.
 *
 * <p>Moderator and admin actions rest on the stored caller ({@link StoredCallers}), never on the token's role alone;
 * where the action reads the target user anyway, the caller is read in the same round trip (one strongly
 * consistent BatchGetItem of both), or is the target itself.
 */
public final class UserService {
  private static final String TARGET_TYPE = "user";
  private static final String LISTING_SCOPE = "users";

  private final UserRepository users;
  private final PasswordHasher passwords;
  private final PasswordAttempts attempts;
  private final Cursors cursors;
  private final Ids ids;
  private final Clock clock;
  private final UserContent content;
  private final StoredCallers callers;

  public UserService(UserRepository users, PasswordHasher passwords, PasswordAttempts attempts, Cursors cursors,
      Ids ids, Clock clock, UserContent content) {
    this.callers = new Sessions(users);
    this.users = users;
    this.passwords = passwords;
    this.attempts = attempts;
    this.cursors = cursors;
    this.ids = ids;
    this.clock = clock;
    this.content = content;
  }

  /** A user and whether the caller sees their full view (self, moderators, admins) or the public one. */
  public record Visible(User user, boolean full) {}

  /**
   * Self-service sign-up: always the role {@code user}; the new user is the actor of the audit entry. The welcome
   * email carries the code that verifies the address.
   */
  public User register(String email, String password, String name, Integer age) {
    String id = ids.next();
    return store(id, id, email, password, name, age, Role.USER, "user.registered", Greeting.WELCOME);
  }

  /** An admin creates a user, with any role; the new address gets its verification code. */
  public User create(Caller caller, String email, String password, String name, Integer age, Role role) {
    Caller admin = callers.require(caller, Role.ADMIN);
    return store(ids.next(), admin.userId(), email, password, name, age, role == null ? Role.USER : role,
        "user.created", Greeting.VERIFY);
  }

  /** Creates the first admin if no user holds that email; the admin itself is the actor. */
  public Optional<User> bootstrapAdmin(String email, String password, String name) {
    if (users.findCredentials(UserRules.normalizeEmail(email)).isPresent()) {
      return Optional.empty();
    }
    String id = ids.next();
    return Optional.of(store(id, id, email, password, name, null, Role.ADMIN, "user.created", Greeting.NONE));
  }

  private enum Greeting { WELCOME, VERIFY, NONE }

  private User store(String id, String actorId, String email, String password, String name, Integer age,
      Role role, String action, Greeting greeting) {
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
    // The code and its email go through the outbox, in the same transaction as the user: no user without their
    // email, no email without their user, whatever fails in between.
    Optional<CodeMail> mail = switch (greeting) {
      case WELCOME -> Optional.of(verification(user, now, true));
      case VERIFY -> Optional.of(verification(user, now, false));
      case NONE -> Optional.empty();
    };
    users.create(user, passwords.hash(password), audit(actorId, action, id, now), mail);
    return user;
  }

  /** A new verification code for the user's address, in the welcome email or in one of its own. */
  private CodeMail verification(User user, Instant now, boolean welcome) {
    OneTimeCode.Issued code = OneTimeCode.issue(Purpose.VERIFY_EMAIL, user.id(), user.email(), now);
    Emails.Recipient to = new Emails.Recipient(user.id(), user.email(), user.name());
    return new CodeMail(code.stored(), welcome ? Emails.welcome(to, code.code())
        : Emails.verifyEmail(to, ids.next(), code.code()));
  }

  /** The caller's own user; 401 if their account is gone or their session has ended. */
  public User me(Caller caller) {
    return Sessions.live(caller, users.find(caller.userId()));
  }

  /**
   * The user {@code id} as {@code caller} may see them: the full view for self (the caller's own stored user, so
   * an ended session is a 401) and for stored staff (the caller read in the same round trip), else the public one.
   */
  public Visible view(Caller caller, String id) {
    if (!Ids.isUuid(id)) {
      throw notFound();
    }
    if (caller.isSelf(id)) {
      return new Visible(Sessions.live(caller, users.find(id)), true);
    }
    if (!caller.isStaff()) {
      return new Visible(users.find(id).orElseThrow(UserService::notFound), false);
    }
    Map<String, User> both = users.findAll(List.of(caller.userId(), id));
    Caller stored = caller.withRole(Sessions.live(caller, Optional.ofNullable(both.get(caller.userId()))).role());
    return new Visible(Optional.ofNullable(both.get(id)).orElseThrow(UserService::notFound), stored.isStaff());
  }

  public UserListing list(Caller caller, int limit, Optional<String> cursor, Optional<String> emailContains) {
    callers.require(caller, Role.MODERATOR, Role.ADMIN);
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
    Target target = target(caller, id);
    User before = target.user();
    Caller actor = target.caller();
    actor.requireSelfOr(id, Role.ADMIN);
    if (patch.role() != null) {
      actor.require(Role.ADMIN);
    }
    requireVersion(before, ifMatch);
    if (patch.role() != null && patch.role() != Role.ADMIN && actor.isSelf(id) && before.role() == Role.ADMIN) {
      throw new Conflict("An admin cannot take away their own admin role; ask another admin");
    }

    String email = patch.email() == null ? before.email() : UserRules.normalizeEmail(patch.email());
    String name = patch.name() == null ? before.name() : UserRules.normalizeName(patch.name());
    Integer age = patch.removeAge() ? null : patch.age() == null ? before.age() : patch.age();
    Role role = patch.role() == null ? before.role() : patch.role();
    boolean newEmail = !email.equals(before.email());
    Validator v = new Validator();
    UserRules.email(v, "email", email);
    UserRules.name(v, "name", name);
    UserRules.age(v, "age", age);
    v.check(!newEmail || !actor.isSelf(id) || patch.currentPassword() != null, "currentPassword",
        "is required to change your own email");
    v.throwIfInvalid();
    if (newEmail && actor.isSelf(id)) {
      requirePassword(actor, before.email(), patch.currentPassword(), target.passwordHash());
    }

    if (email.equals(before.email()) && name.equals(before.name()) && Objects.equals(age, before.age())
        && role == before.role()) {
      return before; // nothing to write, nothing to audit
    }
    Instant now = now();
    User after = new User(before.id(), email, name, age, role, before.createdAt(), now, before.version() + 1,
        before.emailVerified() && !newEmail, before.sessionEpoch());
    List<AuditEntry> audit = new ArrayList<>();
    if (newEmail || !name.equals(before.name()) || !Objects.equals(age, before.age())) {
      audit.add(audit(actor.userId(), "user.updated", id, now));
    }
    if (role != before.role()) {
      audit.add(audit(actor.userId(), "user.role_changed", id, now));
    }
    users.update(before, after, audit, newEmail ? Optional.of(verification(after, now, false)) : Optional.empty());
    return after;
  }

  public void delete(Caller caller, String id, OptionalLong ifMatch) {
    caller.require(Role.ADMIN);
    Target target = target(caller, id);
    target.caller().require(Role.ADMIN);
    User user = target.user();
    requireVersion(user, ifMatch);
    if (caller.isSelf(id)) {
      throw new Conflict("An admin cannot delete their own account; ask another admin");
    }
    // Mark first, so no post can be written from here on (and every session of the user ends); then the posts,
    // in batches of their own transactions (a user may have more than one transaction holds); then the user
    // transaction as ever. Every step is idempotent: a delete that failed half-way is finished by the next one.
    users.markDeleting(user, now());
    content.removeAllOf(id, caller.userId());
    users.delete(user, audit(caller.userId(), "user.deleted", id, now()));
  }

  /** The user an action is about, the caller as stored (their role, their live session) and, for self, the hash. */
  private record Target(User user, Caller caller, String passwordHash) {}

  /**
   * Reads the target of a change and the caller in one round trip: for self, one read of the caller's own item
   * (with the hash, which a change of email checks); for another user, one BatchGetItem of both.
   */
  private Target target(Caller caller, String id) {
    if (!Ids.isUuid(id)) {
      throw notFound();
    }
    if (caller.isSelf(id)) {
      Credentials own = users.credentials(id).orElseThrow(Sessions::ended);
      User user = Sessions.live(caller, Optional.of(own.user()));
      return new Target(user, caller.withRole(user.role()), own.passwordHash());
    }
    Map<String, User> both = users.findAll(List.of(caller.userId(), id));
    Caller stored = caller.withRole(Sessions.live(caller, Optional.ofNullable(both.get(caller.userId()))).role());
    return new Target(Optional.ofNullable(both.get(id)).orElseThrow(UserService::notFound), stored, null);
  }

  /** A wrong current password is a 400 naming it; the check goes through the lockout like a login. */
  private void requirePassword(Caller caller, String account, String password, String hash) {
    if (!attempts.check(account, caller.sourceIp(), clock.instant(), () -> passwords.verify(password, hash))) {
      throw Invalid.field("currentPassword", "is not your current password");
    }
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
