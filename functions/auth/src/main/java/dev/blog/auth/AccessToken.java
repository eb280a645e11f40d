package dev.blog.auth;

import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import java.time.Instant;

/**
 * What a verified access token says: whose it is, the role it was issued with, when it expires, and the session
 * epoch of its user when it was issued (it works only while that is the stored one).
 */
public record AccessToken(String userId, Role role, Instant expiresAt, long sessionEpoch) {
  /** The claim that carries the session epoch. */
  public static final String SESSION_EPOCH = "sessionEpoch";

  public Caller caller() {
    return new Caller(userId, role, sessionEpoch, null);
  }
}
