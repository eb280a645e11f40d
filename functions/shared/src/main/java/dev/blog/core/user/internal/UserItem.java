package dev.blog.core.user.internal;

import dev.blog.core.security.Role;
import dev.blog.core.store.Attributes;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Times;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import dev.blog.core.user.Credentials;
import dev.blog.core.user.User;
import java.time.Instant;
import java.util.List;

/**
 * The stored form of a user (README, "Data design"): key {@link TableLayout#user}, listed newest first in
 * {@link TableLayout#users} and by role in {@link TableLayout#usersWithRole}. The post store keeps its own
 * attributes on the same item (the author's counters and latest posts), which a user update leaves alone.
 * Every write of an existing user is conditional on the version that was read (optimistic locking).
 */
final class UserItem {
  private static final String AGE = "age";
  private static final String UNCHANGED = "version = :expected";

  private UserItem() {}

  /** A new user: fails if the id is taken. */
  static Write create(User user, String passwordHash) {
    return Write.putNew(profile(user, Values.item(TableLayout.user(user.id())))
        .all(TableLayout.users().entry(user.id()))
        .s("id", user.id())
        .s("passwordHash", passwordHash)
        .s("createdAt", Times.format(user.createdAt()))
        .n(AGE, user.age())
        .map());
  }

  /** Replaces what a user update may change, never the password hash or the post store's attributes. */
  static Write update(User before, User after) {
    Write update = Write.update(TableLayout.user(before.id())).set(profile(after, Values.of().n(AGE, after.age())));
    return (after.age() == null ? update.remove(AGE) : update).when(UNCHANGED, expected(before));
  }

  /**
   * The mark that stops post writes for a user being deleted; the latest-posts list goes with it, so no
   * batched read shows a post the cascade is about to delete.
   */
  static Write markDeleting(User user, Instant at) {
    return Write.update(TableLayout.user(user.id()))
        .set(Values.of().s("deleting", Times.format(at)).list("latestPostIds", List.of()))
        .when(UNCHANGED, expected(user));
  }

  static Write delete(User user) {
    return Write.delete(TableLayout.user(user.id())).when(UNCHANGED, expected(user));
  }

  static User read(Attributes item) {
    String id = item.s("id");
    Role role = Role.fromWire(item.s("role"))
        .orElseThrow(() -> new IllegalStateException("Stored user " + id + " has an unknown role"));
    return new User(id, item.s("email"), item.s("name"), item.integer(AGE), role, Times.parse(item.s("createdAt")),
        Times.parse(item.s("updatedAt")), item.n("version"));
  }

  static Credentials credentials(Attributes item) {
    return new Credentials(read(item), item.s("passwordHash"));
  }

  /** Everything an update can change: profile, role (with its index entry), time and version. */
  private static Values profile(User user, Values into) {
    return into.all(TableLayout.usersWithRole(user.role().wire()).entry(user.id()))
        .s("email", user.email())
        .s("name", user.name())
        .s("role", user.role().wire())
        .s("updatedAt", Times.format(user.updatedAt()))
        .n("version", user.version());
  }

  private static Values expected(User user) {
    return Values.of().n(":expected", user.version());
  }
}
