package dev.blog.jobs.internal;

import dev.blog.core.store.ItemSchema;
import dev.blog.core.store.TableLayout;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The worker's record of one email's idempotency key (docs/data-design.md): key {@link TableLayout#idempotency},
 * {@code lockedUntil} in epoch milliseconds while IN_PROGRESS, {@code expiresAt} in epoch seconds (TTL). The
 * idempotency key is the item's key only, not an attribute: it is null in a record read back.
 */
record IdempotencyRecord(String key, String status, Long lockedUntil, long expiresAt) {
  static final String STATUS = "status";
  static final String LOCKED_UNTIL = "lockedUntil";
  static final String EXPIRES_AT = "expiresAt";
  static final StaticImmutableTableSchema<IdempotencyRecord, Builder> SCHEMA = ItemSchema.of(IdempotencyRecord.class,
          Builder.class, Builder::new, Builder::build, r -> TableLayout.idempotency(r.key()))
      .attribute(String.class, STATUS, IdempotencyRecord::status, (b, v) -> b.status = v)
      .attribute(Long.class, LOCKED_UNTIL, IdempotencyRecord::lockedUntil, (b, v) -> b.lockedUntil = v)
      .attribute(Long.class, EXPIRES_AT, IdempotencyRecord::expiresAt, (b, v) -> b.expiresAt = v)
      .build();

  /** What the Enhanced Client fills when it reads a record. */
  static final class Builder {
    private String status;
    private Long lockedUntil;
    private long expiresAt;

    IdempotencyRecord build() {
      return new IdempotencyRecord(null, status, lockedUntil, expiresAt);
    }
  }
}
