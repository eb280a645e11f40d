package dev.blog.core.security;

import java.util.Optional;

/**
 * Whether a token's session is still live, read from the store: the user exists and is still in the session
 * epoch the token was issued in. The authorizer asks this for every token the gateway has not cached; a function
 * asks it itself when the authorizer could not (the store was throttled, failing or hanging then), before it does
 * anything else. A store fault is the domain's {@code Unavailable}, never a guess either way.
 */
@FunctionalInterface
public interface SessionCheck {
  /** The stored role of a live session; empty when the session has ended (logout, password change, deletion). */
  Optional<Role> liveRole(String userId, long sessionEpoch);
}
