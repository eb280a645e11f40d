package dev.blog.core.user.internal;

import static dev.blog.core.user.internal.LoginAttemptsItem.ATTEMPTS;
import static dev.blog.core.user.internal.LoginAttemptsItem.EXPIRES_AT;
import static dev.blog.core.user.internal.LoginAttemptsItem.LAST_ATTEMPT;
import static dev.blog.core.user.internal.LoginAttemptsItem.WINDOW_START;

import dev.blog.core.error.DomainException.Locked;
import dev.blog.core.error.DomainException.Unavailable;
import dev.blog.core.store.Items;
import dev.blog.core.store.Store;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import dev.blog.core.user.PasswordAttempts;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@link PasswordAttempts} on the table: 5 attempts from one address within 15 minutes lock that pair for 15
 * minutes, 50 from all addresses together lock the account for everyone
 * (https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#account-lockout), so a stranger
 * guessing from one address cannot keep the owner out, and a botnet cannot guess forever. Each attempt is
 * reserved with a conditional write before the password is checked: of 20 parallel guesses, 5 are checked.
 */
public final class LoginAttempts implements PasswordAttempts {
  public static final int PER_ADDRESS = 5;
  public static final int PER_ACCOUNT = 50;
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final Duration LOCKOUT = Duration.ofMinutes(15);
  /** Reservations racing to open a window settle within a few tries. */
  private static final int TRIES = 4;

  private final Store store;
  private final Items<LoginAttemptsItem> attempts;

  public LoginAttempts(Store store) {
    this.store = store;
    this.attempts = store.items(LoginAttemptsItem.SCHEMA);
  }

  @Override
  public boolean check(String account, String sourceIp, Instant now, BooleanSupplier check) {
    TableLayout.Key pair = TableLayout.loginAttempts(account, source(sourceIp));
    TableLayout.Key whole = TableLayout.loginAttemptsOfAccount(account);
    reserve(pair, PER_ADDRESS, now);
    try {
      reserve(whole, PER_ACCOUNT, now);
    } catch (Locked locked) {
      release(pair); // not checked, so not counted against the pair
      throw locked;
    }
    boolean passed = check.getAsBoolean();
    if (passed) {
      store.apply(Write.delete(pair)); // the owner, from their address, starts afresh
      release(whole); // only their own attempt: the others' failures still count against the account
    }
    return passed;
  }

  @Override
  public void clear(String account, String sourceIp) {
    store.apply(Write.delete(TableLayout.loginAttemptsOfAccount(account)));
    store.apply(Write.delete(TableLayout.loginAttempts(account, source(sourceIp))));
  }

  /** Counts one attempt in {@code key}'s window, or throws {@link Locked} when the window is full. */
  private void reserve(TableLayout.Key key, int max, Instant now) {
    long nowMs = now.toEpochMilli();
    Values limits = Values.of().n(":opened", nowMs - WINDOW.toMillis()).n(":max", max)
        .n(":lockOpened", nowMs - LOCKOUT.toMillis());
    long expires = (nowMs + WINDOW.plus(LOCKOUT).toMillis()) / 1000;
    for (int attempt = 0; attempt < TRIES; attempt++) {
      // Inside an open window with room left: one more attempt.
      if (store.apply(Write.update(key).add(ATTEMPTS, 1)
          .set(Values.of().n(LAST_ATTEMPT, nowMs).n(EXPIRES_AT, expires))
          .when("#" + WINDOW_START + " > :opened AND #" + ATTEMPTS + " < :max",
              Values.of().n(":opened", nowMs - WINDOW.toMillis()).n(":max", max)))) {
        return;
      }
      // No window, an old one with room, or a full one whose lock has passed: a new window with this attempt.
      Store.Outcome<LoginAttemptsItem> opened = store.applyAndRead(Write.put(LoginAttemptsItem.SCHEMA,
              new LoginAttemptsItem(key, 1, nowMs, nowMs, expires))
          .when(TableLayout.ITEM_ABSENT + " OR (#" + ATTEMPTS + " < :max AND #" + WINDOW_START + " <= :opened)"
              + " OR (#" + ATTEMPTS + " >= :max AND #" + LAST_ATTEMPT + " <= :lockOpened)", limits),
          LoginAttemptsItem.SCHEMA);
      if (opened.applied()) {
        return;
      }
      Optional<LoginAttemptsItem> stored = opened.item().or(() -> attempts.get(key));
      if (stored.isPresent() && stored.get().attempts() >= max
          && stored.get().lastAttempt() > nowMs - LOCKOUT.toMillis()) {
        throw new Locked("Too many failed attempts; try again later",
            Duration.ofMillis(stored.get().lastAttempt() + LOCKOUT.toMillis() - nowMs));
      }
      // Another request changed the window between our two writes: count again.
    }
    throw new Unavailable("Too many attempts at once; try again", Duration.ofSeconds(1));
  }

  /** Gives one reservation back. */
  private void release(TableLayout.Key key) {
    store.apply(Write.update(key).add(ATTEMPTS, -1).when("#" + ATTEMPTS + " > :none", Values.of().n(":none", 0)));
  }

  /** The address as the gateway gave it; a call without one (a test, a direct invoke) counts as one unknown address. */
  private static String source(String sourceIp) {
    return sourceIp == null || sourceIp.isBlank() ? "unknown" : sourceIp;
  }
}
