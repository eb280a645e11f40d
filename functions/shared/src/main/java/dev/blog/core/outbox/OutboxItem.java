package dev.blog.core.outbox;

import dev.blog.core.mail.EmailMessage;
import dev.blog.core.store.ItemSchema;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.TableLayout.Index;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The stored form of an email in the outbox table (docs/data-design.md): key {@link TableLayout#outbox}; listed
 * in {@link TableLayout#pendingOutbox} until the relay has queued it; then marked {@code relayedAt} and expiring
 * by TTL ({@code expiresAt}, epoch seconds). A pending item has no time to live: it waits as long as the queue is
 * out of reach. Only {@link Outbox} and {@link OutboxStore} see it.
 */
record OutboxItem(String idempotencyKey, String to, String subject, String text, String createdAt, boolean pending,
    String relayedAt, Long expiresAt) {
  static final String CREATED_AT = "createdAt";
  static final String RELAYED_AT = "relayedAt";
  static final String EXPIRES_AT = "expiresAt";
  static final StaticImmutableTableSchema<OutboxItem, Builder> SCHEMA = ItemSchema.of(OutboxItem.class, Builder.class,
          Builder::new, Builder::build, o -> TableLayout.outbox(o.idempotencyKey()))
      .listedIn(Index.GSI1, o -> o.pending() ? TableLayout.pendingOutbox() : null, OutboxItem::idempotencyKey)
      .attribute(String.class, "kind", o -> "email", (b, v) -> { }) // the one kind of message today, not read back
      .attribute(String.class, "idempotencyKey", OutboxItem::idempotencyKey, (b, v) -> b.idempotencyKey = v)
      .attribute(String.class, "to", OutboxItem::to, (b, v) -> b.to = v)
      .attribute(String.class, "subject", OutboxItem::subject, (b, v) -> b.subject = v)
      .attribute(String.class, "text", OutboxItem::text, (b, v) -> b.text = v)
      .attribute(String.class, CREATED_AT, OutboxItem::createdAt, (b, v) -> b.createdAt = v)
      .attribute(String.class, RELAYED_AT, OutboxItem::relayedAt, (b, v) -> b.relayedAt = v)
      .attribute(Long.class, EXPIRES_AT, OutboxItem::expiresAt, (b, v) -> b.expiresAt = v)
      .build();

  /** The email it carries; an IllegalArgumentException names what is missing from an item that is no email. */
  EmailMessage email() {
    return new EmailMessage(idempotencyKey, to, subject, text);
  }

  /** What the Enhanced Client fills when it reads an outbox item (from the table, or a stream record's image). */
  static final class Builder {
    private String idempotencyKey;
    private String to;
    private String subject;
    private String text;
    private String createdAt;
    private String relayedAt;
    private Long expiresAt;

    OutboxItem build() {
      // Listed as pending is written from the item and not read back; an item read is pending until relayed.
      return new OutboxItem(idempotencyKey, to, subject, text, createdAt, relayedAt == null, relayedAt, expiresAt);
    }
  }
}
