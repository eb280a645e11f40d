package dev.blog.core.security;

import dev.blog.core.error.DomainException.Forbidden;
import java.util.Set;

/**
 * Who is calling, as the authorizer established it. Every per-route rule is expressed with these few
 * checks so that REST and GraphQL enforce one set of rules.
 */
public record Caller(String userId, Role role) {

  public boolean is(Role... allowed) {
    for (Role r : allowed) {
      if (r == role) {
        return true;
      }
    }
    return false;
  }

  public boolean isSelf(String id) {
    return userId.equals(id);
  }

  /** Staff may see and manage what others cannot. */
  public boolean isStaff() {
    return is(Role.MODERATOR, Role.ADMIN);
  }

  /** Forbidden unless the caller has one of the roles. */
  public void require(Role... allowed) {
    if (!is(allowed)) {
      throw new Forbidden("This action needs the role " + describe(Set.of(allowed)));
    }
  }

  /** Forbidden unless the caller is the user {@code id} or has one of the roles. */
  public void requireSelfOr(String id, Role... allowed) {
    if (!isSelf(id) && !is(allowed)) {
      throw new Forbidden("Only the user themselves or the role " + describe(Set.of(allowed))
          + " may do this");
    }
  }

  private static String describe(Set<Role> roles) {
    return roles.stream().map(Role::wire).sorted().reduce((a, b) -> a + " or " + b).orElse("(none)");
  }
}
