package dev.blog.core.audit;

import java.util.List;
import java.util.Optional;

/** One page of audit entries, newest first, with the id of the last one shown when there is a next page. */
public record AuditPage(List<AuditEntry> entries, Optional<String> lastShown) {}
