package dev.blog.core.audit;

import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.security.Caller;
import dev.blog.core.security.Role;
import dev.blog.core.security.StoredCallers;
import dev.blog.core.store.Cursors;
import dev.blog.core.store.Page;
import java.util.Optional;

/** Who may read the audit log (admins, as the store knows them now), and its cursor pages. */
public final class AuditService {
  private static final String LISTING_SCOPE = "audit";
  private static final int TARGET_ID_MAX = 100;

  private final AuditRepository audit;
  private final Cursors cursors;
  private final StoredCallers callers;

  public AuditService(AuditRepository audit, Cursors cursors, StoredCallers callers) {
    this.audit = audit;
    this.cursors = cursors;
    this.callers = callers;
  }

  public AuditListing list(Caller caller, Optional<String> targetId, int limit, Optional<String> cursor) {
    callers.require(caller, Role.ADMIN); // the stored admin: a demoted one reads nothing from the next request on
    Optional<String> target = targetId.map(String::trim).filter(t -> !t.isEmpty());
    if (target.isPresent() && target.get().length() > TARGET_ID_MAX) {
      throw Invalid.field("targetId", "must be at most " + TARGET_ID_MAX + " characters");
    }
    // Bound to the target: a cursor of one target's trail is refused on another's.
    String scope = LISTING_SCOPE + "\n" + target.orElse("*");
    Page<AuditEntry> page = audit.list(target, limit, cursors.afterId(scope, cursor));
    return new AuditListing(page.items(), cursors.next(scope, page));
  }
}
