package dev.blog.core.outbox;

import dev.blog.core.mail.EmailMessage;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Times;
import dev.blog.core.store.Write;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The transactional outbox: an email to queue, written in the same DynamoDB transaction as the change that causes
 * it, so that it exists if and only if the change does. It lives in a table of its own (the outbox table), whose
 * stream carries each new item to the OutboxRelay function, which puts it on the email queue and marks it relayed;
 * an item the stream could not relay stays pending until the OutboxSweeper function relays it ({@link OutboxStore}).
 * Relayed at least once; the worker's idempotency key makes that exactly once in effect.
 * See https://docs.aws.amazon.com/prescriptive-guidance/latest/cloud-design-patterns/transactional-outbox.html
 *
 * <p>The outbox item's stored form is {@link OutboxItem}, mapped by its static schema both ways: writers add
 * {@link #put} to their transaction, the relay reads stream images with {@link #emailIn}; neither sees the item.
 */
public final class Outbox {
  private Outbox() {}

  /** The transaction step that queues {@code email}, pending from {@code now} until relayed. */
  public static Write put(EmailMessage email, Instant now) {
    return Write.putNew(OutboxItem.SCHEMA, new OutboxItem(email.idempotencyKey(), email.to(), email.subject(),
        email.text(), Times.format(now), true, null, null)).in(TableLayout.Table.OUTBOX);
  }

  /**
   * The email an outbox item carries, given its string attributes (a stream record's new image); empty if it is
   * no outbox item at all, an IllegalArgumentException naming what is missing if it is one that carries no email.
   */
  public static Optional<EmailMessage> emailIn(Map<String, String> item) {
    if (!TableLayout.OUTBOX_SK.equals(item.get(TableLayout.SK))) {
      return Optional.empty();
    }
    Map<String, AttributeValue> image = new HashMap<>();
    item.forEach((name, value) -> image.put(name, AttributeValue.fromS(value)));
    return Optional.of(OutboxItem.SCHEMA.mapToItem(image).email());
  }

  /** The idempotency key of an outbox item's image (its key), or empty when it has none. */
  public static Optional<String> keyOf(Map<String, String> item) {
    String pk = item.get(TableLayout.PK);
    String prefix = TableLayout.outbox("").pk();
    return pk != null && pk.startsWith(prefix) ? Optional.of(pk.substring(prefix.length())) : Optional.empty();
  }
}
