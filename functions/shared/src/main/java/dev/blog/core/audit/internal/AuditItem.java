package dev.blog.core.audit.internal;

import dev.blog.core.audit.AuditEntry;
import dev.blog.core.store.ItemSchema;
import dev.blog.core.store.TableLayout;
import dev.blog.core.store.TableLayout.Index;
import dev.blog.core.store.Times;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The stored form of an audit entry (docs/data-design.md): key {@link TableLayout#auditEntry}, listed in
 * {@link TableLayout#auditLog} and in {@link TableLayout#auditOf} its target. Only the audit store sees it; the
 * user and post stores write entries through {@link DynamoAuditRepository#record}.
 */
record AuditItem(String id, String actorId, String action, String targetType, String targetId, String at) {
  static final String ACTION = "action";
  static final StaticImmutableTableSchema<AuditItem, Builder> SCHEMA =
      ItemSchema.of(AuditItem.class, Builder.class, Builder::new, Builder::build, a -> TableLayout.auditEntry(a.id()))
          .listedIn(Index.GSI1, a -> TableLayout.auditLog(), AuditItem::id)
          .listedIn(Index.GSI2, a -> TableLayout.auditOf(a.targetId()), AuditItem::id)
          .attribute(String.class, "id", AuditItem::id, (b, v) -> b.id = v)
          .attribute(String.class, "actorId", AuditItem::actorId, (b, v) -> b.actorId = v)
          .attribute(String.class, ACTION, AuditItem::action, (b, v) -> b.action = v)
          .attribute(String.class, "targetType", AuditItem::targetType, (b, v) -> b.targetType = v)
          .attribute(String.class, "targetId", AuditItem::targetId, (b, v) -> b.targetId = v)
          .attribute(String.class, "at", AuditItem::at, (b, v) -> b.at = v)
          .build();

  static AuditItem of(AuditEntry entry) {
    return new AuditItem(entry.id(), entry.actorId(), entry.action(), entry.targetType(), entry.targetId(),
        Times.format(entry.at()));
  }

  AuditEntry toEntry() {
    return new AuditEntry(id, actorId, action, targetType, targetId, Times.parse(at));
  }

  /** What the Enhanced Client fills when it reads an entry. */
  static final class Builder {
    private String id;
    private String actorId;
    private String action;
    private String targetType;
    private String targetId;
    private String at;

    AuditItem build() {
      return new AuditItem(id, actorId, action, targetType, targetId, at);
    }
  }
}
