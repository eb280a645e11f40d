package dev.blog.core.security;

/**
 * The caller as the store knows them now. Moderator and admin actions rest on this, never on the token's
 * {@code role} alone: a demoted or deleted admin's token, or one whose session has ended, may do nothing
 * privileged from the very next request. One strongly consistent read of the caller's user item.
 */
@FunctionalInterface
public interface StoredCallers {
  /**
   * The caller with their stored role; {@code Unauthenticated} when their account is gone, is being deleted, or
   * their session has ended since the token was issued.
   */
  Caller current(Caller caller);

  /**
   * The stored caller, if their token claims one of {@code roles} (no read otherwise: a token that does not even
   * claim the role is turned down at once), who must still have one of them.
   */
  default Caller require(Caller caller, Role... roles) {
    caller.require(roles);
    return current(caller).require(roles);
  }
}
