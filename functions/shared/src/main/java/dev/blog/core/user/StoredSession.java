package dev.blog.core.user;

import dev.blog.core.security.Role;

/** What the authorizer needs of a stored user, and no more: their role and their current session epoch. */
public record StoredSession(Role role, long sessionEpoch) {}
