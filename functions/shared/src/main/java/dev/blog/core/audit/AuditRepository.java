package dev.blog.core.audit;

import dev.blog.core.store.Page;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the audit log. Entries are only ever written inside the transaction of the change they record (by
 * the user and post stores).
 */
public interface AuditRepository {
  /** Newest first; one target's entries when {@code targetId} is given; after the entry {@code afterId} when given. */
  Page<AuditEntry> list(Optional<String> targetId, int limit, Optional<String> afterId);

  /** How many entries of each action the log holds from {@code from} (included) to {@code to} (excluded). */
  Map<String, Long> countActions(Instant from, Instant to);
}
