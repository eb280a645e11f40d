package dev.blog.core.user;

import dev.blog.core.security.Role;
import dev.blog.core.store.Times;

/** The two shapes of a user on the wire: full (self, moderators, admins) and public (everyone else). */
public final class UserViews {
  private UserViews() {}

  public record FullUser(String id, String email, boolean emailVerified, String name, Integer age, Role role,
      String createdAt, String updatedAt, long version) {}

  public record PublicUser(String id, String name, Role role, String createdAt) {}

  public static FullUser full(User u) {
    return new FullUser(u.id(), u.email(), u.emailVerified(), u.name(), u.age(), u.role(), Times.format(u.createdAt()),
        Times.format(u.updatedAt()), u.version());
  }

  public static PublicUser publicView(User u) {
    return new PublicUser(u.id(), u.name(), u.role(), Times.format(u.createdAt()));
  }
}
