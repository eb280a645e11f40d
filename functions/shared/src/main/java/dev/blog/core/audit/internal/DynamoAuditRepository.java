package dev.blog.core.audit.internal;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.audit.AuditRepository;
import dev.blog.core.store.Ids;
import dev.blog.core.store.Items;
import dev.blog.core.store.Page;
import dev.blog.core.store.Store;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Write;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The audit log on its two listings: every entry ({@code gsi1}), or one target's ({@code gsi2}). */
public final class DynamoAuditRepository implements AuditRepository {
  private final Items<AuditItem> entries;

  public DynamoAuditRepository(Store store) {
    this.entries = store.items(AuditItem.SCHEMA);
  }

  /**
   * The transaction step that records {@code entry}, for the user and post stores to add to the change it
   * records: a new item, so an id is never recorded twice. Nothing else writes audit entries.
   */
  public static Write record(AuditEntry entry) {
    return Write.putNew(AuditItem.SCHEMA, AuditItem.of(entry));
  }

  @Override
  public Page<AuditEntry> list(Optional<String> targetId, int limit, Optional<String> afterId) {
    return entries.newestFirst(targetId.map(TableLayout::auditOf).orElseGet(TableLayout::auditLog), limit, afterId,
        Optional.empty()).map(AuditItem::toEntry);
  }

  /**
   * Audit ids are UUIDv7, so the entries of a time window are one id range of the log, read with a projection
   * of the action alone.
   */
  @Override
  public Map<String, Long> countActions(Instant from, Instant to) {
    Map<String, Long> byAction = new HashMap<>();
    entries.forEachBetween(TableLayout.auditLog(), Ids.lowestAt(from), Ids.highestAt(to.minusMillis(1)),
        entry -> byAction.merge(entry.action() == null ? "" : entry.action(), 1L, Long::sum), AuditItem.ACTION);
    return byAction;
  }
}
