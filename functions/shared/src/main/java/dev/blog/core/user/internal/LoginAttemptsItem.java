package dev.blog.core.user.internal;

import dev.blog.core.store.ItemSchema;
import dev.blog.core.store.TableLayout;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The password attempts against one account from one client address ({@link TableLayout#loginAttempts}), or from
 * all addresses ({@link TableLayout#loginAttemptsOfAccount}) (docs/data-design.md): how many attempts the current
 * window holds (reserved before each check; a passing check gives its reservation back), when the window opened
 * and when the last attempt was reserved, in epoch milliseconds; {@code expiresAt} in epoch seconds (TTL). The key
 * is not an attribute: it is null in an item read back.
 */
record LoginAttemptsItem(TableLayout.Key key, long attempts, long windowStart, long lastAttempt, long expiresAt) {
  static final String ATTEMPTS = "attempts";
  static final String WINDOW_START = "windowStart";
  static final String LAST_ATTEMPT = "lastAttempt";
  static final String EXPIRES_AT = "expiresAt";
  static final StaticImmutableTableSchema<LoginAttemptsItem, Builder> SCHEMA = ItemSchema.of(LoginAttemptsItem.class,
          Builder.class, Builder::new, Builder::build, LoginAttemptsItem::key)
      .attribute(Long.class, ATTEMPTS, LoginAttemptsItem::attempts, (b, v) -> b.attempts = v)
      .attribute(Long.class, WINDOW_START, LoginAttemptsItem::windowStart, (b, v) -> b.windowStart = v)
      .attribute(Long.class, LAST_ATTEMPT, LoginAttemptsItem::lastAttempt, (b, v) -> b.lastAttempt = v)
      .attribute(Long.class, EXPIRES_AT, LoginAttemptsItem::expiresAt, (b, v) -> b.expiresAt = v)
      .build();

  /** What the Enhanced Client fills when it reads the attempts. */
  static final class Builder {
    private long attempts;
    private long windowStart;
    private long lastAttempt;
    private long expiresAt;

    LoginAttemptsItem build() {
      return new LoginAttemptsItem(null, attempts, windowStart, lastAttempt, expiresAt);
    }
  }
}
