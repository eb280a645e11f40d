package dev.blog.core.audit;

import java.util.Optional;

/** Reads the audit log. Entries are only ever written inside the transaction of the change they record. */
public interface AuditRepository {
  /** Newest first; one target's entries when {@code targetId} is given; older than {@code beforeId} when given. */
  AuditPage list(Optional<String> targetId, int limit, Optional<String> beforeId);
}
