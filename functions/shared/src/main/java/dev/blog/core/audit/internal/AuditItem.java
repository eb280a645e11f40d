package dev.blog.core.audit.internal;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.store.Attributes;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.Times;
import dev.blog.core.store.Values;
import dev.blog.core.store.Write;

/**
 * The stored form of an audit entry (README, "Data design"): key {@link TableLayout#auditEntry}, listed in
 * {@link TableLayout#auditLog} and in {@link TableLayout#auditOf} its target. The user and post stores write
 * it as a step of the change it records ({@link #put}); nothing else writes audit entries.
 */
public final class AuditItem {
  private AuditItem() {}

  /** The step that records {@code entry}: a new item, so an id is never recorded twice. */
  public static Write put(AuditEntry entry) {
    return Write.putNew(Values.item(TableLayout.auditEntry(entry.id()))
        .all(TableLayout.auditLog().entry(entry.id()))
        .all(TableLayout.auditOf(entry.targetId()).entry(entry.id()))
        .s("id", entry.id())
        .s("actorId", entry.actorId())
        .s("action", entry.action())
        .s("targetType", entry.targetType())
        .s("targetId", entry.targetId())
        .s("at", Times.format(entry.at()))
        .map());
  }

  static AuditEntry read(Attributes item) {
    return new AuditEntry(item.s("id"), item.s("actorId"), item.s("action"), item.s("targetType"), item.s("targetId"),
        Times.parse(item.s("at")));
  }
}
