package dev.blog.core.post;

import java.time.Instant;

/** A stored post. Ids are UUIDv7, so ordering by id is ordering by creation time. */
public record Post(String id, String authorId, String title, String content, boolean published, Instant createdAt,
    Instant updatedAt, long version) {}
