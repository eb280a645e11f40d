package dev.blog.core.outbox;

import dev.blog.core.mail.EmailMessage;
import dev.blog.core.store.ItemSchema;
import dev.blog.core.store.TableLayout;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The stored form of an email in the outbox (README, "Data design"): key {@link TableLayout#outbox}, expiring by
 * TTL ({@code expiresAt}, epoch seconds). Only {@link Outbox} sees it.
 */
record OutboxItem(String idempotencyKey, String to, String subject, String text, Long expiresAt) {
  static final StaticImmutableTableSchema<OutboxItem, Builder> SCHEMA = ItemSchema.of(OutboxItem.class, Builder.class,
          Builder::new, Builder::build, o -> TableLayout.outbox(o.idempotencyKey()))
      .attribute(String.class, "kind", o -> "email", (b, v) -> { }) // the one kind of message today, not read back
      .attribute(String.class, "idempotencyKey", OutboxItem::idempotencyKey, (b, v) -> b.idempotencyKey = v)
      .attribute(String.class, "to", OutboxItem::to, (b, v) -> b.to = v)
      .attribute(String.class, "subject", OutboxItem::subject, (b, v) -> b.subject = v)
      .attribute(String.class, "text", OutboxItem::text, (b, v) -> b.text = v)
      .attribute(Long.class, "expiresAt", OutboxItem::expiresAt, (b, v) -> b.expiresAt = v)
      .build();

  EmailMessage email() {
    return new EmailMessage(idempotencyKey, to, subject, text);
  }

  /** What the Enhanced Client fills when it reads an outbox item (here: from a stream record's new image). */
  static final class Builder {
    private String idempotencyKey;
    private String to;
    private String subject;
    private String text;
    private Long expiresAt;

    OutboxItem build() {
      return new OutboxItem(idempotencyKey, to, subject, text, expiresAt);
    }
  }
}
