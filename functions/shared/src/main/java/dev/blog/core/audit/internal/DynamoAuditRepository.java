package dev.blog.core.audit.internal;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.audit.AuditRepository;
import dev.blog.core.store.Page;
import dev.blog.core.store.Store;
import dev.blog.core.store.TableLayout;
import java.util.Optional;

/** The audit log on its two listings: every entry ({@code gsi1}), or one target's ({@code gsi2}). */
public final class DynamoAuditRepository implements AuditRepository {
  private final Store store;

  public DynamoAuditRepository(Store store) {
    this.store = store;
  }

  @Override
  public Page<AuditEntry> list(Optional<String> targetId, int limit, Optional<String> afterId) {
    return store.newestFirst(targetId.map(TableLayout::auditOf).orElseGet(TableLayout::auditLog), limit, afterId,
        Optional.empty(), AuditItem::read);
  }
}
