package dev.blog.core.outbox;

import dev.blog.core.mail.EmailMessage;
import dev.blog.core.store.Items;
import dev.blog.core.store.Store;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Times;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay's side of the outbox table: marks an item relayed once the queue has it (it leaves the pending listing
 * and expires two days later), and lists what is still pending, for the sweeper.
 */
public final class OutboxStore {
  /** A relayed item is kept this long (then TTL deletes it): enough to look into what was sent. */
  static final Duration KEEP_RELAYED = Duration.ofDays(2);

  /** One pending item: its key, and its email, or what makes it no email. */
  public record Pending(String key, Instant createdAt, EmailMessage email, String problem) {}

  private final Store store;
  private final Items<OutboxItem> items;

  public OutboxStore(Store store) {
    this.store = store;
    this.items = store.items(OutboxItem.SCHEMA, TableLayout.Table.OUTBOX);
  }

  /** The queue has the email: it is no longer pending. An item already gone (expired) is left gone. */
  public void markRelayed(String key, Instant now) {
    store.apply(Write.update(TableLayout.outbox(key)).in(TableLayout.Table.OUTBOX)
        .set(Values.of().s(OutboxItem.RELAYED_AT, Times.format(now))
            .n(OutboxItem.EXPIRES_AT, now.plus(KEEP_RELAYED).getEpochSecond()))
        .remove(TableLayout.Index.GSI1.partitionKey(), TableLayout.Index.GSI1.sortKey())
        .when(TableLayout.ITEM_EXISTS));
  }

  /** The items pending since before {@code before} (the index is eventually consistent: a relayed one may show). */
  public List<Pending> pendingSince(Instant before) {
    List<Pending> found = new ArrayList<>();
    items.forEach(TableLayout.pendingOutbox(), item -> {
      Instant created = item.createdAt() == null ? Instant.EPOCH : Times.parse(item.createdAt());
      if (created.isBefore(before)) {
        found.add(pending(item, created));
      }
    });
    return found;
  }

  private static Pending pending(OutboxItem item, Instant created) {
    try {
      return new Pending(item.idempotencyKey(), created, item.email(), null);
    } catch (IllegalArgumentException e) {
      return new Pending(item.idempotencyKey(), created, null, e.getMessage());
    }
  }
}
