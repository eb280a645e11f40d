package dev.blog.core.user;

import dev.blog.core.security.Role;
import java.time.Instant;

/** A stored user, without credentials. {@code age} is null when the user gave none. */
public record User(String id, String email, String name, Integer age, Role role, Instant createdAt,
    Instant updatedAt, long version) {}
