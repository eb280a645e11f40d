package dev.blog.core.audit;

import java.time.Instant;

/** One change, written in the same transaction as the change itself. */
public record AuditEntry(String id, String actorId, String action, String targetType, String targetId, Instant at) {}
