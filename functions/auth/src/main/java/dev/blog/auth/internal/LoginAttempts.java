package dev.blog.auth.internal;

import static dev.blog.auth.internal.LoginAttemptsItem.EXPIRES_AT;
import static dev.blog.auth.internal.LoginAttemptsItem.FAILURES;
import static dev.blog.auth.internal.LoginAttemptsItem.LOCKED_UNTIL;
import static dev.blog.auth.internal.LoginAttemptsItem.WINDOW_START;

import dev.blog.core.store.Items;
import dev.blog.core.store.Store;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed logins per account (the lower-cased email, known or not, so the answer tells nothing about
 * existence): 5 failures inside a 15-minute window lock the account for 15 minutes
 * (https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#account-lockout).
 * Item: {@link LoginAttemptsItem}; DynamoDB's TTL removes it once irrelevant.
 * Counting uses atomic conditional updates, so parallel guesses cannot slip past the limit.
 */
public final class LoginAttempts {
  public static final int MAX_FAILURES = 5;
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final Duration LOCKOUT = Duration.ofMinutes(15);

  private final Store store;
  private final Items<LoginAttemptsItem> attempts;

  public LoginAttempts(Store store) {
    this.store = store;
    this.attempts = store.items(LoginAttemptsItem.SCHEMA);
  }

  /** How long the account stays locked, if it is locked now. */
  public Optional<Duration> lockedFor(String email, Instant now) {
    return attempts.get(TableLayout.loginAttempts(email))
        .map(LoginAttemptsItem::lockedUntil)
        .map(until -> Duration.ofMillis(until - now.toEpochMilli()))
        .filter(remaining -> remaining.isPositive());
  }

  /** Counts one failure; the one that reaches the limit locks the account. */
  public void recordFailure(String email, Instant now) {
    long nowMs = now.toEpochMilli();
    Values opened = Values.of().n(":opened", nowMs - WINDOW.toMillis());
    for (int attempt = 0; attempt < 3; attempt++) {
      // Inside an open window: one more failure.
      Store.Outcome<LoginAttemptsItem> counted = store.applyAndRead(Write.update(TableLayout.loginAttempts(email))
          .add(FAILURES, 1).when(WINDOW_START + " > :opened", opened), LoginAttemptsItem.SCHEMA);
      if (counted.applied()) {
        if (counted.item().map(LoginAttemptsItem::failures).orElse(0L) >= MAX_FAILURES) {
          lock(email, nowMs);
        }
        return;
      }
      // No window, or an old one: open a new window with this failure, unless another request just did.
      Write newWindow = Write.put(LoginAttemptsItem.SCHEMA,
              new LoginAttemptsItem(email, 1, nowMs, null, (nowMs + WINDOW.plus(LOCKOUT).toMillis()) / 1000))
          .when(TableLayout.ITEM_ABSENT + " OR " + WINDOW_START + " <= :opened", opened);
      if (store.apply(newWindow)) {
        return;
      }
      // Someone opened the window between our two writes: count in it.
    }
  }

  private void lock(String email, long nowMs) {
    long until = nowMs + LOCKOUT.toMillis();
    store.apply(Write.update(TableLayout.loginAttempts(email))
        .set(Values.of().n(LOCKED_UNTIL, until).n(EXPIRES_AT, until / 1000 + WINDOW.toSeconds())));
  }

  /** A successful login starts the count again. */
  public void clear(String email) {
    store.apply(Write.delete(TableLayout.loginAttempts(email)));
  }
}
