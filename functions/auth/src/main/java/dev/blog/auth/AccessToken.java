package dev.blog.auth;

import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import java.time.Instant;

/** What a verified access token says: whose it is, the role it was issued with, and when it expires. */
public record AccessToken(String userId, Role role, Instant expiresAt) {
  public Caller caller() {
    return new Caller(userId, role);
  }
}
