package dev.blog.core.user;

import dev.blog.core.error.DomainException.Unauthenticated;
import dev.blog.core.security.Caller;
import dev.blog.core.security.StoredCallers;
import java.util.Optional;

/**
 * {@link StoredCallers} on the user store: the caller's user item, strongly consistent, must exist and still be in
 * the session epoch the caller's token was issued in; its stored role is the caller's role from then on.
 */
public final class Sessions implements StoredCallers {
  private final UserRepository users;

  public Sessions(UserRepository users) {
    this.users = users;
  }

  @Override
  public Caller current(Caller caller) {
    return caller.withRole(live(caller, users.find(caller.userId())).role());
  }

  /** The stored user behind a caller, while the caller's session is live: 401 once it has ended or the user is gone. */
  public static User live(Caller caller, Optional<User> stored) {
    return stored.filter(user -> user.sessionEpoch() == caller.sessionEpoch()).orElseThrow(Sessions::ended);
  }

  public static Unauthenticated ended() {
    return new Unauthenticated("Your session has ended; log in again");
  }
}
