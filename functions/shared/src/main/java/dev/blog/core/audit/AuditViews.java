package dev.blog.core.audit;

import dev.blog.core.store.Times;

/** An audit entry on the wire. */
public final class AuditViews {
  private AuditViews() {}

  public record AuditView(String id, String actorId, String action, String targetType, String targetId, String at) {}

  public static AuditView of(AuditEntry e) {
    return new AuditView(e.id(), e.actorId(), e.action(), e.targetType(), e.targetId(), Times.format(e.at()));
  }
}
