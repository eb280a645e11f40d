package dev.blog.core.outbox;

import dev.blog.core.mail.EmailMessage;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Write;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The transactional outbox: an email to queue, written in the same DynamoDB transaction as the change
 * that causes it, so that it exists if and only if the change does. The table's stream carries each new
 * outbox item to the OutboxRelay function, which puts it on the email queue (at least once; the worker's
 * idempotency key makes that exactly once in effect). Items expire by TTL once they have done their job.
 * See https://docs.aws.amazon.com/prescriptive-guidance/latest/cloud-design-patterns/transactional-outbox.html
 *
 * <p>The outbox item's stored form is {@link OutboxItem}, mapped by its static schema both ways: writers add
 * {@link #put} to their transaction, the relay reads stream images with {@link #emailIn}; neither sees the item.
 */
public final class Outbox {
  /** Long enough for the stream (24 h retention) and any retry; short enough to keep the table clean. */
  static final Duration KEEP = Duration.ofDays(2);

  private Outbox() {}

  /** The transaction step that queues {@code email}; {@code now} starts its time to live. */
  public static Write put(EmailMessage email, Instant now) {
    return Write.putNew(OutboxItem.SCHEMA, new OutboxItem(email.idempotencyKey(), email.to(), email.subject(),
        email.text(), now.plus(KEEP).getEpochSecond()));
  }

  /** The email an item carries, given the item's string attributes (a stream record's new image); empty if it is no outbox item. */
  public static Optional<EmailMessage> emailIn(Map<String, String> item) {
    if (!TableLayout.OUTBOX_SK.equals(item.get(TableLayout.SK))) {
      return Optional.empty();
    }
    Map<String, AttributeValue> image = new HashMap<>();
    item.forEach((name, value) -> image.put(name, AttributeValue.fromS(value)));
    return Optional.ofNullable(OutboxItem.SCHEMA.mapToItem(image)).map(OutboxItem::email);
  }
}
