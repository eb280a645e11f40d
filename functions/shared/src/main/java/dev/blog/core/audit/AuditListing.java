package dev.blog.core.audit;

import java.util.List;

/** A page of audit entries for the API, with the opaque cursor of the next page (null: last page). */
public record AuditListing(List<AuditEntry> entries, String nextCursor) {}
