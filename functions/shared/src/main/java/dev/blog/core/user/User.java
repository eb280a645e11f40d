package dev.blog.core.user;

import dev.blog.core.security.Role;
import java.time.Instant;

/**
 * A stored user, without credentials. {@code age} is null when the user gave none. {@code emailVerified} says
 * whether the address was confirmed with the code sent to it. {@code sessionEpoch} counts the times every
 * session of the user was ended (logout, password change or reset, the start of a delete): a token carries the
 * epoch it was issued in and is valid only while that is still the stored one. Neither changes {@code version}:
 * they are not part of the resource a client edits with If-Match.
 */
public record User(String id, String email, String name, Integer age, Role role, Instant createdAt,
    Instant updatedAt, long version, boolean emailVerified, long sessionEpoch) {

  /** A user whose address is not verified yet, in their first session epoch. */
  public User(String id, String email, String name, Integer age, Role role, Instant createdAt, Instant updatedAt,
      long version) {
    this(id, email, name, age, role, createdAt, updatedAt, version, false, 0);
  }
}
