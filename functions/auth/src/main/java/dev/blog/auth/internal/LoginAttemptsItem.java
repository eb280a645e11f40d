package dev.blog.auth.internal;

import dev.blog.core.store.ItemSchema;
import dev.blog.core.store.TableLayout;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The stored failed logins of one account (README, "Data design"): key {@link TableLayout#loginAttempts}, times
 * in epoch milliseconds, {@code expiresAt} in epoch seconds (TTL). The email is the key only, not an attribute:
 * it is null in an item read back.
 */
record LoginAttemptsItem(String email, long failures, long windowStart, Long lockedUntil, long expiresAt) {
  static final String FAILURES = "failures";
  static final String WINDOW_START = "windowStart";
  static final String LOCKED_UNTIL = "lockedUntil";
  static final String EXPIRES_AT = "expiresAt";
  static final StaticImmutableTableSchema<LoginAttemptsItem, Builder> SCHEMA = ItemSchema.of(LoginAttemptsItem.class,
          Builder.class, Builder::new, Builder::build, a -> TableLayout.loginAttempts(a.email()))
      .attribute(Long.class, FAILURES, LoginAttemptsItem::failures, (b, v) -> b.failures = v)
      .attribute(Long.class, WINDOW_START, LoginAttemptsItem::windowStart, (b, v) -> b.windowStart = v)
      .attribute(Long.class, LOCKED_UNTIL, LoginAttemptsItem::lockedUntil, (b, v) -> b.lockedUntil = v)
      .attribute(Long.class, EXPIRES_AT, LoginAttemptsItem::expiresAt, (b, v) -> b.expiresAt = v)
      .build();

  /** What the Enhanced Client fills when it reads the attempts. */
  static final class Builder {
    private long failures;
    private long windowStart;
    private Long lockedUntil;
    private long expiresAt;

    LoginAttemptsItem build() {
      return new LoginAttemptsItem(null, failures, windowStart, lockedUntil, expiresAt);
    }
  }
}
