package dev.blog.core.security;

import dev.blog.core.error.DomainException.Forbidden;
import java.util.Set;

/**
 * Who is calling, as the authorizer established it: the token's subject, the role the authorizer read, the
 * session epoch the token was issued in, and the client address the request came from (the gateway's
 * {@code sourceIp}; null where there is none, as in a test or a command line). Every per-route rule is expressed with these few checks so that REST
 * and GraphQL enforce one set of rules. The role here is what the token (or the authorizer's cached answer)
 * says: a moderator or admin action rests on the stored account instead ({@link StoredCallers}).
 */
public record Caller(String userId, Role role, long sessionEpoch, String sourceIp) {

  /** A caller in the first session epoch of their account. */
  public Caller(String userId, Role role) {
    this(userId, role, 0, null);
  }

  /** The same caller as the store knows them now: its stored role. */
  public Caller withRole(Role stored) {
    return new Caller(userId, stored, sessionEpoch, sourceIp);
  }

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
  public Caller require(Role... allowed) {
    if (!is(allowed)) {
      throw new Forbidden("This action needs the role " + describe(Set.of(allowed)));
    }
    return this;
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
