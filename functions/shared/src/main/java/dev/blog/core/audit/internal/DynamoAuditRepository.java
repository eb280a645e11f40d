package dev.blog.core.audit.internal;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.audit.AuditRepository;
import dev.blog.core.store.Ids;
import dev.blog.core.store.Page;
import dev.blog.core.store.Store;
import dev.blog.core.store.TableLayout;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The audit log on its two listings: every entry ({@code gsi1}), or one target's ({@code gsi2}). */
public final class DynamoAuditRepository implements AuditRepository {
  private static final String ACTION = "action";

  private final Store store;

  public DynamoAuditRepository(Store store) {
    this.store = store;
  }

  @Override
  public Page<AuditEntry> list(Optional<String> targetId, int limit, Optional<String> afterId) {
    return store.newestFirst(targetId.map(TableLayout::auditOf).orElseGet(TableLayout::auditLog), limit, afterId,
        Optional.empty(), AuditItem::read);
  }

  /**
   * Audit ids are UUIDv7, so the entries of a time window are one id range of the log, read with a projection
   * of the action alone.
   */
  @Override
  public Map<String, Long> countActions(Instant from, Instant to) {
    Map<String, Long> byAction = new HashMap<>();
    store.forEachBetween(TableLayout.auditLog(), Ids.lowestAt(from), Ids.highestAt(to.minusMillis(1)),
        entry -> byAction.merge(entry.optionalS(ACTION).orElse(""), 1L, Long::sum), ACTION);
    return byAction;
  }
}
