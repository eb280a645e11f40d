package dev.blog.core.user.internal;

import dev.blog.core.security.Role;
import dev.blog.core.store.ItemSchema;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.TableLayout.Index;
import dev.blog.core.store.Times;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import dev.blog.core.user.Credentials;
import dev.blog.core.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The stored form of a user (docs/data-design.md): key {@link TableLayout#user}, listed newest first in
 * {@link TableLayout#users} and by role in {@link TableLayout#usersWithRole}. The post store keeps its own
 * attributes on the same item (the author's counters and latest posts), which this schema does not map and a
 * user update leaves alone. Every write of an existing user is conditional on the version that was read
 * (optimistic locking).
 */
record UserItem(String id, String email, String name, Integer age, String role, String passwordHash,
    String createdAt, String updatedAt, long version, Boolean emailVerified, Long sessionEpoch,
    String deletingSince) {
  static final String EMAIL_VERIFIED = "emailVerified";
  static final String SESSION_EPOCH = "sessionEpoch";
  static final String PASSWORD_HASH = "passwordHash";
  static final String ROLE = "role";
  /** Set while the user's delete cascades (the post store's mark): no change of the user is accepted then. */
  static final String DELETING = "deleting";

  static final StaticImmutableTableSchema<UserItem, Builder> SCHEMA =
      ItemSchema.of(UserItem.class, Builder.class, Builder::new, Builder::build, u -> TableLayout.user(u.id()))
          .listedIn(Index.GSI1, u -> TableLayout.users(), UserItem::id)
          .listedIn(Index.GSI2, u -> TableLayout.usersWithRole(u.role()), UserItem::id)
          .attribute(String.class, "id", UserItem::id, (b, v) -> b.id = v)
          .attribute(String.class, "email", UserItem::email, (b, v) -> b.email = v)
          .attribute(String.class, "name", UserItem::name, (b, v) -> b.name = v)
          .attribute(Integer.class, "age", UserItem::age, (b, v) -> b.age = v)
          .attribute(String.class, ROLE, UserItem::role, (b, v) -> b.role = v)
          .attribute(String.class, PASSWORD_HASH, UserItem::passwordHash, (b, v) -> b.passwordHash = v)
          .attribute(String.class, "createdAt", UserItem::createdAt, (b, v) -> b.createdAt = v)
          .attribute(String.class, "updatedAt", UserItem::updatedAt, (b, v) -> b.updatedAt = v)
          .attribute(Long.class, Write.VERSION, UserItem::version, (b, v) -> b.version = v)
          .attribute(Boolean.class, EMAIL_VERIFIED, UserItem::emailVerified, (b, v) -> b.emailVerified = v)
          .attribute(Long.class, SESSION_EPOCH, UserItem::sessionEpoch, (b, v) -> b.sessionEpoch = v)
          .attribute(String.class, DELETING, UserItem::deletingSince, (b, v) -> b.deletingSince = v)
          .build();

  /**
   * What a user update may change: profile, role (with its index entry), time and version; never the hash or the
   * session epoch, which their own writes keep (an update read before a logout must not bring old tokens back).
   */
  private static final List<String> PROFILE = List.of("email", "name", "age", ROLE, Index.GSI2.partitionKey(),
      Index.GSI2.sortKey(), "updatedAt", Write.VERSION);

  static UserItem of(User user, String passwordHash) {
    return new UserItem(user.id(), user.email(), user.name(), user.age(), user.role().wire(), passwordHash,
        Times.format(user.createdAt()), Times.format(user.updatedAt()), user.version(), user.emailVerified(),
        user.sessionEpoch(), null);
  }

  User toUser() {
    Role parsed = Role.fromWire(role)
        .orElseThrow(() -> new IllegalStateException("Stored user " + id + " has an unknown role"));
    return new User(id, email, name, age, parsed, Times.parse(createdAt), Times.parse(updatedAt), version,
        Boolean.TRUE.equals(emailVerified), sessionEpoch == null ? 0 : sessionEpoch);
  }

  Credentials credentials() {
    return new Credentials(toUser(), passwordHash);
  }

  /** A new user: fails if the id is taken. */
  static Write create(User user, String passwordHash) {
    return Write.putNew(SCHEMA, of(user, passwordHash));
  }

  /**
   * The profile as it is after a change (an age no longer given is removed), if the version is still the one read
   * and the user is not being deleted (a change then would make the cascade's final, versioned delete fail and
   * leave the user half-deleted). A new address is not verified yet: {@code emailVerified} is written only then, so
   * an update never undoes a verification that happened after its read.
   */
  static Write update(User before, User after) {
    List<String> attributes = new ArrayList<>(PROFILE);
    if (!before.email().equals(after.email())) {
      attributes.add(EMAIL_VERIFIED);
    }
    return Write.update(SCHEMA, of(after, null), attributes).when("#" + Write.VERSION + " = :expected AND "
        + "attribute_not_exists(" + DELETING + ")", Values.of().n(":expected", before.version()));
  }

  boolean deleting() {
    return deletingSince != null;
  }

  /**
   * The mark that stops post writes for a user being deleted; the latest-posts list goes with it, so no
   * batched read shows a post the cascade is about to delete. It also ends every session: from the moment a
   * delete begins, no token of the user passes a check of the stored account.
   */
  static Write markDeleting(User user, Instant at) {
    return Write.update(TableLayout.user(user.id()))
        .set(Values.of().s(DELETING, Times.format(at)).list("latestPostIds", List.of()))
        .add(SESSION_EPOCH, 1)
        .whenVersion(user.version());
  }

  /** Ends every session of an existing user in {@code epoch}: tokens of it and earlier epochs stop passing the checks. */
  static Write endSessions(String userId, long epoch) {
    return Write.update(TableLayout.user(userId)).add(SESSION_EPOCH, 1)
        .when(inEpoch(epoch), epoch == 0 ? Values.of().n(":zero", 0) : Values.of().n(":epoch", epoch));
  }

  /** The user exists and is in {@code epoch} (an item written before epochs were kept is in epoch 0). */
  private static String inEpoch(long epoch) {
    return TableLayout.ITEM_EXISTS + " AND " + (epoch == 0 ? "(attribute_not_exists(#" + SESSION_EPOCH + ") OR #"
        + SESSION_EPOCH + " = :zero)" : "#" + SESSION_EPOCH + " = :epoch");
  }

  /**
   * A new password, which ends every session, only while the stored hash is still {@code verifiedHash} (the one
   * the current password was checked against): a concurrent change or reset wins, not both.
   */
  static Write changePassword(String userId, String verifiedHash, String newHash) {
    return Write.update(TableLayout.user(userId)).set(Values.of().s(PASSWORD_HASH, newHash)).add(SESSION_EPOCH, 1)
        .when("#" + PASSWORD_HASH + " = :verified", Values.of().s(":verified", verifiedHash));
  }

  /**
   * A password reset with a code sent to {@code email}: the new password, every session ended, and the address
   * verified (the code reached it), only while the user still has that address.
   */
  static Write resetPassword(String userId, String email, String newHash) {
    return Write.update(TableLayout.user(userId))
        .set(Values.of().s(PASSWORD_HASH, newHash).bool(EMAIL_VERIFIED, true)).add(SESSION_EPOCH, 1)
        .when("#email = :sentTo", Values.of().s(":sentTo", email));
  }

  /** The address confirmed with the code sent to it, only while the user still has that address. */
  static Write verifyEmail(String userId, String email) {
    return Write.update(TableLayout.user(userId)).set(Values.of().bool(EMAIL_VERIFIED, true))
        .when("#email = :sentTo", Values.of().s(":sentTo", email));
  }

  static Write delete(User user) {
    return Write.delete(TableLayout.user(user.id())).whenVersion(user.version());
  }

  /** What the Enhanced Client fills when it reads a user. */
  static final class Builder {
    private String id;
    private String email;
    private String name;
    private Integer age;
    private String role;
    private String passwordHash;
    private String createdAt;
    private String updatedAt;
    private Long version;
    private Boolean emailVerified;
    private Long sessionEpoch;
    private String deletingSince;

    UserItem build() {
      return new UserItem(id, email, name, age, role, passwordHash, createdAt, updatedAt, version, emailVerified,
          sessionEpoch, deletingSince);
    }
  }
}
